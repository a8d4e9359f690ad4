using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalFlow.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class TimerPoller : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_timers_due_at",
                schema: "approvalflow",
                table: "timers");

            migrationBuilder.CreateIndex(
                name: "ix_timers_due_at",
                schema: "approvalflow",
                table: "timers",
                column: "due_at",
                filter: "hangfire_job_id IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_timers_due_at",
                schema: "approvalflow",
                table: "timers");

            migrationBuilder.CreateIndex(
                name: "ix_timers_due_at",
                schema: "approvalflow",
                table: "timers",
                column: "due_at");
        }
    }
}
