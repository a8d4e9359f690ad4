using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalFlow.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class TimerStarts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "timer_start_firings",
                schema: "approvalflow",
                columns: table => new
                {
                    definition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    start_event_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timer_start_firings", x => new { x.definition_id, x.start_event_id, x.due_at });
                    table.ForeignKey(
                        name: "fk_timer_start_firings_process_definitions_definition_id",
                        column: x => x.definition_id,
                        principalSchema: "approvalflow",
                        principalTable: "process_definitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_timer_start_firings_process_instances_instance_id",
                        column: x => x.instance_id,
                        principalSchema: "approvalflow",
                        principalTable: "process_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "timer_start_schedules",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    definition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    definition_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    start_event_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    expression = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    next_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    occurrence = table.Column<int>(type: "integer", nullable: false),
                    fired_count = table.Column<int>(type: "integer", nullable: false),
                    last_fired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timer_start_schedules", x => x.id);
                    table.ForeignKey(
                        name: "fk_timer_start_schedules_process_definitions_definition_id",
                        column: x => x.definition_id,
                        principalSchema: "approvalflow",
                        principalTable: "process_definitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_timer_start_firings_instance_id",
                schema: "approvalflow",
                table: "timer_start_firings",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_timer_start_schedules_definition_id",
                schema: "approvalflow",
                table: "timer_start_schedules",
                column: "definition_id");

            migrationBuilder.CreateIndex(
                name: "ix_timer_start_schedules_definition_key_start_event_id",
                schema: "approvalflow",
                table: "timer_start_schedules",
                columns: new[] { "definition_key", "start_event_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "timer_start_firings",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "timer_start_schedules",
                schema: "approvalflow");
        }
    }
}
