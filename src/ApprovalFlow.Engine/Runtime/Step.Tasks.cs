using System.Text.Json;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Timers;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>User, service, send, script tasks and call activities (BPMN 2.0.2 §10.3).</summary>
internal sealed partial class Step
{
    private void CreateUserTask(Execution execution, UserTask node)
    {
        if (!TryName(execution, node.Name, out var name, out var error)
            || !TryString(execution, node.Assignee, out var assignee, out error)
            || !TryList(execution, node.CandidateUsers, node.PotentialOwnerUsers, out var candidateUsers, out error)
            || !TryList(execution, node.CandidateGroups, node.PotentialOwnerGroups, out var candidateGroups, out error)
            || !TryInstant(execution, node.DueDate, out var dueAt, out error)
            || !TryInstant(execution, node.FollowUpDate, out var followUpAt, out error)
            || !TryPriority(execution, node.Priority, out var priority, out error)
            || !TryProperties(execution, node.Properties, out var properties, out error))
        {
            RaiseIncident(execution, IncidentKind.Expression, RetryAction.Enter, $"User task '{node.Id}': {error}");
            return;
        }

        var task = new OpenUserTask
        {
            Id = NewId("t"),
            ExecutionId = execution.Id,
            NodeId = node.Id,
            Name = name,
            Assignee = assignee,
            CandidateUsers = candidateUsers,
            CandidateGroups = candidateGroups,
            DueAt = dueAt?.ToUniversalTime(),
            FollowUpAt = followUpAt?.ToUniversalTime(),
            Priority = priority,
            FormKey = node.FormKey,
            Properties = properties,
            Item = ItemOf(execution),
            CreatedAt = Now,
        };
        State.Tasks.Add(task);
        Emit(new CreateUserTaskIntent(task));
        Record(HistoryEventType.TaskCreated, node.Id, execution.Id, task.Id);
    }

    /// <summary>
    /// The candidates of a user task: the Camunda attribute's list, then each potential owner entry
    /// (BPMN 2.0.2 §10.3.3), without repeats, in that order (as Camunda 7 adds both).
    /// </summary>
    private bool TryList(Execution execution, Expression? attribute, IReadOnlyList<Expression> owners, out IReadOnlyList<string> items, out string error)
    {
        if (!TryList(execution, attribute, out items, out error))
        {
            return false;
        }

        if (owners.Count == 0)
        {
            return true;
        }

        var all = new List<string>(items);
        foreach (var owner in owners)
        {
            if (!TryList(execution, owner, out var more, out error))
            {
                error = $"potentialOwner '{owner.Text}': {error}";
                return false;
            }

            all.AddRange(more.Where(m => !all.Contains(m, StringComparer.Ordinal)));
        }

        items = all;
        return true;
    }

    /// <summary>
    /// The task's name with any <c>${...}</c> evaluated to text when the task is created, as Camunda 7
    /// does (<c>My Task ${loopCounter}</c> gives <c>My Task 0</c>, <c>My Task 1</c>, ...); a name without
    /// one stays as written.
    /// </summary>
    private bool TryName(Execution execution, string? raw, out string? name, out string error)
    {
        name = raw;
        error = string.Empty;
        if (raw is null || !raw.Contains("${", StringComparison.Ordinal))
        {
            return true;
        }

        if (!TryString(execution, Expression.Parse(raw), out name, out error))
        {
            error = $"name '{raw}': {error}";
            return false;
        }

        return true;
    }

    /// <summary>The element variable of the nearest enclosing multi-instance item, or <see langword="null"/>.</summary>
    private JsonElement? ItemOf(Execution execution)
    {
        for (var current = execution; current is not null; current = ParentToRead(current))
        {
            if (current.Kind == ExecutionKind.MultiInstanceItem)
            {
                var element = ((Activity)Process.Node(current.NodeId)).MultiInstance!.ElementVariable;
                return element is not null && current.Variables!.TryGetValue(element, out var item) ? item : null;
            }
        }

        return null;
    }

    /// <summary>The node's <c>camunda:properties</c> with any <c>${...}</c> in a value evaluated to text (e.g. <c>escalationGroup</c>).</summary>
    private bool TryProperties(Execution execution, IReadOnlyDictionary<string, string> raw, out IReadOnlyDictionary<string, string> properties, out string error)
    {
        properties = raw;
        error = string.Empty;
        Dictionary<string, string>? evaluated = null;
        foreach (var (name, value) in raw)
        {
            if (!value.Contains("${", StringComparison.Ordinal))
            {
                continue;
            }

            if (!TryString(execution, Expression.Parse(value), out var text, out error))
            {
                error = $"property '{name}': {error}";
                return false;
            }

            evaluated ??= new Dictionary<string, string>(raw, StringComparer.Ordinal);
            evaluated[name] = text ?? string.Empty;
        }

        properties = evaluated ?? raw;
        return true;
    }

    private bool TryPriority(Execution execution, Expression? expression, out int priority, out string error)
    {
        priority = 50;
        if (!TryString(execution, expression, out var text, out error) || text is null)
        {
            return error.Length == 0;
        }

        if (int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out priority))
        {
            return true;
        }

