using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Tests.Deadlines;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Simulation;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Planning;

/// <summary>
/// A whole mid-term plan cycle through HTTP on the shipped definitions and Mashhad's directory: every
/// task done by a member of its candidate group, one working group and the commission sending work back.
/// </summary>
[Collection(ServiceGroup.Name)]
public class FullCycleTests(ServiceFixture service)
{
    [Fact]
    public async Task FullCycle_RunsToPlanApproved_WithRevisionLoops()
    {
        await PlanningSeed.SeedAsync(service);
        var simulator = new CycleSimulator(service.Factory.CreateClient, new SimulationOptions
        {
            Password = PlanningSeed.Options.DemoPassword,
            Cycle = $"test-{Guid.NewGuid():N}"[..20],
            Timeout = TimeSpan.FromMinutes(10),
        });

        var result = await simulator.RunAsync(CancellationToken.None);

        Assert.Equal("completed", result.Status);
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var root = Guid.Parse(result.RootInstanceId);
        var workingGroups = await db.Groups.CountAsync(g => g.Kind == "working-group");
        Assert.True(workingGroups >= 24);
        Assert.Equal(workingGroups, result.WorkingGroupsCompleted);
        Assert.Equal(workingGroups, await db.Instances.CountAsync(i => i.RootInstanceId == root && i.DefinitionKey == "working-group" && i.Status == Engine.State.InstanceStatus.Completed));

        var tasks = await db.Tasks.Where(t => t.RootInstanceId == root).ToListAsync();
        Assert.All(tasks, t => Assert.Equal(UserTaskStatus.Completed, t.Status));
        var memberships = await db.Memberships.Select(m => new { m.GroupId, m.UserId }).ToListAsync();
        Assert.All(tasks, t => Assert.Contains(memberships, m => m.UserId == t.CompletedBy && t.CandidateGroups.Contains(m.GroupId)));

        Assert.Single(result.Tasks, t => t is { NodeId: "AgreeFindings", Revised: true });
        Assert.Equal(workingGroups + 1, result.Tasks.Count(t => t.NodeId == "AgreeFindings"));
        Assert.Equal(workingGroups + 1, result.Tasks.Count(t => t.NodeId == "DraftFindings"));
        Assert.Single(result.Tasks, t => t is { NodeId: "CommissionReview", Revised: true });

        // Real content through the API: every working group recorded a session with minutes and sources and a
        // problem → strategy → executive policy → project chain from it, all agreed (one item by a vote).
        var cycle = await db.PlanCycles.SingleAsync(c => c.RootInstanceId == root);
        var groupIds = await db.Groups.Where(g => g.Kind == "working-group").Select(g => g.Id).ToListAsync();
        var sessions = await db.Sessions.Where(s => s.CycleId == cycle.Id).ToListAsync();
        var items = await db.PlanItems.Where(i => i.CycleId == cycle.Id).ToListAsync();
        var itemIds = items.Select(i => i.Id).ToList();
        var links = await db.PlanItemLinks.Where(l => itemIds.Contains(l.ToItemId)).ToListAsync();
        var origins = await db.PlanItemSessions.Where(l => itemIds.Contains(l.ItemId)).ToListAsync();
        Assert.Equal(groupIds.Order(), sessions.Select(s => s.WorkingGroupId).Order());
        Assert.All(sessions, s => Assert.False(string.IsNullOrEmpty(s.Minutes)));
        Assert.All(sessions, s => Assert.Equal(["council-interviews", "citizen-surveys", "upstream-documents"], s.Sources));
        Assert.Equal(2 * workingGroups, await db.SessionAttendees.CountAsync(a => sessions.Select(s => s.Id).Contains(a.SessionId)));
        foreach (var group in groupIds)
        {
            var own = items.Where(i => i.WorkingGroupId == group).ToDictionary(i => i.Kind);
            Assert.Equal(4, own.Count);
            // Agreed by the group, then merged by the consolidation or kept, and approved with the plan by the city council.
            Assert.All(own.Values, i => Assert.Equal(PlanItemStatus.Approved, StandingFor(items, i).Status));
            Assert.Contains(links, l => l.FromItemId == own[PlanItemKind.Problem].Id && l.ToItemId == own[PlanItemKind.Strategy].Id);
            Assert.Contains(links, l => l.FromItemId == own[PlanItemKind.Strategy].Id && l.ToItemId == own[PlanItemKind.ExecutivePolicy].Id);
            Assert.Contains(links, l => l.FromItemId == own[PlanItemKind.ExecutivePolicy].Id && l.ToItemId == own[PlanItemKind.Project].Id);
            Assert.Contains(origins, o => o.ItemId == own[PlanItemKind.Problem].Id && o.SessionId == sessions.Single(s => s.WorkingGroupId == group).Id);
            Assert.Equal((AgreementMode.Vote, 7, 1, 1), (own[PlanItemKind.Problem].Agreement!.Value, own[PlanItemKind.Problem].VotesFor!.Value, own[PlanItemKind.Problem].VotesAgainst!.Value, own[PlanItemKind.Problem].VotesAbstain!.Value));
            Assert.Equal(AgreementMode.Consensus, own[PlanItemKind.Project].Agreement);
            Assert.Equal("سازمان پارک‌ها و فضای سبز", own[PlanItemKind.Project].ResponsibleUnit);
        }

        Assert.Equal(workingGroups + 1, await db.WorkingGroupAgreements.CountAsync(a => a.CycleId == cycle.Id));
        Assert.Single(await db.WorkingGroupAgreements.Where(a => a.CycleId == cycle.Id && a.Decision == StageDecision.Revise).ToListAsync());

        Assert.Equal(
            ["LoadWorkingGroups", "IdentifyStakeholders", "WorkingGroupSessions", "ConsolidateAndPrioritize", "CommitteeApproval", "CommissionReview",
             "ConsolidateAndPrioritize", "CommitteeApproval", "CommissionReview", "SupremeCouncilApproval", "CityCouncilApproval", "PublishPlan", "PlanApproved"],
            result.Stages.Select(s => s.NodeId));
        // The commission's revise named two items and nothing else (the simulator checked that exactly those two were reopened).
        var commission = await db.StageDecisions.SingleAsync(d => d.CycleId == cycle.Id && d.Body == "commission" && d.Decision == StageDecision.Revise);
        Assert.Empty(commission.ReopenedWorkingGroups);
        Assert.Equal(2, await db.StageDecisionItems.CountAsync(i => i.DecisionId == commission.Id && i.Reopen));

        await AssertTheApprovedPlanExportsAndTracesAsync(cycle.BusinessKey, items);

        var rootHistory = await db.History.Where(h => h.InstanceId == root).OrderBy(h => h.Sequence).Select(h => h.Type).ToListAsync();
        Assert.Equal(HistoryEventType.InstanceCompleted, rootHistory[^1]);

        // Every task with a due date had its reminders dispatched (jobs while it was open, none for a task that closed
        // first) and, once it closed, every job it got was deleted (none can have run: they are days away). Hangfire is
        // read once the cycle's outbox is dispatched: a row in flight may still be scheduling or deleting jobs.
        var instances = await db.Instances.Where(i => i.RootInstanceId == root).Select(i => i.Id).ToListAsync();
        await ServiceFixture.EventuallyAsync(
            async () => !await db.Outbox.AnyAsync(o => instances.Contains(o.InstanceId) && o.DispatchedAt == null),
            "every outbox row of the cycle dispatched");
        var reminded = await db.Tasks.Where(t => t.RootInstanceId == root && t.DueAt != null).Select(t => new { t.Id, t.ReminderJobIds }).ToListAsync();
        Assert.Contains(reminded, t => t.ReminderJobIds.Length > 0);
        var storage = service.Factory.Services.GetRequiredService<JobStorage>();
        using (var connection = storage.GetConnection())
        {
            Assert.All(reminded.SelectMany(t => t.ReminderJobIds), id => Assert.Equal(DeletedState.StateName, connection.GetStateData(id)?.Name));
        }

        var due = reminded.Select(t => t.Id).ToHashSet();
        Assert.DoesNotContain(ReminderJobs.Scheduled(storage), j => due.Contains(ReminderJobs.TaskIdOf(j.Value)));
    }

