using System.Text.Json;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>Multi-instance activities (BPMN 2.0.2 §10.3.8, §13.3.6): body, items and counters.</summary>
internal sealed partial class Step
{
    private const string NrOfInstances = "nrOfInstances";
    private const string NrOfActiveInstances = "nrOfActiveInstances";
    private const string NrOfCompletedInstances = "nrOfCompletedInstances";
    private const string LoopCounter = "loopCounter";

    /// <summary><see langword="true"/> for the variables the engine keeps for multi-instance activities.</summary>
    private static bool IsMultiInstanceCounter(string name) =>
        name is NrOfInstances or NrOfActiveInstances or NrOfCompletedInstances or LoopCounter;

    /// <summary>The token becomes the multi-instance body and creates its items (all at once, or the first).</summary>
    private void StartMultiInstance(Execution execution, Activity activity, MultiInstanceCharacteristics loop)
    {
        if (!TryItems(execution, loop, out var count, out var items, out var error))
        {
            RaiseIncident(execution, IncidentKind.Expression, RetryAction.Enter, $"Multi-instance of '{activity.Id}': {error}");
            return;
        }

        if (count > _options.MaxMultiInstanceItems)
        {
            RaiseIncident(execution, IncidentKind.TooManyInstances, RetryAction.Enter,
                $"Multi-instance {activity.ElementType} '{activity.Id}' would create {count} instances; at most {_options.MaxMultiInstanceItems} are allowed (Engine:MaxMultiInstanceItems).");
            return;
        }

        if (!AttachBoundaries(execution, activity))
        {
            return;
        }

        execution.Kind = ExecutionKind.MultiInstanceBody;
        execution.Status = ExecutionStatus.Scope;
        var active = loop.IsSequential ? Math.Min(1, count) : count;
        execution.Variables = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            [NrOfInstances] = Json(count),
            [NrOfCompletedInstances] = Json(0),
            [NrOfActiveInstances] = Json(active),
        };
        if (count == 0)
        {
            Leave(execution, activity);
            return;
        }

        if (loop.IsSequential)
        {
            execution.Items = items;
            ScheduleRun(CreateItem(execution, activity, loop, 0, items));
            return;
        }

        var created = new List<Execution>(count);
        for (var i = 0; i < count; i++)
        {
            created.Add(CreateItem(execution, activity, loop, i, items));
        }

        foreach (var item in created)
        {
            ScheduleRun(item);
        }
    }

    private bool TryItems(Execution execution, MultiInstanceCharacteristics loop, out int count, out JsonElement? items, out string error)
    {
        count = 0;
        items = null;
        JsonElement value;
        if (loop.Collection is { } collection)
        {
            if (collection.Script is null)
            {
                if (!Visible(execution).TryGetValue(collection.Text, out value))
                {
                    error = $"collection variable '{collection.Text}' is not set.";
                    return false;
                }
            }
            else if (!TryEvaluate(execution, collection, out value, out error))
            {
                return false;
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                error = $"collection '{collection.Text}' is {value.ValueKind}, not an array.";
                return false;
            }

            items = value;
            count = value.GetArrayLength();
            error = string.Empty;
            return true;
        }

        if (!TryEvaluate(execution, loop.LoopCardinality!, out value, out error))
        {
            return false;
        }

        if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out count) && count >= 0)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out count) && count >= 0)
        {
            return true;
        }

        error = $"loopCardinality '{loop.LoopCardinality!.Text}' gave {value.GetRawText()}, not a non-negative integer.";
        return false;
    }

    private Execution CreateItem(Execution body, Activity activity, MultiInstanceCharacteristics loop, int index, JsonElement? items)
    {
        var item = NewExecution(body.Id, activity.Id, ExecutionKind.MultiInstanceItem);
        item.Variables = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { [LoopCounter] = Json(index) };
        if (loop.ElementVariable is { } name && items is { } array)
        {
            item.Variables[name] = array[index];
        }

        return item;
    }

    /// <summary>
    /// One item finished: update the counters, then either end the body (all done, or the completion
    /// condition holds: the remaining items are cancelled) or start the next sequential item.
    /// </summary>
    private void CompleteItem(Execution item)
    {
        var body = Parent(item)!;
        var activity = (Activity)Process.Node(body.NodeId);
        var loop = activity.MultiInstance!;
        var total = ReadInt(body.Variables, NrOfInstances);
        var completed = ReadInt(body.Variables, NrOfCompletedInstances) + 1;
        var active = ReadInt(body.Variables, NrOfActiveInstances) - 1;
        var done = completed >= total;
        if (!done && loop.CompletionCondition is { } condition)
        {
            var counters = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
            {
                [NrOfCompletedInstances] = Json(completed),
                [NrOfActiveInstances] = Json(active),
            };
            if (!TryCondition(item, condition, out done, out var error, counters))
            {
                RaiseIncident(item, IncidentKind.Expression, RetryAction.Complete, $"Completion condition of '{activity.Id}': {error}");
                return;
            }
        }

        RemoveExecution(item);
        body.Variables![NrOfCompletedInstances] = Json(completed);
        if (done)
        {
            CancelChildren(body);
            body.Variables[NrOfActiveInstances] = Json(0);
            Leave(body, activity);
            return;
        }

        if (loop.IsSequential)
        {
            ScheduleRun(CreateItem(body, activity, loop, completed, body.Items));
            return;
        }

        body.Variables[NrOfActiveInstances] = Json(active);
    }
}
