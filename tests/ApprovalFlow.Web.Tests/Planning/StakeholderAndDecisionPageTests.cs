using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests.Planning;

/// <summary>
/// The stakeholder register page of a cycle of its own (<c>mtp-test-register</c>, planning office member
/// saeed.sadeghi) and the decision page of a supreme-council task of its own (<c>mtp-test-decision</c>, secretariat
/// member mina.heydari), in Persian: errors next to the field, then the saved content.
/// </summary>
[Collection(WebGroup.Name)]
public sealed class StakeholderAndDecisionPageTests(WebAppFixture app)
{
    private const string Planner = "saeed.sadeghi@approvalflow.local";
    private const string Secretary = "mina.heydari@approvalflow.local";

    [Fact]
    public async Task The_planning_office_registers_a_stakeholder_errors_show_next_to_the_field_in_Persian()
    {
        const string Key = "mtp-test-register";
        await Processes.QueryAsync(app, async db =>
        {
            if (!await db.PlanCycles.AnyAsync(c => c.BusinessKey == Key))
            {
                db.PlanCycles.Add(new PlanCycleRecord
                {
                    Id = Guid.CreateVersion7(), BusinessKey = Key, Title = "دوره آزمایشی ثبت ذی‌نفعان", FirstYear = 1405, LastYear = 1408,
                    Themes = PlanCycles.DefaultThemes(), CreatedBy = "test", CreatedAt = DateTimeOffset.UtcNow,
                });
                await db.SaveChangesAsync();
            }

            return 0;
        });
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Planner);

        await page.GotoAsync($"/cycles/{Key}/stakeholders");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "فهرست ذی‌نفعان و ذی‌نفوذان", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("رایانامه (برای دعوت)").FillAsync("نشانی نادرست");
        await page.GetByRole(AriaRole.Button, new() { Name = "افزودن", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("لطفاً این موارد را اصلاح کنید");
        await Assertions.Expect(page.Locator("#stakeholder-name-error")).ToHaveTextAsync("نام شخص یا نهاد را بنویسید.");
        await Assertions.Expect(page.Locator("#stakeholder-email-error")).ToContainTextAsync("نشانی رایانامه درست نیست");
        await Assertions.Expect(page.Locator("#stakeholder-stakeholderGroup-error")).ToHaveTextAsync("گروه ذی‌نفع را برگزینید.");
        await Assertions.Expect(page.Locator("#stakeholder-themes-error")).ToHaveTextAsync("دست‌کم یک محور را برگزینید.");
        await Assertions.Expect(page.GetByLabel("رایانامه (برای دعوت)")).ToHaveValueAsync("نشانی نادرست");
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "stakeholders-refused-fa");

        await page.GetByLabel("نام شخص یا نهاد").FillAsync("انجمن دوستداران محیط زیست خراسان");
        await page.GetByLabel("گروه ذی‌نفع").SelectOptionAsync("civil-society");
        await page.GetByLabel("محیط زیست شهری").CheckAsync();
        await page.GetByLabel("رایانامه (برای دعوت)").FillAsync("green-khorasan@stakeholders.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "افزودن", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("ذی‌نفع ثبت شد.");
        var section = page.GetByRole(AriaRole.Region, new() { Name = "نهادهای مردمی و انجمن‌های رسمی و غیررسمی" });
        await Assertions.Expect(section.GetByRole(AriaRole.Listitem, new() { Name = "انجمن دوستداران محیط زیست خراسان" })).ToBeVisibleAsync();
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "stakeholders-fa");
        var stored = await Processes.QueryAsync(app, db => db.Stakeholders.AsNoTracking().Where(s => s.Name == "انجمن دوستداران محیط زیست خراسان").ToListAsync());
        Assert.Equal(("civil-society", "green-khorasan@stakeholders.example"), (Assert.Single(stored).StakeholderGroup, stored[0].Email));
        Assert.Equal(["urban-environment"], stored[0].Themes);
    }

    [Fact]
    public async Task The_supreme_councils_secretariat_records_a_revise_on_the_decision_page_errors_next_to_the_field()
    {
        var (taskId, items) = await DecisionTaskAsync();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Secretary);
        await page.GotoAsync($"/tasks/{taskId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "برداشتن کار", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("کار را برداشتید");

        await page.GotoAsync($"/tasks/{taskId}/decision");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "تصمیم شورای عالی برنامه‌ریزی و تعالی شهرداری", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("بازگشت برای بازنگری").CheckAsync();
        await page.GetByLabel("تاریخ مصوبه").FillAsync("۱۴۰۵/۱۳/۴۰");
        await page.GetByLabel("نظر و توضیحات").FillAsync("دو مورد بازنگری شود.");
        await page.GetByRole(AriaRole.Button, new() { Name = "ثبت تصمیم و پایان کار" }).ClickAsync();
        await Assertions.Expect(page.Locator("#decision-resolutionDate-error")).ToContainTextAsync("سال/ماه/روز خورشیدی");
        await page.GetByLabel("تاریخ مصوبه").FillAsync("۱۴۰۵/۰۳/۱۱");
        await page.GetByRole(AriaRole.Button, new() { Name = "ثبت تصمیم و پایان کار" }).ClickAsync();

        await Assertions.Expect(page.Locator("#decision-items-error")).ToHaveTextAsync("برای بازگشت، دست‌کم یک مورد یا یک کارگروه را برای بازنگری برگزینید.");
        await Assertions.Expect(page.GetByLabel("نظر و توضیحات")).ToHaveValueAsync("دو مورد بازنگری شود.");
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "decision-refused-fa");

