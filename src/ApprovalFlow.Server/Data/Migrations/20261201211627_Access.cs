using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalFlow.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class Access : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "plan_item_deletions",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    working_group_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    deleted_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_item_deletions", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_item_deletions_plan_cycles_cycle_id",
                        column: x => x.cycle_id,
                        principalSchema: "approvalflow",
                        principalTable: "plan_cycles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_plan_item_deletions_cycle_id_working_group_id",
                schema: "approvalflow",
                table: "plan_item_deletions",
                columns: new[] { "cycle_id", "working_group_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "plan_item_deletions",
                schema: "approvalflow");
        }
    }
}
