using System.Text.Json;
using ApprovalFlow.Server.Runtime.ServiceTasks;

namespace ApprovalFlow.Server.Features.Planning;

/// <summary>
/// Service task topic <c>directory.working-groups</c> (the <c>LoadWorkingGroups</c> task of
/// <c>mid-term-plan</c>): completes with the variables <c>themes</c> and <c>workingGroups</c> read from
/// the planning directory in the database (shapes: <see cref="PlanThemeItem"/> and
/// <see cref="PlanWorkingGroupItem"/> in camelCase; order: <see cref="PlanningDirectorySnapshot"/>).
/// Read-only, so running it again is harmless. An incomplete directory throws
/// <see cref="PlanningDirectoryIncompleteException"/>: a failed attempt, retried and then an incident.
/// </summary>
internal sealed class WorkingGroupsHandler(PlanningDirectoryReader reader) : IServiceTaskHandler
{
    /// <summary>The topic handled.</summary>
    public const string TopicName = "directory.working-groups";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public string Topic => TopicName;

    /// <inheritdoc />
    public async Task<ServiceTaskResult> HandleAsync(ServiceTaskContext context, CancellationToken cancellationToken)
    {
        var directory = await reader.ReadAsync(cancellationToken);
        return new ServiceTaskResult.Completed(new Dictionary<string, JsonElement>
        {
            ["themes"] = JsonSerializer.SerializeToElement(directory.Themes, Json),
            ["workingGroups"] = JsonSerializer.SerializeToElement(directory.WorkingGroups, Json),
        });
    }
}