        await page.GetByLabel("بازگرداندن «مسئله آزمایشی ۱» برای بازنگری").CheckAsync();
        await page.GetByLabel("بازگرداندن «مسئله آزمایشی ۳» برای بازنگری").CheckAsync();
        await page.GetByLabel("نظر درباره «مسئله آزمایشی ۲»").FillAsync("روشن‌تر نوشته شود");
        await page.GetByRole(AriaRole.Button, new() { Name = "ثبت تصمیم و پایان کار" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("کار ثبت و به مرحله بعد فرستاده شد");
        var statuses = await Processes.QueryAsync(app, db => db.PlanItems.AsNoTracking().Where(i => items.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Status));
        Assert.Equal([PlanItemStatus.Reopened, PlanItemStatus.Agreed, PlanItemStatus.Reopened], items.Select(i => statuses[i]));
        var decision = await Processes.QueryAsync(app, db => db.StageDecisions.AsNoTracking().SingleAsync(d => d.TaskId == taskId));
        Assert.Equal(("supreme-council", StageDecision.Revise, new DateOnly(2026, 6, 1)), (decision.Body, decision.Decision, decision.ResolutionDate!.Value));
        var task = await Processes.QueryAsync(app, db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == taskId));
        Assert.Equal(UserTaskStatus.Completed, task.Status);
    }

    /// <summary>An open supreme-council task with <c>page:decision</c> in a cycle of its own (<c>mtp-test-decision</c>) with three agreed items.</summary>
    private async Task<(Guid TaskId, List<Guid> Items)> DecisionTaskAsync()
    {
        const string Xml = """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="DecisionPage" targetNamespace="http://approvalflow.local/tests">
              <bpmn:process id="decision-page-test" name="تصویب آزمایشی" isExecutable="true">
                <bpmn:startEvent id="Start" />
                <bpmn:sequenceFlow id="Flow_Start" sourceRef="Start" targetRef="SupremeCouncilApproval" />
                <bpmn:userTask id="SupremeCouncilApproval" name="تصویب آزمایشی شورای عالی" camunda:candidateGroups="supreme-council-secretariat" camunda:formKey="page:decision" />
                <bpmn:sequenceFlow id="Flow_End" sourceRef="SupremeCouncilApproval" targetRef="End" />
                <bpmn:endEvent id="End" />
              </bpmn:process>
              <bpmndi:BPMNDiagram id="Diagram">
                <bpmndi:BPMNPlane id="Plane" bpmnElement="decision-page-test">
                  <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="100" y="120" width="36" height="36" /></bpmndi:BPMNShape>
                  <bpmndi:BPMNShape id="SupremeCouncilApproval_di" bpmnElement="SupremeCouncilApproval"><dc:Bounds x="200" y="98" width="100" height="80" /></bpmndi:BPMNShape>
                  <bpmndi:BPMNShape id="End_di" bpmnElement="End"><dc:Bounds x="360" y="120" width="36" height="36" /></bpmndi:BPMNShape>
                  <bpmndi:BPMNEdge id="Flow_Start_di" bpmnElement="Flow_Start"><di:waypoint x="136" y="138" /><di:waypoint x="200" y="138" /></bpmndi:BPMNEdge>
                  <bpmndi:BPMNEdge id="Flow_End_di" bpmnElement="Flow_End"><di:waypoint x="300" y="138" /><di:waypoint x="360" y="138" /></bpmndi:BPMNEdge>
                </bpmndi:BPMNPlane>
              </bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """;
        const string Key = "mtp-test-decision";
        Guid instanceId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DefinitionDeployer>().DeployAsync(Xml, "owner@approvalflow.local", CancellationToken.None);
            var definition = await scope.ServiceProvider.GetRequiredService<DefinitionCatalog>().FindAsync("decision-page-test", null, CancellationToken.None);
            var variables = new Dictionary<string, JsonElement> { ["title"] = JsonSerializer.SerializeToElement("دوره آزمایشی تصمیم"), ["cycle"] = JsonSerializer.SerializeToElement("1405-1408") };
            instanceId = (await scope.ServiceProvider.GetRequiredService<InstanceRunner>().StartAsync(definition!, Key, variables, null, CancellationToken.None)).Id;
        }

        var task = await Pages.OpenTaskAsync(app, "SupremeCouncilApproval", t => t.InstanceId == instanceId);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var cycle = (await scope.ServiceProvider.GetRequiredService<PlanCycles>().ForTaskAsync(task, CancellationToken.None))!;
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
            var items = new[] { "مسئله آزمایشی ۱", "مسئله آزمایشی ۲", "مسئله آزمایشی ۳" }.Select(title => new PlanItemRecord
            {
                Id = Guid.CreateVersion7(), CycleId = cycle.Id, Kind = PlanItemKind.Problem, Title = title, Theme = "urban-economy", Level = "headquarters",
                WorkingGroupId = "wg-hq-urban-economy", Status = PlanItemStatus.Agreed, CreatedBy = "test", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            }).ToList();
            db.PlanItems.AddRange(items);
            await db.SaveChangesAsync();
            return (task.Id, items.ConvertAll(i => i.Id));
        }
    }
}
