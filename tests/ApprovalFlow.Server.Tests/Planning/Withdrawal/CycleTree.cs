using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Planning.Withdrawal;

/// <summary>What the database holds of one cycle's process tree: its tasks, its instances and its withdrawal mails (the withdrawal tests read it before and after).</summary>
/// <param name="Tasks">Every user task of the tree.</param>
/// <param name="Instances">The root instance and every instance below it.</param>
/// <param name="WithdrawalMails">The <c>cycle-withdrawn</c> notifications of the root.</param>
internal sealed record CycleTree(List<UserTaskRecord> Tasks, List<ProcessInstanceRecord> Instances, List<NotificationRecord> WithdrawalMails)
{
    /// <summary>The tasks still open.</summary>
    public List<UserTaskRecord> Open => [.. Tasks.Where(t => t.Status == UserTaskStatus.Open)];

    /// <summary>Reads the tree of root instance <paramref name="root"/>.</summary>
    public static async Task<CycleTree> ReadAsync(ServiceFixture service, Guid root)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        return new(
            await db.Tasks.AsNoTracking().Where(t => t.RootInstanceId == root).ToListAsync(),
            await db.Instances.AsNoTracking().Where(i => i.RootInstanceId == root).ToListAsync(),
            await db.Notifications.AsNoTracking().Where(n => n.InstanceId == root && n.Kind == "cycle-withdrawn").ToListAsync());
    }
}
