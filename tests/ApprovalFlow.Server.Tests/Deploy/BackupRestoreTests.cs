using System.Diagnostics;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Tests.Planning;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Simulation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ApprovalFlow.Server.Tests.Deploy;

/// <summary>
/// <c>deploy/backup.sh</c> and <c>deploy/restore.sh</c> on the suite's local cluster: a backup taken while a plan cycle's
/// working groups are at work, restored into a fresh database after the original is gone, carries the cycle to its end on a
/// service started on the restored database.
/// </summary>
public class BackupRestoreTests
{
    [Fact]
    public async Task Backup_TakenInTheMiddleOfACycle_RestoredIntoAFreshDatabase_RunsTheCycleToItsEnd()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("approvalflow-backup-");
        var restoredName = $"approvalflow_test_{Guid.NewGuid():N}"[..40];
        var cycle = $"bk-{Guid.NewGuid():N}"[..20];
        var source = new ServiceFixture();
        await source.InitializeAsync();
        string dump;
        SimulationResult firstPart;
        try
        {
            await PlanningSeed.SeedAsync(source);
            firstPart = await new CycleSimulator(source.Factory.CreateClient, Options(cycle) with { StopAt = "AgreeFindings" }).RunAsync(CancellationToken.None);
            Assert.Equal("stopped", firstPart.Status);
            Assert.Contains(firstPart.Tasks, t => t.NodeId == "DraftFindings");
            await QuiesceAsync(source);

            var backup = await RunAsync("backup.sh", source.Database.ConnectionString, false, "--dir", folder.FullName, "--keep", "3");
            dump = backup.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
            Assert.Matches(@"/approvalflow-approvalflow_test_[0-9a-f]+-\d{8}T\d{6}Z\.dump$", dump);
        }
        finally
        {
            await source.DisposeAsync(); // drops the original database: the rest runs on the restore alone
        }

        try
        {
            var restored = new NpgsqlConnectionStringBuilder(source.Database.ConnectionString) { Database = restoredName }.ConnectionString;
            Assert.Equal(restoredName, (await RunAsync("restore.sh", restored, false, dump, "--database", restoredName)).Trim().Split('\n')[^1]);
            Assert.Contains($"database {restoredName} exists", await RunAsync("restore.sh", restored, true, dump, "--database", restoredName), StringComparison.Ordinal);

            await using var service = Service(restored);
            var rest = await new CycleSimulator(service.CreateClient, Options(cycle) with { ResumeInstanceId = firstPart.RootInstanceId }).RunAsync(CancellationToken.None);

            Assert.Equal("completed", rest.Status);
            await using var scope = service.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
            var root = Guid.Parse(firstPart.RootInstanceId);
            var workingGroups = await db.Groups.CountAsync(g => g.Kind == "working-group");
            Assert.Equal(workingGroups, rest.WorkingGroupsCompleted);
            var tasks = await db.Tasks.Where(t => t.RootInstanceId == root).ToListAsync();
            Assert.All(tasks, t => Assert.Equal(UserTaskStatus.Completed, t.Status));
            // The tasks done before the backup are in the restore, and nothing was done twice: every task of the cycle
            // was completed by one of the two parts.
            Assert.All(firstPart.Tasks, done => Assert.Contains(tasks, t => t.InstanceId == Guid.Parse(done.InstanceId) && t.NodeId == done.NodeId && t.CompletedBy != null));
            Assert.Equal(firstPart.Tasks.Count + rest.Tasks.Count, tasks.Count);
            Assert.Equal(workingGroups + 1, tasks.Count(t => t.NodeId == "AgreeFindings"));
            Assert.Equal(PlanCycleStatus.Approved, (await db.PlanCycles.SingleAsync(c => c.RootInstanceId == root)).Status);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(source.Database.AdminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{restoredName}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
            folder.Delete(recursive: true);
        }
    }

    private static SimulationOptions Options(string cycle) =>
        new() { Password = PlanningSeed.Options.DemoPassword, Cycle = cycle, Timeout = TimeSpan.FromMinutes(10) };

    /// <summary>Waits until every outbox row is dispatched and no Hangfire job is fetched or processing, so the dump holds no job a dead server owns.</summary>
    private static async Task QuiesceAsync(ServiceFixture service) =>
        await ServiceFixture.EventuallyAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(service.Database.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"SELECT (SELECT count(*) FROM {ApprovalFlowDbContext.Schema}.outbox_messages WHERE dispatched_at IS NULL) "
                + $"+ (SELECT count(*) FROM {RuntimeModule.HangfireSchema}.jobqueue WHERE fetchedat IS NOT NULL) "
                + $"+ (SELECT count(*) FROM {RuntimeModule.HangfireSchema}.job WHERE statename IN ('Enqueued', 'Processing'))",
                connection);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 0;
        }, "the outbox and Hangfire's queues to be idle before the backup");

    private static WebApplicationFactory<Program> Service(string connectionString) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("ConnectionStrings:ApprovalFlow", connectionString);
            web.UseSetting("Seed:Demo", "false");
            web.UseSetting("Workflows:Directory", Path.Combine(TestDatabase.RepositoryRoot(), "workflows"));
        });

    /// <summary>Runs a script of deploy/ against the database of <paramref name="connectionString"/>.</summary>
    /// <returns>Its standard output, or its standard error when <paramref name="expectFailure"/> (it must then exit non-zero).</returns>
    private static async Task<string> RunAsync(string script, string connectionString, bool expectFailure, params string[] arguments)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(TestDatabase.RepositoryRoot(), "deploy", script), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ConnectionStrings__ApprovalFlow"] = connectionString;
        info.Environment["APPROVALFLOW_ENV_FILE"] = "/nonexistent";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (expectFailure)
        {
            Assert.NotEqual(0, process.ExitCode);
            return await error;
        }

        Assert.True(process.ExitCode == 0, $"{script} failed ({process.ExitCode}): {await error}");
        return await output;
    }
}
