using System.Text.Json;
using ApprovalFlow.Server.Features.Planning.Data;

namespace ApprovalFlow.Server.Features.Planning.Items;

/// <summary>The API names of plan item kinds and statuses, and which kind an item follows from (problem → strategy → executive policy → project).</summary>
public static class ItemKinds
{
    /// <summary>The kinds in plan order, by their API names: <c>problem</c>, <c>strategy</c>, <c>executivePolicy</c>, <c>project</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<PlanItemKind>().Select(Name)];

    /// <summary>The API name of <paramref name="kind"/>, e.g. <c>executivePolicy</c>.</summary>
    /// <param name="kind">A kind.</param>
    public static string Name(PlanItemKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    /// <summary>The API name of <paramref name="status"/>, e.g. <c>agreed</c>.</summary>
    /// <param name="status">A status.</param>
    public static string Name(PlanItemStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    /// <summary>The kind named <paramref name="name"/> (the API name), or <see langword="null"/>.</summary>
    /// <param name="name">An API name.</param>
    public static PlanItemKind? Parse(string? name) =>
        Enum.GetValues<PlanItemKind>().Cast<PlanItemKind?>().FirstOrDefault(k => Name(k!.Value) == name);

    /// <summary>The status named <paramref name="name"/> (the API name), or <see langword="null"/>.</summary>
    /// <param name="name">An API name.</param>
    public static PlanItemStatus? ParseStatus(string? name) =>
        Enum.GetValues<PlanItemStatus>().Cast<PlanItemStatus?>().FirstOrDefault(s => Name(s!.Value) == name);

    /// <summary>The kind an item of <paramref name="kind"/> follows from: a strategy from a problem, a policy from a strategy, a project from a policy; <see langword="null"/> for a problem.</summary>
    /// <param name="kind">The downstream kind.</param>
    public static PlanItemKind? Upstream(PlanItemKind kind) => kind == PlanItemKind.Problem ? null : kind - 1;

    /// <summary>Whether items of <paramref name="status"/> count as the working group's current findings (not merged away nor withdrawn).</summary>
    /// <param name="status">A status.</param>
    public static bool IsCurrent(PlanItemStatus status) => status is not (PlanItemStatus.Merged or PlanItemStatus.Withdrawn);
}
