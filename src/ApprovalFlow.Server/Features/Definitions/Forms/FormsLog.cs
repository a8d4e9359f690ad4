namespace ApprovalFlow.Server.Features.Definitions.Forms;

/// <summary>Log messages of form deployment.</summary>
internal static partial class FormsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Deployed form {FormKey} version {FormVersion} (by {DeployedBy})")]
    public static partial void Deployed(ILogger logger, string formKey, int formVersion, string deployedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Form {FormKey} is unchanged at version {FormVersion}")]
    public static partial void Unchanged(ILogger logger, string formKey, int formVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected form {FormKey} with {ProblemCount} problems (by {DeployedBy}); the first is {ProblemCode} at component {ComponentId}")]
    public static partial void Rejected(ILogger logger, string formKey, int problemCount, string deployedBy, string problemCode, string? componentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Forms folder {FormsDirectory}: {FileCount} files, {NewCount} new form versions")]
    public static partial void FolderDeployed(ILogger logger, string formsDirectory, int fileCount, int newCount);
}
