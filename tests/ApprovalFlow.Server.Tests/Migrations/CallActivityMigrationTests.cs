using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Migrations;

/// <summary>
/// Migration is per definition, as in Camunda 7: migrating a parent leaves its call-activity children on their own
/// version (the dry run lists them and says so), and the children migrate with a migration of their own key, after
/// which they take their new route and still resume the parent. Keys of their own per test
/// (<c>migration-parent-…</c>, <c>migration-child-…</c>).
/// </summary>
[Collection(MigrationGroup.Name)]
public sealed class CallActivityMigrationTests(MigrationFixture service)
{
    private const string Group = "migration-call-office";

    [Fact]
    public async Task Migrating_a_parent_lists_its_child_instances_and_leaves_them_on_their_version_until_their_own_migration()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var (parentKey, childKey) = ($"migration-parent-{suffix}", $"migration-child-{suffix}");
        var (_, official) = await service.SignInNewAsync("official", [Roles.Official], Group);
        var (_, owner) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var api = new MigrationClient(owner);
        Assert.Equal(1, await api.DeployAsync(Child(childKey, ["Work"])));
        Assert.Equal(1, await api.DeployAsync(Parent(parentKey, childKey, ["Close"])));
        var parent = await api.StartAsync(parentKey, $"bk-{suffix}");
        var work = await ChildTaskAsync(api, parent, "Work");
        var child = work.GetProperty("instanceId").GetGuid();
        Assert.Equal(2, await api.DeployAsync(Child(childKey, ["Work", "Check"])));
        Assert.Equal(2, await api.DeployAsync(Parent(parentKey, childKey, ["Close", "Archive"])));

        var preview = await api.DryRunAsync(parentKey, 1, 2, instanceIds: [parent]);

        var planned = Assert.Single(preview.GetProperty("instances").EnumerateArray());
        Assert.True(planned.GetProperty("movable").GetBoolean());
        Assert.Contains(planned.GetProperty("tokens").EnumerateArray(), t => t.GetProperty("from").Str("nodeId") == "CallChild" && t.GetProperty("to").Str("nodeId") == "CallChild");
        var listed = Assert.Single(planned.GetProperty("childInstances").EnumerateArray());
        Assert.Equal(
            (child, childKey, 1, "CallChild", "کار فرزند"),
            (listed.GetProperty("instanceId").GetGuid(), listed.Str("definitionKey"), listed.GetProperty("definitionVersion").GetInt32(),
                listed.GetProperty("callActivity").Str("nodeId"), listed.GetProperty("callActivity").Str("name")));

        var parentDone = await api.ApplyAsync(parentKey, 1, 2, instanceIds: [parent]);

        Assert.Equal(1, parentDone.GetProperty("migrated").GetInt32());
        Assert.Equal(2, (await api.InstanceAsync(parent)).GetProperty("definitionVersion").GetInt32());
        Assert.Equal(1, (await api.InstanceAsync(child)).GetProperty("definitionVersion").GetInt32());
        Assert.Equal(work.GetProperty("id").GetGuid(), (await ChildTaskAsync(api, parent, "Work")).GetProperty("id").GetGuid());

        // The child's own migration: every active instance of version 1 of its key, i.e. this child.
        var childPreview = await api.DryRunAsync(childKey, 1, 2);
        var childPlanned = Assert.Single(childPreview.GetProperty("instances").EnumerateArray());
        Assert.Equal(child, childPlanned.GetProperty("instanceId").GetGuid());
        Assert.Empty(childPlanned.GetProperty("childInstances").EnumerateArray());
        var childDone = await api.ApplyAsync(childKey, 1, 2);

        Assert.Equal((1, 0), (childDone.GetProperty("migrated").GetInt32(), childDone.GetProperty("failed").GetInt32()));
        Assert.Equal(2, (await api.InstanceAsync(child)).GetProperty("definitionVersion").GetInt32());
        Assert.Single(await api.HistoryAsync(child), h => h.Str("type") == "instanceMigrated");

        // The child takes its new route (Work → Check), then resumes its parent, which takes its new route (Close → Archive).
        await CompleteAsync(official, await ChildTaskAsync(api, parent, "Work"));
        await CompleteAsync(official, await ChildTaskAsync(api, parent, "Check"));
        await CompleteAsync(official, await ParentTaskAsync(api, parent, "Close"));
        Assert.Equal(["Archive"], (await api.OpenTasksAsync(parent)).Select(t => t.Str("nodeId")));
    }

    /// <summary>Waits for the open task of node <paramref name="nodeId"/> in the child instances of <paramref name="root"/>.</summary>
    private static async Task<JsonElement> ChildTaskAsync(MigrationClient api, Guid root, string nodeId)
    {
        JsonElement found = default;
        await ServiceFixture.EventuallyAsync(
            async () =>
            {
                var tasks = (await api.Owner.GetOkAsync($"/api/tasks?scope=all&status=open&rootInstanceId={root}&pageSize=200")).Items().ToList();
                found = tasks.Find(t => t.Str("nodeId") == nodeId && t.GetProperty("instanceId").GetGuid() != root);
                return found.ValueKind == JsonValueKind.Object;
            },
            $"open {nodeId} task of a child of {root}");
        return found;
    }

    private static async Task<JsonElement> ParentTaskAsync(MigrationClient api, Guid parent, string nodeId)
    {
        JsonElement found = default;
        await ServiceFixture.EventuallyAsync(
            async () => (found = (await api.OpenTasksAsync(parent)).Find(t => t.Str("nodeId") == nodeId)).ValueKind == JsonValueKind.Object,
            $"open {nodeId} task of {parent}");
        return found;
    }

    private static async Task CompleteAsync(HttpClient official, JsonElement task)
    {
        var id = task.GetProperty("id").GetGuid();
        (await official.PostAsJsonAsync($"/api/tasks/{id}/claim", new { })).EnsureSuccessStatusCode();
        await official.PostOkAsync($"/api/tasks/{id}/complete", new { variables = new { done = true } });
    }

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["Work"] = "انجام کار", ["Check"] = "وارسی", ["Close"] = "بستن", ["Archive"] = "بایگانی",
    };

    private static string Child(string key, string[] tasks) =>
        ApprovalFlow.Testing.UserTaskChain.Xml(key, "فرایند فرزند", tasks.Select(t => (t, Names[t])), $"camunda:candidateGroups=\"{Group}\"");

    /// <summary>start → call activity <c>CallChild</c> (<paramref name="childKey"/>) → <paramref name="tasks"/> → end.</summary>
    private static string Parent(string key, string childKey, string[] tasks)
    {
        var chain = ApprovalFlow.Testing.UserTaskChain.Xml(key, "فرایند پدر", tasks.Select(t => (t, Names[t])), $"camunda:candidateGroups=\"{Group}\"");
        var first = tasks[0];
        return chain.Replace(
            $"""<bpmn:sequenceFlow id="to{first}" sourceRef="start" targetRef="{first}" />""",
            $"""
            <bpmn:sequenceFlow id="toCallChild" sourceRef="start" targetRef="CallChild" />
            <bpmn:callActivity id="CallChild" name="کار فرزند" calledElement="{childKey}" />
            <bpmn:sequenceFlow id="to{first}" sourceRef="CallChild" targetRef="{first}" />
            """,
            StringComparison.Ordinal);
    }
}
