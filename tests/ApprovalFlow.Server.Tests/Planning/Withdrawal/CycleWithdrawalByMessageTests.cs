using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Planning.Withdrawal;

/// <summary>
/// The cycle follows its process (issue 13): the message <c>planCycleWithdrawn</c> sent through <c>POST /api/messages</c>
/// to a running <c>mid-term-plan</c> cycle withdraws the cycle as <c>POST /api/cycles/{businessKey}/withdraw</c> does — status,
/// reason (the message's <c>withdrawalReason</c>, or a default text when it carries none), who and when, and one
/// <c>cycle-withdrawn</c> mail per participant — because the cycle is marked in the engine step that starts the
/// withdrawal event subprocess.
/// </summary>
[Collection(ServiceGroup.Name)]
public class CycleWithdrawalByMessageTests(ServiceFixture service)
{
    [Fact]
    public async Task MessageFromTheApi_WithAReason_WithdrawsTheCycle_WithTheReasonAndTheSender_AndMailsEachParticipantOnce()
    {
        var (key, root) = await StartCycleAsync("msg-reason");
        var (sender, api) = await service.SignInNewAsync("withdraw-message-owner", [Roles.ProcessOwner]);
        const string reason = "سامانه بودجه: اعتبار برنامه در سال جاری حذف شد.";

        var correlated = await api.PostOkAsync("/api/messages", new { name = "planCycleWithdrawn", businessKey = key, variables = new { withdrawalReason = $" {reason} " } });

        Assert.Equal(root.ToString(), correlated.Str("instanceId"));
        var cycle = await api.GetOkAsync($"/api/cycles/{key}");
        Assert.Equal("withdrawn", cycle.Str("status"));
        var withdrawal = cycle.GetProperty("withdrawal");
        Assert.Equal((reason, sender.Id, sender.DisplayName), (withdrawal.Str("reason"), withdrawal.Str("by"), withdrawal.Str("byName")));

        var (tasks, instances, mails) = await CycleTree.ReadAsync(service, root);
        Assert.DoesNotContain(tasks, t => t.Status == UserTaskStatus.Open);
        Assert.All(instances, i => Assert.NotEqual(InstanceStatus.Active, i.Status));
        Assert.NotEmpty(mails);
        Assert.Equal(mails.Count, mails.Select(m => m.RecipientUserId).Distinct().Count());
        Assert.All(mails, m => Assert.Equal((reason, sender.DisplayName, $"/cycles/{key}"), (m.Data.Str("reason"), m.Data.Str("withdrawnBy"), m.Data.Str("cyclePath"))));

        // The message again: nothing waits for it any more, and no second mail goes out.
        var again = await api.PostAsJsonAsync("/api/messages", new { name = "planCycleWithdrawn", businessKey = key, variables = new { withdrawalReason = "بار دوم" } });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(mails.Count, (await CycleTree.ReadAsync(service, root)).WithdrawalMails.Count);
        Assert.Equal(reason, (await api.GetOkAsync($"/api/cycles/{key}")).GetProperty("withdrawal").Str("reason"));

        // The withdraw endpoint now refuses: withdrawn already.
        var (_, planner) = await service.SignInNewAsync("withdraw-message-office", [Roles.Official], PlanningAccess.PlanningOfficeGroup);
        var refused = await (await planner.PostAsJsonAsync($"/api/cycles/{key}/withdraw", new { reason = "دفتر برنامه‌ریزی" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("withdrawn already", refused.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageFromTheApi_WithoutVariables_WithdrawsTheCycle_WithTheDefaultReason()
    {
        var (key, root) = await StartCycleAsync("msg-bare");
        var (sender, api) = await service.SignInNewAsync("withdraw-bare-owner", [Roles.ProcessOwner]);

        await api.PostOkAsync("/api/messages", new { name = "planCycleWithdrawn", businessKey = key });

        var withdrawal = (await api.GetOkAsync($"/api/cycles/{key}")).GetProperty("withdrawal");
        Assert.Equal(sender.Id, withdrawal.Str("by"));
        Assert.Contains("planCycleWithdrawn", withdrawal.Str("reason"), StringComparison.Ordinal);
        Assert.Contains("دلیلی همراه پیام نیامده بود", withdrawal.Str("reason"), StringComparison.Ordinal);
        var mails = (await CycleTree.ReadAsync(service, root)).WithdrawalMails;
        Assert.NotEmpty(mails);
        Assert.All(mails, m => Assert.Equal(withdrawal.Str("reason"), m.Data.Str("reason")));
    }

    /// <summary>Creates and starts a cycle of its own and waits until its first tasks are open (so it has participants).</summary>
    private async Task<(string Key, Guid Root)> StartCycleAsync(string name)
    {
        await PlanningSeed.SeedAsync(service);
        var (_, owner) = await service.SignInNewAsync($"{name}-starter", [Roles.ProcessOwner]);
        var key = $"mtp-test-{name}-{Guid.NewGuid():N}";
        var created = await owner.PostOkAsync("/api/cycles", new { title = $"چرخه آزمون {name}", firstYear = 1409, lastYear = 1412, businessKey = key, start = true }, HttpStatusCode.Created);
        var root = Guid.Parse(created.Str("rootInstanceId"));
        await ServiceFixture.EventuallyAsync(async () => (await CycleTree.ReadAsync(service, root)).Open.Count > 0, "the cycle's first tasks open");
        return (key, root);
    }
}
