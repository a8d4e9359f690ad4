using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalFlow.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class Consolidation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "duplicate_dismissals",
                schema: "approvalflow",
                columns: table => new
                {
                    first_item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    second_item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    dismissed_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    dismissed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_duplicate_dismissals", x => new { x.first_item_id, x.second_item_id });
                    table.ForeignKey(
                        name: "fk_duplicate_dismissals_plan_cycles_cycle_id",
                        column: x => x.cycle_id,
                        principalSchema: "approvalflow",
                        principalTable: "plan_cycles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_duplicate_dismissals_plan_items_first_item_id",
                        column: x => x.first_item_id,
                        principalSchema: "approvalflow",
                        principalTable: "plan_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_duplicate_dismissals_plan_items_second_item_id",
                        column: x => x.second_item_id,
                        principalSchema: "approvalflow",
                        principalTable: "plan_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_item_merges",
                schema: "approvalflow",
                columns: table => new
                {
                    consolidated_item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    original_item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    original_status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    merged_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    merged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_item_merges", x => new { x.consolidated_item_id, x.original_item_id });
                    table.ForeignKey(
                        name: "fk_plan_item_merges_plan_items_consolidated_item_id",
                        column: x => x.consolidated_item_id,
                        principalSchema: "approvalflow",
                        principalTable: "plan_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_plan_item_merges_plan_items_original_item_id",
                        column: x => x.original_item_id,
                        principalSchema: "approvalflow",
                        principalTable: "plan_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "priority_comparisons",
                schema: "approvalflow",
                columns: table => new
                {
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    matrix = table.Column<string>(type: "jsonb", nullable: false),
                    consistency_index = table.Column<double>(type: "double precision", nullable: false),
                    consistency_ratio = table.Column<double>(type: "double precision", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_priority_comparisons", x => x.cycle_id);
                    table.ForeignKey(
                        name: "fk_priority_comparisons_plan_cycles_cycle_id",
                        column: x => x.cycle_id,
                        principalSchema: "approvalflow",
                        principalTable: "plan_cycles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "priority_criteria",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    english_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    weight = table.Column<double>(type: "double precision", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_priority_criteria", x => x.id);
                    table.ForeignKey(
                        name: "fk_priority_criteria_plan_cycles_cycle_id",
                        column: x => x.cycle_id,
                        principalSchema: "approvalflow",
                        principalTable: "plan_cycles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "priority_scores",
                schema: "approvalflow",
                columns: table => new
                {
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    criterion_id = table.Column<Guid>(type: "uuid", nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_priority_scores", x => new { x.item_id, x.criterion_id });
                    table.CheckConstraint("ck_priority_scores_score", "score BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "fk_priority_scores_plan_items_item_id",
                        column: x => x.item_id,
                        principalSchema: "approvalflow",
                        principalTable: "plan_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_priority_scores_priority_criteria_criterion_id",
                        column: x => x.criterion_id,
                        principalSchema: "approvalflow",
                        principalTable: "priority_criteria",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_dismissals_cycle_id",
                schema: "approvalflow",
                table: "duplicate_dismissals",
                column: "cycle_id");

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_dismissals_second_item_id",
                schema: "approvalflow",
                table: "duplicate_dismissals",
                column: "second_item_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_item_merges_original_item_id",
                schema: "approvalflow",
                table: "plan_item_merges",
                column: "original_item_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_priority_criteria_cycle_id_code",
                schema: "approvalflow",
                table: "priority_criteria",
                columns: new[] { "cycle_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_priority_scores_criterion_id",
                schema: "approvalflow",
                table: "priority_scores",
                column: "criterion_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "duplicate_dismissals",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "plan_item_merges",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "priority_comparisons",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "priority_scores",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "priority_criteria",
                schema: "approvalflow");
        }
    }
}
