using System.Globalization;
using System.Text.Json;

namespace ApprovalFlow.Simulation;

/// <summary>A task a simulated participant completed.</summary>
/// <param name="NodeId">The user task.</param>
/// <param name="InstanceId">Its instance (the cycle or a working group's child instance).</param>
/// <param name="Group">The candidate group the participant acted for.</param>
/// <param name="UserEmail">Who completed it.</param>
/// <param name="Revised">Whether the answer sent the work back for revision.</param>
public sealed record CompletedTask(string NodeId, string InstanceId, string Group, string UserEmail, bool Revised);

/// <summary>A stage the cycle entered.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="NodeId">The stage's node id.</param>
public sealed record StageEntry(DateTimeOffset At, string NodeId);

/// <summary>The outcome of a simulated cycle.</summary>
/// <param name="RootInstanceId">The cycle's instance.</param>
/// <param name="Status">Its final status.</param>
/// <param name="Stages">Stages entered, in order.</param>
/// <param name="Tasks">Tasks completed, in order.</param>
/// <param name="WorkingGroupsCompleted">Working-group child instances that completed.</param>
public sealed record SimulationResult(string RootInstanceId, string Status, IReadOnlyList<StageEntry> Stages, IReadOnlyList<CompletedTask> Tasks, int WorkingGroupsCompleted);

