using System.Globalization;
using System.Net;
using System.Text.Json;
using ApprovalFlow.Server.Features.Instances;
using ApprovalFlow.Server.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace ApprovalFlow.Server.Pages.Instances;

/// <summary>One line of an instance's timeline.</summary>
/// <param name="Sequence">The history event's sequence number.</param>
/// <param name="When">When, in the user's calendar.</param>
/// <param name="Text">What happened, in plain words (node and people by name), as HTML: the names inserted are encoded and isolated in <c>&lt;bdi&gt;</c>, so a Persian name in an English sentence keeps its order.</param>
/// <param name="Subject">What the task worked on (the multi-instance item's name), or <see langword="null"/>.</param>
/// <param name="Decision">The decision made (<c>decision</c> set by the completion), in words, or <see langword="null"/>.</param>
/// <param name="Comment">The comment, reason, note or error message of the event, or <see langword="null"/>.</param>
/// <param name="ChildInstanceId">The child instance the event is about (a call activity's child that completed), or <see langword="null"/>.</param>
/// <param name="IsInternal">Whether it is an engine-internal event (shown only with all events).</param>
public sealed record TimelineItem(long Sequence, string When, HtmlString Text, string? Subject, string? Decision, string? Comment, Guid? ChildInstanceId, bool IsInternal);

/// <summary>
/// Turns an instance's history (<see cref="InstanceHistory"/>) into sentences people read: node names from
/// the definition, people's display names, decisions and comments of completed tasks. Engine-internal
/// events (a token entering or leaving a node, a job's attempt) are marked <see cref="TimelineItem.IsInternal"/>.
/// Event types without a text of their own get a general sentence, so a new event type never shows a resource key.
/// </summary>
public static class InstanceTimeline
{
    /// <summary>The event types (API spelling) that only explain the engine's work.</summary>
    public static readonly IReadOnlySet<string> InternalTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "nodeEntered", "nodeLeft", "nodeCancelled", "jobCompleted", "jobFailed",
    };

    /// <summary>The decisions the shipped forms set, with their resource keys.</summary>
    private static readonly Dictionary<string, string> Decisions = new(StringComparer.Ordinal)
    {
        ["approve"] = "DecisionApprove",
        ["revise"] = "DecisionRevise",
        ["reject"] = "DecisionReject",
    };

    /// <summary>The data members shown as the event's comment, first found wins.</summary>
    private static readonly string[] CommentMembers = ["comment", "note", "reason", "message", "text"];

    /// <summary>
    /// The lines of <paramref name="entries"/>, in order; <paramref name="subjects"/> maps API task ids to
    /// what the task worked on.
    /// </summary>
    public static IReadOnlyList<TimelineItem> Build(
        IReadOnlyList<HistoryEntry> entries, IReadOnlyDictionary<string, string> subjects, IStringLocalizer<InstanceTexts> texts, DisplayFormat format)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(format);
        return [.. entries.Select(entry =>
        {
            var node = Isolated(entry.NodeName ?? entry.NodeId ?? string.Empty);
            var actor = Isolated(entry.ActorName ?? texts["SystemActor"].Value);
            var template = texts["Event" + char.ToUpperInvariant(entry.Type[0]) + entry.Type[1..]];
            var text = template.ResourceNotFound
                ? Format(texts["EventOther"].Value, Isolated(entry.Type), node, actor)
                : Format(template.Value, node, actor);

            var decision = Member(entry.Data, "decision");
            return new TimelineItem(
                entry.Sequence,
                format.DateTime(entry.At),
                text,
                entry.TaskId is not null && subjects.TryGetValue(entry.TaskId, out var subject) ? subject : null,
                decision is null ? null : Decisions.TryGetValue(decision, out var key) ? texts[key].Value : decision,
                CommentMembers.Select(m => Member(entry.Data, m)).FirstOrDefault(c => !string.IsNullOrWhiteSpace(c)),
                entry.Type == "childInstanceCompleted" && Guid.TryParse(entry.TaskId, out var child) ? child : null,
                InternalTypes.Contains(entry.Type));
        })];
    }

    private static string Isolated(string name) => $"<bdi>{WebUtility.HtmlEncode(name)}</bdi>";

    /// <summary>The resource text <paramref name="template"/> encoded as HTML, with the already encoded <paramref name="arguments"/> in its placeholders.</summary>
    private static HtmlString Format(string template, params object[] arguments) =>
        new(string.Format(CultureInfo.InvariantCulture, WebUtility.HtmlEncode(template), arguments));

    private static string? Member(JsonElement? data, string name) =>
        data is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String
            ? member.GetString()
            : null;
}
