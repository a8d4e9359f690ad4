using System.Text.RegularExpressions;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ApprovalFlow.Server.Tests.Hosting;

/// <summary>
/// Several nodes starting together on one new database: the migrator takes a PostgreSQL advisory lock, so one node applies
/// the schema and the others find nothing pending. The test holds the lock itself until both nodes wait for it, which makes
/// the two starts meet at the lock whatever the machine's speed.
/// </summary>
public partial class MigrationLockTests
{
    [Fact]
    public async Task TwoNodesStartingTogether_OnAFreshDatabase_WaitForTheAdvisoryLock_AndTheSchemaIsAppliedOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var holder = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        await holder.OpenAsync();
        await ScalarAsync(holder, $"SELECT pg_advisory_lock({DatabaseMigrator.MigrationLockKey})");

        var logs = new[] { new CapturingLoggerProvider(), new CapturingLoggerProvider() };
        await using var first = Node(database, logs[0]);
        await using var second = Node(database, logs[1]);
        var starts = new[] { Task.Run(() => first.CreateClient()), Task.Run(() => second.CreateClient()) };

        await ServiceFixture.EventuallyAsync(
            async () => Convert.ToInt64(await ScalarAsync(holder, WaitersSql), System.Globalization.CultureInfo.InvariantCulture) == 2,
            "both nodes to wait for the migration lock");
        Assert.False((bool)(await ScalarAsync(holder, $"SELECT to_regclass('{ApprovalFlowDbContext.Schema}.__ef_migrations_history') IS NOT NULL"))!, "no node began migrating while another held the lock");
        await ScalarAsync(holder, $"SELECT pg_advisory_unlock({DatabaseMigrator.MigrationLockKey})");

        foreach (var client in await Task.WhenAll(starts))
        {
            using (client)
            {
                (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
            }
        }

        await using var scope = first.Services.CreateAsyncScope();
        var migrations = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>().Database.GetMigrations().Count();
        var applied = logs.Select(log => int.Parse(AppliedPattern().Match(Assert.Single(log.Entries, e => e.Category == typeof(DatabaseMigrator).FullName).Message).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new[] { 0, migrations }, applied.Order());
        Assert.Equal((long)migrations, Convert.ToInt64(await ScalarAsync(holder, $"SELECT count(*) FROM {ApprovalFlowDbContext.Schema}.__ef_migrations_history"), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Sessions waiting (not granted) for the migration lock in this database; a bigint key is split into classid (high) and objid (low).</summary>
    private static readonly string WaitersSql =
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
        + $"AND classid = {DatabaseMigrator.MigrationLockKey >> 32} AND objid = {DatabaseMigrator.MigrationLockKey & 0xFFFF_FFFF} AND objsubid = 1";

    private static WebApplicationFactory<Program> Node(TestDatabase database, CapturingLoggerProvider logs) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("ConnectionStrings:ApprovalFlow", database.ConnectionString);
            web.UseSetting("Seed:Demo", "false");
            web.UseSetting("Workflows:Directory", Path.Combine(Path.GetTempPath(), "approvalflow-no-workflows"));
            web.ConfigureLogging(logging => logging.AddProvider(logs));
            ServiceFixture.WithoutJobs(web);
        });

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    [GeneratedRegex(@"\((\d+) migrations applied by this node\)")]
    private static partial Regex AppliedPattern();
}
