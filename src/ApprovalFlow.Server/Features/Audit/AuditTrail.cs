using System.Security.Claims;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime.ServiceTasks;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Audit;

/// <summary>
/// Adds the audit entry of an admin action to the <see cref="ApprovalFlowDbContext"/> that saves the action, so the
/// entry commits or rolls back with it. The actor is the signed-in user of the current request (id and display name),
/// the client address the request's after forwarded headers. Work outside a request (start-up deployment of
/// <c>workflows/</c>, Hangfire jobs, seeding) is the system's own and is not recorded. Thread-safe (no state).
/// </summary>
public sealed class AuditTrail(IHttpContextAccessor http, TimeProvider time)
{
    /// <summary>
    /// Adds the entry of <paramref name="action"/> on <paramref name="target"/> to <paramref name="db"/> (saved by the
    /// caller's next <c>SaveChangesAsync</c>, inside the action's transaction); nothing outside a signed-in request.
    /// </summary>
    /// <param name="db">The context that saves the action.</param>
    /// <param name="action">One of <see cref="AuditActions"/>.</param>
    /// <param name="target">The id or key acted on; cut to <see cref="AuditEntryRecord.MaxTargetLength"/> characters.</param>
    /// <param name="changes">What changed, serialised as a JSON object (camelCase as given), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels reading the actor's display name.</param>
    /// <returns><see langword="true"/> when an entry was added.</returns>
    public async Task<bool> AddAsync(ApprovalFlowDbContext db, string action, string target, object? changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentNullException.ThrowIfNull(target);
        var context = http.HttpContext;
        if (context?.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } actor)
        {
            return false;
        }

        var name = await db.Users.AsNoTracking().Where(u => u.Id == actor).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        db.Set<AuditEntryRecord>().Add(new AuditEntryRecord
        {
            At = time.GetUtcNow(),
            ActorId = actor,
            ActorName = name,
            Action = action,
            Target = target.Length > AuditEntryRecord.MaxTargetLength ? target[..AuditEntryRecord.MaxTargetLength] : target,
            Changes = changes is null ? null : JsonSerializer.SerializeToElement(changes),
            ClientIp = context.Connection.RemoteIpAddress?.ToString(),
        });
        return true;
    }

    /// <summary>
    /// The entry as rows of an engine step (<see cref="Runtime.InstanceRunner.ExecuteAsync(Guid, ApprovalFlow.Engine.Commands.EngineCommand, ServiceTaskWrites?, CancellationToken)"/>):
    /// written only when the step applies, in its transaction, again on each retry of a lost race.
    /// </summary>
    /// <param name="action">One of <see cref="AuditActions"/>.</param>
    /// <param name="target">The id or key acted on.</param>
    /// <param name="changes">What changed, or <see langword="null"/>.</param>
    /// <returns>Writes that queue no outbox work.</returns>
    public ServiceTaskWrites Writes(string action, string target, object? changes) => async (db, _, cancellationToken) =>
    {
        await AddAsync(db, action, target, changes, cancellationToken);
        return false;
    };
}
