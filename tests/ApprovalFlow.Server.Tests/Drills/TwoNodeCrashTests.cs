using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Server.Tests.Timers;
using ApprovalFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Drills;

/// <summary>
/// The crash-loop drill in small (issue 14; the full drill is <c>deploy/drill.sh crash-loop</c>): two real service processes
/// on one database, an official completing 100 tasks (20 instances of five tasks with a timer between the second and the
/// third) on whichever node answers, while the nodes are SIGKILLed in turn after every 20 completions and started again.
/// Afterwards every task was completed exactly once (history), every instance ended, every timer fired once, every task
/// was recorded for mail once, and no request was answered 500. Deterministic: kills fall between requests, the test waits
/// for state, never for time.
/// </summary>
[Collection(ServiceGroup.Name)]
public class TwoNodeCrashTests(ServiceFixture service)
{
    private const int Instances = 20;
    private const int TasksPerInstance = CrashDrillProcess.TasksPerInstance;
    private const int KillEvery = 20;

    [Fact]
    public async Task Two_nodes_SIGKILLed_in_turn_between_completions_complete_every_task_exactly_once_and_answer_no_500()
    {
        var key = BpmnFiles.NewKey("crash-drill");
        await service.DeployXmlAsync(CrashDrillProcess.Xml(key, "Crash drill"));
        var official = await service.CreateUserAsync("crash-drill-official", [Roles.Official]);
        var nodes = new ServerProcess[] { await ServerProcess.StartAsync(service.Database.ConnectionString), await ServerProcess.StartAsync(service.Database.ConnectionString) };
        var clients = new HttpClient[2];
        var statuses = new List<HttpStatusCode>();
        var kills = 0;
        try
        {
            for (var n = 0; n < nodes.Length; n++)
            {
                clients[n] = await TimerSupport.SignInAsync(nodes[n], official);
            }

            var instanceIds = new List<Guid>();
            for (var i = 0; i < Instances; i++)
            {
                var started = await clients[i % 2].PostOkAsync("/api/instances", new { definitionKey = key, businessKey = $"{key}-{i}", variables = new { me = official.Id } }, HttpStatusCode.Created);
                instanceIds.Add(Guid.Parse(started.Str("id")));
            }

            var completed = 0;
            while (completed < Instances * TasksPerInstance)
            {
                var client = clients[completed % 2];
                string? taskId = null;
                await ServiceFixture.EventuallyAsync(async () =>
                {
                    taskId = (await client.GetOkAsync($"/api/tasks?scope=mine&pageSize=1")).Items().Select(t => t.Str("id")).FirstOrDefault();
                    return taskId is not null;
                }, "an open task (a timer job the killed node had fetched runs again after Hangfire's 2-minute invisibility timeout)", seconds: 300);
                var response = await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { variables = new { done = true } });
                statuses.Add(response.StatusCode);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                completed++;

                if (completed % KillEvery == 0 && completed < Instances * TasksPerInstance)
                {
                    var victim = kills++ % 2;
                    await nodes[victim].KillAsync();
                    await nodes[victim].DisposeAsync();
                    clients[victim].Dispose();
                    nodes[victim] = await ServerProcess.StartAsync(service.Database.ConnectionString);
                    clients[victim] = await TimerSupport.SignInAsync(nodes[victim], official);
                }
            }

            await using var scope = service.Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
            Assert.Equal(Instances, await db.Instances.CountAsync(i => instanceIds.Contains(i.Id) && i.Status == Engine.State.InstanceStatus.Completed));
            var tasks = await db.Tasks.AsNoTracking().Where(t => instanceIds.Contains(t.InstanceId)).Select(t => new { t.Id, t.Status }).ToListAsync();
            Assert.Equal(Instances * TasksPerInstance, tasks.Count);
            Assert.All(tasks, t => Assert.Equal(UserTaskStatus.Completed, t.Status));
            var completions = await db.History.AsNoTracking().Where(h => instanceIds.Contains(h.InstanceId) && h.Type == HistoryEventType.TaskCompleted).GroupBy(h => h.TaskId).Select(g => g.Count()).ToListAsync();
            Assert.Equal(Instances * TasksPerInstance, completions.Count);
            Assert.All(completions, c => Assert.Equal(1, c));
            var timers = await db.History.AsNoTracking().Where(h => instanceIds.Contains(h.InstanceId) && h.Type == HistoryEventType.TimerFired).GroupBy(h => h.InstanceId).Select(g => g.Count()).ToListAsync();
            Assert.Equal(Enumerable.Repeat(1, Instances), timers);
            var mails = await db.Notifications.AsNoTracking().Where(n => n.InstanceId != null && instanceIds.Contains(n.InstanceId.Value)).GroupBy(n => n.TaskId).Select(g => g.Count()).ToListAsync();
            Assert.Equal(Instances * TasksPerInstance, mails.Count);
            Assert.All(mails, c => Assert.Equal(1, c));
            Assert.Equal(Instances * TasksPerInstance / KillEvery - 1, kills);
            Assert.DoesNotContain(HttpStatusCode.InternalServerError, statuses);
        }
        finally
        {
            foreach (var client in clients)
            {
                client?.Dispose();
            }

            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }
}
