using System.Net.Http.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Planning;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Simulation;

namespace ApprovalFlow.Server.Tests.Migrations;

/// <summary>
/// The issue's acceptance scenario on the shipped <c>mid-term-plan</c>: two cycles wait at
/// <c>CommitteeApproval</c> when version 2 with a legal review before the commission is deployed; the
/// one not migrated keeps the old route, the migrated one keeps its task and then takes the new route.
/// </summary>
[Collection(MigrationGroup.Name)]
public sealed class MidTermPlanMigrationTests(MigrationFixture service)
{
    private const string Key = "mid-term-plan";

    [Fact]
    public async Task A_cycle_keeps_the_old_route_until_migrated_and_then_takes_the_legal_review()
    {
        await PlanningSeed.SeedAsync(service);
        var (_, ownerClient) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var api = new MigrationClient(ownerClient);
        var (committee, member) = await service.SignInNewAsync("committee", [Roles.Official], "compilation-committee-secretariat");
        var cycles = await Task.WhenAll(RunToCommitteeAsync(), RunToCommitteeAsync());
        var (old, migrated) = (Guid.Parse(cycles[0].RootInstanceId), Guid.Parse(cycles[1].RootInstanceId));
        Assert.All(cycles, c => Assert.Equal("stopped", c.Status));

        Assert.Equal(2, await api.DeployAsync(VersionWithLegalReview()));

        var oldTask = await api.OpenTaskAsync(old, "CommitteeApproval");
        await member.PostOkAsync($"/api/tasks/{oldTask.GetProperty("id").GetGuid()}/claim");
        await ApproveAsync(api, member, old, oldTask.GetProperty("id").GetGuid());
        Assert.Equal(["CommissionReview"], (await api.OpenTasksAsync(old)).Select(t => t.Str("nodeId")));
        Assert.Equal(1, (await api.InstanceAsync(old)).GetProperty("definitionVersion").GetInt32());

        var task = await api.OpenTaskAsync(migrated, "CommitteeApproval");
        var taskId = task.GetProperty("id").GetGuid();
        await member.PostOkAsync($"/api/tasks/{taskId}/claim");
        await member.PostOkAsync($"/api/tasks/{taskId}/comments", new { text = "پیش از انتقال به نسخه تازه" }, System.Net.HttpStatusCode.Created);

        var preview = await api.DryRunAsync(Key, 1, 2, instanceIds: [migrated]);
        var planned = Assert.Single(preview.GetProperty("instances").EnumerateArray());
        Assert.True(planned.GetProperty("movable").GetBoolean());
        Assert.Contains(planned.GetProperty("tokens").EnumerateArray(), t => t.GetProperty("from").Str("nodeId") == "CommitteeApproval" && t.GetProperty("to").Str("nodeId") == "CommitteeApproval");
        Assert.Equal([taskId], planned.GetProperty("keptTasks").EnumerateArray().Select(k => k.GetProperty("taskId").GetGuid()));
        Assert.Equal(1, (await api.InstanceAsync(migrated)).GetProperty("definitionVersion").GetInt32());

        var done = await api.ApplyAsync(Key, 1, 2, instanceIds: [migrated]);

        Assert.Equal(1, done.GetProperty("migrated").GetInt32());
        Assert.Equal(2, (await api.InstanceAsync(migrated)).GetProperty("definitionVersion").GetInt32());
        var kept = await api.OpenTaskAsync(migrated, "CommitteeApproval");
        Assert.Equal((taskId, committee.Id), (kept.GetProperty("id").GetGuid(), kept.Str("assignee")));
        var comments = await member.GetOkAsync($"/api/tasks/{taskId}/comments");
        Assert.Contains(comments.EnumerateArray(), c => c.Str("text") == "پیش از انتقال به نسخه تازه");
        var history = Assert.Single(await api.HistoryAsync(migrated), h => h.Str("type") == "instanceMigrated");
        Assert.Equal((1, 2), (history.GetProperty("data").GetProperty("fromVersion").GetInt32(), history.GetProperty("data").GetProperty("toVersion").GetInt32()));
        Assert.Equal("CommitteeApproval", history.GetProperty("data").GetProperty("mapping").Str("CommitteeApproval"));

        await ApproveAsync(api, member, migrated, taskId);
        var legal = await api.OpenTaskAsync(migrated, "LegalReview");
        Assert.Equal(["planning-office"], legal.GetProperty("candidateGroups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal("بررسی حقوقی", legal.Str("name"));
        Assert.Equal(["CommissionReview"], (await api.OpenTasksAsync(old)).Select(t => t.Str("nodeId")));
    }

    /// <summary>Records the committee's approval for the task (its decision page's API), then completes it.</summary>
    private static async Task ApproveAsync(MigrationClient api, HttpClient member, Guid instanceId, Guid taskId)
    {
        var businessKey = (await api.InstanceAsync(instanceId)).Str("businessKey");
        await member.PostOkAsync($"/api/cycles/{businessKey}/decisions", new { taskId, decision = "approve", comment = "تأیید می‌شود." }, System.Net.HttpStatusCode.Created);
        await member.PostOkAsync($"/api/tasks/{taskId}/complete");
    }

    private Task<SimulationResult> RunToCommitteeAsync() =>
        new CycleSimulator(service.Factory.CreateClient, new SimulationOptions
        {
            Password = PlanningSeed.Options.DemoPassword,
            Cycle = $"mig-{Guid.NewGuid():N}"[..16],
            WorkingGroupRevisions = 0,
            StageRevisions = new HashSet<string>(StringComparer.Ordinal),
            StopAt = "CommitteeApproval",
            Timeout = TimeSpan.FromMinutes(10),
        }).RunAsync(CancellationToken.None);

    /// <summary>The shipped file with a user task «بررسی حقوقی» (planning office, 5 working days) between the committee's approval and the commission.</summary>
    private static string VersionWithLegalReview()
    {
        var xml = File.ReadAllText(Path.Combine(TestDatabase.RepositoryRoot(), "workflows", "mid-term-plan.bpmn"));
        const string Approved = """sourceRef="CommitteeDecision" targetRef="CommissionReview">""";
        Assert.Contains(Approved, xml, StringComparison.Ordinal);
        xml = xml.Replace(Approved, """sourceRef="CommitteeDecision" targetRef="LegalReview">""", StringComparison.Ordinal);
        const string Commission = """<bpmn:userTask id="CommissionReview" """;
        xml = xml.Replace(Commission, """
            <bpmn:userTask id="LegalReview" name="بررسی حقوقی" camunda:candidateGroups="planning-office" camunda:dueDate="${workingDays(5)}">
              <bpmn:incoming>Flow_Committee_Approve</bpmn:incoming>
              <bpmn:outgoing>Flow_Legal_Commission</bpmn:outgoing>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="Flow_Legal_Commission" sourceRef="LegalReview" targetRef="CommissionReview" />
            """ + Commission, StringComparison.Ordinal);
        return xml.Replace("<bpmn:incoming>Flow_Committee_Approve</bpmn:incoming>\n      <bpmn:outgoing>Flow_Commission_Decision</bpmn:outgoing>",
            "<bpmn:incoming>Flow_Legal_Commission</bpmn:incoming>\n      <bpmn:outgoing>Flow_Commission_Decision</bpmn:outgoing>", StringComparison.Ordinal);
    }
}
