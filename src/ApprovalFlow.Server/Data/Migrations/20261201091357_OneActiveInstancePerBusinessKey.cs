using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalFlow.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class OneActiveInstancePerBusinessKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ux_process_instances_active_business_key",
                schema: "approvalflow",
                table: "process_instances",
                columns: new[] { "definition_key", "business_key" },
                unique: true,
                filter: "status = 'Active' AND business_key IS NOT NULL AND parent_instance_id IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_process_instances_active_business_key",
                schema: "approvalflow",
                table: "process_instances");
        }
    }
}
