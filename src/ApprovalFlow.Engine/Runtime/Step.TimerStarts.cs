using System.Text.Json;
using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>Timer start events (BPMN 2.0.2 §10.5.2): the history of an instance a timer started.</summary>
internal sealed partial class Step
{
    /// <summary>
    /// The data of <see cref="History.HistoryEventType.InstanceStarted"/> for a start at <paramref name="startEventId"/>:
    /// <c>startEventId</c>, and <c>startedBy: "timer"</c> when it is a timer start event.
    /// </summary>
    private Dictionary<string, JsonElement> StartedAt(string startEventId)
    {
        var data = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["startEventId"] = Json(startEventId) };
        if (Process.Node(startEventId) is StartEvent { Timer: not null })
        {
            data["startedBy"] = Json("timer");
        }

        return data;
    }
}
