using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests.Designer;

/// <summary>
/// Editing in the designer as a person does: copy and paste of a task with the keyboard, undo and redo with the
/// keyboard and the toolbar, the keyboard help panel in Persian; the palette and the replace menu offering only what
/// the engine executes (docs/bpmn-coverage.md); the canvas left-to-right on the right-to-left page. Keys of its own:
/// <c>designer-test-editing</c>, <c>designer-test-menus</c>.
/// </summary>
[Collection(WebGroup.Name)]
public sealed class DesignerEditingTests(WebAppFixture app)
{
    private const string Owner = "owner@approvalflow.local";
    private const string TaskName = "بررسی حقوقی";
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";

    [Fact]
    public async Task A_task_is_copied_and_pasted_with_its_settings_undone_and_redone_by_keyboard_and_toolbar_and_the_shortcuts_are_listed_in_Persian()
    {
        const string key = "designer-test-editing";
        using var api = await SiteTasks.ApiAsync(app, Owner);
        (await api.PutAsJsonAsync($"/api/definitions/{key}/draft", new { xml = Seed(key), baseVersion = (int?)null })).EnsureSuccessStatusCode();

        await using var context = await app.NewContextAsync(1440, 900);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        await Pages.SignInAsync(page, Owner);
        await DesignerPage.OpenAsync(page, key, errors);
        var undo = page.GetByRole(AriaRole.Button, new() { Name = "واگرد", Exact = true });
        var redo = page.GetByRole(AriaRole.Button, new() { Name = "انجام دوباره", Exact = true });
        await Assertions.Expect(undo).ToBeDisabledAsync();
        await Assertions.Expect(redo).ToBeDisabledAsync();
        var named = page.Locator("[data-designer-canvas] .djs-element.djs-shape").Filter(new() { HasText = TaskName });
        await Assertions.Expect(named).ToHaveCountAsync(1);

        // Ctrl+C on the selected task, Ctrl+V: the copy follows the pointer until a click puts it down below the row.
        var review = DesignerPage.Element(page, "Review");
        await review.ClickAsync();
        await Assertions.Expect(review).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bselected\b"));
        await page.Keyboard.PressAsync("Control+c");
        await page.Keyboard.PressAsync("Control+v");
        var box = (await review.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + box.Height + 100, new() { Steps = 8 });
        await page.Mouse.MoveAsync(box.X + (box.Width / 2) + 10, box.Y + box.Height + 120, new() { Steps = 4 });
        await page.Mouse.ClickAsync(box.X + (box.Width / 2) + 10, box.Y + box.Height + 120);
        await Assertions.Expect(named).ToHaveCountAsync(2);
        await Assertions.Expect(undo).ToBeEnabledAsync();
        await Pages.ScreenshotAsync(page, "designer-copy-paste");

        // Ctrl+Z takes the copy away, Ctrl+Y brings it back; the toolbar does the same.
        await page.Keyboard.PressAsync("Control+z");
        await Assertions.Expect(named).ToHaveCountAsync(1);
        await Assertions.Expect(redo).ToBeEnabledAsync();
        await page.Keyboard.PressAsync("Control+y");
        await Assertions.Expect(named).ToHaveCountAsync(2);
        await undo.ClickAsync();
        await Assertions.Expect(named).ToHaveCountAsync(1);
        await redo.ClickAsync();
        await Assertions.Expect(named).ToHaveCountAsync(2);
        await Assertions.Expect(redo).ToBeDisabledAsync();

        // The saved draft has the copy with the original's assignment, due date and properties, under an id of its own.
        var tasks = await SavedUserTasksAsync(api, key, 2);
        var copy = Assert.Single(tasks, t => (string?)t.Attribute("id") != "Review");
        Assert.Equal(
            (TaskName, "legal-affairs", "${workingDays(5)}", "P0D"),
            ((string?)copy.Attribute("name"), (string?)copy.Attribute(Camunda + "candidateGroups"), (string?)copy.Attribute(Camunda + "dueDate"),
             (string?)copy.Descendants(Camunda + "property").SingleOrDefault(p => (string?)p.Attribute("name") == "reminders")?.Attribute("value")));

        // The help panel lists the shortcuts in Persian.
        var help = page.Locator("details.af-designer-help");
        await Assertions.Expect(help.Locator("table")).ToBeHiddenAsync();
        await help.GetByText("راهنما و میان‌برهای صفحه‌کلید").ClickAsync();
        await Assertions.Expect(help.GetByRole(AriaRole.Columnheader, new() { Name = "کلیدها" })).ToBeVisibleAsync();
        foreach (var (keys, action) in new[] { ("Ctrl+Z", "واگرد آخرین تغییر"), ("Ctrl+C", "رونوشت از عنصرهای برگزیده"), ("Ctrl+V", "چسباندن") })
        {
            await Assertions.Expect(help.GetByRole(AriaRole.Row).Filter(new() { Has = page.Locator("kbd", new() { HasText = keys }) }).First).ToContainTextAsync(action);
        }

        await Pages.AssertTranslatedAsync(page, "fa", scan: false);
        await Pages.ScreenshotAsync(page, "designer-keyboard-help");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task The_palette_and_replace_menu_offer_only_executable_elements_and_the_canvas_is_left_to_right_on_the_right_to_left_page()
    {
        const string key = "designer-test-menus";
        using var api = await SiteTasks.ApiAsync(app, Owner);
        (await api.PutAsJsonAsync($"/api/definitions/{key}/draft", new { xml = Seed(key), baseVersion = (int?)null })).EnsureSuccessStatusCode();

        await using var context = await app.NewContextAsync(1440, 900);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        await Pages.SignInAsync(page, Owner);
        await DesignerPage.OpenAsync(page, key, errors);

        // bpmn-js#924: the canvas is left-to-right inside the right-to-left page; the properties panel stays right-to-left.
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        var canvas = page.Locator("[data-designer-canvas]");
        await Assertions.Expect(canvas).ToHaveAttributeAsync("dir", "ltr");
        Assert.Equal("ltr", await canvas.EvaluateAsync<string>("e => getComputedStyle(e.querySelector('svg')).direction"));
        Assert.Equal("rtl", await page.Locator("[data-designer-panel]").EvaluateAsync<string>("e => getComputedStyle(e).direction"));

        // The palette: no data objects, data stores, pools or groups (documentation only); the executable elements are there.
        var palette = page.Locator(".djs-palette");
        foreach (var hidden in new[] { "create.data-object", "create.data-store", "create.participant-expanded", "create.group" })
        {
            await Assertions.Expect(palette.Locator($"[data-action='{hidden}']")).ToHaveCountAsync(0);
        }

        foreach (var shown in new[] { "create.start-event", "create.intermediate-event", "create.end-event", "create.exclusive-gateway", "create.task", "create.subprocess-expanded" })
        {
            await Assertions.Expect(palette.Locator($"[data-action='{shown}']")).ToHaveCountAsync(1);
        }

        // A task's replace menu: the task kinds the engine runs (script and manual tasks too), no business rule task,
        // transaction, ad-hoc sub-process or loop; multi-instance is offered.
        await DesignerPage.Element(page, "Plain").ClickAsync();
        await page.Locator(".djs-context-pad [data-action='replace']").ClickAsync();
        var menu = page.Locator(".djs-popup");
        await Assertions.Expect(menu).ToBeVisibleAsync();
        foreach (var offered in new[] { "user-task", "service-task", "send-task", "receive-task", "manual-task", "script-task", "call-activity", "collapsed-subprocess", "expanded-subprocess" })
        {
            await Assertions.Expect(menu.Locator($"[data-id='replace-with-{offered}']")).ToHaveCountAsync(1);
        }

        foreach (var refused in new[] { "replace-with-rule-task", "replace-with-transaction", "replace-with-ad-hoc-subprocess", "replace-with-collapsed-ad-hoc-subprocess", "toggle-loop" })
        {
            await Assertions.Expect(menu.Locator($"[data-id='{refused}']")).ToHaveCountAsync(0);
        }

        await Assertions.Expect(menu.Locator("[data-id='toggle-parallel-mi']")).ToHaveCountAsync(1);
        await Assertions.Expect(menu.GetByText("کار اسکریپتی", new() { Exact = true })).ToBeVisibleAsync();
        await Pages.ScreenshotAsync(page, "designer-replace-task");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(menu).ToHaveCountAsync(0);

        // A gateway's replace menu: no complex gateway; the supported gateways are offered.
        await DesignerPage.Element(page, "Gate").ClickAsync();
        await page.Locator(".djs-context-pad [data-action='replace']").ClickAsync();
        await Assertions.Expect(menu).ToBeVisibleAsync();
        await Assertions.Expect(menu.Locator("[data-id='replace-with-complex-gateway']")).ToHaveCountAsync(0);
        foreach (var offered in new[] { "parallel-gateway", "inclusive-gateway", "event-based-gateway" })
        {
            await Assertions.Expect(menu.Locator($"[data-id='replace-with-{offered}']")).ToHaveCountAsync(1);
        }

        // An end event's: no message, compensation or cancel end; terminate, error, signal and escalation ends are offered.
        await page.Keyboard.PressAsync("Escape");
        await DesignerPage.Element(page, "End").ClickAsync();
        await page.Locator(".djs-context-pad [data-action='replace']").ClickAsync();
        await Assertions.Expect(menu).ToBeVisibleAsync();
        foreach (var refused in new[] { "message-end", "compensation-end", "cancel-end" })
        {
            await Assertions.Expect(menu.Locator($"[data-id='replace-with-{refused}']")).ToHaveCountAsync(0);
        }

        foreach (var offered in new[] { "terminate-end", "error-end", "signal-end", "escalation-end" })
        {
            await Assertions.Expect(menu.Locator($"[data-id='replace-with-{offered}']")).ToHaveCountAsync(1);
        }

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>The user tasks of <paramref name="key"/>'s saved draft, once it has <paramref name="count"/> of them (the autosave runs a moment after a change).</summary>
    private static async Task<List<XElement>> SavedUserTasksAsync(HttpClient api, string key, int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var draft = await api.GetFromJsonAsync<JsonElement>($"/api/definitions/{key}/draft");
            var tasks = XDocument.Parse(draft.GetProperty("xml").GetString()!).Descendants(Bpmn + "userTask").ToList();
            if (tasks.Count == count)
            {
                return tasks;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The draft has {tasks.Count} user tasks, not {count}.");
            await Task.Delay(250);
        }
    }

    /// <summary>start → «بررسی حقوقی» (legal affairs, due in 5 working days, reminded) → a gateway → a plain task → end, drawn.</summary>
    private static string Seed(string key) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs" targetNamespace="http://approvalflow.test">
          <bpmn:process id="{{key}}" name="آزمون ویرایش" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Review" name="{{TaskName}}" camunda:candidateGroups="legal-affairs" camunda:dueDate="${workingDays(5)}">
              <bpmn:extensionElements><camunda:properties><camunda:property name="reminders" value="P0D" /></camunda:properties></bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:exclusiveGateway id="Gate" />
            <bpmn:task id="Plain" name="گفت‌وگو" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
            <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="Gate" />
            <bpmn:sequenceFlow id="F3" sourceRef="Gate" targetRef="Plain" />
            <bpmn:sequenceFlow id="F4" sourceRef="Plain" targetRef="End" />
          </bpmn:process>
          <bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="P" bpmnElement="{{key}}">
            <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="100" y="120" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="Review_di" bpmnElement="Review"><dc:Bounds x="200" y="98" width="100" height="80" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="Gate_di" bpmnElement="Gate" isMarkerVisible="true"><dc:Bounds x="360" y="113" width="50" height="50" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="Plain_di" bpmnElement="Plain"><dc:Bounds x="470" y="98" width="100" height="80" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="End_di" bpmnElement="End"><dc:Bounds x="630" y="120" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNEdge id="F1_di" bpmnElement="F1"><di:waypoint x="136" y="138" /><di:waypoint x="200" y="138" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="F2_di" bpmnElement="F2"><di:waypoint x="300" y="138" /><di:waypoint x="360" y="138" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="F3_di" bpmnElement="F3"><di:waypoint x="410" y="138" /><di:waypoint x="470" y="138" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="F4_di" bpmnElement="F4"><di:waypoint x="570" y="138" /><di:waypoint x="630" y="138" /></bpmndi:BPMNEdge>
          </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;
}
