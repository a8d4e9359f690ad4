using System.Text.Json;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Stakeholders;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Web.Tests.Support;

/// <summary>Setting up process state through the service (not the browser): starting, deploying and completing tasks as a given user.</summary>
internal static class Processes
{
    /// <summary>
    /// Starts a mid-term plan cycle of its own (business key <c>mtp-<paramref name="cycle"/></c>, so the demo
    /// cycle and other tests' tasks are untouched), waits for its stakeholder tasks and, as the process owner, registers
    /// one stakeholder of each group for each theme and completes every stakeholder task, so its working groups start. Returns the cycle's root instance id.
    /// </summary>
    public static async Task<Guid> StartCycleThroughStakeholdersAsync(WebAppFixture app, string cycle, string title)
    {
        Guid root;
        string ownerId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
            ownerId = await db.Users.Where(u => u.Email == "owner@approvalflow.local").Select(u => u.Id).SingleAsync();
            var definition = await scope.ServiceProvider.GetRequiredService<DefinitionCatalog>().FindAsync("mid-term-plan", null, CancellationToken.None);
            var variables = new Dictionary<string, JsonElement>
            {
                ["cycle"] = JsonSerializer.SerializeToElement(cycle),
                ["title"] = JsonSerializer.SerializeToElement(title),
            };
            root = (await scope.ServiceProvider.GetRequiredService<InstanceRunner>().StartAsync(definition!, $"mtp-{cycle}", variables, ownerId, CancellationToken.None)).Id;
        }

        var themes = await QueryAsync(app, db => db.Groups.CountAsync(g => g.Kind == "theme-coordinators"));
        var stakeholders = await OpenTasksAsync(app, t => t.RootInstanceId == root && t.NodeId == "IdentifyStakeholders", themes);
        foreach (var task in stakeholders)
        {
            await RegisterStakeholdersAsync(app, task, ownerId);
            await CompleteAsync(app, task, ownerId, new { });
        }

        return root;
    }

    /// <summary>Registers one stakeholder of each of the six groups for the theme of <paramref name="task"/> (an <c>IdentifyStakeholders</c> task), as its page requires.</summary>
    public static async Task RegisterStakeholdersAsync(WebAppFixture app, UserTaskRecord task, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var theme = StakeholdersTaskPage.ThemeOf(task)!;
        var cycle = (await scope.ServiceProvider.GetRequiredService<PlanCycles>().ForTaskAsync(task, CancellationToken.None))!;
        var register = scope.ServiceProvider.GetRequiredService<StakeholderRegister>();
        foreach (var group in PlanningVocabulary.StakeholderGroups)
        {
            await register.AddAsync(cycle, new StakeholderRequest($"{group.Name} ({theme})", group.Id, [theme]), userId, CancellationToken.None);
        }
    }

    /// <summary>
    /// Starts an instance of a one-task process whose task <c>IdentifyStakeholders</c> (named «فهرست ذی‌نفعان با فرم») has the
    /// shipped form <c>identify-stakeholders</c> and is offered to <paramref name="group"/>: the task form tests' own task, since
    /// the plan's stakeholder tasks open the register page instead of a form.
    /// </summary>
    public static async Task<Guid> StartStakeholderFormTaskAsync(WebAppFixture app, string group)
    {
        var xml = DrawnProcess.Xml("stakeholder-form", "شناسایی ذی‌نفعان با فرم", """<bpmn:userTask id="IdentifyStakeholders" name="فهرست ذی‌نفعان با فرم" camunda:candidateGroups="${group}" camunda:formKey="identify-stakeholders" camunda:dueDate="${workingDays(10)}" />""", "IdentifyStakeholders");
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DefinitionDeployer>().DeployAsync(xml, "owner@approvalflow.local", CancellationToken.None);
        var definition = await scope.ServiceProvider.GetRequiredService<DefinitionCatalog>().FindAsync("stakeholder-form", null, CancellationToken.None);
        var variables = new Dictionary<string, JsonElement>
        {
            ["group"] = JsonSerializer.SerializeToElement(group),
            ["theme"] = JsonSerializer.SerializeToElement(new { id = "urban-identity", name = "هویت شهری" }),
        };
        return (await scope.ServiceProvider.GetRequiredService<InstanceRunner>().StartAsync(definition!, null, variables, null, CancellationToken.None)).Id;
    }

    /// <summary>Deploys <paramref name="xml"/> as the process owner (through the service's deployer) and starts an instance of <paramref name="key"/>.</summary>
    public static async Task<Guid> DeployAndStartAsync(WebAppFixture app, string xml, string key)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DefinitionDeployer>().DeployAsync(xml, "owner@approvalflow.local", CancellationToken.None);
        Assert.IsType<DefinitionsDeployed>(result);
        var definition = await scope.ServiceProvider.GetRequiredService<DefinitionCatalog>().FindAsync(key, null, CancellationToken.None);
        return (await scope.ServiceProvider.GetRequiredService<InstanceRunner>().StartAsync(definition!, null, null, null, CancellationToken.None)).Id;
    }

    /// <summary>Completes <paramref name="task"/> as <paramref name="userId"/> with <paramref name="variables"/> (an object serialised to JSON).</summary>
    public static async Task CompleteAsync(WebAppFixture app, UserTaskRecord task, string userId, object variables)
    {
        var values = JsonSerializer.SerializeToElement(variables).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        await using var scope = app.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<InstanceRunner>().ExecuteAsync(task.InstanceId, new CompleteUserTask(task.EngineTaskId, userId, values), CancellationToken.None);
        Assert.IsType<CommandOutcome.Applied>(outcome);
    }

    /// <summary>Waits (polling the database, at most two minutes) until <paramref name="count"/> open tasks match, and returns them.</summary>
    public static async Task<List<UserTaskRecord>> OpenTasksAsync(WebAppFixture app, Func<UserTaskRecord, bool> where, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var tasks = await QueryAsync(app, async db => (await db.Tasks.AsNoTracking().Where(t => t.Status == UserTaskStatus.Open).ToListAsync()).Where(where).ToList());
            if (tasks.Count >= count)
            {
                return tasks;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Only {tasks.Count} of {count} open tasks after two minutes.");
            await Task.Delay(250);
        }
    }

    /// <summary>Runs <paramref name="query"/> on a fresh database context.</summary>
    public static async Task<T> QueryAsync<T>(WebAppFixture app, Func<ApprovalFlowDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>());
    }
}
