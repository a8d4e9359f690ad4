using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalFlow.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class InstanceMigration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "migrations",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    definition_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    from_version = table.Column<int>(type: "integer", nullable: false),
                    to_version = table.Column<int>(type: "integer", nullable: false),
                    mapping = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    total = table.Column<int>(type: "integer", nullable: false),
                    migrated = table.Column<int>(type: "integer", nullable: false),
                    failed = table.Column<int>(type: "integer", nullable: false),
                    created_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    job_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_migrations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "migration_instances",
                schema: "approvalflow",
                columns: table => new
                {
                    migration_id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    problem_kind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    problem_node_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_migration_instances", x => new { x.migration_id, x.instance_id });
                    table.ForeignKey(
                        name: "fk_migration_instances_migrations_migration_id",
                        column: x => x.migration_id,
                        principalSchema: "approvalflow",
                        principalTable: "migrations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_migration_instances_process_instances_instance_id",
                        column: x => x.instance_id,
                        principalSchema: "approvalflow",
                        principalTable: "process_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_migration_instances_instance_id",
                schema: "approvalflow",
                table: "migration_instances",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_migrations_definition_key_created_at",
                schema: "approvalflow",
                table: "migrations",
                columns: new[] { "definition_key", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "migration_instances",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "migrations",
                schema: "approvalflow");
        }
    }
}
