using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalFlow.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class PlanningDirectory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "attributes",
                schema: "approvalflow",
                table: "groups",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "attributes",
                schema: "approvalflow",
                table: "groups");
        }
    }
}
