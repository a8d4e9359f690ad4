using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Engine.Tests.Support;

namespace ApprovalFlow.Engine.Tests.Workflows;

/// <summary>
/// Runs the shipped <c>workflows/mid-term-plan.bpmn</c> and <c>workflows/working-group.bpmn</c> in
/// memory through one whole plan cycle, with one revision inside a working group and one at the
/// commission.
/// </summary>
public class MidTermPlanRunTests
{
    private static readonly string[] Stages =
    [
        "LoadWorkingGroups", "IdentifyStakeholders", "WorkingGroupSessions", "ConsolidateAndPrioritize",
        "CommitteeApproval", "CommissionReview", "SupremeCouncilApproval", "CityCouncilApproval", "PublishPlan", "PlanApproved",
    ];

    private static readonly object[] Themes =
    [
        new { id = "urban-identity", name = "هویت شهری", coordinatorGroup = "theme-urban-identity-coordinators" },
        new { id = "urban-economy", name = "اقتصاد شهری", coordinatorGroup = "theme-urban-economy-coordinators" },
    ];

    private static readonly object[] WorkingGroups =
    [
        WorkingGroup("hq-urban-identity", "urban-identity", "headquarters", "deputy-urban-planning", "معاونت شهرسازی و معماری"),
        WorkingGroup("org-urban-economy-transport", "urban-economy", "organization", "org-transport", "سازمان حمل و نقل و ترافیک"),
        WorkingGroup("region-01-urban-identity", "urban-identity", "region", "region-01", "منطقه ۱"),
    ];

    private readonly EngineWorld _world = new("workflows/mid-term-plan.bpmn", "workflows/working-group.bpmn");

