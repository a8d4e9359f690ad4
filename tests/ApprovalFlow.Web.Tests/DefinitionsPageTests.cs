using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using ApprovalFlow.Testing;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

/// <summary>
/// The definitions pages (<c>/definitions</c>, <c>/definitions/{key}</c>, the upload, the XML download and the
/// comparison of versions), read by the seed's own process owner of these tests (Sepideh Rahimi) on
/// definitions of their own (<c>versions-test-…</c>), and by an official who may not see them.
/// </summary>
[Collection(WebGroup.Name)]
public sealed class DefinitionsPageTests(WebAppFixture app)
{
    /// <summary>The process owner only these tests sign in as (deploy/seed/mashhad-directory.json).</summary>
    private const string Owner = "sepideh.rahimi@approvalflow.local";

    private const string OwnerName = "سپیده رحیمی";

    /// <summary>An official of the commission's secretariat; he only opens pages here.</summary>
    private const string Official = "majid.ghorbani@approvalflow.local";

    [Fact]
    public async Task The_compare_page_marks_and_lists_the_inserted_task_the_rerouted_flow_the_new_flow_and_the_changed_attributes()
    {
        const string key = "versions-test-compare";
        using (var api = await SiteTasks.ApiAsync(app, Owner))
        {
            await DeployAsync(api, CompareFile(key, legalReview: false));
            await DeployAsync(api, CompareFile(key, legalReview: true));
        }

        await using var context = await app.NewContextAsync(width: 1400);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") console.Add(message.Text); };
        await Pages.SignInAsync(page, Owner);

        // From the list, the latest version compared with the one before.
        await page.GotoAsync("/definitions");
        await page.Locator($"tr[data-key='{key}']").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^مقایسه با نسخه پیشین") }).ClickAsync();
        await page.WaitForURLAsync($"**/definitions/{key}/compare?from=1&to=2");
        var island = page.Locator("[data-island=compare][data-state=shown]");
        await Assertions.Expect(island).ToHaveCountAsync(1);
        await Assertions.Expect(island).ToHaveAttributeAsync("data-import-warnings", "0");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "مقایسه نسخه‌های «آزمون مقایسه نسخه‌ها»", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("نسخه پیشین")).ToHaveValueAsync("1");
        await Assertions.Expect(page.GetByLabel("نسخه پسین")).ToHaveValueAsync("2");

        var changes = page.GetByRole(AriaRole.List, new() { Name = "تغییرها" });
        await Assertions.Expect(Change(changes, "added", "LegalReview")).ToHaveTextAsync("افزوده: وظیفهٔ کاربری «بررسی حقوقی» افزوده شد");
        await Assertions.Expect(Change(changes, "added", "Flow_Legal_Committee")).ToHaveTextAsync("افزوده: جریان «از بررسی حقوقی به تأیید کمیته» افزوده شد");
        await Assertions.Expect(Change(changes, "changed", "Flow_Request_Committee").Filter(new() { HasText = "مقصد" }))
            .ToHaveTextAsync("تغییرکرده: جریان «از ثبت درخواست به تأیید کمیته» تغییر کرد: مقصد از ‹تأیید کمیته› به ‹بررسی حقوقی›");
        var committee = Change(changes, "changed", "CommitteeApproval");
        await Assertions.Expect(committee.Filter(new() { HasText = "گروه نامزد" }))
            .ToHaveTextAsync("تغییرکرده: وظیفهٔ کاربری «تأیید کمیته» تغییر کرد: گروه نامزد از ‹رئیس کمیسیون ابعاد راهبردی و عملیاتی› به ‹دبیرخانه شورای عالی برنامه‌ریزی و تعالی شهرداری›");
        await Assertions.Expect(committee.Filter(new() { HasText = "مهلت" }))
            .ToHaveTextAsync("تغییرکرده: وظیفهٔ کاربری «تأیید کمیته» تغییر کرد: مهلت از ‹${workingDays(10)}› به ‹${workingDays(5)}›");
        await Assertions.Expect(committee.Filter(new() { HasText = "reminders" }))
            .ToHaveTextAsync("تغییرکرده: وظیفهٔ کاربری «تأیید کمیته» تغییر کرد: ویژگی ‹reminders› از ‹P0D› به ‹-P2D,P0D›");
        await Assertions.Expect(Change(changes, "moved", "End")).ToHaveTextAsync("جابه‌جاشده: رویداد پایان «پایان» در نمودار جابه‌جا شد");
        await Assertions.Expect(Change(changes, "moved", "Flow_Committee_End")).ToHaveTextAsync("جابه‌جاشده: جریان «از تأیید کمیته به پایان» در نمودار جابه‌جا شد");
        await Assertions.Expect(changes.Locator("li[data-kind=removed]")).ToHaveCountAsync(0);
        await Assertions.Expect(changes.Locator("li[data-element-id=End]:not([data-kind=moved]), li[data-element-id=Flow_Committee_End]:not([data-kind=moved])")).ToHaveCountAsync(0);
        await Assertions.Expect(changes.Locator("li[data-element-id=Request], li[data-element-id=Start]")).ToHaveCountAsync(0);

