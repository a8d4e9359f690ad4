using System.Text.Json;

namespace ApprovalFlow.Server.Data;

/// <summary>
/// A group of the directory: an organisational unit, working group, committee or council (or its
/// secretariat). Task candidate groups name these ids.
/// </summary>
public sealed class DirectoryGroup
{
    /// <summary>Stable id used in BPMN, e.g. <c>planning-office</c>.</summary>
    public required string Id { get; set; }

    /// <summary>Display name (Persian).</summary>
    public required string Name { get; set; }

    /// <summary>
    /// Kind of group: <c>unit</c>, <c>working-group</c>, <c>working-group-secretary</c>,
    /// <c>working-group-chair</c>, <c>theme-coordinators</c>, <c>body-secretariat</c>, <c>body-chair</c>
    /// (the planning directory, <c>deploy/seed/README.md</c>), or any other text.
    /// </summary>
    public required string Kind { get; set; }

    /// <summary>
    /// Metadata of the group as a JSON object (<c>jsonb</c>), whose members depend on <see cref="Kind"/>
    /// (e.g. a working group's theme, level, unit, secretary and chair groups; see
    /// <c>deploy/seed/README.md</c>), or <see langword="null"/> when the group has none.
    /// </summary>
    public JsonElement? Attributes { get; set; }

    /// <summary>Members.</summary>
    public List<GroupMembership> Members { get; set; } = [];
}

/// <summary>A user's membership of a <see cref="DirectoryGroup"/>.</summary>
public sealed class GroupMembership
{
    /// <summary>The group.</summary>
    public required string GroupId { get; set; }

    /// <summary>The user.</summary>
    public required string UserId { get; set; }

    /// <summary>The user (navigation).</summary>
    public ApplicationUser? User { get; set; }
}
