using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

/// <summary>
/// The instance page and the diagram, read by the demo process owner and admin (who see every instance)
/// without claiming or completing any demo task; the owner works only the tasks of a cycle of its own.
/// </summary>
[Collection(WebGroup.Name)]
public sealed class InstancePageTests(WebAppFixture app)
{
    private const string Owner = "owner@approvalflow.local";
    private const string Admin = "admin@approvalflow.local";

    /// <summary>The supreme council's chair: no task of the demo cycle is offered to him.</summary>
    private const string Outsider = "javad.nouri@approvalflow.local";

    private const string StakeholdersName = "شناسایی و جلب مشارکت ذی‌نفعان و ذی‌نفوذان";

    [Fact]
    public async Task The_demo_cycle_page_shows_its_diagram_with_the_active_stage_and_a_readable_timeline_in_Persian_and_English()
    {
        var cycleId = await DemoCycleAsync();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };
        await SignInInPersianAsync(page, Owner);
        await Assertions.Expect(page.Locator("script[src*='/dist/diagram.js']")).ToHaveCountAsync(0);

        // From the navigation to the list of running processes, filtered to the plan cycles, to the cycle.
        await (await Pages.ProcessMenuLinkAsync(page, "فرایندها")).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "فرایندهای در جریان", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("فرایند", new() { Exact = true }).SelectOptionAsync(["mid-term-plan"]);
        await page.GetByRole(AriaRole.Button, new() { Name = "نمایش" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("definition=mid-term-plan", StringComparison.Ordinal));
        // Other tests start cycles of their own; the demo cycle is the one with its business key.
        var row = page.GetByRole(AriaRole.Listitem)
            .Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = "تدوین و تصویب برنامه میان‌مدت (عملیاتی)" }) })
            .Filter(new() { HasText = "mtp-1405-1408" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync($"مرحله: {StakeholdersName}");
        await Assertions.Expect(row).ToContainTextAsync("mtp-1405-1408");
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "instances-fa");
        await row.GetByRole(AriaRole.Link).ClickAsync();

        await page.WaitForURLAsync($"**/instances/{cycleId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "تدوین و تصویب برنامه میان‌مدت (عملیاتی)", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("برنامه میان‌مدت ۱۴۰۵–۱۴۰۸")).ToBeVisibleAsync();
        var about = page.GetByRole(AriaRole.Region, new() { Name = "درباره این فرایند" });
        await Assertions.Expect(about).ToContainTextAsync("mtp-1405-1408");
        await Assertions.Expect(about).ToContainTextAsync("مالک فرایند");
        await Assertions.Expect(about).ToContainTextAsync("نسخه ۱");
        await Assertions.Expect(about).ToContainTextAsync(new Regex("۱۴۰[۵-۹]"));

        // The diagram: drawn by bpmn-js, the multi-instance stage active, the service task done, the flow between them taken.
        await Assertions.Expect(page.Locator("[data-island=diagram][data-state=shown]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".djs-element.af-node-active[data-element-id=IdentifyStakeholders]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".djs-element.af-node-completed[data-element-id=LoadWorkingGroups]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".djs-connection.af-flow-taken[data-element-id=Flow_Load_Identify]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".djs-element.af-node-active[data-element-id=CommitteeApproval]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".djs-label").Filter(new() { HasText = "تأیید کمیته" }).First).ToBeVisibleAsync();
        Assert.Equal("ltr", await page.Locator("[data-diagram-canvas]").GetAttributeAsync("dir"));
        await Assertions.Expect(page.Locator("li[data-node-id=IdentifyStakeholders]")).ToHaveTextAsync($"{StakeholdersName}: در جریان");
        await Assertions.Expect(page.Locator("li[data-node-id=LoadWorkingGroups]")).ToContainTextAsync("انجام‌شده");
        await page.GetByRole(AriaRole.Button, new() { Name = "بزرگ‌تر" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "اندازه صفحه" }).ClickAsync();

        // The readable timeline: Persian node names, no engine-internal events until asked for.
        var timeline = page.GetByRole(AriaRole.Region, new() { Name = "روند کار" });
        await Assertions.Expect(timeline).ToContainTextAsync("فرایند «تدوین و تصویب برنامه میان‌مدت (عملیاتی)» آغاز شد");
        await Assertions.Expect(timeline).ToContainTextAsync($"کار «{StakeholdersName}» ساخته شد");
        await Assertions.Expect(timeline).Not.ToContainTextAsync("ورود به");
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "instance-fa");

        await timeline.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^همه رویدادها") }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("events=all", StringComparison.Ordinal));
        await Assertions.Expect(timeline).ToContainTextAsync("ورود به «آغاز چرخه برنامه میان‌مدت»");
        await Assertions.Expect(timeline).ToContainTextAsync("کار خودکار «بارگذاری محورها و کارگروه‌های تخصصی از فهرست سازمانی» انجام شد");
        await timeline.GetByRole(AriaRole.Link, new() { Name = "فقط رویدادهای اصلی" }).ClickAsync();
        await Assertions.Expect(timeline).Not.ToContainTextAsync("ورود به");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.Locator("[data-island=diagram][data-state=shown]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".djs-element.af-node-active[data-element-id=IdentifyStakeholders]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Timeline" })).ToContainTextAsync($"The task “{StakeholdersName}” was created");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "About this process" })).ToContainTextAsync(new Regex(@"\b20\d\d\b"));
        await Assertions.Expect(page.Locator("li[data-node-id=IdentifyStakeholders]")).ToHaveTextAsync($"{StakeholdersName}: In progress");
        await Pages.AssertTranslatedAsync(page, "en");
        await Pages.ScreenshotAsync(page, "instance-en");
        Assert.Empty(consoleErrors);

        // The owner's language is stored on the user: back to Persian for whoever signs in as the owner next.
        await page.GetByRole(AriaRole.Button, new() { Name = "فارسی" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fa");

        await using var phone = await app.NewContextAsync(width: 360, height: 780);
        var small = await phone.NewPageAsync();
        await SignInInPersianAsync(small, Owner);
        await small.GotoAsync($"/instances/{cycleId}");
        await Assertions.Expect(small.Locator(".djs-element.af-node-active[data-element-id=IdentifyStakeholders]")).ToHaveCountAsync(1);
        Assert.True(await small.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The instance page scrolls sideways at 360 px.");
        await Pages.ScreenshotAsync(small, "instance-fa-360");
    }

    [Fact]
    public async Task A_cycle_shows_the_decision_comment_and_people_by_name_and_links_its_child_instances_both_ways()
    {
        var (ownerId, _) = await Pages.UserAsync(app, Owner);
        var rootId = await StartOwnCycleAsync(ownerId);
        var opinion = await Pages.OpenTaskAsync(app, "Opinion", t => t.InstanceId == rootId);
        await CompleteAsync(opinion.Id, new { decision = "approve", comment = "با اصلاح جدول زمانی موافقم" });
        var children = await ChildrenAsync(rootId, 2);

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInInPersianAsync(page, Owner);
        await page.GotoAsync($"/instances/{rootId}");
        var timeline = page.GetByRole(AriaRole.Region, new() { Name = "روند کار" });
        await Assertions.Expect(timeline).ToContainTextAsync("مالک فرایند کار «ثبت نظر دبیرخانه» را انجام داد");
        await Assertions.Expect(timeline).ToContainTextAsync("نظر: تأیید");
        await Assertions.Expect(timeline).ToContainTextAsync("با اصلاح جدول زمانی موافقم");
        await Assertions.Expect(page.GetByText("این فرایند نمودار ترسیم‌شده ندارد؛ مرحله‌ها در فهرست زیر آمده‌اند.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("script[src*='/dist/diagram.js']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("li[data-node-id=Groups]")).ToContainTextAsync("در جریان");

        var list = page.GetByRole(AriaRole.Region, new() { Name = "کارگروه‌ها و زیرفرایندها (۲)" });
        var first = list.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "کارگروه آزمایشی الف" });
        await Assertions.Expect(first).ToContainTextAsync("در جریان");
        await Assertions.Expect(first).ToContainTextAsync("بررسی در کارگروه");
        await Assertions.Expect(first).ToContainTextAsync("۱ کار باز");
        await Pages.AssertTranslatedAsync(page, "fa");
        await first.GetByRole(AriaRole.Link, new() { Name = "کارگروه آزمایشی الف" }).ClickAsync();

        var childId = children.Single(c => c.Name == "کارگروه آزمایشی الف").Id;
        await page.WaitForURLAsync($"**/instances/{childId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "کارگروه آزمایشی — کارگروه آزمایشی الف", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("چرخه آزمایشی صفحه فرایند")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "فرایند بالادست: آزمون صفحه فرایند" }).ClickAsync();
        await page.WaitForURLAsync($"**/instances/{rootId}");

        // The child's task page: its diagram section links to its instance and to the root cycle.
        var review = await Pages.OpenTaskAsync(app, "Review", t => t.InstanceId == childId);
        await page.GotoAsync($"/tasks/{review.Id}");
        var diagram = page.GetByRole(AriaRole.Region, new() { Name = "این کار در نمودار فرایند" });
        await Assertions.Expect(diagram.GetByRole(AriaRole.Link, new() { Name = "دیدن روند این فرایند" })).ToHaveAttributeAsync("href", $"/instances/{childId}");
        await Assertions.Expect(diagram.GetByRole(AriaRole.Link, new() { Name = "دیدن چرخه اصلی" })).ToHaveAttributeAsync("href", $"/instances/{rootId}");
        await Assertions.Expect(page.Locator("li[data-node-id=Review]")).ToHaveTextAsync("بررسی در کارگروه: در جریان (این کار)");
    }

    [Fact]
    public async Task The_task_page_shows_its_process_diagram_with_the_task_highlighted()
    {
        var cycleId = await DemoCycleAsync();
        var task = await Pages.OpenTaskAsync(app, "IdentifyStakeholders", t => t.InstanceId == cycleId);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };
        await SignInInPersianAsync(page, Admin);

        await page.GotoAsync($"/tasks/{task.Id}");
        var diagram = page.GetByRole(AriaRole.Region, new() { Name = "این کار در نمودار فرایند" });
        await Assertions.Expect(diagram.Locator("[data-island=diagram][data-state=shown]")).ToHaveCountAsync(1);
        await Assertions.Expect(diagram.Locator(".djs-element.af-node-current[data-element-id=IdentifyStakeholders]")).ToHaveCountAsync(1);
        await Assertions.Expect(diagram.Locator("li[data-node-id=IdentifyStakeholders]")).ToContainTextAsync("(این کار)");
        await Assertions.Expect(diagram.GetByRole(AriaRole.Link, new() { Name = "دیدن روند این فرایند" })).ToHaveAttributeAsync("href", $"/instances/{cycleId}");
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "task-diagram-fa");
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task An_official_who_takes_no_part_gets_the_403_page_and_an_unknown_instance_the_404_page()
    {
        var cycleId = await DemoCycleAsync();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Outsider);

        var forbidden = await page.GotoAsync($"/instances/{cycleId}");
        Assert.Equal(403, forbidden!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "به این صفحه دسترسی ندارید", Level = 1 })).ToBeVisibleAsync();
        var xml = await page.GotoAsync($"/instances/{cycleId}?handler=Xml");
        Assert.Equal(403, xml!.Status);

        var list = await page.GotoAsync("/instances");
        Assert.Equal(403, list!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "فرایندها", Exact = true })).ToHaveCountAsync(0);

        var missing = await page.GotoAsync($"/instances/{Guid.NewGuid()}");
        Assert.Equal(404, missing!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "صفحه پیدا نشد", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_open_incident_shows_where_and_why_and_a_process_owner_retries_it_from_the_page()
    {
        var (ownerId, _) = await Pages.UserAsync(app, Owner);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var key = $"instance-incident-{tag}";
        var xml = $$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{{tag}}" targetNamespace="http://approvalflow.test">
              <bpmn:process id="{{key}}" name="آزمون خطای فرایند" isExecutable="true">
                <bpmn:startEvent id="Start" name="آغاز" />
                <bpmn:userTask id="Orphan" name="کار بی‌کارپذیر" camunda:assignee="${nobody}" />
                <bpmn:endEvent id="End" name="پایان" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Orphan" />
                <bpmn:sequenceFlow id="F2" sourceRef="Orphan" targetRef="End" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        Guid instanceId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.IsType<DefinitionsDeployed>(await scope.ServiceProvider.GetRequiredService<DefinitionDeployer>().DeployAsync(xml, DefinitionDeployer.SystemUser, CancellationToken.None));
            var definition = await app.Services.GetRequiredService<DefinitionCatalog>().FindAsync(key, null, CancellationToken.None);
            var variables = new Dictionary<string, JsonElement> { ["nobody"] = JsonSerializer.SerializeToElement($"nobody-{tag}") };
            instanceId = (await app.Services.GetRequiredService<InstanceRunner>().StartAsync(definition!, null, variables, ownerId, CancellationToken.None)).Id;
        }

        var firstIncident = await OpenIncidentAsync(instanceId, null);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInInPersianAsync(page, Owner);
        await page.GotoAsync($"/instances/{instanceId}");
        var incidents = page.GetByRole(AriaRole.Region, new() { Name = "خطاهای باز" });
        await Assertions.Expect(incidents).ToContainTextAsync("کار بی‌کارپذیر");
        await Assertions.Expect(incidents).ToContainTextAsync($"nobody-{tag}");
        await Assertions.Expect(page.Locator("li[data-node-id=Orphan]")).ToHaveTextAsync("کار بی‌کارپذیر: متوقف با خطا");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "روند کار" })).ToContainTextAsync("کار در «کار بی‌کارپذیر» با خطا متوقف شد");
        await Pages.AssertTranslatedAsync(page, "fa");

        await incidents.GetByRole(AriaRole.Button, new() { Name = "اجرای دوباره «کار بی‌کارپذیر»" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("دوباره اجرا شد");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "روند کار" })).ToContainTextAsync("خطای «کار بی‌کارپذیر» برطرف شد");
        var secondIncident = await OpenIncidentAsync(instanceId, firstIncident);
        Assert.NotEqual(firstIncident, secondIncident);
    }

    /// <summary>Signs in as <paramref name="email"/> and, when the user's stored language is English, switches to Persian.</summary>
    private static async Task SignInInPersianAsync(IPage page, string email)
    {
        await Pages.SignInAsync(page, email);
        if (await page.Locator("html").GetAttributeAsync("lang") != "fa")
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "فارسی" }).ClickAsync();
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fa");
        }
    }

    /// <summary>The id of the open incident of <paramref name="instanceId"/> other than <paramref name="except"/>, once there is one.</summary>
    private async Task<Guid> OpenIncidentAsync(Guid instanceId, Guid? except)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        return await db.Incidents.AsNoTracking().Where(i => i.InstanceId == instanceId && i.ResolvedAt == null && i.Id != except).Select(i => i.Id).SingleAsync();
    }

    /// <summary>The demo cycle's id, once its stakeholder identification has started.</summary>
    private async Task<Guid> DemoCycleAsync()
    {
        await Pages.OpenTaskAsync(app, "IdentifyStakeholders");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        return await db.Instances.AsNoTracking().Where(i => i.BusinessKey == "mtp-1405-1408").Select(i => i.Id).SingleAsync();
    }

    /// <summary>
    /// Deploys a small cycle of this test's own (a task for the owner, then a call activity per working
    /// group whose child has one task for the owner; no diagram interchange) and starts it as the owner.
    /// </summary>
    private async Task<Guid> StartOwnCycleAsync(string ownerId)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var parentKey = $"instance-page-{tag}";
        var childKey = $"instance-page-group-{tag}";
        var xml = $$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{{tag}}" targetNamespace="http://approvalflow.test">
              <bpmn:process id="{{parentKey}}" name="آزمون صفحه فرایند" isExecutable="true">
                <bpmn:startEvent id="Start" name="آغاز" />
                <bpmn:userTask id="Opinion" name="ثبت نظر دبیرخانه" camunda:assignee="${owner}" />
                <bpmn:callActivity id="Groups" name="کارگروه‌های آزمایشی" calledElement="{{childKey}}">
                  <bpmn:extensionElements>
                    <camunda:in source="workingGroup" target="workingGroup" />
                    <camunda:in source="owner" target="owner" />
                  </bpmn:extensionElements>
                  <bpmn:multiInstanceLoopCharacteristics camunda:collection="groups" camunda:elementVariable="workingGroup" />
                </bpmn:callActivity>
                <bpmn:endEvent id="End" name="پایان" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Opinion" />
                <bpmn:sequenceFlow id="F2" sourceRef="Opinion" targetRef="Groups" />
                <bpmn:sequenceFlow id="F3" sourceRef="Groups" targetRef="End" />
              </bpmn:process>
              <bpmn:process id="{{childKey}}" name="کارگروه آزمایشی" isExecutable="true">
                <bpmn:startEvent id="GroupStart" name="آغاز کارگروه" />
                <bpmn:userTask id="Review" name="بررسی در کارگروه" camunda:assignee="${owner}" />
                <bpmn:endEvent id="GroupEnd" name="پایان کارگروه" />
                <bpmn:sequenceFlow id="G1" sourceRef="GroupStart" targetRef="Review" />
                <bpmn:sequenceFlow id="G2" sourceRef="Review" targetRef="GroupEnd" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        await using var scope = app.Services.CreateAsyncScope();
        var deployed = await scope.ServiceProvider.GetRequiredService<DefinitionDeployer>().DeployAsync(xml, DefinitionDeployer.SystemUser, CancellationToken.None);
        Assert.IsType<DefinitionsDeployed>(deployed);
        var definition = await app.Services.GetRequiredService<DefinitionCatalog>().FindAsync(parentKey, null, CancellationToken.None);
        var variables = new Dictionary<string, JsonElement>
        {
            ["owner"] = JsonSerializer.SerializeToElement(ownerId),
            ["title"] = JsonSerializer.SerializeToElement("چرخه آزمایشی صفحه فرایند"),
            ["groups"] = JsonSerializer.SerializeToElement(new[] { new { id = "a", name = "کارگروه آزمایشی الف" }, new { id = "b", name = "کارگروه آزمایشی ب" } }),
        };
        var started = await app.Services.GetRequiredService<InstanceRunner>().StartAsync(definition!, $"instance-page-{tag}", variables, ownerId, CancellationToken.None);
        return started.Id;
    }

    /// <summary>Completes a task of the owner through the API (bearer token), as an integration would.</summary>
    private async Task CompleteAsync(Guid taskId, object variables)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email = Owner, password = WebAppFixture.DemoPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var completed = await http.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { variables });
        Assert.True(completed.IsSuccessStatusCode, await completed.Content.ReadAsStringAsync());
    }

    /// <summary>Waits (polling the database) until <paramref name="count"/> child instances of <paramref name="parentId"/> each have their open task.</summary>
    private async Task<List<(Guid Id, string Name)>> ChildrenAsync(Guid parentId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
                var children = await db.Instances.AsNoTracking().Where(i => i.ParentInstanceId == parentId).ToListAsync();
                var childIds = children.Select(c => c.Id).ToArray();
                var withTasks = await db.Tasks.AsNoTracking().Where(t => childIds.Contains(t.InstanceId) && t.Status == UserTaskStatus.Open).Select(t => t.InstanceId).Distinct().CountAsync();
                if (children.Count == count && withTasks == count)
                {
                    return [.. children.Select(c => (c.Id, c.State.Variables["workingGroup"].GetProperty("name").GetString()!))];
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {count} child instances of {parentId} with open tasks after 180 s.");
            await Task.Delay(250);
        }
    }
}