        // The markers: added on the newer drawing, changed on both, nothing on what stayed.
        var from = page.Locator("[data-compare-canvas=from]");
        var to = page.Locator("[data-compare-canvas=to]");
        await Assertions.Expect(to.Locator(".djs-element.af-diff-added[data-element-id=LegalReview]")).ToHaveCountAsync(1);
        await Assertions.Expect(to.Locator(".djs-connection.af-diff-added[data-element-id=Flow_Legal_Committee]")).ToHaveCountAsync(1);
        await Assertions.Expect(to.Locator(".djs-connection.af-diff-changed[data-element-id=Flow_Request_Committee]")).ToHaveCountAsync(1);
        await Assertions.Expect(from.Locator(".djs-connection.af-diff-changed[data-element-id=Flow_Request_Committee]")).ToHaveCountAsync(1);
        await Assertions.Expect(to.Locator(".djs-element.af-diff-changed[data-element-id=CommitteeApproval]")).ToHaveCountAsync(1);
        await Assertions.Expect(from.Locator(".djs-element.af-diff-changed[data-element-id=CommitteeApproval]")).ToHaveCountAsync(1);
        await Assertions.Expect(to.Locator(".djs-element.af-diff-moved[data-element-id=End]")).ToHaveCountAsync(1);
        await Assertions.Expect(from.Locator(".djs-element.af-diff-moved[data-element-id=End]")).ToHaveCountAsync(1);
        await Assertions.Expect(to.Locator(".djs-connection.af-diff-moved[data-element-id=Flow_Committee_End]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-element-id=End].af-diff-added, [data-element-id=End].af-diff-changed")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-element-id=Request].af-diff-added, [data-element-id=Request].af-diff-changed, [data-element-id=Request].af-diff-moved")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "راهنمای رنگ‌ها" })).ToContainTextAsync("افزوده");
        Assert.Equal("ltr", await to.GetAttributeAsync("dir"));

