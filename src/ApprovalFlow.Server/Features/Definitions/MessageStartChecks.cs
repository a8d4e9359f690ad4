using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Bpmn.Parsing;
using ApprovalFlow.Server.Features.Messages;

namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>
/// Refuses an ambiguous message start at deploy (BPMN 2.0.2 §10.5.2, as Camunda 7: "there already is a message
/// event subscription for the message with name"): a message start event of an executable process may not wait
/// for a message that a message start event of the latest version of another definition key waits for, nor one
/// that another process of the same file waits for. A new version of the same key takes the name over. Scoped;
/// not thread-safe. Two deployments racing with the same name are not serialised (the message API then answers 409).
/// </summary>
public sealed class MessageStartChecks(MessageStarts starts)
{
    /// <summary>Code of a message start event whose message already starts another definition.</summary>
    public const string AmbiguousMessageStart = "ambiguous-message-start";

    /// <summary>Every ambiguous message start event of <paramref name="document"/>, with its element id, line, the message and the other definition.</summary>
    /// <param name="document">The parsed file.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    public async Task<IReadOnlyList<BpmnDiagnostic>> ErrorsAsync(BpmnDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var mine = document.Processes.Where(p => p.IsExecutable)
            .SelectMany(p => p.MessageStartEventIds.Select(id => (Key: p.Id, Start: (StartEvent)p.Node(id))))
            .ToList();
        if (mine.Count == 0)
        {
            return [];
        }

        var keys = document.Processes.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var deployed = (await starts.LatestAsync(cancellationToken)).Where(s => !keys.Contains(s.Definition.Key)).ToLookup(s => s.MessageName, StringComparer.Ordinal);
        var errors = new List<BpmnDiagnostic>();
        for (var i = 0; i < mine.Count; i++)
        {
            var (key, start) = mine[i];
            var name = start.Message!.MessageName;
            foreach (var other in deployed[name])
            {
                errors.Add(Error(key, start,
                    $"definition '{other.Definition.Key}' version {other.Definition.Version} (its startEvent '{other.StartEventId}', line {other.Line}) already starts on it"));
            }

            var earlier = mine.Take(i).FirstOrDefault(m => m.Key != key && m.Start.Message!.MessageName == name);
            if (earlier.Start is not null)
            {
                errors.Add(Error(key, start, $"process '{earlier.Key}' of the same file (its startEvent '{earlier.Start.Id}', line {earlier.Start.Position.Line}) starts on it too"));
            }
        }

        return errors;
    }

    private static BpmnDiagnostic Error(string key, StartEvent start, string clash) =>
        new(start.Id, start.Position.Line, start.Position.Column, AmbiguousMessageStart,
            $"Message startEvent '{start.Id}' of '{key}' waits for message '{start.Message!.MessageName}', but {clash}; there already is a message start for the message with name '{start.Message.MessageName}', and a message may start one definition only. Use another message name, or change the other definition first.");
}
