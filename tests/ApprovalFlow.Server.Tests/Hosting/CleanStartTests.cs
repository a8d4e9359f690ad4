using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Server.Features.Directory;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ApprovalFlow.Server.Tests.Hosting;

/// <summary>
/// A first start as <c>deploy/run.sh</c> makes it: a database that does not exist yet, the demo seed on,
/// <c>Workflows:Directory</c> at its default (<c>workflows</c>, which is not under the content root, so the
/// copy beside the binaries is deployed).
/// </summary>
public class CleanStartTests
{
    [Fact]
    public async Task FirstStart_OnANewDatabase_LogsNoWarningOrError_OneSeedSummary_AndTheBannersPersonHasATask()
    {
        await using var database = await TestDatabase.NotCreatedAsync();
        var first = new CapturingLoggerProvider();
        await using (var factory = DemoHost(database, first))
        {
            using var client = factory.CreateClient();
            (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();

            var login = await client.PostAsJsonAsync("/api/auth/login", new { email = "elham.moradi@approvalflow.local", password = SeedOptions.DefaultDemoPassword });
            login.EnsureSuccessStatusCode();
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            await ServiceFixture.EventuallyAsync(
                async () => (await client.GetOkAsync("/api/tasks?scope=group")).Items().Any(t => t.Str("nodeId") == "IdentifyStakeholders"),
                "the theme coordinator's stakeholder identification task (after the demo cycle loads its working groups)");

            var definitions = await client.GetOkAsync("/api/definitions");
            Assert.Equal(["mid-term-plan", "working-group"], definitions.EnumerateArray().Select(d => d.Str("key")).Order(StringComparer.Ordinal));

            var entries = first.Entries;
            Assert.Empty(entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.ToString()));
            var seed = Assert.Single(entries, e => e.Category == typeof(DemoSeeder).FullName);
            Assert.Equal("SeedDone", seed.EventId.Name);
            var (groups, users) = await DirectoryFileCountsAsync();
            Assert.Contains($"{groups} groups, {users + 2} users", seed.Message, StringComparison.Ordinal);
            Assert.Contains(entries, e => e.Message.EndsWith(": 2 files, 2 new definition versions, 0 unchanged", StringComparison.Ordinal));
        }

        var second = new CapturingLoggerProvider();
        await using (var factory = DemoHost(database, second))
        {
            using var client = factory.CreateClient();
            (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();

            var entries = second.Entries;
            Assert.Empty(entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.ToString()));
            Assert.Contains("0 groups, 0 users", Assert.Single(entries, e => e.Category == typeof(DemoSeeder).FullName).Message, StringComparison.Ordinal);
            Assert.Contains(entries, e => e.Message.EndsWith(": 2 files, 0 new definition versions, 2 unchanged", StringComparison.Ordinal));
            Assert.Equal(2, entries.Count(e => e.Message.StartsWith("Definition ", StringComparison.Ordinal) && e.Message.Contains(" is unchanged at version 1", StringComparison.Ordinal)));
            Assert.DoesNotContain(entries, e => e.Message.StartsWith("Deployed", StringComparison.Ordinal));
        }
    }

    private static WebApplicationFactory<Program> DemoHost(TestDatabase database, CapturingLoggerProvider logs) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:ApprovalFlow", database.ConnectionString);
            web.UseSetting("Seed:Demo", "true");
            web.ConfigureLogging(logging => logging.AddProvider(logs));
        });

    /// <summary>How many groups and users the shipped directory file lists.</summary>
    private static async Task<(int Groups, int Users)> DirectoryFileCountsAsync()
    {
        var directory = await DemoDirectory.LoadAsync(Path.Combine(TestDatabase.RepositoryRoot(), "deploy", "seed", "mashhad-directory.json"), CancellationToken.None);
        return (directory.Groups.Count, directory.Users.Count);
    }
}
