using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalFlow.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class Stakeholders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_stage_decisions_task_id",
                schema: "approvalflow",
                table: "stage_decisions");

            migrationBuilder.CreateTable(
                name: "stakeholder_invitations",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    stakeholder_id = table.Column<Guid>(type: "uuid", nullable: false),
                    working_group_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: true),
                    notification_id = table.Column<Guid>(type: "uuid", nullable: true),
                    invited_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    invited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stakeholder_invitations", x => x.id);
                    table.ForeignKey(
                        name: "fk_stakeholder_invitations_notifications_notification_id",
                        column: x => x.notification_id,
                        principalSchema: "approvalflow",
                        principalTable: "notifications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_stakeholder_invitations_stakeholders_stakeholder_id",
                        column: x => x.stakeholder_id,
                        principalSchema: "approvalflow",
                        principalTable: "stakeholders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_stakeholder_invitations_working_group_sessions_session_id",
                        column: x => x.session_id,
                        principalSchema: "approvalflow",
                        principalTable: "working_group_sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_stage_decisions_task_id",
                schema: "approvalflow",
                table: "stage_decisions",
                column: "task_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stakeholder_invitations_notification_id",
                schema: "approvalflow",
                table: "stakeholder_invitations",
                column: "notification_id");

            migrationBuilder.CreateIndex(
                name: "ix_stakeholder_invitations_session_id",
                schema: "approvalflow",
                table: "stakeholder_invitations",
                column: "session_id");

            migrationBuilder.CreateIndex(
                name: "ix_stakeholder_invitations_stakeholder_id_invited_at",
                schema: "approvalflow",
                table: "stakeholder_invitations",
                columns: new[] { "stakeholder_id", "invited_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stakeholder_invitations",
                schema: "approvalflow");

            migrationBuilder.DropIndex(
                name: "ix_stage_decisions_task_id",
                schema: "approvalflow",
                table: "stage_decisions");

            migrationBuilder.CreateIndex(
                name: "ix_stage_decisions_task_id",
                schema: "approvalflow",
                table: "stage_decisions",
                column: "task_id");
        }
    }
}
