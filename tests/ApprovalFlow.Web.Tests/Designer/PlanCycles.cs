using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Simulation;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Web.Tests.Designer;

/// <summary>Mid-term plan cycles of the designer tests, driven through the service (not the browser) with the simulation's answers.</summary>
internal static class PlanCycles
{
    /// <summary>The form key of the bodies' approval tasks, whose decision page gives the process <c>decision</c>.</summary>
    private const string DecisionPage = "page:decision";

    /// <summary>What the decision page gives the process for a recorded approval (DecisionTaskPage.VariablesAsync).</summary>
    private static readonly object Approved = new { decision = "approve", comment = "تأیید می‌شود." };

    /// <summary>Starts a cycle (business key <c>mtp-<paramref name="cycle"/></c>) on the latest mid-term-plan version; returns its root instance id.</summary>
    public static async Task<Guid> StartAsync(WebAppFixture app, string cycle)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var ownerId = await db.Users.Where(u => u.Email == "owner@approvalflow.local").Select(u => u.Id).SingleAsync();
        var definition = await scope.ServiceProvider.GetRequiredService<DefinitionCatalog>().FindAsync("mid-term-plan", null, CancellationToken.None);
        var variables = new Dictionary<string, JsonElement>
        {
            ["cycle"] = JsonSerializer.SerializeToElement(cycle),
            ["title"] = JsonSerializer.SerializeToElement($"برنامه میان‌مدت {cycle}"),
        };
        return (await scope.ServiceProvider.GetRequiredService<InstanceRunner>().StartAsync(definition!, $"mtp-{cycle}", variables, ownerId, CancellationToken.None)).Id;
    }

    /// <summary>
    /// Completes every open task of cycle <paramref name="root"/> (approving every decision) until a task of
    /// <paramref name="nodeId"/> (or, when <paramref name="nodeId"/> is <see langword="null"/>, named
    /// <paramref name="name"/>) is open, and returns it. A body's approval task (<c>page:decision</c>) is completed with
    /// the variables its decision page gives the process once the decision is recorded (<c>decision</c> <c>approve</c>
    /// and a comment), since the gateway after it reads <c>decision</c>. Fails at once with the incident's message when
    /// the cycle (or one of its working groups) has an open incident, and when it makes no progress (no task opened)
    /// for five minutes, so a loaded machine only slows it.
    /// </summary>
    public static async Task<UserTaskRecord> DriveToAsync(WebAppFixture app, Guid root, string cycle, string? nodeId, string? name = null)
    {
        var ownerId = await Processes.QueryAsync(app, db => db.Users.Where(u => u.Email == "owner@approvalflow.local").Select(u => u.Id).SingleAsync());
        var deadline = DateTime.UtcNow.AddMinutes(5);
        var seen = new HashSet<Guid>();
        while (true)
        {
            var open = await Processes.QueryAsync(app, db => db.Tasks.AsNoTracking().Where(t => t.RootInstanceId == root && t.Status == UserTaskStatus.Open).OrderBy(t => t.CreatedAt).ToListAsync());
            if (open.Find(t => nodeId is null ? t.Name == name : t.NodeId == nodeId) is { } reached)
            {
                return reached;
            }

            if (open.Any(t => seen.Add(t.Id)))
            {
                deadline = DateTime.UtcNow.AddMinutes(5);
            }

            var incident = await Processes.QueryAsync(app, db => db.Incidents.AsNoTracking()
                .Where(i => i.ResolvedAt == null && db.Instances.Any(p => p.Id == i.InstanceId && p.RootInstanceId == root))
                .Select(i => new { i.NodeId, i.Message }).FirstOrDefaultAsync());
            Assert.True(incident is null, $"Cycle {cycle} did not reach {nodeId ?? name}: incident at {incident?.NodeId}: {incident?.Message}");
            Assert.True(DateTime.UtcNow < deadline, $"Cycle {cycle} did not reach {nodeId ?? name}: nothing moved for five minutes; open: {string.Join(", ", open.Select(t => t.NodeId))}.");
            if (open.Count == 0)
            {
                await Task.Delay(200);
                continue;
            }

            foreach (var task in open)
            {
                await Processes.CompleteAsync(app, task, ownerId, task.FormKey == DecisionPage ? Approved : TaskAnswers.For(task.NodeId, null, revise: false, cycle));
            }
        }
    }
}
