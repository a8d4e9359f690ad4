using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ApprovalFlow.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class DirectoryStamp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "directory_stamp",
                schema: "approvalflow",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_directory_stamp", x => x.id);
                });

            migrationBuilder.InsertData(
                schema: "approvalflow",
                table: "directory_stamp",
                columns: new[] { "id", "value" },
                values: new object[] { 1, 0L });

            // Every change to what a step reads of its users (existence, e-mail address, language claim, notification
            // preferences) counts in the transaction that makes it, whoever makes it (MailPeopleCache).
            migrationBuilder.Sql(
                """
                CREATE FUNCTION approvalflow.count_directory_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE approvalflow.directory_stamp SET value = value + 1 WHERE id = 1;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER tr_users_directory_stamp AFTER INSERT OR DELETE OR TRUNCATE ON approvalflow.users
                    FOR EACH STATEMENT EXECUTE FUNCTION approvalflow.count_directory_change();
                CREATE TRIGGER tr_users_email_directory_stamp AFTER UPDATE OF id, email ON approvalflow.users
                    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.email IS DISTINCT FROM NEW.email)
                    EXECUTE FUNCTION approvalflow.count_directory_change();
                CREATE TRIGGER tr_user_claims_directory_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON approvalflow.user_claims
                    FOR EACH STATEMENT EXECUTE FUNCTION approvalflow.count_directory_change();
                CREATE TRIGGER tr_notification_preferences_directory_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON approvalflow.notification_preferences
                    FOR EACH STATEMENT EXECUTE FUNCTION approvalflow.count_directory_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                DROP TRIGGER tr_notification_preferences_directory_stamp ON approvalflow.notification_preferences;
                DROP TRIGGER tr_user_claims_directory_stamp ON approvalflow.user_claims;
                DROP TRIGGER tr_users_email_directory_stamp ON approvalflow.users;
                DROP TRIGGER tr_users_directory_stamp ON approvalflow.users;
                DROP FUNCTION approvalflow.count_directory_change();
                """);

            migrationBuilder.DropTable(
                name: "directory_stamp",
                schema: "approvalflow");
        }
    }
}
