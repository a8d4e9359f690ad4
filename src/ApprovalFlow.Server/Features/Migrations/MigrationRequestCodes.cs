namespace ApprovalFlow.Server.Features.Migrations;

/// <summary>
/// The codes of the reasons a migration request is refused (<see cref="MigrationRequestException.Code"/>, the problem
/// details' <c>code</c>): pages show them in the user's language beside the field at fault.
/// </summary>
public static class MigrationRequestCodes
{
    /// <summary>No definition key was given.</summary>
    public const string DefinitionKeyRequired = "definitionKeyRequired";

    /// <summary>The source and target versions are the same.</summary>
    public const string SameVersion = "sameVersion";

    /// <summary>The definition has no such version.</summary>
    public const string VersionMissing = "versionMissing";

    /// <summary>The version is a documentation model (<c>isExecutable="false"</c>).</summary>
    public const string VersionNotExecutable = "versionNotExecutable";

    /// <summary>The mapping names a source node the source version does not have.</summary>
    public const string SourceNodeMissing = "sourceNodeMissing";

    /// <summary>The mapping maps to a node the target version does not have.</summary>
    public const string TargetNodeMissing = "targetNodeMissing";

    /// <summary>The versions belong to different definitions.</summary>
    public const string OtherDefinition = "otherDefinition";

    /// <summary>A listed instance id is no instance of the definition.</summary>
    public const string InstanceMissing = "instanceMissing";
}

/// <summary>The request fields a <see cref="MigrationRequestException"/> can name (<see cref="MigrationRequestException.Field"/>, camel case as in JSON).</summary>
public static class MigrationRequestFields
{
    /// <summary><c>definitionKey</c>.</summary>
    public const string DefinitionKey = "definitionKey";

    /// <summary><c>fromVersion</c>.</summary>
    public const string FromVersion = "fromVersion";

    /// <summary><c>toVersion</c>.</summary>
    public const string ToVersion = "toVersion";

    /// <summary><c>mapping</c>.</summary>
    public const string Mapping = "mapping";

    /// <summary><c>instanceIds</c>.</summary>
    public const string InstanceIds = "instanceIds";
}
