using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Migrations;

/// <summary>
/// <c>/api/migrations</c> on a small review process: version 1 is draft → approve → publish, version 2
/// draft → approve → legal review → sign. Each test deploys its own key.
/// </summary>
[Collection(MigrationGroup.Name)]
public sealed class MigrationApiTests(MigrationFixture service)
{
    private const string Group = "migration-office";

    [Fact]
    public async Task Mapping_a_waiting_task_to_LegalReview_moves_the_token_there_and_creates_that_task()
    {
        var (key, api, official) = await DeployV1Async();
        var instance = await api.StartAsync(key);
        await CompleteAsync(official, await api.OpenTaskAsync(instance, "Draft"));
        var approve = await api.OpenTaskAsync(instance, "Approve");
        await DeployV2Async(api, key);

        var preview = await api.DryRunAsync(key, 1, 2, new Dictionary<string, string> { ["Approve"] = "LegalReview" });

        var planned = Assert.Single(preview.GetProperty("instances").EnumerateArray());
        Assert.True(planned.GetProperty("movable").GetBoolean());
        var token = Assert.Single(planned.GetProperty("tokens").EnumerateArray());
        Assert.Equal(("Approve", "LegalReview", "بررسی حقوقی"), (token.GetProperty("from").Str("nodeId"), token.GetProperty("to").Str("nodeId"), token.GetProperty("to").Str("name")));
        Assert.Equal(["LegalReview"], planned.GetProperty("createdTasks").EnumerateArray().Select(n => n.Str("nodeId")));
        Assert.Equal(1, (await api.InstanceAsync(instance)).GetProperty("definitionVersion").GetInt32());

        var done = await api.ApplyAsync(key, 1, 2, new Dictionary<string, string> { ["Approve"] = "LegalReview" });

        Assert.Equal((1, 0, 0), (done.GetProperty("migrated").GetInt32(), done.GetProperty("failed").GetInt32(), done.GetProperty("pending").GetInt32()));
        Assert.Equal(2, (await api.InstanceAsync(instance)).GetProperty("definitionVersion").GetInt32());
        var legal = await api.OpenTaskAsync(instance, "LegalReview");
        Assert.Equal([Group], legal.GetProperty("candidateGroups").EnumerateArray().Select(g => g.GetString()));
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        Assert.Equal(UserTaskStatus.Cancelled, (await db.Tasks.SingleAsync(t => t.Id == approve.GetProperty("id").GetGuid())).Status);
        await CompleteAsync(official, legal);
        Assert.Equal(["Sign"], (await api.OpenTasksAsync(instance)).Select(t => t.Str("nodeId")));
    }

    [Fact]
    public async Task An_instance_with_an_unmapped_active_node_is_refused_in_the_dry_run_and_stays_on_its_version_after_apply()
    {
        var (key, api, official) = await DeployV1Async();
        var atPublish = await api.StartAsync(key);
        await CompleteAsync(official, await api.OpenTaskAsync(atPublish, "Draft"));
        await CompleteAsync(official, await api.OpenTaskAsync(atPublish, "Approve"));
        var publish = await api.OpenTaskAsync(atPublish, "Publish");
        var atDraft = await api.StartAsync(key);
        await DeployV2Async(api, key);

        var preview = await api.DryRunAsync(key, 1, 2);

        Assert.Equal((1, 1), (preview.GetProperty("movable").GetInt32(), preview.GetProperty("refused").GetInt32()));
        var refused = Assert.Single(preview.GetProperty("instances").EnumerateArray(), i => i.GetProperty("instanceId").GetGuid() == atPublish);
        Assert.False(refused.GetProperty("movable").GetBoolean());
        var problem = Assert.Single(refused.GetProperty("problems").EnumerateArray());
        Assert.Equal(("unmapped", "Publish", "انتشار"), (problem.Str("kind"), problem.GetProperty("node").Str("nodeId"), problem.GetProperty("node").Str("name")));

        var done = await api.ApplyAsync(key, 1, 2);

        Assert.Equal((1, 1), (done.GetProperty("migrated").GetInt32(), done.GetProperty("failed").GetInt32()));
        var failed = Assert.Single(done.GetProperty("instances").EnumerateArray(), i => i.Str("status") == "failed");
        Assert.Equal(atPublish, failed.GetProperty("instanceId").GetGuid());
        Assert.Contains("'Publish'", failed.Str("reason"), StringComparison.Ordinal);
        Assert.Equal(1, (await api.InstanceAsync(atPublish)).GetProperty("definitionVersion").GetInt32());
        Assert.Equal(publish.GetProperty("id").GetGuid(), (await api.OpenTaskAsync(atPublish, "Publish")).GetProperty("id").GetGuid());
        Assert.DoesNotContain(await api.HistoryAsync(atPublish), h => h.Str("type") == "instanceMigrated");
        Assert.Equal(2, (await api.InstanceAsync(atDraft)).GetProperty("definitionVersion").GetInt32());
    }

