using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalFlow.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class Sessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "session_attachments",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_session_attachments", x => x.id);
                    table.ForeignKey(
                        name: "fk_session_attachments_working_group_sessions_session_id",
                        column: x => x.session_id,
                        principalSchema: "approvalflow",
                        principalTable: "working_group_sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "working_group_agreements",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    working_group_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    decision = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    decided_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_working_group_agreements", x => x.id);
                    table.ForeignKey(
                        name: "fk_working_group_agreements_plan_cycles_cycle_id",
                        column: x => x.cycle_id,
                        principalSchema: "approvalflow",
                        principalTable: "plan_cycles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_working_group_agreements_user_tasks_task_id",
                        column: x => x.task_id,
                        principalSchema: "approvalflow",
                        principalTable: "user_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_session_attachments_session_id_uploaded_at",
                schema: "approvalflow",
                table: "session_attachments",
                columns: new[] { "session_id", "uploaded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_working_group_agreements_cycle_id_working_group_id_decided_",
                schema: "approvalflow",
                table: "working_group_agreements",
                columns: new[] { "cycle_id", "working_group_id", "decided_at" });

            migrationBuilder.CreateIndex(
                name: "ix_working_group_agreements_task_id",
                schema: "approvalflow",
                table: "working_group_agreements",
                column: "task_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "session_attachments",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "working_group_agreements",
                schema: "approvalflow");
        }
    }
}
