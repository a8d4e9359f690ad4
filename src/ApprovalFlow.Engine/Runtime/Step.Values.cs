using System.Globalization;
using System.Text.Json;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Timers;
using NodaTime.Text;
using ApprovalFlow.Engine.Expressions;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;
using NodaTime;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>Expressions, variables and incidents of a step.</summary>
internal sealed partial class Step
{
    /// <summary>Evaluates an expression for an execution; a literal evaluates to its text.</summary>
    private bool TryEvaluate(Execution execution, Expression expression, out JsonElement value, out string error, IReadOnlyDictionary<string, JsonElement>? overrides = null)
    {
        if (expression.Script is null)
        {
            value = JsonSerializer.SerializeToElement(expression.Text);
            error = string.Empty;
            return true;
        }

        var variables = Visible(execution);
        if (overrides is not null)
        {
            foreach (var (name, overridden) in overrides)
            {
                variables[name] = overridden;
            }
        }

        return TryEvaluate(expression.Script, variables, out value, out error);
    }

    private bool TryEvaluate(string script, IReadOnlyDictionary<string, JsonElement> variables, out JsonElement value, out string error)
    {
        try
        {
            value = _evaluator.Evaluate(script, variables, Now);
            error = string.Empty;
            return true;
        }
        catch (ExpressionException e)
        {
            value = default;
            error = $"{e.Reason}: {e.Message}";
            return false;
        }
    }

    /// <summary>Evaluates a condition that must give a boolean (BPMN 2.0.2 §10.6.2).</summary>
    private bool TryCondition(Execution execution, Expression condition, out bool holds, out string error, IReadOnlyDictionary<string, JsonElement>? overrides = null)
    {
        holds = false;
        if (!TryEvaluate(execution, condition, out var value, out error, overrides))
        {
            return false;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            error = $"'{condition.Text}' gave {value.ValueKind}, not a boolean.";
            return false;
        }

        holds = value.ValueKind == JsonValueKind.True;
        return true;
    }

    /// <summary>Evaluates to a string, or <see langword="null"/> for JSON null/undefined.</summary>
    private bool TryString(Execution execution, Expression? expression, out string? text, out string error)
    {
        text = null;
        error = string.Empty;
        if (expression is null)
        {
            return true;
        }

        if (expression.Script is null)
        {
            text = expression.Text.Length == 0 ? null : expression.Text;
            return true;
        }

        if (!TryEvaluate(execution, expression, out var value, out error))
        {
            return false;
        }

        text = value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => value.GetString(),
            _ => value.GetRawText(),
        };
        return true;
    }

    /// <summary>Evaluates to a list of ids: comma-separated text, or a JSON array of strings.</summary>
    private bool TryList(Execution execution, Expression? expression, out IReadOnlyList<string> items, out string error)
    {
        items = [];
        error = string.Empty;
        if (expression is null)
        {
            return true;
        }

        var value = default(JsonElement);
        if (expression.Script is not null && !TryEvaluate(execution, expression, out value, out error))
        {
            return false;
        }

        var text = expression.Script is null ? expression.Text : value.ValueKind switch
        {
            JsonValueKind.Array => null,
            JsonValueKind.Null => string.Empty,
            JsonValueKind.String => value.GetString(),
            _ => value.GetRawText(),
        };
        items = text is not null
            ? text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [.. value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())];
        return true;
    }

    /// <summary>
    /// Evaluates a due or follow-up date: an ISO 8601 instant (no offset = the calendar's zone), or an
    /// ISO 8601 duration counted from now through the business calendar.
    /// </summary>
    private bool TryInstant(Execution execution, Expression? expression, out DateTimeOffset? instant, out string error)
    {
        instant = null;
        if (!TryString(execution, expression, out var text, out error) || text is null)
        {
            return error.Length == 0;
        }

        if (TimerScheduleParser.TryParse(TimerKind.Duration, text, out var schedule, out _) && schedule is DurationSchedule duration)
        {
            instant = _calendar.Add(Now, duration.Duration);
            return true;
        }

        if (TimerScheduleParser.TryParse(TimerKind.Date, text, out schedule, out var dateError) && schedule is DateSchedule date)
        {
            instant = ToInstant(date);
            return true;
        }

        error = $"'{expression!.Text}' gave '{text}', which is neither an ISO 8601 instant nor a duration ({dateError})";
        return false;
    }

    private DateTimeOffset ToInstant(DateSchedule date) => date.Offset is { } offset
        ? date.Local.WithOffset(offset).ToInstant().ToDateTimeOffset()
        : date.Local.InZoneLeniently(_calendar.Zone).ToInstant().ToDateTimeOffset();

    private DateTimeOffset Add(DateTimeOffset from, Period period) => _calendar.Add(from, period);

    /// <summary>
    /// Sets variables as BPMN engines do (the multi-instance counters are the engine's and are never
    /// overwritten): in the nearest enclosing scope that already has the name,
    /// else in the process scope (so task output merges into the process scope, and a multi-instance
    /// element variable stays local). The changes are queued for the waiting conditional events
    /// (<see cref="DispatchVariableChanges"/>).
    /// </summary>
    private void SetVariables(Execution? execution, IReadOnlyDictionary<string, JsonElement>? variables)
    {
        if (variables is null)
        {
            return;
        }

        var changes = new List<VariableChange>(variables.Count);
        foreach (var (name, value) in variables)
        {
            if (IsMultiInstanceCounter(name))
            {
                continue;
            }

            var target = State.Variables;
            string? scopeId = null;
            for (var current = execution; current is not null; current = ParentToRead(current))
            {
                if (current.Variables is { } locals && locals.ContainsKey(name))
                {
                    target = Own(current).Variables!;
                    scopeId = current.Id;
                    break;
                }
            }

            changes.Add(new VariableChange(scopeId, name, target.ContainsKey(name) ? ConditionalVariableEvents.Update : ConditionalVariableEvents.Create));
            target[name] = value;
        }

        QueueVariableChanges(changes);
    }

    /// <summary>Stops a token with an incident (never an exception): it stays until retried.</summary>
    private void RaiseIncident(Execution execution, IncidentKind kind, RetryAction retry, string message, string? jobId = null)
    {
        execution.Status = ExecutionStatus.Incident;
        OpenIncident(execution.Id, execution.NodeId, kind, retry, message, jobId);
    }

    private void OpenIncident(string executionId, string nodeId, IncidentKind kind, RetryAction retry, string message, string? jobId = null)
    {
        var incident = new Incident
        {
            Id = NewId("i"),
            ExecutionId = executionId,
            NodeId = nodeId,
            Kind = kind,
            Message = message,
            JobId = jobId,
            Retry = retry,
            CreatedAt = Now,
        };
        State.Incidents.Add(incident);
        Emit(new RaiseIncidentIntent(incident));
        Record(HistoryEventType.IncidentRaised, nodeId, executionId, incident.Id,
            data: new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["message"] = Json(message), ["kind"] = Json(kind.ToString()) });
    }

    private static JsonElement Json(string value) => JsonSerializer.SerializeToElement(value);

    private static JsonElement Json(int value) => JsonSerializer.SerializeToElement(value);

    private static int ReadInt(Dictionary<string, JsonElement>? variables, string name) =>
        variables is not null && variables.TryGetValue(name, out var value) && value.TryGetInt32(out var number) ? number : 0;

    private static string Format(Period period) => PeriodPattern.Roundtrip.Format(period);

    private static Period ParsePeriod(string text) => PeriodPattern.Roundtrip.Parse(text).Value;

}