    /// <summary>
    /// The official completes the task while the batch job migrates its instance: whichever commits
    /// first, the other runs again on the new state, so the completion and the migration both hold.
    /// </summary>
    [Fact]
    public async Task A_completion_during_apply_loses_nothing()
    {
        var (key, api, official) = await DeployV1Async();
        var instance = await api.StartAsync(key);
        await CompleteAsync(official, await api.OpenTaskAsync(instance, "Draft"));
        var approve = await api.OpenTaskAsync(instance, "Approve");
        var approveId = approve.GetProperty("id").GetGuid();
        (await official.PostAsJsonAsync($"/api/tasks/{approveId}/claim", new { })).EnsureSuccessStatusCode();
        await DeployV2Async(api, key);

        var migrate = api.Owner.PostOkAsync("/api/migrations", new
        {
            definitionKey = key, fromVersion = 1, toVersion = 2, mapping = new Dictionary<string, string> { ["Publish"] = "Sign" }, instanceIds = new[] { instance }, dryRun = false,
        }, HttpStatusCode.Accepted);
        var complete = official.PostAsJsonAsync($"/api/tasks/{approveId}/complete", new { variables = new { approved = true } });
        await Task.WhenAll(migrate, complete);
        (await complete).EnsureSuccessStatusCode();
        var done = await api.WaitAsync((await migrate).GetProperty("id").GetGuid());

        Assert.Equal(1, done.GetProperty("migrated").GetInt32());
        Assert.Equal(2, (await api.InstanceAsync(instance)).GetProperty("definitionVersion").GetInt32());
        var open = Assert.Single(await api.OpenTasksAsync(instance));
        Assert.Contains(open.Str("nodeId"), new[] { "LegalReview", "Sign" });
        var history = await api.HistoryAsync(instance);
        Assert.Single(history, h => h.Str("type") == "instanceMigrated");
        Assert.Single(history, h => h.Str("type") == "taskCompleted" && h.Str("nodeId") == "Approve");
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var row = await db.Tasks.SingleAsync(t => t.Id == approveId);
        Assert.Equal(UserTaskStatus.Completed, row.Status);
        Assert.NotNull(row.CompletedBy);
        var state = (await db.Instances.SingleAsync(i => i.Id == instance)).State;
        Assert.Equal([open.Str("nodeId")], state.Tasks.Select(t => t.NodeId));
        Assert.Equal(2, state.DefinitionVersion);
    }

    [Fact]
    public async Task Bad_input_is_answered_with_problem_details_and_officials_may_not_migrate()
    {
        var (key, api, official) = await DeployV1Async();
        await DeployV2Async(api, key);

        var same = await (await api.PostAsync(new { definitionKey = key, fromVersion = 2, toVersion = 2, dryRun = true })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("both 2", same.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(("sameVersion", "toVersion"), (same.Str("code"), same.Str("field")));
        var unknown = await (await api.PostAsync(new { definitionKey = key, fromVersion = 1, toVersion = 7, dryRun = true })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("no version 7", unknown.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(("versionMissing", "toVersion"), (unknown.Str("code"), unknown.Str("field")));
        var noKey = await (await api.PostAsync(new { definitionKey = "", fromVersion = 1, toVersion = 2, dryRun = true })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(("definitionKeyRequired", "definitionKey", "definitionKey is required."), (noKey.Str("code"), noKey.Str("field"), noKey.Str("detail")));
        var nowhere = await (await api.PostAsync(new { definitionKey = key, fromVersion = 1, toVersion = 2, mapping = new Dictionary<string, string> { ["Publish"] = "Nowhere" }, dryRun = true })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'Nowhere'", nowhere.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(("targetNodeMissing", "mapping"), (nowhere.Str("code"), nowhere.Str("field")));
        var ghost = await (await api.PostAsync(new { definitionKey = key, fromVersion = 1, toVersion = 2, mapping = new Dictionary<string, string> { ["Ghost"] = "Publish" }, dryRun = true })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(("sourceNodeMissing", "mapping"), (ghost.Str("code"), ghost.Str("field")));
        Assert.Contains("'Ghost'", ghost.Str("detail"), StringComparison.Ordinal);
        var stranger = await (await api.PostAsync(new { definitionKey = key, fromVersion = 1, toVersion = 2, instanceIds = new[] { Guid.NewGuid() }, dryRun = true })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("has the id", stranger.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(("instanceMissing", "instanceIds"), (stranger.Str("code"), stranger.Str("field")));
        await (await api.Owner.GetAsync(new Uri($"/api/migrations/{Guid.NewGuid()}", UriKind.Relative))).ProblemAsync(HttpStatusCode.NotFound);

        var forbidden = await official.PostAsJsonAsync("/api/migrations", new { definitionKey = key, fromVersion = 1, toVersion = 2, dryRun = true });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    /// <summary>Deploys version 1 of a new key; <see cref="DeployV2Async"/> deploys version 2 once the test's instances run.</summary>
    private async Task<(string Key, MigrationClient Api, HttpClient Official)> DeployV1Async()
    {
        var key = $"migration-api-{Guid.NewGuid():N}"[..24];
        var (_, official) = await service.SignInNewAsync("official", [Roles.Official], Group);
        var (_, owner) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var api = new MigrationClient(owner);
        Assert.Equal(1, await api.DeployAsync(Definition(key, ["Draft", "Approve", "Publish"])));
        return (key, api, official);
    }

    private static async Task DeployV2Async(MigrationClient api, string key) =>
        Assert.Equal(2, await api.DeployAsync(Definition(key, ["Draft", "Approve", "LegalReview", "Sign"])));

    private static async Task CompleteAsync(HttpClient official, JsonElement task)
    {
        var id = task.GetProperty("id").GetGuid();
        if (task.GetProperty("assignee").ValueKind == JsonValueKind.Null)
        {
            (await official.PostAsJsonAsync($"/api/tasks/{id}/claim", new { })).EnsureSuccessStatusCode();
        }

        await official.PostOkAsync($"/api/tasks/{id}/complete", new { variables = new { approved = true } });
    }

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["Draft"] = "تهیه پیش‌نویس", ["Approve"] = "تأیید", ["Publish"] = "انتشار", ["LegalReview"] = "بررسی حقوقی", ["Sign"] = "امضا",
    };

    private static string Definition(string key, string[] tasks) =>
        ApprovalFlow.Testing.UserTaskChain.Xml(key, "بازبینی آزمایشی", tasks.Select(t => (t, Names[t])), $"camunda:candidateGroups=\"{Group}\"");
}
