using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalFlow.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class Signals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "signal_deliveries",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    signal_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    variables = table.Column<string>(type: "jsonb", nullable: false),
                    thrown_by = table.Column<Guid>(type: "uuid", nullable: true),
                    sent_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_signal_deliveries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "signal_subscriptions",
                schema: "approvalflow",
                columns: table => new
                {
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscription_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    signal_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    node_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_signal_subscriptions", x => new { x.instance_id, x.subscription_id });
                    table.ForeignKey(
                        name: "fk_signal_subscriptions_process_instances_instance_id",
                        column: x => x.instance_id,
                        principalSchema: "approvalflow",
                        principalTable: "process_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "signal_delivery_targets",
                schema: "approvalflow",
                columns: table => new
                {
                    delivery_id = table.Column<Guid>(type: "uuid", nullable: false),
                    target_no = table.Column<int>(type: "integer", nullable: false),
                    chunk = table.Column<int>(type: "integer", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: true),
                    subscription_ids = table.Column<string[]>(type: "text[]", nullable: false),
                    definition_id = table.Column<Guid>(type: "uuid", nullable: true),
                    start_event_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_signal_delivery_targets", x => new { x.delivery_id, x.target_no });
                    table.ForeignKey(
                        name: "fk_signal_delivery_targets_signal_deliveries_delivery_id",
                        column: x => x.delivery_id,
                        principalSchema: "approvalflow",
                        principalTable: "signal_deliveries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_signal_delivery_targets_delivery_id_chunk",
                schema: "approvalflow",
                table: "signal_delivery_targets",
                columns: new[] { "delivery_id", "chunk" });

            migrationBuilder.CreateIndex(
                name: "ix_signal_subscriptions_signal_name",
                schema: "approvalflow",
                table: "signal_subscriptions",
                column: "signal_name");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "signal_delivery_targets",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "signal_subscriptions",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "signal_deliveries",
                schema: "approvalflow");
        }
    }
}