/// <summary>
/// Runs one mid-term plan cycle through the HTTP API: the process owner starts it, then every open
/// task is claimed and completed by a member of its candidate group, signed in as that person.
/// Working groups and approval stages listed in <see cref="SimulationOptions"/> send the work back
/// once. Not thread-safe.
/// </summary>
/// <param name="newClient">Makes an <see cref="HttpClient"/> with the service's base address.</param>
/// <param name="options">What to do.</param>
/// <param name="log">Receives one line per event (may be <see langword="null"/>).</param>
/// <param name="time">The clock for the timeout; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
public sealed class CycleSimulator(Func<HttpClient> newClient, SimulationOptions options, Action<string>? log = null, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The stage nodes of the mid-term plan, for the timeline.</summary>
    public static readonly IReadOnlyList<string> StageNodes =
    [
        "LoadWorkingGroups", "IdentifyStakeholders", "WorkingGroupSessions", "ConsolidateAndPrioritize", "CommitteeApproval",
        "CommissionReview", "SupremeCouncilApproval", "CityCouncilApproval", "PublishPlan", "PlanApproved",
    ];

    private readonly Dictionary<string, ApiSession> _sessions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _memberOf = new(StringComparer.Ordinal);
    private readonly HashSet<string> _revisedInstances = new(StringComparer.Ordinal);
    private readonly HashSet<string> _revisedStages = new(StringComparer.Ordinal);
    private readonly List<CompletedTask> _completed = [];

    /// <summary>Runs the cycle (or goes on with <see cref="SimulationOptions.ResumeInstanceId"/>) to its end, or until a task at <see cref="SimulationOptions.StopAt"/> is open.</summary>
    /// <exception cref="SimulationException">An API call failed, an incident appeared, or the cycle did not end within the timeout.</exception>
    public async Task<SimulationResult> RunAsync(CancellationToken cancellationToken)
    {
        var owner = await SessionAsync(options.OwnerEmail, cancellationToken);
        var root = options.ResumeInstanceId;
        if (root is null)
        {
            var started = await owner.PostAsync("/api/instances", new
            {
                definitionKey = "mid-term-plan",
                businessKey = options.BusinessKey,
                variables = new { cycle = options.Cycle, title = $"برنامه میان‌مدت {options.Cycle}" },
            }, cancellationToken);
            root = started.GetProperty("id").GetString()!;
            log?.Invoke($"started the plan cycle {options.BusinessKey} (instance {root})");
        }

        var deadline = _time.GetUtcNow() + options.Timeout;
        while (true)
        {
            var instance = await owner.GetAsync($"/api/instances/{root}", cancellationToken);
            var status = instance.GetProperty("status").GetString();
            if (status != "active")
            {
                return await ReportAsync(owner, root, status!, cancellationToken);
            }

            var incidents = await owner.GetAsync($"/api/incidents?instanceId={root}", cancellationToken);
            if (incidents.GetArrayLength() > 0)
            {
                throw new SimulationException($"The cycle stopped with an incident: {incidents[0].GetProperty("message").GetString()}");
            }

            if (_time.GetUtcNow() > deadline)
            {
                throw new SimulationException($"The cycle did not end within {options.Timeout}.");
            }

            var open = await owner.GetAsync($"/api/tasks?scope=all&status=open&rootInstanceId={root}&pageSize=200", cancellationToken);
            var tasks = open.GetProperty("items").EnumerateArray().ToList();
            if (options.StopAt is { } stopAt && tasks.Exists(t => t.GetProperty("nodeId").GetString() == stopAt))
            {
                return await ReportAsync(owner, root, "stopped", cancellationToken);
            }

            if (tasks.Count == 0)
            {
                await Task.Delay(200, cancellationToken);
                continue;
            }

            foreach (var task in tasks)
            {
                await WorkAsync(owner, task, cancellationToken);
            }
        }
    }

    private async Task WorkAsync(ApiSession owner, JsonElement task, CancellationToken cancellationToken)
    {
        var nodeId = task.GetProperty("nodeId").GetString()!;
        var instanceId = task.GetProperty("instanceId").GetString()!;
        var group = task.GetProperty("candidateGroups")[0].GetString()!;
        var member = await SessionAsync(await MemberOfAsync(owner, group, cancellationToken), cancellationToken);
        var id = task.GetProperty("id").GetString()!;
        var revise = ShouldRevise(nodeId, instanceId);
        await member.PostAsync($"/api/tasks/{id}/claim", new { }, cancellationToken);
        await Planning.SessionSteps.RecordAsync(member, nodeId, task, options, revise, cancellationToken);
        if (nodeId == "ConsolidateAndPrioritize") await Planning.ConsolidationSteps.RecordAsync(member, options.BusinessKey, log, cancellationToken);
        var item = task.TryGetProperty("item", out var value) && value.ValueKind != JsonValueKind.Null ? value : (JsonElement?)null;
        await Planning.StakeholderSteps.RecordAsync(member, nodeId, id, item, revise, options, cancellationToken);
        await member.PostAsync($"/api/tasks/{id}/complete", new { variables = TaskAnswers.For(nodeId, item, revise, options.Cycle) }, cancellationToken);
        _completed.Add(new CompletedTask(nodeId, instanceId, group, member.Email, revise));
        log?.Invoke($"{member.Email} ({group}) completed {nodeId}{(revise ? " — sent back for revision" : string.Empty)}");
    }

    private bool ShouldRevise(string nodeId, string instanceId)
    {
        if (nodeId == "AgreeFindings")
        {
            var revise = _revisedInstances.Count < options.WorkingGroupRevisions && !_revisedInstances.Contains(instanceId);
            return revise && _revisedInstances.Add(instanceId);
        }

        return options.StageRevisions.Contains(nodeId) && _revisedStages.Add(nodeId);
    }

    private async Task<string> MemberOfAsync(ApiSession owner, string group, CancellationToken cancellationToken)
    {
        if (!_memberOf.TryGetValue(group, out var email))
        {
            var members = await owner.GetAsync($"/api/groups/{Uri.EscapeDataString(group)}/members", cancellationToken);
            if (members.GetArrayLength() == 0)
            {
                throw new SimulationException($"Group '{group}' has no members to do its tasks.");
            }

            email = members[0].GetProperty("email").GetString()!;
            _memberOf[group] = email;
        }

        return email;
    }

    private async Task<ApiSession> SessionAsync(string email, CancellationToken cancellationToken)
    {
        if (!_sessions.TryGetValue(email, out var session))
        {
            session = await ApiSession.SignInAsync(newClient(), email, options.Password, cancellationToken);
            _sessions[email] = session;
        }

        return session;
    }

    private async Task<SimulationResult> ReportAsync(ApiSession owner, string root, string status, CancellationToken cancellationToken)
    {
        var history = await owner.GetAsync($"/api/instances/{root}/history", cancellationToken);
        var stages = history.EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "nodeEntered" && StageNodes.Contains(e.GetProperty("nodeId").GetString()))
            .Select(e => new StageEntry(DateTimeOffset.Parse(e.GetProperty("at").GetString()!, CultureInfo.InvariantCulture), e.GetProperty("nodeId").GetString()!))
            .ToList();
        var children = await owner.GetAsync("/api/instances?definitionKey=working-group&status=completed&pageSize=200", cancellationToken);
        var completedGroups = children.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("rootInstanceId").GetString() == root);
        foreach (var session in _sessions.Values)
        {
            session.Dispose();
        }

        return new SimulationResult(root, status, stages, _completed, completedGroups);
    }
}
