namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>Log messages of definition deployment.</summary>
internal static partial class DefinitionsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Deployed definition {DefinitionKey} version {DefinitionVersion} (by {DeployedBy})")]
    public static partial void Deployed(ILogger logger, string definitionKey, int definitionVersion, string deployedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Definition {DefinitionKey} is unchanged at version {DefinitionVersion}")]
    public static partial void Unchanged(ILogger logger, string definitionKey, int definitionVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected a BPMN file with {ErrorCount} errors (by {DeployedBy}): {FirstError}")]
    public static partial void Rejected(ILogger logger, int errorCount, string deployedBy, string firstError);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deployed a workflow whose user task {ElementId} (line {Line}) names what the directory lacks: {Problem}")]
    public static partial void UnknownDirectoryName(ILogger logger, string elementId, int line, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "No workflows folder at {WorkflowsDirectory}; nothing deployed at start-up")]
    public static partial void NoWorkflowsFolder(ILogger logger, string workflowsDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflows folder {WorkflowsDirectory}: {FileCount} files, {NewCount} new definition versions, {UnchangedCount} unchanged")]
    public static partial void FolderDeployed(ILogger logger, int fileCount, string workflowsDirectory, int newCount, int unchangedCount);
}
