using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Runtime.Jobs;

/// <summary>Hangfire job that resumes a parent's call activity when its child completed (a system command, retried on conflicts).</summary>
public sealed class ParentResumeJob(InstanceRunner runner, ApprovalFlowDbContext db)
{
    /// <summary>Resumes execution <paramref name="parentExecutionId"/> of <paramref name="parentInstanceId"/> with the variables of <paramref name="childInstanceId"/>.</summary>
    public async Task ResumeAsync(Guid parentInstanceId, string parentExecutionId, Guid childInstanceId, CancellationToken cancellationToken)
    {
        var child = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == childInstanceId, cancellationToken);
        await runner.ExecuteAsync(parentInstanceId, new ChildInstanceCompleted(parentExecutionId, childInstanceId.ToString(), child.State.Variables), cancellationToken);
    }
}
