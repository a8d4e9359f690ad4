using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Directory;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ApprovalFlow.Server.Tests.Planning;

/// <summary>
/// The demo cycle starter run directly against the fixture's database (where Seed:Demo is off), with
/// a stand-in for <c>mid-term-plan</c> under a key and business key of each test's own.
/// </summary>
[Collection(ServiceGroup.Name)]
public class DemoCycleStarterTests(ServiceFixture service)
{
    [Fact]
    public void DemoCycle_IsTheContractsCycle()
    {
        var cycle = DemoCycle.MidTermPlan1405;

        Assert.Equal("mid-term-plan", cycle.DefinitionKey);
        Assert.Equal("mtp-1405-1408", cycle.BusinessKey);
        Assert.Equal("1405-1408", cycle.Variables["cycle"].GetString());
        Assert.Equal("برنامه میان‌مدت ۱۴۰۵–۱۴۰۸", cycle.Variables["title"].GetString());
    }

    [Fact]
    public void Starter_IsTheLastHostedServiceOfTheApp_AfterMigrationSeedAndDeployment()
    {
        var hosted = service.Factory.Services.GetServices<IHostedService>().Select(h => h.GetType()).ToList();
        var own = hosted.Where(t => t.Assembly == typeof(DemoCycleStarter).Assembly).Select(t => t.Name).ToList();

        Assert.Equal(nameof(DemoCycleStarter), own[^1]);
        Assert.Contains("DatabaseMigrator", own);
        Assert.Contains(nameof(DemoSeeder), own);
        Assert.Contains("WorkflowFolderDeployer", own);
        Assert.True(hosted.FindIndex(t => t.Name == "BackgroundJobServerHostedService") < hosted.IndexOf(typeof(DemoCycleStarter)));
    }

    [Fact]
    public async Task StartCycle_DefinitionNotDeployed_DoesNothing()
    {
        var cycle = NewCycle();

        var started = await Starter(cycle).StartCycleAsync(CancellationToken.None);

        Assert.Null(started);
        Assert.Equal(0, await CountAsync(cycle.BusinessKey));
    }

    [Fact]
    public async Task StartCycle_RunTwice_StartsExactlyOnce_AsTheProcessOwner_WithItsPlanCycleRecord()
    {
        await PlanningSeed.SeedAsync(service);
        var cycle = NewCycle();
        await service.DeployXmlAsync(StandIn(cycle.DefinitionKey));

        var first = await Starter(cycle).StartCycleAsync(CancellationToken.None);
        var second = await Starter(cycle).StartCycleAsync(CancellationToken.None);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal(1, await CountAsync(cycle.BusinessKey));
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.BusinessKey == cycle.BusinessKey);
        var owner = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoSeeder.OwnerEmail);
        Assert.Equal(owner.Id, instance.StartedBy);
        Assert.Equal(cycle.DefinitionKey, instance.DefinitionKey);
        Assert.Equal("1405-1408", instance.State.Variables["cycle"].GetString());
        Assert.True(await db.Tasks.AnyAsync(t => t.InstanceId == instance.Id && t.NodeId == "IdentifyStakeholders"));
        var record = await db.PlanCycles.AsNoTracking().SingleAsync(c => c.BusinessKey == cycle.BusinessKey);
        Assert.Equal((instance.Id, "برنامه میان‌مدت ۱۴۰۵–۱۴۰۸", 1405, 1408, 6), (record.RootInstanceId!.Value, record.Title, record.FirstYear, record.LastYear, record.Themes.Count));
    }

    [Fact]
    public async Task StartCycle_Concurrently_StartsExactlyOnce()
    {
        var cycle = NewCycle();
        await service.DeployXmlAsync(StandIn(cycle.DefinitionKey));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Starter(cycle).StartCycleAsync(CancellationToken.None)));

        Assert.Single(results, r => r is not null);
        Assert.Equal(1, await CountAsync(cycle.BusinessKey));
    }

    private static DemoCycle NewCycle()
    {
        var key = BpmnFiles.NewKey("mid-term-plan");
        return DemoCycle.MidTermPlan1405 with { DefinitionKey = key, BusinessKey = $"mtp-{key}" };
    }

    private DemoCycleStarter Starter(DemoCycle cycle) =>
        ActivatorUtilities.CreateInstance<DemoCycleStarter>(service.Factory.Services, cycle, Microsoft.Extensions.Options.Options.Create(PlanningSeed.Options));

    private async Task<int> CountAsync(string businessKey)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        return await db.Instances.CountAsync(i => i.BusinessKey == businessKey);
    }

    /// <summary>A stand-in for <c>mid-term-plan</c>: start → a task for the planning office → end.</summary>
    private static string StandIn(string key) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{key}" targetNamespace="http://approvalflow.test">
          <bpmn:process id="{key}" name="برنامه میان‌مدت (stand-in)" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="IdentifyStakeholders" camunda:candidateGroups="planning-office" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="IdentifyStakeholders" />
            <bpmn:sequenceFlow id="F2" sourceRef="IdentifyStakeholders" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}