    [Fact]
    public void FullCycle_WithRevisionsInAWorkingGroupAndAtTheCommission_EndsAtPlanApproved()
    {
        var plan = _world.Start("mid-term-plan", new { cycle = "1405-1408", title = "برنامه میان‌مدت ۱۴۰۵–۱۴۰۸" }, "mtp-1405-1408");

        var load = plan.Job("LoadWorkingGroups");
        Assert.Equal("directory.working-groups", load.Topic);
        plan.Execute(new CompleteJob(load.Id, EngineWorld.ToVariables(new { themes = Themes, workingGroups = WorkingGroups })));

        var identify = plan.Tasks("IdentifyStakeholders");
        Assert.Equal(["theme-urban-identity-coordinators", "theme-urban-economy-coordinators"], identify.Select(t => Assert.Single(t.CandidateGroups)));
        Assert.All(identify, t => Assert.Equal("page:stakeholders", t.FormKey));
        foreach (var task in identify)
        {
            plan.CompleteTask(task, new { stakeholders = new[] { new { group = "citizens", name = "شورای اجتماعی محله" } } });
        }

        var groups = _world.ChildrenOf(plan.Id).Select(c => new Instance(_world, c.InstanceId)).ToList();
        Assert.Equal(
            ["mtp-1405-1408/wg-hq-urban-identity", "mtp-1405-1408/wg-org-urban-economy-transport", "mtp-1405-1408/wg-region-01-urban-identity"],
            groups.Select(g => g.State.BusinessKey));
        Assert.All(groups, g => Assert.Equal(["cycle", "deadline", "title", "workingGroup"], g.State.Variables.Keys.Order(StringComparer.Ordinal)));
        foreach (var group in groups)
        {
            var deadline = DateTimeOffset.Parse(group.State.Variables["deadline"].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(deadline, Assert.Single(group.Tasks()).DueAt);
            Assert.Equal("theme-" + group.State.Variables["workingGroup"].GetProperty("theme").GetString() + "-coordinators", group.Tasks()[0].Properties["escalationGroup"]);
        }

        var overdue = Assert.Single(plan.Timers("WorkingGroupsOverdue"));
        Assert.Equal(DateTimeOffset.Parse(groups[0].State.Variables["deadline"].GetString()!, System.Globalization.CultureInfo.InvariantCulture), overdue.DueAt);

        for (var i = 0; i < groups.Count; i++)
        {
            Assert.Empty(plan.Tasks());
            RunWorkingGroup(groups[i], $"wg-{i}", reviseOnce: i == 1);
        }

        Assert.All(groups, g => Assert.Equal(InstanceStatus.Completed, g.Status));
        Assert.DoesNotContain("problems", plan.State.Variables.Keys);
        Assert.DoesNotContain("decision", plan.State.Variables.Keys);

        Consolidate(plan);
        Decide(plan, "CommitteeApproval", "compilation-committee-secretariat", "approve");
        Decide(plan, "CommissionReview", "commission-secretariat", "revise");
        Consolidate(plan);
        Decide(plan, "CommitteeApproval", "compilation-committee-secretariat", "approve");
        Decide(plan, "CommissionReview", "commission-secretariat", "approve");
        Decide(plan, "SupremeCouncilApproval", "supreme-council-secretariat", "approve");
        Decide(plan, "CityCouncilApproval", "city-council-secretariat", "approve", new { resolutionNumber = "۱۲۳۴/ش", resolutionDate = "2027-02-10" });

        var publish = Assert.Single(plan.Tasks("PublishPlan"));
        Assert.Equal(["planning-office"], publish.CandidateGroups);
        plan.CompleteTask(publish, new { publicationDate = "2027-02-20", publicationReference = "۵۶۷۸" });

        Assert.Equal(InstanceStatus.Completed, plan.Status);
        Assert.Equal("۱۲۳۴/ش", plan.Variable("resolutionNumber").GetString());
        Assert.Equal(
            [
                "LoadWorkingGroups", "IdentifyStakeholders", "WorkingGroupSessions",
                "ConsolidateAndPrioritize", "CommitteeApproval", "CommissionReview",
                "ConsolidateAndPrioritize", "CommitteeApproval", "CommissionReview", "SupremeCouncilApproval", "CityCouncilApproval",
                "PublishPlan", "PlanApproved",
            ],
            StagesEntered());
        var created = _world.Intents.OfType<CreateUserTaskIntent>().Select(c => c.Task).ToList();
        Assert.Equal(
            [
                ("IdentifyStakeholders", "theme-urban-identity-coordinators"), ("IdentifyStakeholders", "theme-urban-economy-coordinators"),
                ("ConsolidateAndPrioritize", "planning-office"), ("CommitteeApproval", "compilation-committee-secretariat"), ("CommissionReview", "commission-secretariat"),
                ("ConsolidateAndPrioritize", "planning-office"), ("CommitteeApproval", "compilation-committee-secretariat"), ("CommissionReview", "commission-secretariat"),
                ("SupremeCouncilApproval", "supreme-council-secretariat"), ("CityCouncilApproval", "city-council-secretariat"), ("PublishPlan", "planning-office"),
            ],
            created.Where(t => Stages.Contains(t.NodeId)).Select(t => (t.NodeId, Assert.Single(t.CandidateGroups))));
        Assert.Equal(
            [("AgreeFindings", 4), ("DraftFindings", 4), ("RecordSessions", 3)],
            created.Where(t => !Stages.Contains(t.NodeId)).GroupBy(t => t.NodeId).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void CityCouncilRevision_GoesBackToConsolidationAndClimbsTheWholeChainAgain()
    {
        var plan = _world.Start("mid-term-plan", new { cycle = "1405-1408", title = "t" });
        plan.Execute(new CompleteJob(plan.Job("LoadWorkingGroups").Id, EngineWorld.ToVariables(new { themes = Themes.Take(1), workingGroups = WorkingGroups.Take(1) })));
        plan.Complete("IdentifyStakeholders", new { stakeholders = Array.Empty<object>() });
        var group = new Instance(_world, Assert.Single(_world.ChildrenOf(plan.Id)).InstanceId);
        Assert.Equal("mtp-1405-1408/wg-hq-urban-identity", group.State.BusinessKey);
        RunWorkingGroup(group, "g", reviseOnce: false);

        Consolidate(plan);
        Decide(plan, "CommitteeApproval", "compilation-committee-secretariat", "approve");
        Decide(plan, "CommissionReview", "commission-secretariat", "approve");
        Decide(plan, "SupremeCouncilApproval", "supreme-council-secretariat", "approve");
        Decide(plan, "CityCouncilApproval", "city-council-secretariat", "revise", new { resolutionNumber = "1", resolutionDate = "2027-01-01" });

        Assert.Equal(["ConsolidateAndPrioritize"], plan.OpenTaskNodes);
        Consolidate(plan);
        Assert.Equal(["CommitteeApproval"], plan.OpenTaskNodes);
    }

    [Fact]
    public void WithoutCycle_ChildrenStartWithoutBusinessKey()
    {
        var plan = _world.Start("mid-term-plan");
        plan.Execute(new CompleteJob(plan.Job("LoadWorkingGroups").Id, EngineWorld.ToVariables(new { themes = Themes.Take(1), workingGroups = WorkingGroups.Take(1) })));
        plan.Complete("IdentifyStakeholders");

        var group = Assert.Single(_world.ChildrenOf(plan.Id));
        Assert.Null(group.BusinessKey);
        Assert.Empty(plan.State.Incidents);
        Assert.Equal(["deadline", "workingGroup"], group.Variables.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Withdrawal_DuringTheWorkingGroupSessions_CancelsEveryWorkingGroupAndTheOverdueTimer_AndEndsAtPlanCycleEndedWithdrawn()
    {
        var plan = _world.Start("mid-term-plan", new { cycle = "1405-1408", title = "برنامه میان‌مدت ۱۴۰۵–۱۴۰۸" }, "mtp-1405-1408");
        plan.Execute(new CompleteJob(plan.Job("LoadWorkingGroups").Id, EngineWorld.ToVariables(new { themes = Themes, workingGroups = WorkingGroups })));
        foreach (var task in plan.Tasks("IdentifyStakeholders"))
        {
            plan.CompleteTask(task);
        }

        var groups = _world.ChildrenOf(plan.Id).Select(c => new Instance(_world, c.InstanceId)).ToList();
        Assert.Equal(WorkingGroups.Length, groups.Count);
        Assert.All(groups, g => Assert.Equal("RecordSessions", Assert.Single(g.Tasks()).NodeId));
        Assert.Single(plan.Timers("WorkingGroupsOverdue"));

        Assert.IsType<StepResult.Applied>(plan.Correlate("planCycleWithdrawn", new { withdrawalReason = "ابلاغ سند بالادستی تازه", withdrawnBy = "planner" }));

        Assert.Equal(InstanceStatus.Completed, plan.Status);
        Assert.All(groups, g => Assert.Equal(InstanceStatus.Cancelled, g.Status));
        Assert.All(groups, g => Assert.Empty(g.Tasks()));
        Assert.Empty(plan.Tasks());
        Assert.Empty(plan.Timers());
        Assert.Empty(plan.State.Subscriptions);
        Assert.Equal(("ابلاغ سند بالادستی تازه", "planner"), (plan.Variable("withdrawalReason").GetString(), plan.Variable("withdrawnBy").GetString()));
        Assert.Equal(WorkingGroups.Length, plan.History.Count(h => h.Type == HistoryEventType.TaskCancelled && h.NodeId == "RecordSessions"));
        Assert.Equal(["PlanCycleWithdrawal", "PlanCycleWithdrawn", "PlanCycleEndedWithdrawn"], plan.Entered().TakeLast(3));
        Assert.DoesNotContain("ConsolidateAndPrioritize", plan.Entered());
    }

    private static object WorkingGroup(string id, string theme, string level, string unit, string unitName) => new
    {
        id,
        name = $"کارگروه {unitName}",
        theme,
        level,
        unit,
        unitName,
        secretaryGroup = $"wg-{id}-secretaries",
        chairGroup = $"wg-{id}-chairs",
    };

    /// <summary>Records sessions, drafts and agrees; with <paramref name="reviseOnce"/> the chair sends the draft back once.</summary>
    private static void RunWorkingGroup(Instance group, string label, bool reviseOnce)
    {
        var workingGroupId = group.State.Variables["workingGroup"].GetProperty("id").GetString();
        var secretaries = $"wg-{workingGroupId}-secretaries";
        var chairs = $"wg-{workingGroupId}-chairs";

        AssertOnlyTask(group, "RecordSessions", secretaries, "page:sessions");
        group.Complete("RecordSessions", new { sessions = new[] { new { date = "2026-05-01", subject = label } }, informationSources = new[] { "citizen-surveys" } });
        AssertOnlyTask(group, "DraftFindings", secretaries, "page:findings");
        group.Complete("DraftFindings", new { problems = new[] { new { title = $"{label} problem" } } });
        if (reviseOnce)
        {
            AssertOnlyTask(group, "AgreeFindings", chairs, "page:agreement");
            group.Complete("AgreeFindings", new { decision = "revise", comment = "راهبردها کامل نیست" });
            AssertOnlyTask(group, "DraftFindings", secretaries, "page:findings");
            group.Complete("DraftFindings", new { problems = new[] { new { title = $"{label} problem, revised" } } });
        }

        AssertOnlyTask(group, "AgreeFindings", chairs, "page:agreement");
        group.Complete("AgreeFindings", new { decision = "approve", comment = "توافق شد" });
        Assert.Equal(InstanceStatus.Completed, group.Status);
    }

    private static void Consolidate(Instance plan)
    {
        AssertOnlyTask(plan, "ConsolidateAndPrioritize", "planning-office", "page:consolidation");
        plan.Complete("ConsolidateAndPrioritize", new { });
    }

    private static void Decide(Instance plan, string stage, string group, string decision, object? extra = null, string formKey = "page:decision")
    {
        AssertOnlyTask(plan, stage, group, formKey);
        var variables = EngineWorld.ToVariables(new { decision, comment = $"{stage}: {decision}" })!.ToDictionary();
        foreach (var (name, value) in EngineWorld.ToVariables(extra) ?? new Dictionary<string, System.Text.Json.JsonElement>())
        {
            variables[name] = value;
        }

        plan.Complete(stage, variables);
    }

    private static void AssertOnlyTask(Instance instance, string nodeId, string candidateGroup, string formKey)
    {
        var task = Assert.Single(instance.Tasks());
        Assert.Equal(nodeId, task.NodeId);
        Assert.Equal([candidateGroup], task.CandidateGroups);
        Assert.Equal(formKey, task.FormKey);
        Assert.Empty(instance.State.Incidents);
    }

    /// <summary>The root's stages entered, in order (the world's history is shared with the children; their node ids differ).</summary>
    private List<string> StagesEntered()
    {
        var entered = _world.History.Where(h => h.Type == HistoryEventType.NodeEntered && Stages.Contains(h.NodeId)).Select(h => h.NodeId!).ToList();
        return [.. entered.Where((id, i) => i == 0 || entered[i - 1] != id)];
    }
}