    /// <summary>
    /// The approved plan of the cycle: the Word file passes the Open XML SDK validator and holds every standing item's
    /// title, the StratML file validates against its XSD and holds every standing strategy, policy and project, and the trace lists exactly the standing items with source
    /// counts equal to those computed from the items (a consolidated item counts its originals' sources).
    /// </summary>
    private async Task AssertTheApprovedPlanExportsAndTracesAsync(string businessKey, List<PlanItemRecord> items)
    {
        var standing = items.Where(i => i.Status == PlanItemStatus.Approved).ToList();
        Assert.NotEmpty(standing);
        var (_, client) = await service.SignInNewAsync($"full-cycle-reader-{Guid.NewGuid():N}"[..30], ["admin"]);

        using var word = WordprocessingDocument.Open(new MemoryStream(await client.GetByteArrayAsync($"/api/cycles/{businessKey}/export?format=docx")), false);
        var errors = new OpenXmlValidator().Validate(word).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path?.XPath}: {e.Description}")));
        var text = word.MainDocumentPart!.Document.Body!.InnerText;
        Assert.All(standing, i => Assert.Contains(i.Title, text, StringComparison.Ordinal));

        var stratml = await client.GetByteArrayAsync($"/api/cycles/{businessKey}/export?format=stratml");
        Assert.Empty(Export.PlanStratmlExportTests.Validate(stratml));
        Assert.Equal(
            standing.Where(i => i.Kind != PlanItemKind.Problem).Select(i => $"item-{i.Id:D}").Order(),
            Export.PlanStratmlExportTests.Identifiers(System.Xml.Linq.XDocument.Load(new MemoryStream(stratml))).Order());

        var trace = await client.GetOkAsync($"/api/cycles/{businessKey}/trace");
        Assert.Equal(standing.Select(i => i.Id).Order(), trace.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Order());
        var expected = standing
            .SelectMany(i => items.Where(o => o.Id == i.Id || StandingFor(items, o).Id == i.Id).SelectMany(o => o.Sources).Distinct())
            .GroupBy(code => code).ToDictionary(g => g.Key, g => g.Count());
        var counted = trace.GetProperty("sources").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("items").GetInt32());
        Assert.NotEmpty(expected);
        Assert.All(counted, c => Assert.Equal(expected.GetValueOrDefault(c.Key), c.Value));
        Assert.Equal(expected.Keys.Order(), counted.Where(c => c.Value > 0).Select(c => c.Key).Order());
    }

    /// <summary>The item that stands for <paramref name="item"/> in the plan: itself, or the consolidated item it was merged into (through every merge).</summary>
    private static PlanItemRecord StandingFor(List<PlanItemRecord> items, PlanItemRecord item)
    {
        while (item.Status == PlanItemStatus.Merged)
        {
            item = items.Single(c => c.Id == item.MergedIntoId);
        }

        return item;
    }
}
