using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ApprovalFlow.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "approvalflow");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "audit_entries",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    actor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    action = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    target = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    changes = table.Column<string>(type: "jsonb", nullable: true),
                    client_ip = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "calendar_closures",
                schema: "approvalflow",
                columns: table => new
                {
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_closures", x => x.date);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "forms",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    schema = table.Column<string>(type: "text", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    deployed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deployed_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forms", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "groups",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    kind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    attributes = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_groups", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "history_events",
                schema: "approvalflow",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    node_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    execution_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    task_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    actor = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    data = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_history_events", x => x.sequence);
                });

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
                name: "notifications",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    recipient_user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    recipient_address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    kind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    template = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    data = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    message_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: true),
                    task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    folded_into = table.Column<Guid>(type: "uuid", nullable: true),
                    job_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    dispatched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "process_definitions",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    is_executable = table.Column<bool>(type: "boolean", nullable: false),
                    bpmn_xml = table.Column<string>(type: "text", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    deployed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deployed_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    draft_user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    draft_saved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_process_definitions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "roles",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sign_in_throttles",
                schema: "approvalflow",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    failures = table.Column<int>(type: "integer", nullable: false),
                    window_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_failure_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    blocked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sign_in_throttles", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "signal_deliveries",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    signal_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    variables = table.Column<string>(type: "jsonb", nullable: false),
                    thrown_by = table.Column<Guid>(type: "uuid", nullable: true),
                    sent_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_signal_deliveries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "users",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: true),
                    security_stamp = table.Column<string>(type: "text", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true),
                    phone_number = table.Column<string>(type: "text", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    access_failed_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "process_instances",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    definition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    definition_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    definition_version = table.Column<int>(type: "integer", nullable: false),
                    business_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    state = table.Column<string>(type: "jsonb", nullable: false),
                    parent_instance_id = table.Column<Guid>(type: "uuid", nullable: true),
                    parent_execution_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    root_instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    started_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_process_instances", x => x.id);
                    table.ForeignKey(
                        name: "fk_process_instances_process_definitions_definition_id",
                        column: x => x.definition_id,
                        principalSchema: "approvalflow",
                        principalTable: "process_definitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "timer_start_schedules",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    definition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    definition_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    start_event_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    expression = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    next_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    occurrence = table.Column<int>(type: "integer", nullable: false),
                    fired_count = table.Column<int>(type: "integer", nullable: false),
                    last_fired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timer_start_schedules", x => x.id);
                    table.ForeignKey(
                        name: "fk_timer_start_schedules_process_definitions_definition_id",
                        column: x => x.definition_id,
                        principalSchema: "approvalflow",
                        principalTable: "process_definitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "role_claims",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    role_id = table.Column<string>(type: "text", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_role_claims_roles_role_id",
                        column: x => x.role_id,
                        principalSchema: "approvalflow",
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "signal_delivery_targets",
                schema: "approvalflow",
                columns: table => new
                {
                    delivery_id = table.Column<Guid>(type: "uuid", nullable: false),
                    target_no = table.Column<int>(type: "integer", nullable: false),
                    chunk = table.Column<int>(type: "integer", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: true),
                    subscription_ids = table.Column<string[]>(type: "text[]", nullable: false),
                    definition_id = table.Column<Guid>(type: "uuid", nullable: true),
                    start_event_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_signal_delivery_targets", x => new { x.delivery_id, x.target_no });
                    table.ForeignKey(
                        name: "fk_signal_delivery_targets_signal_deliveries_delivery_id",
                        column: x => x.delivery_id,
                        principalSchema: "approvalflow",
                        principalTable: "signal_deliveries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            migrationBuilder.CreateTable(
                name: "group_members",
                schema: "approvalflow",
                columns: table => new
                {
                    group_id = table.Column<string>(type: "character varying(200)", nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_group_members", x => new { x.group_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_group_members_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalSchema: "approvalflow",
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_group_members_groups_group_id",
                        column: x => x.group_id,
                        principalSchema: "approvalflow",
                        principalTable: "groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            migrationBuilder.CreateTable(
                name: "notification_preferences",
                schema: "approvalflow",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    kinds = table.Column<string>(type: "jsonb", nullable: false),
                    digest = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification_preferences", x => x.user_id);
                    table.ForeignKey(
                        name: "fk_notification_preferences_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalSchema: "approvalflow",
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "refresh_tokens",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    family_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    token_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    security_stamp = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    replaced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refresh_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_refresh_tokens_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalSchema: "approvalflow",
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_claims",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_user_claims_users_user_id",
                        column: x => x.user_id,
                        principalSchema: "approvalflow",
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_logins",
                schema: "approvalflow",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    provider_key = table.Column<string>(type: "text", nullable: false),
                    provider_display_name = table.Column<string>(type: "text", nullable: true),
                    user_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_user_logins_users_user_id",
                        column: x => x.user_id,
                        principalSchema: "approvalflow",
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_roles",
                schema: "approvalflow",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    role_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_user_roles_roles_role_id",
                        column: x => x.role_id,
                        principalSchema: "approvalflow",
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_user_roles_users_user_id",
                        column: x => x.user_id,
                        principalSchema: "approvalflow",
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_tokens",
                schema: "approvalflow",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_user_tokens_users_user_id",
                        column: x => x.user_id,
                        principalSchema: "approvalflow",
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "external_tasks",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    job_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    execution_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    node_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    topic = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    definition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    definition_version = table.Column<int>(type: "integer", nullable: false),
                    definition_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    business_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    priority = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    available_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    worker_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lock_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retries = table.Column<int>(type: "integer", nullable: true),
                    error_message = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    error_details = table.Column<string>(type: "text", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_external_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_external_tasks_process_instances_instance_id",
                        column: x => x.instance_id,
                        principalSchema: "approvalflow",
                        principalTable: "process_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    engine_incident_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    node_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    message = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents", x => x.id);
                    table.ForeignKey(
                        name: "fk_incidents_instances_instance_id",
                        column: x => x.instance_id,
                        principalSchema: "approvalflow",
                        principalTable: "process_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "message_subscriptions",
                schema: "approvalflow",
                columns: table => new
                {
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscription_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    message_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    business_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_subscriptions", x => new { x.instance_id, x.subscription_id });
                    table.ForeignKey(
                        name: "fk_message_subscriptions_instances_instance_id",
                        column: x => x.instance_id,
                        principalSchema: "approvalflow",
                        principalTable: "process_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
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

            migrationBuilder.CreateTable(
                name: "plan_cycles",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    business_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    first_year = table.Column<int>(type: "integer", nullable: false),
                    last_year = table.Column<int>(type: "integer", nullable: false),
                    themes = table.Column<string>(type: "jsonb", nullable: false),
                    root_instance_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    withdrawn_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    withdrawn_by_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    withdrawal_reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_cycles", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_cycles_process_instances_root_instance_id",
                        column: x => x.root_instance_id,
                        principalSchema: "approvalflow",
                        principalTable: "process_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "signal_subscriptions",
                schema: "approvalflow",
                columns: table => new
                {
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscription_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    signal_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    node_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_signal_subscriptions", x => new { x.instance_id, x.subscription_id });
                    table.ForeignKey(
                        name: "fk_signal_subscriptions_process_instances_instance_id",
                        column: x => x.instance_id,
                        principalSchema: "approvalflow",
                        principalTable: "process_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "timer_start_firings",
                schema: "approvalflow",
                columns: table => new
                {
                    definition_id = table.Column<Guid>(type: "uuid", nullable: false),
                    start_event_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timer_start_firings", x => new { x.definition_id, x.start_event_id, x.due_at });
                    table.ForeignKey(
                        name: "fk_timer_start_firings_process_definitions_definition_id",
                        column: x => x.definition_id,
                        principalSchema: "approvalflow",
                        principalTable: "process_definitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_timer_start_firings_process_instances_instance_id",
                        column: x => x.instance_id,
                        principalSchema: "approvalflow",
                        principalTable: "process_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "timers",
                schema: "approvalflow",
                columns: table => new
                {
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    timer_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    node_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    hangfire_job_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timers", x => new { x.instance_id, x.timer_id });
                    table.ForeignKey(
                        name: "fk_timers_process_instances_instance_id",
                        column: x => x.instance_id,
                        principalSchema: "approvalflow",
                        principalTable: "process_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_tasks",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    root_instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    engine_task_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    node_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    assignee = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    candidate_groups = table.Column<string[]>(type: "text[]", nullable: false),
                    candidate_users = table.Column<string[]>(type: "text[]", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    follow_up_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    form_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    form_version = table.Column<int>(type: "integer", nullable: true),
                    item = table.Column<string>(type: "jsonb", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    reminder_job_ids = table.Column<string[]>(type: "text[]", nullable: false),
                    definition_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    stage_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    stage_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    theme = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    level = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    cycle_title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    working_group = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    search_key = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_user_tasks_process_instances_instance_id",
                        column: x => x.instance_id,
                        principalSchema: "approvalflow",
                        principalTable: "process_instances",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_item_deletions",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    working_group_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    deleted_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_item_deletions", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_item_deletions_plan_cycles_cycle_id",
                        column: x => x.cycle_id,
                        principalSchema: "approvalflow",
                        principalTable: "plan_cycles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_items",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    description = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    search_key = table.Column<string>(type: "character varying(9000)", maxLength: 9000, nullable: false),
                    theme = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    unit = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    working_group_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    sources = table.Column<List<string>>(type: "text[]", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    merged_into_id = table.Column<Guid>(type: "uuid", nullable: true),
                    is_consolidated = table.Column<bool>(type: "boolean", nullable: false),
                    responsible_unit = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    start_year = table.Column<int>(type: "integer", nullable: true),
                    end_year = table.Column<int>(type: "integer", nullable: true),
                    cost_rials = table.Column<long>(type: "bigint", nullable: true),
                    agreement = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    votes_for = table.Column<int>(type: "integer", nullable: true),
                    votes_against = table.Column<int>(type: "integer", nullable: true),
                    votes_abstain = table.Column<int>(type: "integer", nullable: true),
                    created_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_items_plan_cycles_cycle_id",
                        column: x => x.cycle_id,
                        principalSchema: "approvalflow",
                        principalTable: "plan_cycles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_plan_items_plan_items_merged_into_id",
                        column: x => x.merged_into_id,
                        principalSchema: "approvalflow",
                        principalTable: "plan_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
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
                name: "stakeholders",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    organization = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    stakeholder_group = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    phone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    themes = table.Column<List<string>>(type: "text[]", nullable: false),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    created_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stakeholders", x => x.id);
                    table.ForeignKey(
                        name: "fk_stakeholders_plan_cycles_cycle_id",
                        column: x => x.cycle_id,
                        principalSchema: "approvalflow",
                        principalTable: "plan_cycles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "working_group_sessions",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    working_group_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    place = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    online = table.Column<bool>(type: "boolean", nullable: false),
                    agenda = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    minutes = table.Column<string>(type: "text", nullable: true),
                    sources = table.Column<List<string>>(type: "text[]", nullable: false),
                    created_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_working_group_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_working_group_sessions_plan_cycles_cycle_id",
                        column: x => x.cycle_id,
                        principalSchema: "approvalflow",
                        principalTable: "plan_cycles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "stage_decisions",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    body = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    decision = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    resolution_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    resolution_date = table.Column<DateOnly>(type: "date", nullable: true),
                    comment = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    reopened_working_groups = table.Column<List<string>>(type: "text[]", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stage_decisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_stage_decisions_plan_cycles_cycle_id",
                        column: x => x.cycle_id,
                        principalSchema: "approvalflow",
                        principalTable: "plan_cycles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_stage_decisions_user_tasks_task_id",
                        column: x => x.task_id,
                        principalSchema: "approvalflow",
                        principalTable: "user_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "task_attachments",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_attachments", x => x.id);
                    table.ForeignKey(
                        name: "fk_task_attachments_tasks_task_id",
                        column: x => x.task_id,
                        principalSchema: "approvalflow",
                        principalTable: "user_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "task_comments",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_comments", x => x.id);
                    table.ForeignKey(
                        name: "fk_task_comments_tasks_task_id",
                        column: x => x.task_id,
                        principalSchema: "approvalflow",
                        principalTable: "user_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "working_group_agreements",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    cycle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    working_group_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    task_id = table.Column<Guid>(type: "uuid", nullable: true),
                    decision = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    decided_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_working_group_agreements", x => x.id);
                    table.ForeignKey(
                        name: "fk_working_group_agreements_plan_cycles_cycle_id",
                        column: x => x.cycle_id,
                        principalSchema: "approvalflow",
                        principalTable: "plan_cycles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_working_group_agreements_user_tasks_task_id",
                        column: x => x.task_id,
                        principalSchema: "approvalflow",
                        principalTable: "user_tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

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
                name: "plan_item_links",
                schema: "approvalflow",
                columns: table => new
                {
                    from_item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to_item_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_item_links", x => new { x.from_item_id, x.to_item_id });
                    table.ForeignKey(
                        name: "fk_plan_item_links_plan_items_from_item_id",
                        column: x => x.from_item_id,
                        principalSchema: "approvalflow",
                        principalTable: "plan_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_plan_item_links_plan_items_to_item_id",
                        column: x => x.to_item_id,
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

            migrationBuilder.CreateTable(
                name: "plan_item_sessions",
                schema: "approvalflow",
                columns: table => new
                {
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_item_sessions", x => new { x.item_id, x.session_id });
                    table.ForeignKey(
                        name: "fk_plan_item_sessions_plan_items_item_id",
                        column: x => x.item_id,
                        principalSchema: "approvalflow",
                        principalTable: "plan_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_plan_item_sessions_sessions_session_id",
                        column: x => x.session_id,
                        principalSchema: "approvalflow",
                        principalTable: "working_group_sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "session_attachments",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_session_attachments", x => x.id);
                    table.ForeignKey(
                        name: "fk_session_attachments_working_group_sessions_session_id",
                        column: x => x.session_id,
                        principalSchema: "approvalflow",
                        principalTable: "working_group_sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "session_attendees",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stakeholder_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    stakeholder_group = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_session_attendees", x => x.id);
                    table.ForeignKey(
                        name: "fk_session_attendees_sessions_session_id",
                        column: x => x.session_id,
                        principalSchema: "approvalflow",
                        principalTable: "working_group_sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_session_attendees_stakeholders_stakeholder_id",
                        column: x => x.stakeholder_id,
                        principalSchema: "approvalflow",
                        principalTable: "stakeholders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "stakeholder_invitations",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    stakeholder_id = table.Column<Guid>(type: "uuid", nullable: false),
                    working_group_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: true),
                    notification_id = table.Column<Guid>(type: "uuid", nullable: true),
                    invited_by = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    invited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stakeholder_invitations", x => x.id);
                    table.ForeignKey(
                        name: "fk_stakeholder_invitations_notifications_notification_id",
                        column: x => x.notification_id,
                        principalSchema: "approvalflow",
                        principalTable: "notifications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_stakeholder_invitations_stakeholders_stakeholder_id",
                        column: x => x.stakeholder_id,
                        principalSchema: "approvalflow",
                        principalTable: "stakeholders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_stakeholder_invitations_working_group_sessions_session_id",
                        column: x => x.session_id,
                        principalSchema: "approvalflow",
                        principalTable: "working_group_sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "stage_decision_items",
                schema: "approvalflow",
                columns: table => new
                {
                    decision_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    reopen = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stage_decision_items", x => new { x.decision_id, x.item_id });
                    table.ForeignKey(
                        name: "fk_stage_decision_items_plan_items_item_id",
                        column: x => x.item_id,
                        principalSchema: "approvalflow",
                        principalTable: "plan_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_stage_decision_items_stage_decisions_decision_id",
                        column: x => x.decision_id,
                        principalSchema: "approvalflow",
                        principalTable: "stage_decisions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_actor_id_at",
                schema: "approvalflow",
                table: "audit_entries",
                columns: new[] { "actor_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_at",
                schema: "approvalflow",
                table: "audit_entries",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_definition_drafts_user_id",
                schema: "approvalflow",
                table: "definition_drafts",
                column: "user_id");

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
                name: "ix_external_tasks_instance_id_job_id",
                schema: "approvalflow",
                table: "external_tasks",
                columns: new[] { "instance_id", "job_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_external_tasks_topic_available_at",
                schema: "approvalflow",
                table: "external_tasks",
                columns: new[] { "topic", "available_at" });

            migrationBuilder.CreateIndex(
                name: "ix_external_tasks_worker_id",
                schema: "approvalflow",
                table: "external_tasks",
                column: "worker_id");

            migrationBuilder.CreateIndex(
                name: "ix_forms_key_sha256",
                schema: "approvalflow",
                table: "forms",
                columns: new[] { "key", "sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_forms_key_version",
                schema: "approvalflow",
                table: "forms",
                columns: new[] { "key", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_group_members_user_id",
                schema: "approvalflow",
                table: "group_members",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_history_events_instance_id_sequence",
                schema: "approvalflow",
                table: "history_events",
                columns: new[] { "instance_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_history_events_node_moves",
                schema: "approvalflow",
                table: "history_events",
                columns: new[] { "instance_id", "node_id" },
                filter: "type IN ('NodeEntered', 'NodeLeft', 'NodeCancelled')")
                .Annotation("Npgsql:IndexInclude", new[] { "execution_id", "sequence", "type", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_inbox_views_user_id_name",
                schema: "approvalflow",
                table: "inbox_views",
                columns: new[] { "user_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_incidents_instance_id_engine_incident_id",
                schema: "approvalflow",
                table: "incidents",
                columns: new[] { "instance_id", "engine_incident_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_incidents_resolved_at",
                schema: "approvalflow",
                table: "incidents",
                column: "resolved_at");

            migrationBuilder.CreateIndex(
                name: "ix_message_subscriptions_message_name_business_key",
                schema: "approvalflow",
                table: "message_subscriptions",
                columns: new[] { "message_name", "business_key" });

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

            migrationBuilder.CreateIndex(
                name: "ix_notification_preferences_digest",
                schema: "approvalflow",
                table: "notification_preferences",
                column: "digest",
                filter: "digest");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_recipient_address_status_kind",
                schema: "approvalflow",
                table: "notifications",
                columns: new[] { "recipient_address", "status", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_status_created_at",
                schema: "approvalflow",
                table: "notifications",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_task_id",
                schema: "approvalflow",
                table: "notifications",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_pending",
                schema: "approvalflow",
                table: "outbox_messages",
                column: "id",
                filter: "dispatched_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_plan_cycles_business_key",
                schema: "approvalflow",
                table: "plan_cycles",
                column: "business_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_cycles_root_instance_id",
                schema: "approvalflow",
                table: "plan_cycles",
                column: "root_instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_item_deletions_cycle_id_working_group_id",
                schema: "approvalflow",
                table: "plan_item_deletions",
                columns: new[] { "cycle_id", "working_group_id" });

            migrationBuilder.CreateIndex(
                name: "ix_plan_item_links_to_item_id",
                schema: "approvalflow",
                table: "plan_item_links",
                column: "to_item_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_item_merges_original_item_id",
                schema: "approvalflow",
                table: "plan_item_merges",
                column: "original_item_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_item_sessions_session_id",
                schema: "approvalflow",
                table: "plan_item_sessions",
                column: "session_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_items_cycle_id_theme_kind_level",
                schema: "approvalflow",
                table: "plan_items",
                columns: new[] { "cycle_id", "theme", "kind", "level" });

            migrationBuilder.CreateIndex(
                name: "ix_plan_items_cycle_id_working_group_id",
                schema: "approvalflow",
                table: "plan_items",
                columns: new[] { "cycle_id", "working_group_id" });

            migrationBuilder.CreateIndex(
                name: "ix_plan_items_merged_into_id",
                schema: "approvalflow",
                table: "plan_items",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_items_search_key",
                schema: "approvalflow",
                table: "plan_items",
                column: "search_key")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

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

            migrationBuilder.CreateIndex(
                name: "ix_process_definitions_key_sha256",
                schema: "approvalflow",
                table: "process_definitions",
                columns: new[] { "key", "sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_process_definitions_key_version",
                schema: "approvalflow",
                table: "process_definitions",
                columns: new[] { "key", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_process_instances_business_key",
                schema: "approvalflow",
                table: "process_instances",
                column: "business_key");

            migrationBuilder.CreateIndex(
                name: "ix_process_instances_definition_id",
                schema: "approvalflow",
                table: "process_instances",
                column: "definition_id");

            migrationBuilder.CreateIndex(
                name: "ix_process_instances_definition_key_status",
                schema: "approvalflow",
                table: "process_instances",
                columns: new[] { "definition_key", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_process_instances_parent_instance_id",
                schema: "approvalflow",
                table: "process_instances",
                column: "parent_instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_process_instances_root_instance_id",
                schema: "approvalflow",
                table: "process_instances",
                column: "root_instance_id");

            migrationBuilder.CreateIndex(
                name: "ux_process_instances_active_business_key",
                schema: "approvalflow",
                table: "process_instances",
                columns: new[] { "definition_key", "business_key" },
                unique: true,
                filter: "status = 'Active' AND business_key IS NOT NULL AND parent_instance_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_refresh_tokens_expires_at",
                schema: "approvalflow",
                table: "refresh_tokens",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_refresh_tokens_family_id",
                schema: "approvalflow",
                table: "refresh_tokens",
                column: "family_id");

            migrationBuilder.CreateIndex(
                name: "ix_refresh_tokens_token_hash",
                schema: "approvalflow",
                table: "refresh_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_refresh_tokens_user_id",
                schema: "approvalflow",
                table: "refresh_tokens",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_role_claims_role_id",
                schema: "approvalflow",
                table: "role_claims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                schema: "approvalflow",
                table: "roles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_session_attachments_session_id_uploaded_at",
                schema: "approvalflow",
                table: "session_attachments",
                columns: new[] { "session_id", "uploaded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_session_attendees_session_id",
                schema: "approvalflow",
                table: "session_attendees",
                column: "session_id");

            migrationBuilder.CreateIndex(
                name: "ix_session_attendees_stakeholder_id",
                schema: "approvalflow",
                table: "session_attendees",
                column: "stakeholder_id");

            migrationBuilder.CreateIndex(
                name: "ix_sign_in_throttles_last_failure_at",
                schema: "approvalflow",
                table: "sign_in_throttles",
                column: "last_failure_at");

            migrationBuilder.CreateIndex(
                name: "ix_signal_delivery_targets_delivery_id_chunk",
                schema: "approvalflow",
                table: "signal_delivery_targets",
                columns: new[] { "delivery_id", "chunk" });

            migrationBuilder.CreateIndex(
                name: "ix_signal_subscriptions_signal_name",
                schema: "approvalflow",
                table: "signal_subscriptions",
                column: "signal_name");

            migrationBuilder.CreateIndex(
                name: "ix_stage_decision_items_item_id",
                schema: "approvalflow",
                table: "stage_decision_items",
                column: "item_id");

            migrationBuilder.CreateIndex(
                name: "ix_stage_decisions_cycle_id_decided_at",
                schema: "approvalflow",
                table: "stage_decisions",
                columns: new[] { "cycle_id", "decided_at" });

            migrationBuilder.CreateIndex(
                name: "ix_stage_decisions_task_id",
                schema: "approvalflow",
                table: "stage_decisions",
                column: "task_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stakeholder_invitations_notification_id",
                schema: "approvalflow",
                table: "stakeholder_invitations",
                column: "notification_id");

            migrationBuilder.CreateIndex(
                name: "ix_stakeholder_invitations_session_id",
                schema: "approvalflow",
                table: "stakeholder_invitations",
                column: "session_id");

            migrationBuilder.CreateIndex(
                name: "ix_stakeholder_invitations_stakeholder_id_invited_at",
                schema: "approvalflow",
                table: "stakeholder_invitations",
                columns: new[] { "stakeholder_id", "invited_at" });

            migrationBuilder.CreateIndex(
                name: "ix_stakeholders_cycle_id_stakeholder_group",
                schema: "approvalflow",
                table: "stakeholders",
                columns: new[] { "cycle_id", "stakeholder_group" });

            migrationBuilder.CreateIndex(
                name: "ix_task_attachments_task_id_uploaded_at",
                schema: "approvalflow",
                table: "task_attachments",
                columns: new[] { "task_id", "uploaded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_task_comments_task_id_at",
                schema: "approvalflow",
                table: "task_comments",
                columns: new[] { "task_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_timer_start_firings_instance_id",
                schema: "approvalflow",
                table: "timer_start_firings",
                column: "instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_timer_start_schedules_definition_id",
                schema: "approvalflow",
                table: "timer_start_schedules",
                column: "definition_id");

            migrationBuilder.CreateIndex(
                name: "ix_timer_start_schedules_definition_key_start_event_id",
                schema: "approvalflow",
                table: "timer_start_schedules",
                columns: new[] { "definition_key", "start_event_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_timers_due_at",
                schema: "approvalflow",
                table: "timers",
                column: "due_at");

            migrationBuilder.CreateIndex(
                name: "ix_user_claims_user_id",
                schema: "approvalflow",
                table: "user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_logins_user_id",
                schema: "approvalflow",
                table: "user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_roles_role_id",
                schema: "approvalflow",
                table: "user_roles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_assignee_status_created_at",
                schema: "approvalflow",
                table: "user_tasks",
                columns: new[] { "assignee", "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_candidate_groups",
                schema: "approvalflow",
                table: "user_tasks",
                column: "candidate_groups")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_candidate_users",
                schema: "approvalflow",
                table: "user_tasks",
                column: "candidate_users")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_completed_by",
                schema: "approvalflow",
                table: "user_tasks",
                columns: new[] { "completed_by", "ended_at" },
                descending: new[] { false, true },
                filter: "status = 'Completed'");

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_instance_id_engine_task_id",
                schema: "approvalflow",
                table: "user_tasks",
                columns: new[] { "instance_id", "engine_task_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_open_inbox",
                schema: "approvalflow",
                table: "user_tasks",
                columns: new[] { "assignee", "priority", "created_at", "id" },
                descending: new[] { false, true, false, false },
                filter: "status = 'Open'");

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
                name: "ix_user_tasks_root_instance_id",
                schema: "approvalflow",
                table: "user_tasks",
                column: "root_instance_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_search_key",
                schema: "approvalflow",
                table: "user_tasks",
                column: "search_key")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_user_tasks_status_created_at",
                schema: "approvalflow",
                table: "user_tasks",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                schema: "approvalflow",
                table: "users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                schema: "approvalflow",
                table: "users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_working_group_agreements_cycle_id_working_group_id_decided_",
                schema: "approvalflow",
                table: "working_group_agreements",
                columns: new[] { "cycle_id", "working_group_id", "decided_at" });

            migrationBuilder.CreateIndex(
                name: "ix_working_group_agreements_task_id",
                schema: "approvalflow",
                table: "working_group_agreements",
                column: "task_id");

            migrationBuilder.CreateIndex(
                name: "ix_working_group_sessions_cycle_id_working_group_id_date",
                schema: "approvalflow",
                table: "working_group_sessions",
                columns: new[] { "cycle_id", "working_group_id", "date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_entries",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "calendar_closures",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "data_protection_keys",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "definition_drafts",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "duplicate_dismissals",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "external_tasks",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "forms",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "group_members",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "history_events",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "inbox_views",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "incidents",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "message_subscriptions",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "migration_instances",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "notification_preferences",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "outbox_messages",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "plan_item_deletions",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "plan_item_links",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "plan_item_merges",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "plan_item_sessions",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "priority_comparisons",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "priority_scores",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "refresh_tokens",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "role_claims",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "session_attachments",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "session_attendees",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "sign_in_throttles",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "signal_delivery_targets",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "signal_subscriptions",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "stage_decision_items",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "stakeholder_invitations",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "task_attachments",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "task_comments",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "timer_start_firings",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "timer_start_schedules",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "timers",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "user_claims",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "user_logins",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "user_roles",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "user_tokens",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "working_group_agreements",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "groups",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "migrations",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "priority_criteria",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "signal_deliveries",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "plan_items",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "stage_decisions",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "notifications",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "stakeholders",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "working_group_sessions",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "roles",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "users",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "user_tasks",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "plan_cycles",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "process_instances",
                schema: "approvalflow");

            migrationBuilder.DropTable(
                name: "process_definitions",
                schema: "approvalflow");
        }
    }
}
