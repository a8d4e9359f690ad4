using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Simulation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Planning.Withdrawal;

/// <summary>
/// <c>POST /api/cycles/{businessKey}/withdraw</c> on the shipped <c>mid-term-plan</c> and Mashhad's directory: a cycle run
/// (through HTTP, <see cref="CycleSimulator"/>) until every working group records its sessions, then withdrawn by the
/// planning office; the refusals (403 for an official outside the planning office, 400 without a reason, 409 once
/// withdrawn or without a process, 404).
/// </summary>
[Collection(ServiceGroup.Name)]
public class CycleWithdrawalTests(ServiceFixture service)
{
    [Fact]
    public async Task Withdraw_DuringTheWorkingGroupSessions_ClosesEveryOpenTaskOfTheCycleAndItsWorkingGroups_EndsEveryInstance_AndTheCycleShowsWithdrawn()
    {
        await PlanningSeed.SeedAsync(service);
        var options = new SimulationOptions
        {
            Password = PlanningSeed.Options.DemoPassword,
            Cycle = $"test-withdraw-{Guid.NewGuid():N}"[..24],
            StopAt = "RecordSessions",
        };
        var result = await new CycleSimulator(service.Factory.CreateClient, options).RunAsync(CancellationToken.None);
        Assert.Equal("stopped", result.Status);
        var root = Guid.Parse(result.RootInstanceId);
        var api = $"/api/cycles/{options.BusinessKey}";
        var (office, planner) = await service.SignInNewAsync("withdraw-office", [Roles.Official], PlanningAccess.PlanningOfficeGroup);

        List<UserTaskRecord> open = [];
        List<ProcessInstanceRecord> tree = [];
        await ServiceFixture.EventuallyAsync(async () =>
        {
            var read = await CycleTree.ReadAsync(service, root);
            (open, tree) = (read.Open, read.Instances);
            return open.Count(t => t.NodeId == "RecordSessions") == tree.Count(i => i.DefinitionKey == "working-group");
        }, "every working group's RecordSessions task open");
        var workingGroups = tree.Where(i => i.DefinitionKey == "working-group").ToList();
        Assert.True(workingGroups.Count >= 24, $"{workingGroups.Count} working groups");
        Assert.All(workingGroups, i => Assert.Equal(InstanceStatus.Active, i.Status));

        // An official of a working group takes part in the cycle but is not the planning office: 403, nothing changes.
        var group = workingGroups[0].State.Variables["workingGroup"].Deserialize<PlanWorkingGroupItem>(JsonSerializerOptions.Web)!;
        var (_, secretary) = await service.SignInNewAsync("withdraw-secretary", [Roles.Official], group.SecretaryGroup);
        var forbidden = await (await secretary.PostAsJsonAsync($"{api}/withdraw", new { reason = "کارگروه می‌خواهد چرخه را پس بگیرد" })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("planning office", forbidden.Detail(), StringComparison.Ordinal);

        // A blank reason: 400 naming the field.
        var blank = await (await planner.PostAsJsonAsync($"{api}/withdraw", new { reason = "  \n " })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("reason", blank.Detail(), StringComparison.Ordinal);
        Assert.Equal("reason", Assert.Single(blank.GetProperty("errors").EnumerateObject()).Name);
        Assert.Equal(open.Count, (await CycleTree.ReadAsync(service, root)).Open.Count);

        const string reason = "ابلاغ سند بالادستی تازه؛ برنامه باید بر پایه آن از نو تدوین شود.";
        var withdrawn = await planner.PostOkAsync($"{api}/withdraw", new { reason = $"  {reason} " });

        Assert.Equal("withdrawn", withdrawn.Str("status"));
        Assert.Equal((reason, office.Id, office.DisplayName), (withdrawn.GetProperty("withdrawal").Str("reason"), withdrawn.GetProperty("withdrawal").Str("by"), withdrawn.GetProperty("withdrawal").Str("byName")));

        // From the database: nothing of the cycle is open any more, and every instance of its tree has ended.
        var afterwards = await CycleTree.ReadAsync(service, root);
        var (after, ended) = (afterwards.Open, afterwards.Instances);
        Assert.Empty(after);
        Assert.Equal(tree.Select(i => i.Id).Order(), ended.Select(i => i.Id).Order());
        Assert.All(ended, i => Assert.NotEqual(InstanceStatus.Active, i.Status));
        Assert.All(ended, i => Assert.NotNull(i.EndedAt));
        Assert.All(ended.Where(i => i.DefinitionKey == "working-group"), i => Assert.Equal(InstanceStatus.Cancelled, i.Status));
        Assert.Equal(InstanceStatus.Completed, ended.Single(i => i.Id == root).Status);

        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var ids = tree.Select(i => i.Id).ToList();
        var tasks = await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.InstanceId)).ToListAsync();
        Assert.All(open, o => Assert.Equal(UserTaskStatus.Cancelled, tasks.Single(t => t.Id == o.Id).Status));
        Assert.Empty(await db.Timers.AsNoTracking().Where(t => ids.Contains(t.InstanceId)).ToListAsync());
        Assert.Empty(await db.Subscriptions.AsNoTracking().Where(s => ids.Contains(s.InstanceId)).ToListAsync());

        // The history: the withdrawal with its reason and who sent it on the root, every open task cancelled in its instance.
        var history = await db.History.AsNoTracking().Where(h => ids.Contains(h.InstanceId)).OrderBy(h => h.Sequence).ToListAsync();
        var correlated = Assert.Single(history, h => h.InstanceId == root && h.Type == HistoryEventType.MessageCorrelated);
        Assert.Equal(("PlanCycleWithdrawn", office.Id), (correlated.NodeId, correlated.Actor));
        Assert.Equal("planCycleWithdrawn", correlated.Data!.Value.Str("messageName"));
        Assert.Equal((reason, office.Id), (correlated.Data!.Value.GetProperty("variables").Str("withdrawalReason"), correlated.Data!.Value.GetProperty("variables").Str("withdrawnBy")));
        Assert.All(open, o => Assert.Contains(history, h => h.Type == HistoryEventType.TaskCancelled && h.InstanceId == o.InstanceId && h.TaskId == o.Id.ToString()));
        Assert.Contains(history, h => h.InstanceId == root && h.Type == HistoryEventType.NodeEntered && h.NodeId == "PlanCycleEndedWithdrawn");

        // Every participant is told once, in the mail the reason and who withdrew: here the working group's secretaries.
        var mails = await db.Notifications.AsNoTracking().Where(n => n.InstanceId == root && n.Kind == "cycle-withdrawn").ToListAsync();
        Assert.Equal(mails.Count, mails.Select(m => m.RecipientUserId).Distinct().Count());
        var secretaries = await db.Memberships.AsNoTracking().Where(m => m.GroupId == group.SecretaryGroup).Select(m => m.UserId).ToListAsync();
        Assert.NotEmpty(secretaries);
        Assert.All(secretaries, id => Assert.Contains(mails, m => m.RecipientUserId == id));
        Assert.All(mails, m => Assert.Equal((reason, office.DisplayName, $"/cycles/{options.BusinessKey}"), (m.Data.Str("reason"), m.Data.Str("withdrawnBy"), m.Data.Str("cyclePath"))));

        var read = await planner.GetOkAsync(api);
        Assert.Equal(("withdrawn", reason), (read.Str("status"), read.GetProperty("withdrawal").Str("reason")));
        var (_, admin) = await service.SignInNewAsync("withdraw-reader", [Roles.Admin]);
        var instanceHistory = await admin.GetOkAsync($"/api/instances/{root}/history");
        var audit = Assert.Single(await Audit.AuditLogTests.EntriesAsync(admin, office.Id));
        Assert.Equal(("cycle.withdraw", options.BusinessKey, office.DisplayName), (audit.Str("action"), audit.Str("target"), audit.Str("actorName")));
        Assert.Equal((reason, root.ToString()), (audit.GetProperty("changes").Str("reason"), audit.GetProperty("changes").Str("instance")));
        Assert.Contains(instanceHistory.EnumerateArray(), h => h.Str("type") == "messageCorrelated" && h.GetProperty("data").GetProperty("variables").Str("withdrawalReason") == reason);
        Assert.Contains((await planner.GetOkAsync("/api/cycles")).EnumerateArray(), c => c.Str("businessKey") == options.BusinessKey && c.Str("status") == "withdrawn");

        // Withdrawn already: 409, and the first withdrawal stands.
        var again = await (await planner.PostAsJsonAsync($"{api}/withdraw", new { reason = "بار دوم" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("withdrawn already", again.Detail(), StringComparison.Ordinal);
        Assert.Equal(reason, (await planner.GetOkAsync(api)).GetProperty("withdrawal").Str("reason"));
    }

    [Fact]
    public async Task Withdraw_ByAnAdmin_ACycleWithoutProcessIs409_AndAnUnknownCycle404()
    {
        var (_, admin) = await service.SignInNewAsync("withdraw-admin", [Roles.Admin]);
        var key = $"mtp-test-withdraw-idle-{Guid.NewGuid():N}";
        await admin.PostOkAsync("/api/cycles", new { title = "چرخه بی‌فرایند", firstYear = 1417, lastYear = 1420, businessKey = key }, HttpStatusCode.Created);

        var idle = await (await admin.PostAsJsonAsync($"/api/cycles/{key}/withdraw", new { reason = "آزمون" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("no process", idle.Detail(), StringComparison.Ordinal);
        Assert.Equal("preparing", (await admin.GetOkAsync($"/api/cycles/{key}")).Str("status"));

        var missing = await (await admin.PostAsJsonAsync($"/api/cycles/{key}-none/withdraw", new { reason = "آزمون" })).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains($"{key}-none", missing.Detail(), StringComparison.Ordinal);
    }
}
