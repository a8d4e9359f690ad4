using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalFlow.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class NonExecutableDefinitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_executable",
                schema: "approvalflow",
                table: "process_definitions",
                type: "boolean",
                nullable: false,
                defaultValue: true); // Every version deployed before this column ran as executable.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "is_executable",
                schema: "approvalflow",
                table: "process_definitions");
        }
    }
}
