namespace ApprovalFlow.Server.Features.Migrations;

/// <summary>
/// The codes of the reasons an instance stays on its version when the engine did not refuse it (its refusals have the
/// engine's <see cref="ApprovalFlow.Engine.Migration.MigrationProblemKind"/>, camel case): pages show them in the user's language.
/// </summary>
public static class MigrationReasonCodes
{
    /// <summary>The instance no longer exists.</summary>
    public const string InstanceGone = "instanceGone";

    /// <summary>A call activity of the target version calls a definition that is not deployed.</summary>
    public const string CalledDefinitionMissing = "calledDefinitionMissing";

    /// <summary>The migrated instance could not be saved.</summary>
    public const string SaveFailed = "saveFailed";
}
