using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalFlow.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class Designer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "draft_saved_at",
                schema: "approvalflow",
                table: "process_definitions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "draft_user_id",
                schema: "approvalflow",
                table: "process_definitions",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "definition_drafts",
                schema: "approvalflow",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    bpmn_xml = table.Column<string>(type: "text", nullable: false),
                    saved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    base_version = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_definition_drafts", x => new { x.key, x.user_id });
                    table.ForeignKey(
                        name: "fk_definition_drafts_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalSchema: "approvalflow",
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_definition_drafts_user_id",
                schema: "approvalflow",
                table: "definition_drafts",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "definition_drafts",
                schema: "approvalflow");

            migrationBuilder.DropColumn(
                name: "draft_saved_at",
                schema: "approvalflow",
                table: "process_definitions");

            migrationBuilder.DropColumn(
                name: "draft_user_id",
                schema: "approvalflow",
                table: "process_definitions");
        }
    }
}
