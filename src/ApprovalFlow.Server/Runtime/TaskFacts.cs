using System.Text.Json;
using ApprovalFlow.Engine.Runtime;
using ApprovalFlow.Engine.State;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Text;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Runtime;

/// <summary>
/// What the inbox filters and searches on, worked out once when a task row is created (<see cref="StepWriter"/>)
/// and stored on the row: the stage in the root instance, the plan theme, level and working group, and the
/// search key, and the form version the task keeps (the latest deployed version of its form key). Caches the stage of
/// each child instance and the form versions for its unit of work. Not thread-safe.
/// </summary>
internal sealed class TaskFacts(ApprovalFlowDbContext db, DefinitionCatalog catalog)
{
    private readonly Dictionary<Guid, (string Id, string? Name)?> _childStages = [];
    private readonly Dictionary<string, int?> _formVersions = new(StringComparer.Ordinal);

    /// <summary>Fills the denormalised columns of <paramref name="row"/> for <paramref name="task"/> of <paramref name="record"/>.</summary>
    public async Task FillAsync(UserTaskRecord row, ProcessInstanceRecord record, DeployedDefinition definition, OpenUserTask task, CancellationToken cancellationToken)
    {
        var stage = record.ParentInstanceId is null ? TopLevel(definition.Process, task.NodeId) : await ChildStageAsync(record, cancellationToken);
        var variables = record.State.FindExecution(task.ExecutionId) is null ? record.State.Variables : record.State.VisibleVariables(task.ExecutionId);
        var workingGroup = Object(variables.GetValueOrDefault("workingGroup"));
        var themeItem = Object(variables.GetValueOrDefault("theme"));
        var theme = Text(workingGroup, "theme") ?? Text(themeItem, "id");
        var themeName = PlanningVocabulary.Themes.FirstOrDefault(t => t.Id == theme)?.Name ?? Text(themeItem, "name");
        var subject = Text(Object(task.Item), "name") ?? Text(workingGroup, "name");
        var title = variables.GetValueOrDefault("title") is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

        row.DefinitionKey = definition.Key;
        row.StageId = stage?.Id;
        row.StageName = Limit(stage?.Name, 500);
        row.Theme = Limit(theme, 100);
        row.Level = Limit(Text(workingGroup, "level"), 50);
        row.WorkingGroup = Limit(Text(workingGroup, "name"), 500);
        row.CycleTitle = Limit(title, 500);
        row.SearchKey = PersianText.SearchKey(task.Name, title, subject, themeName, definition.Name ?? definition.Key);
        row.FormVersion = task.FormKey is { } formKey ? await FormVersionAsync(formKey, cancellationToken) : null;
    }

    /// <summary>The latest deployed version of form <paramref name="formKey"/>, or <see langword="null"/> when none is deployed.</summary>
    private async Task<int?> FormVersionAsync(string formKey, CancellationToken cancellationToken)
    {
        if (!_formVersions.TryGetValue(formKey, out var version))
        {
            version = await db.Forms.Where(f => f.Key == formKey).MaxAsync(f => (int?)f.Version, cancellationToken);
            _formVersions[formKey] = version;
        }

        return version;
    }

    /// <summary>The top-level node (in the process, outside every subprocess) that holds <paramref name="nodeId"/>.</summary>
    private static (string Id, string? Name)? TopLevel(ExecutableProcess process, string nodeId)
    {
        if (!process.Definition.Nodes.TryGetValue(nodeId, out var node))
        {
            return null;
        }

        while (node.ScopeId != process.Definition.Id && process.Definition.Nodes.TryGetValue(node.ScopeId, out var scope))
        {
            node = scope;
        }

        return (node.Id, node.Name);
    }

    /// <summary>The stage of a child instance: the stage of the call activity that started it, up to the root.</summary>
    private async Task<(string Id, string? Name)?> ChildStageAsync(ProcessInstanceRecord child, CancellationToken cancellationToken)
    {
        if (_childStages.TryGetValue(child.Id, out var known))
        {
            return known;
        }

        var parent = db.Instances.Local.FirstOrDefault(i => i.Id == child.ParentInstanceId)
            ?? await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == child.ParentInstanceId, cancellationToken);
        (string Id, string? Name)? stage = null;
        if (parent is not null && child.ParentExecutionId is { } executionId && parent.State.FindExecution(executionId) is { } execution)
        {
            stage = parent.ParentInstanceId is null
                ? TopLevel((await catalog.GetAsync(parent.DefinitionId, cancellationToken)).Process, execution.NodeId)
                : await ChildStageAsync(parent, cancellationToken);
        }

        _childStages[child.Id] = stage;
        return stage;
    }

    private static JsonElement? Object(JsonElement? value) => value is { ValueKind: JsonValueKind.Object } ? value : null;

    private static string? Text(JsonElement? value, string property) =>
        value is { } element && element.TryGetProperty(property, out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;

    private static string? Limit(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
