using System.Xml.Linq;
using ApprovalFlow.Bpmn.Model;

namespace ApprovalFlow.Bpmn.Parsing;

/// <summary>The people a user task's <c>humanPerformer</c> and <c>potentialOwner</c> name.</summary>
/// <param name="HumanPerformer">The assignee from <c>humanPerformer</c>, or <see langword="null"/>.</param>
/// <param name="Users">Candidate users from <c>potentialOwner</c>.</param>
/// <param name="Groups">Candidate groups from <c>potentialOwner</c>.</param>
internal sealed record ResourceAssignment(Expression? HumanPerformer, IReadOnlyList<Expression> Users, IReadOnlyList<Expression> Groups);

/// <summary>
/// Reads resource assignment (BPMN 2.0.2 §10.3.3 <c>humanPerformer</c>, <c>potentialOwner</c>, with
/// <c>resourceAssignmentExpression/formalExpression</c>) as Camunda 7's <c>BpmnParse</c> does: the
/// potential owners' expression is a comma-separated list whose entries are <c>user(x)</c> (candidate
/// user), <c>group(y)</c> or plain text (candidate group); the human performer is the assignee
/// (<c>user(x)</c> or plain). Commas inside <c>${...}</c> do not split.
/// </summary>
internal static class ResourceAssignmentReader
{
    /// <summary>The BPMN children read here.</summary>
    public static readonly string[] Elements = ["humanPerformer", "potentialOwner"];

    /// <summary>Reads the resource roles of <paramref name="task"/>; problems are reported as <see cref="DiagnosticCodes.InvalidResourceAssignment"/>.</summary>
    public static ResourceAssignment Read(XElement task, ReadContext context)
    {
        Expression? performer = null;
        var performers = task.Elements(BpmnXml.Model + "humanPerformer").ToList();
        if (performers.Count > 1)
        {
            context.Diagnostics.Add(task, DiagnosticCodes.InvalidResourceAssignment, $"{BpmnXml.Describe(task)} has {performers.Count} humanPerformer elements; at most one is allowed.");
        }
        else if (performers.Count == 1 && FormalExpression(task, performers[0], context) is { } text)
        {
            var entry = Entry(text);
            if (entry.IsGroup && entry.Prefixed)
            {
                context.Diagnostics.Add(task, DiagnosticCodes.InvalidResourceAssignment, $"The humanPerformer of {BpmnXml.Describe(task)} names group '{entry.Value}'; a human performer is one user.");
            }
            else
            {
                performer = Expression.Parse(entry.Value);
            }
        }

        var users = new List<Expression>();
        var groups = new List<Expression>();
        foreach (var owner in task.Elements(BpmnXml.Model + "potentialOwner"))
        {
            if (FormalExpression(task, owner, context) is not { } text)
            {
                continue;
            }

            foreach (var item in Split(text))
            {
                var entry = Entry(item);
                (entry.IsGroup ? groups : users).Add(Expression.Parse(entry.Value));
            }
        }

        return new ResourceAssignment(performer, users, groups);
    }

    private static string? FormalExpression(XElement task, XElement role, ReadContext context)
    {
        var text = role.Element(BpmnXml.Model + "resourceAssignmentExpression")?.Element(BpmnXml.Model + "formalExpression")?.Value.Trim();
        if (string.IsNullOrEmpty(text))
        {
            context.Diagnostics.Add(task, DiagnosticCodes.InvalidResourceAssignment,
                $"The {role.Name.LocalName} of {BpmnXml.Describe(task)} needs a resourceAssignmentExpression with a non-empty formalExpression (resourceRef is not supported).");
            return null;
        }

        return text;
    }

    private static (string Value, bool IsGroup, bool Prefixed) Entry(string item)
    {
        foreach (var (prefix, isGroup) in new[] { ("user(", false), ("group(", true) })
        {
            if (item.StartsWith(prefix, StringComparison.Ordinal) && item.EndsWith(')'))
            {
                return (item[prefix.Length..^1].Trim(), isGroup, true);
            }
        }

        return (item, true, false);
    }

    /// <summary>Splits at commas outside <c>${...}</c>; trims entries and drops empty ones.</summary>
    private static List<string> Split(string text)
    {
        var items = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '{':
                    depth++;
                    break;
                case '}':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ',' when depth == 0:
                    items.Add(text[start..i]);
                    start = i + 1;
                    break;
            }
        }

        items.Add(text[start..]);
        return [.. items.Select(i => i.Trim()).Where(i => i.Length > 0)];
    }
}
