using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalFlow.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class Monitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_history_events_node_moves",
                schema: "approvalflow",
                table: "history_events",
                columns: new[] { "instance_id", "node_id" },
                filter: "type IN ('NodeEntered', 'NodeLeft', 'NodeCancelled')")
                .Annotation("Npgsql:IndexInclude", new[] { "execution_id", "sequence", "type", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_history_events_node_moves",
                schema: "approvalflow",
                table: "history_events");
        }
    }
}
