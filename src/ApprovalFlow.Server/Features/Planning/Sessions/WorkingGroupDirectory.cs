using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Planning.Sessions;

/// <summary>A working group of the planning directory with the attributes its sessions and items take.</summary>
/// <param name="Id">Directory group id, e.g. <c>wg-hq-urban-identity</c>.</param>
/// <param name="Name">Persian name.</param>
/// <param name="Theme">Theme id.</param>
/// <param name="Level"><c>headquarters</c>, <c>organization</c> or <c>region</c>.</param>
/// <param name="Unit">The hosting unit's group id.</param>
/// <param name="SecretaryGroup">Group id of its secretaries.</param>
/// <param name="ChairGroup">Group id of its chair.</param>
public sealed record WorkingGroupInfo(string Id, string Name, string Theme, string Level, string Unit, string SecretaryGroup, string ChairGroup);

/// <summary>
/// Finds the working groups of the planning directory (groups of kind <c>working-group</c> with valid attributes) and
/// the working group of a task. Who may change a working group's part of the plan is <see cref="PlanningAccess"/>'s.
/// Scoped (the request's database): a working group found and a task's working group id are remembered for the rest of
/// the request, which asks for them more than once (the participant check, the endpoint, a task page's checks and variables).
/// Not thread-safe.
/// </summary>
/// <param name="db">The database.</param>
public sealed class WorkingGroupDirectory(ApprovalFlowDbContext db)
{
    private readonly Dictionary<string, WorkingGroupInfo> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, string?> _ofInstance = [];

    /// <summary>The working group <paramref name="id"/>, or <see langword="null"/> when the directory has no <c>working-group</c> group with valid attributes of that id.</summary>
    /// <param name="id">A directory group id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<WorkingGroupInfo?> FindAsync(string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        if (_groups.TryGetValue(id, out var known))
        {
            return known;
        }

        var group = await db.Groups.AsNoTracking().Where(g => g.Id == id && g.Kind == PlanningGroupKinds.WorkingGroup)
            .Select(g => new { g.Id, g.Name, g.Attributes }).SingleOrDefaultAsync(cancellationToken);
        if (group is null || PlanningGroupAttributes.Read<WorkingGroupAttributes>(group.Attributes) is not { } a)
        {
            return null;
        }

        return _groups[id] = new WorkingGroupInfo(group.Id, group.Name, a.Theme, a.Level, a.Unit, a.SecretaryGroup, a.ChairGroup);
    }

    /// <summary>
    /// The working group id of <paramref name="task"/>: the <c>id</c> of the <c>workingGroup</c> variable of its instance
    /// when that is an object whose <c>id</c> is a string, or <see langword="null"/>. Only that string is read from the
    /// instance's <c>jsonb</c> state (not the whole state); the variable is the call activity's input and does not change.
    /// </summary>
    /// <param name="task">A task of a <c>working-group</c> instance.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<string?> IdOfTaskAsync(UserTaskRecord task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!_ofInstance.TryGetValue(task.InstanceId, out var id))
        {
            id = await db.Database.SqlQuery<string>($"""
                SELECT state -> 'variables' -> 'workingGroup' ->> 'id' AS "Value" FROM approvalflow.process_instances
                WHERE id = {task.InstanceId} AND jsonb_typeof(state -> 'variables' -> 'workingGroup' -> 'id') = 'string'
                """).SingleOrDefaultAsync(cancellationToken);
            _ofInstance[task.InstanceId] = id;
        }

        return id;
    }
}