        error = $"priority '{expression!.Text}' gave '{text}', not an integer.";
        return false;
    }

    /// <summary>Completes a user task: its variables merge into the process scope, then the token moves on.</summary>
    public void CompleteUserTask(OpenUserTask task, string? actor, IReadOnlyDictionary<string, JsonElement>? variables)
    {
        var execution = Find(task.ExecutionId)!;
        State.Tasks.Remove(task);
        Record(HistoryEventType.TaskCompleted, task.NodeId, execution.Id, task.Id, actor, variables);
        SetVariables(execution, variables);
        CompleteActivity(execution);
    }

    /// <summary>Hands a service or send task to the host with a fresh retry budget.</summary>
    private void CreateJob(Execution execution, ServiceTask node)
    {
        var cycleText = node.RetryTimeCycle ?? _options.DefaultJobRetryCycle;
        if (!RetrySchedule.TryParse(cycleText, out var waits))
        {
            RaiseIncident(execution, IncidentKind.Expression, RetryAction.Enter, $"Retry cycle '{cycleText}' of '{node.Id}' is neither R<n>/<duration> nor a list of durations.");
            return;
        }

        if (!TryTaskPriority(execution, node, out var priority, out var priorityError))
        {
            RaiseIncident(execution, IncidentKind.Expression, RetryAction.Enter, $"{node.Kind} '{node.Id}': {priorityError}");
            return;
        }

        var job = new ServiceJob
        {
            Id = NewId("j"),
            ExecutionId = execution.Id,
            NodeId = node.Id,
            Topic = node.Topic,
            RetryWaits = [.. waits.Select(Format)],
        };
        State.Jobs.Add(job);
        Emit(new RunServiceTaskIntent(job.Id, execution.Id, node.Id, node.Topic, job.RetriesLeft, Now, priority));
    }

    /// <summary>The handler finished: output merges into the process scope and the token moves on.</summary>
    public void CompleteJob(ServiceJob job, IReadOnlyDictionary<string, JsonElement>? variables)
    {
        var execution = Find(job.ExecutionId)!;
        RemoveJob(job, execution);
        Record(HistoryEventType.JobCompleted, job.NodeId, execution.Id, job.Id, data: variables);
        SetVariables(execution, variables);
        execution.Status = ExecutionStatus.Waiting;
        CompleteActivity(execution);
    }

    /// <summary>
    /// An attempt failed: retry after the cycle's interval, or raise an incident when none are left. With
    /// <paramref name="retries"/> (an external worker's count, Camunda 7 <c>handleFailure</c>) the cycle is replaced:
    /// that many attempts are left, each after <paramref name="retryTimeout"/>.
    /// </summary>
    public void FailJob(ServiceJob job, string message, int? retries = null, TimeSpan? retryTimeout = null)
    {
        if (retries is { } count)
        {
            var wait = Format(NodaTime.Period.FromMilliseconds((long)Math.Max(0, (retryTimeout ?? TimeSpan.Zero).TotalMilliseconds)));
            job = job with { RetryWaits = count > 0 ? [.. Enumerable.Repeat(wait, count)] : [] };
            State.Jobs[State.Jobs.FindIndex(j => j.Id == job.Id)] = job;
        }

        var execution = Find(job.ExecutionId)!;
        Record(HistoryEventType.JobFailed, job.NodeId, execution.Id, job.Id,
            data: new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["message"] = Json(message), ["retriesLeft"] = Json(job.RetriesLeft) });
        var index = State.Jobs.IndexOf(job);
        if (job.RetriesLeft > 0)
        {
            var retry = job with { RetryWaits = [.. job.RetryWaits.Skip(1)] };
            State.Jobs[index] = retry;
            Emit(new RunServiceTaskIntent(retry.Id, execution.Id, retry.NodeId, retry.Topic, retry.RetriesLeft, Add(Now, ParsePeriod(job.RetryWaits[0]))));
            return;
        }

        State.Jobs[index] = job with { Failed = true };
        RaiseIncident(execution, IncidentKind.JobFailed, RetryAction.Job, $"Service task '{job.NodeId}' (topic '{job.Topic}') failed with no retries left: {message}", job.Id);
    }

    /// <summary>The handler threw a BPMN error: it propagates to the nearest matching error boundary event.</summary>
    public void ThrowJobError(ServiceJob job, string errorCode, string? message, IReadOnlyDictionary<string, JsonElement>? variables)
    {
        var execution = Find(job.ExecutionId)!;
        RemoveJob(job, execution);
        var data = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["errorCode"] = Json(errorCode) };
        if (message is not null)
        {
            data["message"] = Json(message);
        }

        Record(HistoryEventType.ErrorThrown, job.NodeId, execution.Id, job.Id, data: data);
        SetVariables(execution, variables);
        RaiseError(execution, execution, errorCode, $"service task '{job.NodeId}' of process '{Process.Key}'", message);
    }

    /// <summary>Removes a job and resolves the incident that held it, if any.</summary>
    private void RemoveJob(ServiceJob job, Execution execution)
    {
        State.Jobs.Remove(job);
        var incident = State.Incidents.Find(i => i.JobId == job.Id);
        if (incident is not null)
        {
            ResolveIncident(incident, execution);
        }
    }

    private void RunScript(Execution execution, ScriptTask node)
    {
        if (!TryEvaluate(node.Script, Visible(execution), out var result, out var error))
        {
            RaiseIncident(execution, IncidentKind.Expression, RetryAction.Enter, $"Script task '{node.Id}': {error}");
            return;
        }

        if (node.ResultVariable is { } name)
        {
            SetVariables(execution, new Dictionary<string, JsonElement>(StringComparer.Ordinal) { [name] = result });
        }

        CompleteActivity(execution);
    }

    /// <summary>Starts the called process with the <c>camunda:in</c> mappings and waits for it (§10.3.6).</summary>
    private void StartChild(Execution execution, CallActivity node)
    {
        if (!TryString(execution, node.CalledElement, out var key, out var error)
            || !TryString(execution, node.BusinessKey, out var businessKey, out error)
            || !TryMap(node.In, Visible(execution), out var variables, out error))
        {
            RaiseIncident(execution, IncidentKind.Expression, RetryAction.Enter, $"Call activity '{node.Id}': {error}");
            return;
        }

        if (string.IsNullOrEmpty(key))
        {
            RaiseIncident(execution, IncidentKind.Expression, RetryAction.Enter, $"Call activity '{node.Id}': calledElement '{node.CalledElement.Text}' gave no process key.");
            return;
        }

        execution.WaitingForChild = true;
        Emit(new StartChildInstanceIntent(execution.Id, node.Id, key, node.Binding, node.Version, businessKey, variables));
    }

    /// <summary>The child completed: <c>camunda:out</c> mappings, then the call activity completes.</summary>
    public bool CompleteCall(Execution execution, string childInstanceId, IReadOnlyDictionary<string, JsonElement> childVariables)
    {
        var node = (CallActivity)Process.Node(execution.NodeId);
        if (!TryMap(node.Out, childVariables, out var output, out var error))
        {
            RaiseIncident(execution, IncidentKind.Expression, RetryAction.Enter, $"Output mapping of call activity '{node.Id}': {error}");
            return false;
        }

        execution.WaitingForChild = false;
        Record(HistoryEventType.ChildInstanceCompleted, node.Id, execution.Id, childInstanceId);
        SetVariables(execution, output);
        CompleteActivity(execution);
        return true;
    }

    /// <summary>
    /// The child threw a BPMN error it did not catch (BPMN 2.0.2 §10.4.3): the child has ended, and the
    /// error is thrown at the call activity, caught by its error boundary event or an enclosing one, whose
    /// <c>camunda:errorMessageVariable</c> gets <paramref name="errorMessage"/> (as Camunda 7 passes the message up the call hierarchy).
    /// </summary>
    public void ChildThrewError(Execution execution, string childInstanceId, string errorCode, string origin, string? errorMessage)
    {
        var node = (CallActivity)Process.Node(execution.NodeId);
        execution.WaitingForChild = false;
        Record(HistoryEventType.ErrorThrown, node.Id, execution.Id, childInstanceId,
            data: new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["errorCode"] = Json(errorCode), ["origin"] = Json(origin) });
        RaiseError(execution, execution, errorCode, $"{origin}, called by '{node.Id}' of process '{Process.Key}'", errorMessage);
    }

    /// <summary>Applies <c>camunda:in</c>/<c>camunda:out</c> mappings to <paramref name="source"/>.</summary>
    private bool TryMap(IReadOnlyList<VariableMapping> mappings, IReadOnlyDictionary<string, JsonElement> source, out Dictionary<string, JsonElement> target, out string error)
    {
        target = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        error = string.Empty;
        foreach (var mapping in mappings)
        {
            if (mapping.All)
            {
                foreach (var (name, value) in source)
                {
                    if (!IsMultiInstanceCounter(name))
                    {
                        target[name] = value;
                    }
                }
            }
            else if (mapping.SourceExpression is { Script: { } script })
            {
                if (!TryEvaluate(script, source, out var value, out error))
                {
                    return false;
                }

                target[mapping.Target!] = value;
            }
            else if (mapping.Source is { } name && source.TryGetValue(name, out var value))
            {
                target[mapping.Target!] = value;
            }
        }

        return true;
    }

    /// <summary>Closes an incident; a retry records who retried it and the variables they set.</summary>
    private void ResolveIncident(Incident incident, Execution execution, string? actor = null, IReadOnlyDictionary<string, JsonElement>? variables = null)
    {
        State.Incidents.Remove(incident);
        Emit(new ResolveIncidentIntent(incident.Id));
        Record(HistoryEventType.IncidentResolved, incident.NodeId, execution.Id, incident.Id, actor,
            variables is { Count: > 0 } ? new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["variables"] = JsonSerializer.SerializeToElement(variables) } : null);
    }
}
