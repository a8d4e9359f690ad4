using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApprovalFlow.Testing;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests.Designer;

/// <summary>
/// The designer page with the demo process owner: the shipped definitions and diagrams of other modelers
/// (Camunda Modeler, Signavio, bpmn.io, Bizagi; <c>Fixtures/Foreign</c>, executable ones among them) deploy and open without warnings, in the designer and in
/// the definition page's viewer, and survive a round trip through a saved and downloaded draft; what the engine would refuse is shown on its element
/// and nothing is deployed; officials are refused; a new definition starts with a start event. Keys of its own:
/// <c>designer-test-*</c>; the official is kaveh.sadeghi (legal affairs, no task of other tests).
/// </summary>
[Collection(WebGroup.Name)]
public sealed partial class DesignerTests(WebAppFixture app)
{
    private const string Owner = "owner@approvalflow.local";
    private const string Official = "kaveh.sadeghi@approvalflow.local";

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(LocalCluster.RepositoryRoot(), "tests", "ApprovalFlow.Web.Tests", "Fixtures", "Foreign", name));

    public static TheoryData<string> ShippedKeys() =>
        [.. Directory.EnumerateFiles(Path.Combine(LocalCluster.RepositoryRoot(), "workflows"), "*.bpmn").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ShippedKeys))]
    public async Task Every_shipped_definition_opens_in_the_designer_without_import_warnings_or_lint_errors(string key)
    {
        await using var context = await app.NewContextAsync(1440, 900);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        await Pages.SignInAsync(page, Owner);

        await DesignerPage.OpenAsync(page, key, errors);

        await Assertions.Expect(page.Locator("[data-designer-canvas]")).ToHaveAttributeAsync("data-import-warnings", "0");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "انتشار نسخه تازه" })).ToBeEnabledAsync();
        await Assertions.Expect(page.Locator("[data-designer-problems-section]")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".djs-palette [data-action='create.data-object']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".djs-palette").GetByRole(AriaRole.Button, new() { Name = "کار", Exact = true })).ToHaveCountAsync(1);
        await Pages.AssertTranslatedAsync(page, "fa", scan: false);
        await Pages.ScreenshotAsync(page, $"designer-{key}-fa");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [InlineData("camunda-modeler-collaboration.bpmn", "designer-test-foreign-camunda", "Task_Review")]
    [InlineData("signavio-process.bpmn", "designer-test-foreign-signavio", "sid-prepare")]
    [InlineData("bpmn-io-complaints.bpmn", "designer-test-foreign-bpmnio", "Task_Legal")]
    [InlineData("bizagi-loan-request.bpmn", "designer-test-foreign-bizagi", "Id_Task_Fill")]
    [InlineData("camunda-modeler-permit-renewal.bpmn", "designer-test-foreign-camunda-run", "Activity_0rvk2xe")]
    [InlineData("signavio-tree-felling.bpmn", "designer-test-foreign-signavio-run", "sid-74C0E2A9-1F5B-4D38-B6E7-9A3D05C18F62")]
    public async Task A_diagram_of_another_modeler_opens_without_warnings_and_a_saved_and_downloaded_draft_keeps_every_element_and_attribute(string file, string key, string taskId)
    {
        var original = Fixture(file);
        using var api = await SiteTasks.ApiAsync(app, Owner);
        var put = await api.PutAsJsonAsync($"/api/definitions/{key}/draft", new { xml = original, baseVersion = (int?)null });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var firstSave = (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("savedAt").GetDateTimeOffset();

        await using var context = await app.NewContextAsync(1440, 900);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        await Pages.SignInAsync(page, Owner);
        await DesignerPage.OpenAsync(page, key, errors);
        await Assertions.Expect(page.Locator("[data-designer-canvas]")).ToHaveAttributeAsync("data-import-warnings", "0");
        await Assertions.Expect(page.GetByText("پیش‌نویس فرایند تازه شما")).ToBeVisibleAsync();
        foreach (var id in BpmnRoundTrip.Ids(original).Where(id => !id.EndsWith("_di", StringComparison.Ordinal) && !id.EndsWith("_gui", StringComparison.Ordinal) && Drawn(original, id)))
        {
            await Assertions.Expect(DesignerPage.Element(page, id)).ToHaveCountAsync(1);
        }

        // A change and its undo: the autosave stores the diagram as the designer writes it.
        await DesignerPage.Element(page, taskId).ClickAsync();
        var panel = page.Locator("[data-designer-panel]");
        await panel.GetByText("کلیات", new() { Exact = true }).ClickAsync();
        var name = panel.GetByLabel("نام", new() { Exact = true }).First;
        var taskName = await name.InputValueAsync();
        await name.FillAsync(taskName + " تازه");
        await Assertions.Expect(page.Locator("[data-designer-status]")).ToHaveAttributeAsync("data-state", "saved");
        await page.GetByRole(AriaRole.Button, new() { Name = "واگرد" }).ClickAsync();
        await Pages.ScreenshotAsync(page, $"designer-{key}");

        string saved;
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var draft = await api.GetFromJsonAsync<JsonElement>($"/api/definitions/{key}/draft");
            saved = draft.GetProperty("xml").GetString()!;
            if (draft.GetProperty("savedAt").GetDateTimeOffset() > firstSave && !saved.Contains(taskName + " تازه", StringComparison.Ordinal))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "The undone change was never saved.");
            await Task.Delay(250);
        }

        // The toolbar's download gives the saved draft, which keeps everything the file had and opens again without warnings.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "دریافت پرونده BPMN" }).ClickAsync());
        Assert.Equal($"{key}.bpmn", download.SuggestedFilename);
        var downloaded = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Equal(saved, downloaded);
        var losses = BpmnRoundTrip.Losses(original, downloaded);
        Assert.True(losses.Count == 0, string.Join("\n", losses));
        await DesignerPage.OpenAsync(page, key);
        await Assertions.Expect(page.Locator("[data-designer-canvas]")).ToHaveAttributeAsync("data-import-warnings", "0");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>
    /// Diagrams of other modelers deploy — the non-executable ones as documentation models, the executable ones (Camunda
    /// Modeler and Signavio exports with <c>camunda:</c> attributes, pools, lanes, message flows, annotations, groups and
    /// data objects) as processes that can start — and open in the definition page's viewer with every element shown.
    /// </summary>
    [Theory]
    [InlineData("bpmn-io-complaints.bpmn", "Process_bpmnio_complaints", false)]
    [InlineData("bizagi-loan-request.bpmn", "Id_bizagi-loan-request", false)]
    [InlineData("camunda-modeler-permit-renewal.bpmn", "foreign-camunda-permit-renewal", true)]
    [InlineData("signavio-tree-felling.bpmn", "sid-6C1E9B54-2A7F-4D08-93B6-E5F0A8C41D27", true)]
    public async Task A_diagram_of_another_modeler_deploys_and_opens_in_the_read_only_viewer_of_its_definition_page_with_every_element_shown(string file, string key, bool executable)
    {
        var original = Fixture(file);
        using (var api = await SiteTasks.ApiAsync(app, Owner))
        {
            var deployed = await api.PostAsync(new Uri("/api/definitions", UriKind.Relative), new StringContent(original, Encoding.UTF8, "application/xml"));
            Assert.True(deployed.StatusCode == HttpStatusCode.Created, $"{(int)deployed.StatusCode} {await deployed.Content.ReadAsStringAsync()}");
            var process = (await deployed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("processes").EnumerateArray().Single(p => p.GetProperty("key").GetString() == key);
            Assert.Equal(executable, process.GetProperty("executable").GetBoolean());
        }

        if (executable)
        {
            // The executable exports carry every kind of element the issue names, so the checks below cover each of them.
            var kinds = System.Xml.Linq.XDocument.Parse(original).Descendants().Where(e => (string?)e.Attribute("id") is { } id && Drawn(original, id)).Select(e => e.Name.LocalName).ToHashSet(StringComparer.Ordinal);
            Assert.Superset(new HashSet<string>(["participant", "lane", "messageFlow", "textAnnotation", "association", "group", "dataObjectReference", "userTask", "sendTask"], StringComparer.Ordinal), kinds);
        }

        await using var context = await app.NewContextAsync(1440, 900);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        await Pages.SignInAsync(page, Owner);
        Assert.Equal(200, (await page.GotoAsync($"/definitions/{Uri.EscapeDataString(key)}"))!.Status);

        await Assertions.Expect(page.Locator("[data-island=diagram][data-state=shown]")).ToHaveAttributeAsync("data-import-warnings", "0");
        foreach (var id in BpmnRoundTrip.Ids(original).Where(id => Drawn(original, id)))
        {
            var element = page.Locator($"[data-island=diagram] .djs-element[data-element-id='{id}']");
            await Assertions.Expect(element).ToHaveCountAsync(1);
            if ((await element.GetAttributeAsync("class"))!.Contains("djs-connection", StringComparison.Ordinal))
            {
                // A straight flow's box has no width or height, which Playwright calls hidden: its line must be drawn through its waypoints.
                await Assertions.Expect(element.Locator(".djs-visual > path").First).ToHaveAttributeAsync("d", DrawnLine());
            }
            else
            {
                await Assertions.Expect(element).ToBeVisibleAsync();
            }
        }

        await Assertions.Expect(page.GetByText("مدل مستند (اجرا نمی‌شود)")).ToHaveCountAsync(executable ? 0 : 1);
        await Pages.ScreenshotAsync(page, $"definition-foreign-{key}");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task An_unsupported_element_is_marked_while_drawing_deploy_is_disabled_and_the_server_refuses_it_too()
    {
        const string key = "designer-test-complex";
        using var api = await SiteTasks.ApiAsync(app, Owner);
        (await api.PutAsJsonAsync($"/api/definitions/{key}/draft", new { xml = WithComplexGateway(key), baseVersion = (int?)null })).EnsureSuccessStatusCode();

        await using var context = await app.NewContextAsync(1440, 900);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Owner);
        await DesignerPage.OpenAsync(page, key);

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "انتشار نسخه تازه" })).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("[data-designer-blocked]")).ToContainTextAsync("انتشار ممکن نیست");
        var problems = page.Locator("[data-designer-problems]");
        await Assertions.Expect(problems).ToContainTextAsync("دوراهی پیچیده (Decide)");
        await Assertions.Expect(problems).ToContainTextAsync("این عنصر در سامانه اجرا نمی‌شود");
        await Assertions.Expect(page.Locator(".djs-overlays[data-container-id='Decide'] .bjsl-overlay")).ToHaveCountAsync(1);
        await Pages.ScreenshotAsync(page, "designer-unsupported-element");

        var refused = await api.PostAsync(new Uri($"/api/definitions/{key}/draft/deploy", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(body.GetProperty("errors").EnumerateArray(), e => e.GetProperty("elementId").GetString() == "Decide" && e.GetProperty("code").GetString() == "unsupported-element");
        Assert.Equal(0, await Processes.QueryAsync(app, db => db.Definitions.CountAsync(d => d.Key == key)));
    }

    [Fact]
    public async Task Deploying_an_unknown_candidate_group_shows_the_error_on_the_task_selects_it_on_click_and_deploys_nothing()
    {
        const string key = "designer-test-unknown-group";
        using var api = await SiteTasks.ApiAsync(app, Owner);
        (await api.PutAsJsonAsync($"/api/definitions/{key}/draft", new { xml = WithGroup(key, "legal-affairz"), baseVersion = (int?)null })).EnsureSuccessStatusCode();

        await using var context = await app.NewContextAsync(1440, 900);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Owner);
        await DesignerPage.OpenAsync(page, key);
        await page.GetByRole(AriaRole.Button, new() { Name = "انتشار نسخه تازه" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-designer-result]")).ToContainTextAsync("منتشر نشد");
        var item = page.Locator("[data-designer-problems] li").Filter(new() { HasText = "گروه مسئول در فهرست سازمان نیست" });
        await Assertions.Expect(item).ToContainTextAsync("بررسی حقوقی (Review)");
        await Assertions.Expect(item).ToContainTextAsync("گروه مسئول در فهرست سازمان نیست («legal-affairz») شاید منظورتان «legal-affairs» است.");
        await Assertions.Expect(item).Not.ToContainTextAsync("did you mean");
        await Assertions.Expect(DesignerPage.Element(page, "Review")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("af-deploy-error"));
        await item.GetByRole(AriaRole.Button, new() { Name = "بررسی حقوقی (Review)" }).ClickAsync();
        await Assertions.Expect(DesignerPage.Element(page, "Review")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("selected"));
        await Pages.ScreenshotAsync(page, "designer-unknown-group");
        Assert.Equal(0, await Processes.QueryAsync(app, db => db.Definitions.CountAsync(d => d.Key == key)));
    }

    [Fact]
    public async Task An_official_gets_403_on_the_designer_pages_and_on_the_deploy_API()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Official);

        Assert.Equal(403, (await page.GotoAsync("/designer/mid-term-plan"))!.Status);
        Assert.Equal(403, (await page.GotoAsync("/designer"))!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "طراحی فرایند" })).ToHaveCountAsync(0);

        using var api = await SiteTasks.ApiAsync(app, Official);
        var deploy = await api.PostAsync(new Uri("/api/definitions", UriKind.Relative), new StringContent(WithGroup("designer-test-official", "legal-affairs"), Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.Forbidden, deploy.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync(new Uri("/api/definitions/mid-term-plan/draft/deploy", UriKind.Relative), null)).StatusCode);
    }

    [Fact]
    public async Task A_process_owner_starts_a_new_definition_with_a_key_of_their_choice()
    {
        await using var context = await app.NewContextAsync(1440, 900);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Owner);
        await (await Pages.ProcessMenuLinkAsync(page, "طراحی فرایند")).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "طراحی فرایندها", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "تدوین و تصویب برنامه میان‌مدت (عملیاتی)" })).ToBeVisibleAsync();

        await page.GetByLabel("نام فرایند").FillAsync("بودجه سالانه");
        await page.GetByLabel("شناسه فرایند (لاتین)").FillAsync("1 budget");
        await page.GetByRole(AriaRole.Button, new() { Name = "ساختن و باز کردن" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("شناسه باید با حرف لاتین");
        await Assertions.Expect(page.GetByLabel("نام فرایند")).ToHaveValueAsync("بودجه سالانه");
        await Pages.AssertTranslatedAsync(page, "fa");

        await page.GetByLabel("شناسه فرایند (لاتین)").FillAsync("mid-term-plan");
        await page.GetByRole(AriaRole.Button, new() { Name = "ساختن و باز کردن" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("فرایندی با این شناسه منتشر شده است");

        await page.GetByLabel("شناسه فرایند (لاتین)").FillAsync("designer-test-budget");
        await page.GetByRole(AriaRole.Button, new() { Name = "ساختن و باز کردن" }).ClickAsync();
        await page.WaitForURLAsync("**/designer/designer-test-budget");
        await Assertions.Expect(page.Locator("[data-island='designer']")).ToHaveAttributeAsync("data-state", "ready");
        await Assertions.Expect(DesignerPage.Element(page, "StartEvent_1")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("designer-test-budget");
        await Pages.ScreenshotAsync(page, "designer-new-definition");

        // English: the modeler's own texts follow the user's language. The language is the user's setting, and other
        // tests sign in as the same process owner: switch back to Persian whatever happens.
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        try
        {
            await Assertions.Expect(page.Locator("[data-island='designer']")).ToHaveAttributeAsync("data-state", "ready");
            await Assertions.Expect(page.Locator(".djs-palette").GetByRole(AriaRole.Button, new() { Name = "Create task", Exact = true })).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Deploy a new version" })).ToBeVisibleAsync();
            await Pages.AssertTranslatedAsync(page, "en", scan: false);
            await Pages.ScreenshotAsync(page, "designer-new-definition-en");
        }
        finally
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "فارسی" }).ClickAsync();
        }
    }

    /// <summary>Whether <paramref name="id"/> has a shape or edge in the file's diagram (the plane's process or collaboration, categories and messages have none).</summary>
    /// <summary>An SVG path through at least two points (four numbers).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^[Mm]\s*(-?[\d.]+[\s,Ll]+){3}-?[\d.]+")]
    private static partial System.Text.RegularExpressions.Regex DrawnLine();

    private static bool Drawn(string xml, string id) =>
        System.Text.RegularExpressions.Regex.IsMatch(xml, $"<bpmndi:BPMN(Shape|Edge) [^>]*bpmnElement=\"{System.Text.RegularExpressions.Regex.Escape(id)}\"");

    private static string WithComplexGateway(string key) =>
        ApprovalFlow.Testing.DrawnProcess.Xml(key, "آزمون طراحی", """<bpmn:complexGateway id="Decide" name="دوراهی پیچیده" />""", "Decide", 50, 50);

    private static string WithGroup(string key, string group) =>
        ApprovalFlow.Testing.DrawnProcess.Xml(key, "آزمون طراحی", $"""<bpmn:userTask id="Review" name="بررسی حقوقی" camunda:candidateGroups="{group}" />""", "Review", 100, 80);
}
