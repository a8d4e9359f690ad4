using System.Text.Json.Serialization;
using ApprovalFlow.Server.Features.Planning.Data;

namespace ApprovalFlow.Server.Features.Planning.Export;

/// <summary>
/// The trace report of a cycle (<c>GET /api/cycles/{businessKey}/trace</c>): for each current item the sessions,
/// working groups, stakeholder groups and information sources behind it (a consolidated item's are its
/// originals'), and for each stakeholder group and each source how many current items it shaped.
/// </summary>
/// <param name="BusinessKey">The cycle's business key.</param>
/// <param name="Title">The cycle's title.</param>
/// <param name="Items">The current items in plan order.</param>
/// <param name="StakeholderGroups">The glossary's six stakeholder groups in order (then any other code the data uses), each with its count.</param>
/// <param name="Sources">The glossary's nine information sources in order (then any other code), each with its count.</param>
public sealed record PlanTraceResponse(
    string BusinessKey,
    string Title,
    IReadOnlyList<TracedItem> Items,
    IReadOnlyList<TraceCount> StakeholderGroups,
    IReadOnlyList<TraceCount> Sources)
{
    /// <summary>The trace of <paramref name="plan"/>.</summary>
    /// <param name="plan">The plan as it stands.</param>
    /// <returns>The report.</returns>
    public static PlanTraceResponse From(PlanContent plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var entries = plan.Entries.ToList();
        var items = entries.Select(e => new TracedItem(
            e.Item.Id, e.Number, e.Item.Kind, e.Item.Theme, e.Item.Level, e.Item.Title, e.Item.IsConsolidated,
            [.. e.Origins.Sessions.Select(s => new TracedSession(s.Id, s.WorkingGroupId, plan.GroupName(s.WorkingGroupId), s.Date, s.Agenda))],
            [.. e.Origins.WorkingGroups.Select(g => new TracedGroup(g, plan.GroupName(g)))],
            e.Origins.StakeholderGroups, e.Origins.Sources, e.Origins.Originals)).ToList();
        return new PlanTraceResponse(
            plan.Cycle.BusinessKey, plan.Cycle.Title, items,
            Counts(PlanningVocabulary.StakeholderGroups, entries.Select(e => e.Origins.StakeholderGroups)),
            Counts(PlanningVocabulary.InformationSources, entries.Select(e => e.Origins.Sources)));
    }

    private static List<TraceCount> Counts(IReadOnlyList<PlanningTerm> glossary, IEnumerable<IReadOnlyList<string>> perItem)
    {
        var counts = perItem.SelectMany(codes => codes.Distinct(StringComparer.Ordinal))
            .GroupBy(c => c, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return
        [
            .. glossary.Select(t => new TraceCount(t.Id, t.Name, counts.GetValueOrDefault(t.Id))),
            .. counts.Keys.Where(c => glossary.All(t => t.Id != c)).Order(StringComparer.Ordinal).Select(c => new TraceCount(c, c, counts[c])),
        ];
    }
}

/// <summary>One current item of the trace report.</summary>
/// <param name="Id">Item id.</param>
/// <param name="Number">Its number in the plan (<c>theme.kind.n</c>, Latin digits).</param>
/// <param name="Kind"><c>Problem</c>, <c>Strategy</c>, <c>ExecutivePolicy</c> or <c>Project</c>.</param>
/// <param name="Theme">Theme id.</param>
/// <param name="Level">Level id.</param>
/// <param name="Title">Title.</param>
/// <param name="IsConsolidated">Whether the secretariat made it by merging others.</param>
/// <param name="Sessions">The sessions behind it, by date.</param>
/// <param name="WorkingGroups">The working groups behind it.</param>
/// <param name="StakeholderGroups">Stakeholder group codes of its sessions' attendees.</param>
/// <param name="Sources">Information source codes it (or an original) recorded.</param>
/// <param name="Originals">Ids of the items merged into it.</param>
public sealed record TracedItem(
    Guid Id, string Number, [property: JsonConverter(typeof(JsonStringEnumConverter<PlanItemKind>))] PlanItemKind Kind, string Theme, string Level, string Title, bool IsConsolidated,
    IReadOnlyList<TracedSession> Sessions, IReadOnlyList<TracedGroup> WorkingGroups,
    IReadOnlyList<string> StakeholderGroups, IReadOnlyList<string> Sources, IReadOnlyList<Guid> Originals);

/// <summary>A session behind an item.</summary>
/// <param name="Id">Session id.</param>
/// <param name="WorkingGroupId">Its working group id.</param>
/// <param name="WorkingGroupName">Its working group's name.</param>
/// <param name="Date">Its date (ISO, Gregorian).</param>
/// <param name="Agenda">Its subject.</param>
public sealed record TracedSession(Guid Id, string WorkingGroupId, string WorkingGroupName, DateOnly Date, string Agenda);

/// <summary>A working group behind an item.</summary>
/// <param name="Id">Directory group id.</param>
/// <param name="Name">Its name.</param>
public sealed record TracedGroup(string Id, string Name);

/// <summary>How many current items a stakeholder group or an information source shaped.</summary>
/// <param name="Id">Code id, e.g. <c>citizens</c> or <c>citizen-surveys</c>.</param>
/// <param name="Name">Persian name (the glossary's; the code when the glossary has none).</param>
/// <param name="Items">Number of current items with it among their origins.</param>
public sealed record TraceCount(string Id, string Name, int Items);
