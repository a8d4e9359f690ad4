using System.Net.Http.Json;
using System.Xml.Linq;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests.Designer;

/// <summary>
/// The properties panel edits, in the browser, the attributes the engine reads beyond the assignment and dates of the
/// legal review scenario: a user task's priority, candidate users picked from the directory, form picked from the
/// deployed forms, the <c>reminders</c> and <c>escalationGroup</c> properties and multi-instance (collection, element
/// variable, completion condition); a boundary timer's duration; an external service task's topic, retry cycle and
/// priority; a call activity's called process and an in mapping. The deployed version's XML carries exactly those
/// <c>camunda:</c> attributes and extension elements. Key of its own: <c>designer-test-properties</c>.
/// </summary>
[Collection(WebGroup.Name)]
public sealed class DesignerPropertiesTests(WebAppFixture app)
{
    private const string Owner = "owner@approvalflow.local";
    private const string Key = "designer-test-properties";
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";

    [Fact]
    public async Task The_properties_panel_sets_priority_users_form_properties_multi_instance_timer_topic_retries_and_call_mappings_that_the_deployed_xml_carries()
    {
        var officerId = (await Pages.UserAsync(app, "kaveh.sadeghi@approvalflow.local")).UserId;
        using var api = await SiteTasks.ApiAsync(app, Owner);
        (await api.PutAsJsonAsync($"/api/definitions/{Key}/draft", new { xml = Seed(), baseVersion = (int?)null })).EnsureSuccessStatusCode();

        await using var context = await app.NewContextAsync(1600, 1000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        await Pages.SignInAsync(page, Owner);
        await DesignerPage.OpenAsync(page, Key, errors);
        var panel = page.Locator("[data-designer-panel]");

        // The user task: priority, a candidate user from the directory, a deployed form, reminders and escalation, multi-instance.
        await DesignerPage.Element(page, "Review").ClickAsync();
        var assignment = await GroupAsync(panel, "CamundaPlatform__UserAssignment");
        await Input(assignment, "priority").FillAsync("70");
        var users = assignment.Locator("[data-entry-id='af-candidateUsers']");
        await users.GetByPlaceholder("نام کاربر را بنویسید…").FillAsync("صادقی");
        await users.GetByRole(AriaRole.Button, new() { Name = $"کاوه صادقی {officerId}" }).ClickAsync();
        await Assertions.Expect(Input(assignment, "candidateUsers")).ToHaveValueAsync(officerId);
        var form = await GroupAsync(panel, "CamundaPlatform__Form");
        var formSelect = form.Locator("[data-entry-id='af-formKey'] select");
        await Assertions.Expect(formSelect.Locator("option[value='approval-decision']")).ToHaveCountAsync(1);
        await formSelect.SelectOptionAsync(new SelectOptionValue { Value = "approval-decision" });
        var properties = panel.Locator("[data-group-id='group-CamundaPlatform__ExtensionProperties']");
        foreach (var (index, name, value) in new[] { (0, "reminders", "-P1D,P0D"), (1, "escalationGroup", "legal-affairs") })
        {
            // "+" pressed while a field still holds what was typed in it: the new item opens all the same, its name focused.
            await properties.Locator(".bio-properties-panel-add-entry").ClickAsync();
            var nameField = Input(properties, $"Review-extensionProperty-{index}-name");
            await Assertions.Expect(nameField).ToBeVisibleAsync();
            await Assertions.Expect(nameField).ToBeFocusedAsync();
            await nameField.FillAsync(name);
            await Input(properties, $"Review-extensionProperty-{index}-value").FillAsync(value);
        }

        var multiInstance = await GroupAsync(panel, "multiInstance");
        await Input(multiInstance, "collection").FillAsync("${reviewers}");
        await Input(multiInstance, "elementVariable").FillAsync("reviewer");
        await Input(multiInstance, "completionCondition").FillAsync("${nrOfCompletedInstances >= 1}");
        await Pages.ScreenshotAsync(page, "designer-properties-user-task");

        // The boundary timer: a duration.
        await DesignerPage.Element(page, "ReviewLate").ClickAsync();
        var timer = await GroupAsync(panel, "timer");
        await timer.Locator("[data-entry-id='timerEventDefinitionType'] select").SelectOptionAsync(new SelectOptionValue { Value = "timeDuration" });
        await Input(timer, "timerEventDefinitionValue").FillAsync("P3D");

        // The service task: external, its topic, retry cycle and priority.
        await DesignerPage.Element(page, "Notify").ClickAsync();
        var implementation = await GroupAsync(panel, "CamundaPlatform__Implementation");
        await implementation.Locator("[data-entry-id='implementationType'] select").SelectOptionAsync(new SelectOptionValue { Value = "external" });
        await Input(implementation, "externalTopic").FillAsync("legal.notify");
        await Assertions.Expect(implementation.GetByLabel("زمان‌بندی تلاش دوباره")).ToBeVisibleAsync();
        await Input(implementation, "af-retryTimeCycle").FillAsync("R5/PT10M");
        var externalTask = await GroupAsync(panel, "CamundaPlatform__ExternalTask");
        await Input(externalTask, "externalTaskPriority").FillAsync("20");
        await Pages.ScreenshotAsync(page, "designer-properties-external-task");

        // The call activity: the called process and one in mapping.
        await DesignerPage.Element(page, "Sessions").ClickAsync();
        var call = await GroupAsync(panel, "CamundaPlatform__CallActivity");
        await call.Locator("[data-entry-id='calledElementType'] select").SelectOptionAsync(new SelectOptionValue { Value = "bpmn" });
        await Input(call, "calledElement").FillAsync("working-group");
        var inMappings = panel.Locator("[data-group-id='group-CamundaPlatform__InMapping']");
        await inMappings.Locator(".bio-properties-panel-add-entry").ClickAsync();
        await Assertions.Expect(Input(inMappings, "Sessions-inMapping-0-target")).ToBeFocusedAsync();
        await Input(inMappings, "Sessions-inMapping-0-source").FillAsync("cycle");
        await Input(inMappings, "Sessions-inMapping-0-target").FillAsync("planCycle");
        await Pages.ScreenshotAsync(page, "designer-properties-call-activity");

        // Selecting the process commits the last field; deploy saves the draft and deploys it.
        await DesignerPage.Element(page, "Start").ClickAsync();
        var deploy = page.GetByRole(AriaRole.Button, new() { Name = "انتشار نسخه تازه" });
        await Assertions.Expect(deploy).ToBeEnabledAsync();
        await deploy.ClickAsync();
        var result = page.Locator("[data-designer-result]");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-version", "1");
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var process = XDocument.Parse(await api.GetStringAsync($"/api/definitions/{Key}/versions/1/xml")).Descendants(Bpmn + "process").Single();
        XElement Node(string id) => process.Descendants().Single(e => (string?)e.Attribute("id") == id);

        var review = Node("Review");
        Assert.Equal(
            new Dictionary<string, string> { ["candidateGroups"] = "legal-affairs", ["candidateUsers"] = officerId, ["priority"] = "70", ["formKey"] = "approval-decision" },
            CamundaAttributes(review));
        Assert.Equal(
            [("reminders", "-P1D,P0D"), ("escalationGroup", "legal-affairs")],
            review.Elements(Bpmn + "extensionElements").Elements(Camunda + "properties").Elements(Camunda + "property").Select(p => ((string)p.Attribute("name")!, (string)p.Attribute("value")!)));
        Assert.Equal([Camunda + "properties"], review.Elements(Bpmn + "extensionElements").Elements().Select(e => e.Name));
        var loop = review.Element(Bpmn + "multiInstanceLoopCharacteristics")!;
        Assert.Equal(new Dictionary<string, string> { ["collection"] = "${reviewers}", ["elementVariable"] = "reviewer" }, CamundaAttributes(loop));
        Assert.Equal("${nrOfCompletedInstances >= 1}", loop.Element(Bpmn + "completionCondition")!.Value);
        Assert.Null(loop.Element(Bpmn + "loopCardinality"));

        var late = Node("ReviewLate").Element(Bpmn + "timerEventDefinition")!;
        Assert.Equal([(Bpmn + "timeDuration", "P3D")], late.Elements().Select(e => (e.Name, e.Value)));

        var notify = Node("Notify");
        Assert.Equal(new Dictionary<string, string> { ["type"] = "external", ["topic"] = "legal.notify", ["taskPriority"] = "20" }, CamundaAttributes(notify));
        Assert.Equal([(Camunda + "failedJobRetryTimeCycle", "R5/PT10M")], notify.Elements(Bpmn + "extensionElements").Elements().Select(e => (e.Name, e.Value)));

        var sessions = Node("Sessions");
        Assert.Equal("working-group", (string?)sessions.Attribute("calledElement"));
        Assert.Empty(CamundaAttributes(sessions));
        var mapping = Assert.Single(sessions.Elements(Bpmn + "extensionElements").Elements());
        Assert.Equal(Camunda + "in", mapping.Name);
        Assert.Equal([("source", "cycle"), ("target", "planCycle")], mapping.Attributes().Select(a => (a.Name.LocalName, a.Value)).Order());
    }

    [Fact]
    public async Task The_properties_panel_shows_no_English_text_in_Persian_for_the_elements_the_engine_runs_with_every_group_and_list_item_open()
    {
        using var api = await SiteTasks.ApiAsync(app, Owner);
        (await api.PutAsJsonAsync($"/api/definitions/{TextsKey}/draft", new { xml = TextsSeed(), baseVersion = (int?)null })).EnsureSuccessStatusCode();
        await using var context = await app.NewContextAsync(1600, 1000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        await Pages.SignInAsync(page, Owner);
        await DesignerPage.OpenAsync(page, TextsKey, errors);
        var panel = page.Locator("[data-designer-panel]");
        var english = new SortedSet<string>(StringComparer.Ordinal);

        foreach (var id in new[] { "Start", "Review", "ReviewLate", "Notify", "Sessions", "SessionsFailed", "Announce", "Decide", "End" })
        {
            await DesignerPage.Element(page, id).First.ClickAsync();
            await Assertions.Expect(panel.Locator(".bio-properties-panel-header-label")).ToHaveTextAsync(ElementNames[id]);
            await OpenEveryGroupAsync(page);
            // A list item of each list group (extension properties, in and out mappings), opened: its own labels show.
            var lists = panel.Locator(".bio-properties-panel-group:has(.bio-properties-panel-add-entry)");
            for (var i = await lists.CountAsync() - 1; i >= 0; i--)
            {
                await lists.Nth(i).Locator(".bio-properties-panel-add-entry").ClickAsync();
            }

            await OpenEveryGroupAsync(page);
            await CollectEnglishAsync(panel, id, english);
            if (id == "Sessions")
            {
                // The business key's expression and a fixed version's field show once asked for.
                await panel.Locator("[data-entry-id='calledElementBusinessKey'] input[type=checkbox]").CheckAsync();
                await panel.Locator("[data-entry-id='calledElementBinding'] select").SelectOptionAsync(new SelectOptionValue { Value = "version" });
                await CollectEnglishAsync(panel, "Sessions (business key, version)", english);
            }
        }

        Assert.True(english.Count == 0, $"English texts in the Persian properties panel:\n{string.Join("\n", english)}");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>Opens every closed group and list item of the properties panel (at most as many clicks as there were closed ones).</summary>
    private static async Task OpenEveryGroupAsync(IPage page)
    {
        var closed = page.Locator("[data-designer-panel] .bio-properties-panel-group-header:not(.open), [data-designer-panel] .bio-properties-panel-collapsible-entry-header:not(.open)");
        for (var left = await closed.CountAsync(); left > 0 && await closed.CountAsync() > 0; left--)
        {
            await closed.First.ClickAsync();
        }
    }

    /// <summary>
    /// Adds to <paramref name="english"/>, named after <paramref name="where"/>, every shown text, option, placeholder, label and title of
    /// the panel with a Latin word other than <see cref="LatinTerms"/> (what the user typed, in fields, and the directory's ids are not read).
    /// </summary>
    private static async Task CollectEnglishAsync(ILocator panel, string where, SortedSet<string> english)
    {
        var texts = await panel.EvaluateAsync<string[]>("""
            root => {
                const out = [];
                const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const element = node.parentElement;
                    if (element && (element.offsetParent !== null || (element.tagName === 'OPTION' && element.parentElement.offsetParent !== null))
                        && !element.closest('input, textarea, [contenteditable], .cm-editor, .af-picker-id')) out.push(node.data.trim());
                }
                // Not the name's and documentation's "Open pop-up editor" button: bpmn-js-properties-panel 5.65 renders those text areas without the translate function.
                root.querySelectorAll('[placeholder], [aria-label], [title]:not(.bio-properties-panel-open-feel-popup)').forEach((element) => ['placeholder', 'aria-label', 'title'].forEach((name) => {
                    const value = element.getAttribute(name);
                    if (value) out.push(value.trim());
                }));
                return out;
            }
            """);
        // A form offered as "name (key)" shows its key: an identifier, not a text.
        foreach (var text in texts.Where(t => System.Text.RegularExpressions.Regex.Matches(System.Text.RegularExpressions.Regex.Replace(t, @"\([a-z0-9-]+\)$", ""), "[A-Za-z]{3,}").Any(m => !LatinTerms.Contains(m.Value))))
        {
            english.Add($"{text} ({where})");
        }
    }

    /// <summary>The Latin words the Persian panel may show: standard names and the engine's terms in brackets.</summary>
    private static readonly HashSet<string> LatinTerms = new(StringComparer.Ordinal)
    {
        "BPMN", "CMMN", "ISO", "Camunda", "External", "topic", "tenant", "delegate", "connector", "workingDays",
    };

    private const string TextsKey = "designer-test-panel-texts";

    /// <summary>The panel header's name of each element of <see cref="TextsSeed"/>.</summary>
    private static readonly Dictionary<string, string> ElementNames = new(StringComparer.Ordinal)
    {
        ["Start"] = "آغاز", ["Review"] = "بررسی حقوقی", ["ReviewLate"] = "دیرکرد", ["Notify"] = "آگاه کردن", ["Sessions"] = "جلسات کارگروه",
        ["SessionsFailed"] = "شکست جلسات", ["Announce"] = "اعلام", ["Decide"] = "تصمیم", ["End"] = "پایان",
    };

    /// <summary>
    /// start → a multi-instance user task with a boundary timer → an external service task → a call activity with an error boundary
    /// → a signal throw → an exclusive gateway with a conditional and a default flow → end: one element of each kind the panel edits.
    /// </summary>
    private static string TextsSeed() => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Defs" targetNamespace="http://approvalflow.test">
          <bpmn:error id="SessionsError" name="شکست" errorCode="sessions-failed" />
          <bpmn:signal id="AnnounceSignal" name="اعلام" />
          <bpmn:process id="{{TextsKey}}" name="آزمون متن‌های پنل" isExecutable="true">
            <bpmn:startEvent id="Start" name="آغاز" />
            <bpmn:userTask id="Review" name="بررسی حقوقی" camunda:candidateGroups="legal-affairs">
              <bpmn:multiInstanceLoopCharacteristics camunda:collection="${reviewers}" camunda:elementVariable="reviewer" />
            </bpmn:userTask>
            <bpmn:boundaryEvent id="ReviewLate" name="دیرکرد" attachedToRef="Review"><bpmn:timerEventDefinition id="ReviewLateTimer"><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:serviceTask id="Notify" name="آگاه کردن" camunda:type="external" camunda:topic="legal.notify" />
            <bpmn:callActivity id="Sessions" name="جلسات کارگروه" calledElement="working-group" />
            <bpmn:boundaryEvent id="SessionsFailed" name="شکست جلسات" attachedToRef="Sessions"><bpmn:errorEventDefinition id="SessionsFailedError" errorRef="SessionsError" /></bpmn:boundaryEvent>
            <bpmn:intermediateThrowEvent id="Announce" name="اعلام"><bpmn:signalEventDefinition id="AnnounceDefinition" signalRef="AnnounceSignal" /></bpmn:intermediateThrowEvent>
            <bpmn:exclusiveGateway id="Decide" name="تصمیم" default="Rejected" />
            <bpmn:endEvent id="End" name="پایان" />
            <bpmn:endEvent id="LateEnd" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
            <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="Notify" />
            <bpmn:sequenceFlow id="F3" sourceRef="Notify" targetRef="Sessions" />
            <bpmn:sequenceFlow id="F4" sourceRef="Sessions" targetRef="Announce" />
            <bpmn:sequenceFlow id="F5" sourceRef="Announce" targetRef="Decide" />
            <bpmn:sequenceFlow id="Approved" name="تأییدشده" sourceRef="Decide" targetRef="End"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${approved}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="Rejected" sourceRef="Decide" targetRef="End" />
            <bpmn:sequenceFlow id="F6" sourceRef="ReviewLate" targetRef="LateEnd" />
            <bpmn:sequenceFlow id="F7" sourceRef="SessionsFailed" targetRef="LateEnd" />
          </bpmn:process>
          <bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="P" bpmnElement="{{TextsKey}}">
            <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="100" y="120" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="Review_di" bpmnElement="Review"><dc:Bounds x="200" y="98" width="100" height="80" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="ReviewLate_di" bpmnElement="ReviewLate"><dc:Bounds x="212" y="160" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="Notify_di" bpmnElement="Notify"><dc:Bounds x="360" y="98" width="100" height="80" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="Sessions_di" bpmnElement="Sessions"><dc:Bounds x="520" y="98" width="100" height="80" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="SessionsFailed_di" bpmnElement="SessionsFailed"><dc:Bounds x="532" y="160" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="Announce_di" bpmnElement="Announce"><dc:Bounds x="680" y="120" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="Decide_di" bpmnElement="Decide" isMarkerVisible="true"><dc:Bounds x="770" y="113" width="50" height="50" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="End_di" bpmnElement="End"><dc:Bounds x="900" y="120" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="LateEnd_di" bpmnElement="LateEnd"><dc:Bounds x="372" y="260" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNEdge id="F1_di" bpmnElement="F1"><di:waypoint x="136" y="138" /><di:waypoint x="200" y="138" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="F2_di" bpmnElement="F2"><di:waypoint x="300" y="138" /><di:waypoint x="360" y="138" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="F3_di" bpmnElement="F3"><di:waypoint x="460" y="138" /><di:waypoint x="520" y="138" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="F4_di" bpmnElement="F4"><di:waypoint x="620" y="138" /><di:waypoint x="680" y="138" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="F5_di" bpmnElement="F5"><di:waypoint x="716" y="138" /><di:waypoint x="770" y="138" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="Approved_di" bpmnElement="Approved"><di:waypoint x="820" y="138" /><di:waypoint x="900" y="138" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="Rejected_di" bpmnElement="Rejected"><di:waypoint x="795" y="163" /><di:waypoint x="795" y="220" /><di:waypoint x="918" y="220" /><di:waypoint x="918" y="156" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="F6_di" bpmnElement="F6"><di:waypoint x="230" y="196" /><di:waypoint x="230" y="278" /><di:waypoint x="372" y="278" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="F7_di" bpmnElement="F7"><di:waypoint x="550" y="196" /><di:waypoint x="550" y="278" /><di:waypoint x="408" y="278" /></bpmndi:BPMNEdge>
          </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;

    /// <summary>The entry <paramref name="id"/>'s text field (or text area) in <paramref name="scope"/>.</summary>
    private static ILocator Input(ILocator scope, string id) => scope.Locator($"[data-entry-id='{id}']").Locator("input, textarea, [contenteditable]").First;

    /// <summary>The panel's group <paramref name="id"/>, opened (groups start closed).</summary>
    private static async Task<ILocator> GroupAsync(ILocator panel, string id)
    {
        var group = panel.Locator($"[data-group-id='group-{id}']");
        var header = group.Locator(".bio-properties-panel-group-header").First;
        if (!(await header.GetAttributeAsync("class"))!.Split(' ').Contains("open"))
        {
            await header.ClickAsync();
        }

        return group;
    }

    private static Dictionary<string, string> CamundaAttributes(XElement element) =>
        element.Attributes().Where(a => a.Name.Namespace == Camunda).ToDictionary(a => a.Name.LocalName, a => a.Value);

    /// <summary>
    /// start → «بررسی حقوقی» (legal affairs, multi-instance, a boundary timer to an end) → an unset service task → an
    /// unset call activity → end, drawn; what the panel is to set is left out.
    /// </summary>
    private static string Seed() => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs" targetNamespace="http://approvalflow.test">
          <bpmn:process id="{Key}" name="آزمون ویژگی‌ها" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Review" name="بررسی حقوقی" camunda:candidateGroups="legal-affairs">
              <bpmn:multiInstanceLoopCharacteristics />
            </bpmn:userTask>
            <bpmn:boundaryEvent id="ReviewLate" name="دیرکرد" attachedToRef="Review"><bpmn:timerEventDefinition id="ReviewLateTimer" /></bpmn:boundaryEvent>
            <bpmn:serviceTask id="Notify" name="آگاه کردن" />
            <bpmn:callActivity id="Sessions" name="جلسات کارگروه" />
            <bpmn:endEvent id="End" />
            <bpmn:endEvent id="LateEnd" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
            <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="Notify" />
            <bpmn:sequenceFlow id="F3" sourceRef="Notify" targetRef="Sessions" />
            <bpmn:sequenceFlow id="F4" sourceRef="Sessions" targetRef="End" />
            <bpmn:sequenceFlow id="F5" sourceRef="ReviewLate" targetRef="LateEnd" />
          </bpmn:process>
          <bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="P" bpmnElement="{Key}">
            <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="100" y="120" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="Review_di" bpmnElement="Review"><dc:Bounds x="200" y="98" width="100" height="80" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="ReviewLate_di" bpmnElement="ReviewLate"><dc:Bounds x="212" y="160" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="Notify_di" bpmnElement="Notify"><dc:Bounds x="360" y="98" width="100" height="80" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="Sessions_di" bpmnElement="Sessions"><dc:Bounds x="520" y="98" width="100" height="80" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="End_di" bpmnElement="End"><dc:Bounds x="680" y="120" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="LateEnd_di" bpmnElement="LateEnd"><dc:Bounds x="212" y="260" width="36" height="36" /></bpmndi:BPMNShape>
            <bpmndi:BPMNEdge id="F1_di" bpmnElement="F1"><di:waypoint x="136" y="138" /><di:waypoint x="200" y="138" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="F2_di" bpmnElement="F2"><di:waypoint x="300" y="138" /><di:waypoint x="360" y="138" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="F3_di" bpmnElement="F3"><di:waypoint x="460" y="138" /><di:waypoint x="520" y="138" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="F4_di" bpmnElement="F4"><di:waypoint x="620" y="138" /><di:waypoint x="680" y="138" /></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="F5_di" bpmnElement="F5"><di:waypoint x="230" y="196" /><di:waypoint x="230" y="260" /></bpmndi:BPMNEdge>
          </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;
}
