using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalFlow.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class Inbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<string>(
                name: "cycle_title",
                schema: "approvalflow",
                table: "user_tasks",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "definition_key",
                schema: "approvalflow",
                table: "user_tasks",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "level",
                schema: "approvalflow",
                table: "user_tasks",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "search_key",
                schema: "approvalflow",
                table: "user_tasks",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "stage_id",
                schema: "approvalflow",
                table: "user_tasks",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "stage_name",
                schema: "approvalflow",
                table: "user_tasks",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "theme",
                schema: "approvalflow",
                table: "user_tasks",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "working_group",
                schema: "approvalflow",
                table: "user_tasks",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "inbox_views",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    query = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbox_views", x => x.id);
                    table.ForeignKey(
                        name: "fk_inbox_views_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalSchema: "approvalflow",
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_completed_by",
                schema: "approvalflow",
                table: "user_tasks",
                columns: new[] { "completed_by", "ended_at" },
                descending: new[] { false, true },
                filter: "status = 'Completed'");

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_open_offered_groups",
                schema: "approvalflow",
                table: "user_tasks",
                column: "candidate_groups",
                filter: "status = 'Open' AND assignee IS NULL")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_open_offered_users",
                schema: "approvalflow",
                table: "user_tasks",
                column: "candidate_users",
                filter: "status = 'Open' AND assignee IS NULL")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_search_key",
                schema: "approvalflow",
                table: "user_tasks",
                column: "search_key")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_views_user_id_name",
                schema: "approvalflow",
                table: "inbox_views",
                columns: new[] { "user_id", "name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbox_views",
                schema: "approvalflow");

            migrationBuilder.DropIndex(
                name: "ix_user_tasks_completed_by",
                schema: "approvalflow",
                table: "user_tasks");

            migrationBuilder.DropIndex(
                name: "ix_user_tasks_open_offered_groups",
                schema: "approvalflow",
                table: "user_tasks");

            migrationBuilder.DropIndex(
                name: "ix_user_tasks_open_offered_users",
                schema: "approvalflow",
                table: "user_tasks");

            migrationBuilder.DropIndex(
                name: "ix_user_tasks_search_key",
                schema: "approvalflow",
                table: "user_tasks");

            migrationBuilder.DropColumn(
                name: "cycle_title",
                schema: "approvalflow",
                table: "user_tasks");

            migrationBuilder.DropColumn(
                name: "definition_key",
                schema: "approvalflow",
                table: "user_tasks");

            migrationBuilder.DropColumn(
                name: "level",
                schema: "approvalflow",
                table: "user_tasks");

            migrationBuilder.DropColumn(
                name: "search_key",
                schema: "approvalflow",
                table: "user_tasks");

            migrationBuilder.DropColumn(
                name: "stage_id",
                schema: "approvalflow",
                table: "user_tasks");

            migrationBuilder.DropColumn(
                name: "stage_name",
                schema: "approvalflow",
                table: "user_tasks");

            migrationBuilder.DropColumn(
                name: "theme",
                schema: "approvalflow",
                table: "user_tasks");

            migrationBuilder.DropColumn(
                name: "working_group",
                schema: "approvalflow",
                table: "user_tasks");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
