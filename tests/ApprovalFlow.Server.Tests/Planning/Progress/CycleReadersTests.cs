using System.Security.Claims;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Progress;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Simulation;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Planning.Progress;

/// <summary>
/// <see cref="CycleReaders"/> for people outside every planning group, who read a cycle only through their part in its
/// process tree: a candidate user of a task in a called working-group instance, the completer of one, and the starter of an
/// instance in the tree; someone with no part reads none. A cycle run through HTTP (<see cref="CycleSimulator"/>) until
/// its working groups record sessions; the parts are given on the database.
/// </summary>
[Collection(ServiceGroup.Name)]
public class CycleReadersTests(ServiceFixture service)
{
    [Fact]
    public async Task PeopleOutsideThePlanningGroups_ReadCycles_ExactlyWhenTheyHaveAPartInACyclesTree()
    {
        await PlanningSeed.SeedAsync(service);
        var result = await new CycleSimulator(service.Factory.CreateClient, new SimulationOptions
        {
            Password = PlanningSeed.Options.DemoPassword,
            Cycle = $"test-readers-{Guid.NewGuid():N}"[..24],
            StopAt = "RecordSessions",
        }).RunAsync(CancellationToken.None);
        Assert.Equal("stopped", result.Status);
        var root = Guid.Parse(result.RootInstanceId);
        var candidate = await service.CreateUserAsync("readers-candidate", [Roles.Official]);
        var completer = await service.CreateUserAsync("readers-completer", [Roles.Official]);
        var starter = await service.CreateUserAsync("readers-starter", [Roles.Official]);
        var outsider = await service.CreateUserAsync("readers-outsider", [Roles.Official]);
        Assert.False(await ReadsCyclesAsync(candidate.Id));

        await using (var scope = service.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
            var tasks = await db.Tasks.Where(t => t.RootInstanceId == root && t.InstanceId != root && t.Status == UserTaskStatus.Open)
                .OrderBy(t => t.Id).Take(2).ToListAsync();
            Assert.Equal(2, tasks.Count);
            tasks[0].CandidateUsers = [.. tasks[0].CandidateUsers, candidate.Id];
            (tasks[1].Status, tasks[1].CompletedBy, tasks[1].EndedAt) = (UserTaskStatus.Completed, completer.Id, DateTimeOffset.UtcNow);
            var child = await db.Instances.FirstAsync(i => i.RootInstanceId == root && i.Id != root);
            child.StartedBy = starter.Id;
            await db.SaveChangesAsync();
        }

        Assert.True(await ReadsCyclesAsync(candidate.Id));
        Assert.True(await ReadsCyclesAsync(completer.Id));
        Assert.True(await ReadsCyclesAsync(starter.Id));
        Assert.False(await ReadsCyclesAsync(outsider.Id));
    }

    /// <summary>What the layout's link asks for <paramref name="userId"/> signed in, on its own request scope.</summary>
    private async Task<bool> ReadsCyclesAsync(string userId)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
        {
            RequestServices = scope.ServiceProvider,
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Role, Roles.Official)], "test")),
        };
        return await scope.ServiceProvider.GetRequiredService<CycleReaders>().ReadsCyclesAsync(CancellationToken.None);
    }
}
