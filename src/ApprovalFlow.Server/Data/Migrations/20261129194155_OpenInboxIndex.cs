using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalFlow.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class OpenInboxIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_open_inbox",
                schema: "approvalflow",
                table: "user_tasks",
                columns: new[] { "assignee", "priority", "created_at", "id" },
                descending: new[] { false, true, false, false },
                filter: "status = 'Open'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_user_tasks_open_inbox",
                schema: "approvalflow",
                table: "user_tasks");
        }
    }
}
