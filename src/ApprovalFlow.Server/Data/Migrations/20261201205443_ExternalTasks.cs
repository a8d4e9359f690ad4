using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalFlow.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class ExternalTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "external_tasks",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    job_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    execution_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    node_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    topic = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    definition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    definition_version = table.Column<int>(type: "integer", nullable: false),
                    definition_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    business_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    priority = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    available_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    worker_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lock_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retries = table.Column<int>(type: "integer", nullable: true),
                    error_message = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    error_details = table.Column<string>(type: "text", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_external_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_external_tasks_process_instances_instance_id",
                        column: x => x.instance_id,
                        principalSchema: "approvalflow",
                        principalTable: "process_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_external_tasks_instance_id_job_id",
                schema: "approvalflow",
                table: "external_tasks",
                columns: new[] { "instance_id", "job_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_external_tasks_topic_available_at",
                schema: "approvalflow",
                table: "external_tasks",
                columns: new[] { "topic", "available_at" });

            migrationBuilder.CreateIndex(
                name: "ix_external_tasks_worker_id",
                schema: "approvalflow",
                table: "external_tasks",
                column: "worker_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "external_tasks",
                schema: "approvalflow");
        }
    }
}
