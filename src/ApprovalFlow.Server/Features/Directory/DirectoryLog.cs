namespace ApprovalFlow.Server.Features.Directory;

/// <summary>Log messages of the directory and its demo seed.</summary>
internal static partial class DirectoryLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Demo seed skipped (Seed:Demo is false)")]
    public static partial void SeedSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Demo seed: created role {Role}")]
    public static partial void RoleCreated(ILogger logger, string role);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Demo seed: created group {GroupId} ({GroupName}, {GroupKind})")]
    public static partial void GroupCreated(ILogger logger, string groupId, string groupName, string groupKind);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Demo seed: gave group {GroupId} the attributes of the directory file")]
    public static partial void AttributesAdded(ILogger logger, string groupId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Demo seed: created user {Email} ({DisplayName})")]
    public static partial void UserCreated(ILogger logger, string email, string displayName);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Demo seed: gave {Email} role {Role}")]
    public static partial void RoleGranted(ILogger logger, string email, string role);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Demo seed: added {Email} to group {GroupId}")]
    public static partial void MembershipAdded(ILogger logger, string email, string groupId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Demo seed from {DirectoryFile} done: {RolesCreated} roles, {GroupsCreated} groups, {UsersCreated} users, {RolesGranted} role grants, {MembershipsAdded} memberships and {AttributesAdded} group attributes created in {ElapsedMs} ms")]
    public static partial void SeedDone(ILogger logger, string directoryFile, int rolesCreated, int groupsCreated, int usersCreated, int rolesGranted, int membershipsAdded, int attributesAdded, long elapsedMs);
}