        // A change selects its element in both drawings; the viewports move together.
        await Change(changes, "changed", "CommitteeApproval").First.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(to.Locator(".djs-element.selected[data-element-id=CommitteeApproval]")).ToHaveCountAsync(1);
        await Assertions.Expect(from.Locator(".djs-element.selected[data-element-id=CommitteeApproval]")).ToHaveCountAsync(1);
        // Both drawings show the same part of the plane (at most a pixel apart: the two canvases may differ by a pixel in size).
        await page.WaitForFunctionAsync("""
            () => {
              const [a, b] = [...document.querySelectorAll('[data-compare-canvas] .viewport')].map(v => (v.getAttribute('transform') || '').match(/-?[\d.]+/g)?.map(Number));
              return a && b && a.length === 6 && a.every((n, i) => Math.abs(n - b[i]) <= (i < 4 ? 0.01 : 1.5));
            }
            """);
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "definitions-compare-fa");
        Assert.Empty(console);

        // Versions that are no number or do not exist: an error in the user's language, not a 500.
        var notNumber = await page.GotoAsync($"/definitions/{key}/compare?from=abc&to=2");
        Assert.Equal(400, notNumber!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("«abc» شماره نسخه نیست.");
        var missing = await page.GotoAsync($"/definitions/{key}/compare?from=1&to=9");
        Assert.Equal(404, missing!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("نسخه «۹» از این فرایند نیست.");
        await Pages.AssertTranslatedAsync(page, "fa");

        // In English: the same changes in English words.
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        try
        {
            await page.GotoAsync($"/definitions/{key}/compare?from=1&to=2");
            await Assertions.Expect(page.Locator("[data-island=compare][data-state=shown]")).ToHaveCountAsync(1);
            var english = page.GetByRole(AriaRole.List, new() { Name = "Changes" });
            await Assertions.Expect(Change(english, "added", "LegalReview")).ToHaveTextAsync("Added: User task “بررسی حقوقی” was added");
            await Assertions.Expect(Change(english, "changed", "Flow_Request_Committee").Filter(new() { HasText = "target" }))
                .ToHaveTextAsync("Changed: Flow “from ثبت درخواست to تأیید کمیته” changed: target from ‘تأیید کمیته’ to ‘بررسی حقوقی’");
            await Pages.AssertTranslatedAsync(page, "en");
            var wrong = await page.GotoAsync($"/definitions/{key}/compare?from=x&to=2");
            Assert.Equal(400, wrong!.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("“x” is not a version number.");
        }
        finally
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "فارسی" }).ClickAsync();
        }
    }

    [Fact]
    public async Task The_list_counts_running_instances_per_version_links_the_forms_downloads_the_exact_file_and_keeps_documentation_models_apart()
    {
        const string key = "versions-test-list";
        const string docs = "versions-test-docs";
        var v2 = ListFile(key, "آزمون فهرست تعریف‌ها (نسخه دوم)");
        using (var api = await SiteTasks.ApiAsync(app, Owner))
        {
            await DeployAsync(api, ListFile(key, "آزمون فهرست تعریف‌ها"));
            await StartAsync(api, key);
            await DeployAsync(api, v2);
            await StartAsync(api, key);
            await StartAsync(api, key);
            await DeployAsync(api, DocumentationFile(docs));
        }

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Owner);
        await (await Pages.ProcessMenuLinkAsync(page, "تعریف فرایندها")).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "تعریف فرایندها", Level = 1 })).ToBeVisibleAsync();

        var row = page.Locator($"tr[data-key='{key}']");
        await Assertions.Expect(row.GetByRole(AriaRole.Rowheader)).ToContainTextAsync("آزمون فهرست تعریف‌ها (نسخه دوم)");
        await Assertions.Expect(row).ToContainTextAsync("نسخه ۲");
        await Assertions.Expect(row).ToContainTextAsync(OwnerName);
        await Assertions.Expect(row).ToContainTextAsync(new Regex("۱۴۰[۵-۹]"));
        await Assertions.Expect(row.Locator("[data-running] li")).ToHaveTextAsync(["نسخه ۲: ۲ مورد", "نسخه ۱: ۱ مورد"]);
        // The form by its deployed name, its key beneath.
        var form = row.GetByRole(AriaRole.Link, new() { Name = "تصمیم تأیید یا بازگشت برنامه", Exact = true });
        await Assertions.Expect(row.Locator("[data-form-key='approval-decision'] .af-meta")).ToHaveTextAsync("approval-decision");
        Assert.Equal("/forms/approval-decision", await form.GetAttributeAsync("href"));
        await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^باز کردن در طراح") })).ToHaveAttributeAsync("href", $"/designer/{key}");
        await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^پایش") })).ToHaveAttributeAsync("href", $"/definitions/{key}/versions/2/monitor");

        // The download is the deployed file, byte for byte, named after the key and version.
        var download = await page.RunAndWaitForDownloadAsync(() => row.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^دریافت پرونده BPMN") }).ClickAsync());
        Assert.Equal($"{key}-v2.bpmn", download.SuggestedFilename);
        Assert.Equal(Encoding.UTF8.GetBytes(v2), await File.ReadAllBytesAsync((await download.PathAsync())!));

        // Documentation models: listed apart, to be viewed only.
        await Assertions.Expect(page.Locator($"tr[data-key='{docs}']")).ToHaveCountAsync(0);
        var models = page.GetByRole(AriaRole.Region, new() { Name = "مدل‌های مستند" });
        var model = models.Locator($"li[data-key='{docs}']");
        await Assertions.Expect(model).ToContainTextAsync("آزمون مدل مستند");
        await Assertions.Expect(model.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^باز کردن در طراح") })).ToHaveCountAsync(0);
        await Assertions.Expect(model.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^پایش") })).ToHaveCountAsync(0);
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "definitions-fa");

        // The definition's page: versions newest first with their counts, the selected version's diagram.
        await row.GetByRole(AriaRole.Rowheader).GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync($"**/definitions/{key}");
        await Assertions.Expect(page.Locator("[data-island=diagram][data-state=shown]")).ToHaveAttributeAsync("data-import-warnings", "0");
        var versions = page.GetByRole(AriaRole.Region, new() { Name = "نسخه‌ها" });
        await Assertions.Expect(versions.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(versions.Locator("tbody tr").First).ToHaveAttributeAsync("data-version", "2");
        await Assertions.Expect(versions.Locator("tr[data-version='2'] [data-running]")).ToHaveTextAsync("۲ مورد");
        await Assertions.Expect(versions.Locator("tr[data-version='1'] [data-running]")).ToHaveTextAsync("۱ مورد");
        await Assertions.Expect(page.Locator("[data-island=diagram] .djs-element[data-element-id=Decide]")).ToHaveCountAsync(1);
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "definition-fa");

        await page.GotoAsync($"/definitions/{docs}");
        await Assertions.Expect(page.Locator("[data-island=diagram][data-state=shown]")).ToHaveAttributeAsync("data-import-warnings", "0");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^باز کردن در طراح") })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("مدل مستند (اجرا نمی‌شود)")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        try
        {
            await page.GotoAsync("/definitions");
            await Assertions.Expect(page.Locator($"tr[data-key='{key}'] [data-running] li")).ToHaveTextAsync(["version 2: 2 running", "version 1: 1 running"]);
            await Pages.AssertTranslatedAsync(page, "en");
            await page.GotoAsync($"/definitions/{key}");
            await Pages.AssertTranslatedAsync(page, "en");
        }
        finally
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "فارسی" }).ClickAsync();
        }
    }

    [Fact]
    public async Task Uploading_a_valid_file_deploys_a_new_version_and_a_file_with_an_unsupported_element_shows_its_error_and_deploys_nothing()
    {
        const string key = "versions-test-upload";
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Owner);
        await page.GotoAsync("/definitions");

        await page.GetByLabel("پرونده BPMN", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "بارگذاری.bpmn", MimeType = "application/octet-stream", Buffer = Encoding.UTF8.GetBytes(ListFile(key, "آزمون بارگذاری")) });
        await page.GetByRole(AriaRole.Button, new() { Name = "بارگذاری و استقرار" }).ClickAsync();
        await page.WaitForURLAsync($"**/definitions/{key}?version=1");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("نسخه ۱ مستقر شد.");
        await Assertions.Expect(page.Locator("[data-island=diagram][data-state=shown]")).ToHaveAttributeAsync("data-import-warnings", "0");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "نسخه‌ها" }).Locator("tbody tr")).ToHaveCountAsync(1);

        // The same file again: no new version, and the page says so.
        await page.GotoAsync("/definitions");
        await page.GetByLabel("پرونده BPMN", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "دوباره.bpmn", MimeType = "application/xml", Buffer = Encoding.UTF8.GetBytes(ListFile(key, "آزمون بارگذاری")) });
        await page.GetByRole(AriaRole.Button, new() { Name = "بارگذاری و استقرار" }).ClickAsync();
        await page.WaitForURLAsync($"**/definitions/{key}?version=1");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("این پرونده همان نسخه ۱ است که پیش‌تر مستقر شده بود؛ نسخه تازه‌ای ساخته نشد.");

        await page.GotoAsync("/definitions");
        var refused = ListFile(key, "آزمون بارگذاری", extra: """<bpmn:complexGateway id="Complex" />""");
        var line = refused.Split('\n').ToList().FindIndex(l => l.Contains("complexGateway", StringComparison.Ordinal)) + 1;
        await page.GetByLabel("پرونده BPMN", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "نادرست.bpmn", MimeType = "application/octet-stream", Buffer = Encoding.UTF8.GetBytes(refused) });
        await page.GetByRole(AriaRole.Button, new() { Name = "بارگذاری و استقرار" }).ClickAsync();
        var errors = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(errors).ToContainTextAsync("پرونده مستقر نشد");
        var error = errors.GetByRole(AriaRole.List, new() { Name = "خطاهای پرونده" }).Locator("li[data-element-id=Complex]");
        await Assertions.Expect(error).ToContainTextAsync($"عنصر «Complex»، سطر {Persian(line)}:");
        await Assertions.Expect(error).ToContainTextAsync("این عنصر را سامانه اجرا نمی‌کند");

        // The technical details in Persian too: the code, the element id and the line stay, the validator's English sentence does not show.
        await error.GetByText("جزئیات فنی").ClickAsync();
        var details = error.Locator("details");
        await Assertions.Expect(details).ToHaveJSPropertyAsync("open", true);
        await Assertions.Expect(details).ToContainTextAsync($"کد خطا «unsupported-element»، عنصر «Complex»، سطر {Persian(line)}، ستون ");
        await Assertions.Expect(details).Not.ToContainTextAsync("not supported");
        await Assertions.Expect(page.GetByLabel("پرونده BPMN", new() { Exact = true })).ToHaveAttributeAsync("aria-describedby", "upload-hint upload-errors");
        Assert.Equal(1, await Processes.QueryAsync(app, db => db.Definitions.CountAsync(d => d.Key == key)));
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "definitions-upload-refused-fa");
    }

    [Fact]
    public async Task Every_shipped_definition_opens_on_its_page_with_no_import_warning()
    {
        var keys = Directory.GetFiles(Path.Combine(ApprovalFlow.Testing.LocalCluster.RepositoryRoot(), "workflows"), "*.bpmn")
            .SelectMany(file => System.Xml.Linq.XDocument.Load(file).Descendants(System.Xml.Linq.XName.Get("process", "http://www.omg.org/spec/BPMN/20100524/MODEL")))
            .Select(process => (string)process.Attribute("id")!)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("mid-term-plan", keys);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Owner);

        foreach (var key in keys)
        {
            await page.GotoAsync($"/definitions/{key}");
            await Assertions.Expect(page.Locator("[data-island=diagram][data-state=shown]")).ToHaveAttributeAsync("data-import-warnings", "0");
            await Assertions.Expect(page.Locator("[data-island=diagram] .djs-element").First).ToBeAttachedAsync();
        }
    }

    [Fact]
    public async Task An_official_gets_403_on_the_definitions_pages()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Official);
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "پیمایش اصلی" }).GetByRole(AriaRole.Link, new() { Name = "تعریف فرایندها" })).ToHaveCountAsync(0);

        foreach (var path in new[] { "/definitions", "/definitions/mid-term-plan", "/definitions/mid-term-plan/compare?from=1&to=1", "/definitions/mid-term-plan/versions/1/xml" })
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Status == 403, $"{path}: {response.Status}");
        }
    }

    private static ILocator Change(ILocator list, string kind, string elementId) => list.Locator($"li[data-kind={kind}][data-element-id={elementId}]");

    private static string Persian(int number) => ApprovalFlow.Engine.Calendar.PersianDigits.ToPersian(number.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task DeployAsync(HttpClient api, string xml)
    {
        var response = await api.PostAsync(new Uri("/api/definitions", UriKind.Relative), new StringContent(xml, Encoding.UTF8, "application/xml"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task StartAsync(HttpClient api, string key)
    {
        var response = await api.PostAsJsonAsync("/api/instances", new { definitionKey = key });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// start → «ثبت درخواست» → «تأیید کمیته» → end; with <paramref name="legalReview"/> a user task «بررسی حقوقی»
    /// between the two, «تأیید کمیته» offered to another group, due sooner and reminded earlier, and the end event
    /// (with its flow) moved down in the drawing, nothing else of it changed.
    /// </summary>
    private static string CompareFile(string key, bool legalReview)
    {
        var committeeGroup = legalReview ? "supreme-council-secretariat" : "commission-chair";
        var due = legalReview ? "${workingDays(5)}" : "${workingDays(10)}";
        var reminders = legalReview ? "-P2D,P0D" : "P0D";
        var firstTarget = legalReview ? "LegalReview" : "CommitteeApproval";
        var firstEnd = legalReview ? 340 : 500;
        var endY = legalReview ? 260 : 120;
        var legal = legalReview
            ? """
                <bpmn:userTask id="LegalReview" name="بررسی حقوقی" camunda:candidateGroups="city-council-secretariat" />
                <bpmn:sequenceFlow id="Flow_Legal_Committee" sourceRef="LegalReview" targetRef="CommitteeApproval" />
            """
            : string.Empty;
        var legalDiagram = legalReview
            ? """
                  <bpmndi:BPMNShape id="LegalReview_di" bpmnElement="LegalReview"><dc:Bounds x="340" y="98" width="100" height="80" /></bpmndi:BPMNShape>
                  <bpmndi:BPMNEdge id="Flow_Legal_Committee_di" bpmnElement="Flow_Legal_Committee"><di:waypoint x="440" y="138" /><di:waypoint x="500" y="138" /></bpmndi:BPMNEdge>
            """
            : string.Empty;
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{key}" targetNamespace="http://approvalflow.test">
              <bpmn:process id="{key}" name="آزمون مقایسه نسخه‌ها" isExecutable="true">
                <bpmn:startEvent id="Start" />
                <bpmn:userTask id="Request" name="ثبت درخواست" camunda:candidateGroups="commission-secretariat" />
                <bpmn:userTask id="CommitteeApproval" name="تأیید کمیته" camunda:candidateGroups="{committeeGroup}" camunda:dueDate="{due}">
                  <bpmn:extensionElements>
                    <camunda:properties>
                      <camunda:property name="reminders" value="{reminders}" />
                    </camunda:properties>
                  </bpmn:extensionElements>
                </bpmn:userTask>
                <bpmn:endEvent id="End" name="پایان" />
                <bpmn:sequenceFlow id="Flow_Start_Request" sourceRef="Start" targetRef="Request" />
                <bpmn:sequenceFlow id="Flow_Request_Committee" sourceRef="Request" targetRef="{firstTarget}" />
            {legal}
                <bpmn:sequenceFlow id="Flow_Committee_End" sourceRef="CommitteeApproval" targetRef="End" />
              </bpmn:process>
              <bpmndi:BPMNDiagram id="Diagram_{key}">
                <bpmndi:BPMNPlane id="Plane_{key}" bpmnElement="{key}">
                  <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="100" y="120" width="36" height="36" /></bpmndi:BPMNShape>
                  <bpmndi:BPMNShape id="Request_di" bpmnElement="Request"><dc:Bounds x="180" y="98" width="100" height="80" /></bpmndi:BPMNShape>
                  <bpmndi:BPMNShape id="CommitteeApproval_di" bpmnElement="CommitteeApproval"><dc:Bounds x="500" y="98" width="100" height="80" /></bpmndi:BPMNShape>
                  <bpmndi:BPMNShape id="End_di" bpmnElement="End"><dc:Bounds x="660" y="{endY}" width="36" height="36" /></bpmndi:BPMNShape>
                  <bpmndi:BPMNEdge id="Flow_Start_Request_di" bpmnElement="Flow_Start_Request"><di:waypoint x="136" y="138" /><di:waypoint x="180" y="138" /></bpmndi:BPMNEdge>
                  <bpmndi:BPMNEdge id="Flow_Request_Committee_di" bpmnElement="Flow_Request_Committee"><di:waypoint x="280" y="138" /><di:waypoint x="{firstEnd}" y="138" /></bpmndi:BPMNEdge>
                  <bpmndi:BPMNEdge id="Flow_Committee_End_di" bpmnElement="Flow_Committee_End"><di:waypoint x="600" y="138" /><di:waypoint x="660" y="{endY + 18}" /></bpmndi:BPMNEdge>
            {legalDiagram}
                </bpmndi:BPMNPlane>
              </bpmndi:BPMNDiagram>
            </bpmn:definitions>
            """;
    }

    /// <summary>start → a decision with the shipped form <c>approval-decision</c> → end, drawn; <paramref name="extra"/> goes into the process.</summary>
    private static string ListFile(string key, string name, string extra = "") => DrawnProcess.Xml(
        key, name, """<bpmn:userTask id="Decide" name="تصمیم" camunda:candidateGroups="org-markets" camunda:formKey="approval-decision" />""", "Decide", extra: extra);

    /// <summary>A non-executable process (a documentation model), drawn.</summary>
    private static string DocumentationFile(string key) =>
        DrawnProcess.Xml(key, "آزمون مدل مستند", """<bpmn:task id="Explain" name="گفت‌وگو با شهروندان" />""", "Explain", executable: false);
}
