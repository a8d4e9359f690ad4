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

    /// <summary>Kind of group, e.g. <c>unit</c>, <c>working-group</c>, <c>body</c>.</summary>
    public required string Kind { get; set; }

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
