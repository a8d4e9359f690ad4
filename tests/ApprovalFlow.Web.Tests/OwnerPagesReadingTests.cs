using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Features.Migrations;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

/// <summary>
/// The process owners' pages (definitions, designer, forms, monitor, migrations) as a municipal official reads them, in
/// Persian first: Persian file choosers, one navigation line, forms and instances by their names, errors in Persian, no
/// English form-js texts, a whole minimap label, no serious axe violation and nothing cut off at 360 px. Signed in as
/// <see cref="Owner"/>, a process owner of the demo directory no other test uses; the processes are the test's own
/// (keys <c>polish-…</c>) besides the shipped <c>mid-term-plan</c>, which is only read.
/// </summary>
[Collection(WebGroup.Name)]
public sealed class OwnerPagesReadingTests(WebAppFixture app)
{
    /// <summary>The process owner only these tests sign in (and switch to English and back).</summary>
    private const string Owner = "parvaneh.sadr@approvalflow.local";

    /// <summary>The Latin words the form editor may show in Persian: standard names, not English sentences.</summary>
    private static readonly HashSet<string> LatinTerms = new(StringComparer.Ordinal) { "FEEL", "Markdown", "HTML", "bpmn", "URI", "data", "BPMN", "iFrame" };

    [Fact]
    public async Task The_BPMN_upload_and_the_form_editors_file_picker_offer_the_Persian_chooser_not_the_browsers_Choose_File()
    {
        await using var context = await app.NewContextAsync(1440);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Owner);

        await page.GotoAsync("/definitions");
        var choose = page.GetByRole(AriaRole.Button, new() { Name = "انتخاب پرونده BPMN" });
        await Assertions.Expect(choose).ToBeVisibleAsync();
        var field = page.GetByLabel("پرونده BPMN", new() { Exact = true });
        await Assertions.Expect(field).ToHaveClassAsync(new Regex(@"\bvisually-hidden\b"));
        await Assertions.Expect(field).ToHaveAttributeAsync("tabindex", "-1");
        var chosen = page.Locator("#upload-file-name");
        await Assertions.Expect(chosen).ToHaveTextAsync("هنوز پرونده‌ای انتخاب نشده است");
        await Assertions.Expect(choose).ToHaveAttributeAsync("aria-describedby", new Regex("^upload-file-name upload-hint"));
        var chooser = await Pages.NextFileChooserAsync(page);
        await choose.ClickAsync();
        await (await chooser).SetFilesAsync(new FilePayload { Name = "polish-upload.bpmn", MimeType = "application/xml", Buffer = "<x/>"u8.ToArray() });
        await Assertions.Expect(chosen).ToHaveTextAsync("polish-upload.bpmn");

        // The form editor: a file picker dragged from the palette onto the form shows the same Persian words (nothing is deployed).
        await page.GotoAsync("/forms/publish-plan");
        var editor = page.Locator("[data-island='form-editor']");
        await Assertions.Expect(editor).ToHaveAttributeAsync("data-import-warnings", "0");
        await page.Locator(".fjs-palette-field", new() { HasText = "بارگذاری پرونده" }).DragToAsync(page.Locator(".fjs-form-container .fjs-element[data-id]").Last);
        var picker = editor.Locator(".fjs-form-field-filepicker");
        await Assertions.Expect(picker.GetByRole(AriaRole.Button, new() { Name = "انتخاب پرونده", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(picker).ToContainTextAsync("هنوز پرونده‌ای انتخاب نشده است");
        await Assertions.Expect(picker).Not.ToContainTextAsync("Browse");
        await Assertions.Expect(picker).Not.ToContainTextAsync("No files selected");
    }

    [Fact]
    public async Task The_process_owners_pages_are_one_keyboard_menu_so_the_bar_is_one_line_at_1280_px_in_both_languages_and_fits_360_px()
    {
        await using var context = await app.NewContextAsync(1280);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Owner);
        await page.GotoAsync("/definitions");
        await AssertOneLineAsync(page, "پیمایش اصلی");

        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "پیمایش اصلی" });
        var menu = navigation.GetByRole(AriaRole.Group);
        var toggle = menu.Locator("summary");
        await Assertions.Expect(toggle).ToHaveTextAsync("مدیریت فرایندها");
        string[] links = ["تعریف فرایندها", "طراحی فرایند", "فرم‌ها", "فرایندها", "انتقال به نسخهٔ تازه"];
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "طراحی فرایند" })).ToBeHiddenAsync();

        // By keyboard: Enter opens it, Tab reaches its first link, Escape closes it and gives the focus back.
        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        foreach (var name in links)
        {
            await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        }

        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "تعریف فرایندها", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "تعریف فرایندها", Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(menu.GetByRole(AriaRole.Link, new() { Name = "طراحی فرایند" })).ToBeHiddenAsync();
        await Assertions.Expect(toggle).ToBeFocusedAsync();
        await (await Pages.ProcessMenuLinkAsync(page, "طراحی فرایند")).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "طراحی فرایندها", Level = 1 })).ToBeVisibleAsync();
        await Pages.ScreenshotAsync(page, "navigation-1280-fa");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        try
        {
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await AssertOneLineAsync(page, "Main navigation");
            await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Group).Locator("summary")).ToHaveTextAsync("Process management");
            await Pages.ScreenshotAsync(page, "navigation-1280-en");
        }
        finally
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "فارسی" }).ClickAsync();
        }

        // A phone: the open menu lies inside the screen and the page does not scroll sideways.
        await using var phone = await app.NewContextAsync(360);
        var small = await phone.NewPageAsync();
        await Pages.SignInAsync(small, Owner);
        await small.GotoAsync("/definitions");
        await small.GetByRole(AriaRole.Navigation, new() { Name = "پیمایش اصلی" }).GetByRole(AriaRole.Group).Locator("summary").ClickAsync();
        foreach (var name in links)
        {
            var box = await small.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).BoundingBoxAsync();
            Assert.True(box is { X: >= 0 } && box.X + box.Width <= 360, $"The menu link {name} lies outside the 360 px screen: {box?.X}..{box?.X + box?.Width}");
        }

        Assert.True(await small.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "The page scrolls sideways at 360 px.");
        await Pages.ScreenshotAsync(small, "navigation-360-menu-fa");
    }

    [Fact]
    public async Task The_definitions_pages_name_each_form_by_its_Persian_name_with_its_key_as_secondary_text()
    {
        const string form = "publish-plan";
        var name = await Processes.QueryAsync(app, db => db.Forms.Where(f => f.Key == form).OrderByDescending(f => f.Version).Select(f => f.Name).FirstAsync());
        Assert.False(string.IsNullOrEmpty(name));
        await using var context = await app.NewContextAsync(1440);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Owner);

        await page.GotoAsync("/definitions");
        var row = page.Locator("tr[data-key='mid-term-plan']");
        await AssertFormNamedAsync(row, form, name!);

        await page.GotoAsync("/definitions/mid-term-plan");
        var latest = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.Locator("[data-form-key]") }).First;
        await AssertFormNamedAsync(latest, form, name!);
        await Pages.AssertTranslatedAsync(page, "fa");
    }

    [Fact]
    public async Task The_migration_pages_name_instances_by_title_and_business_key_and_give_failure_reasons_in_Persian()
    {
        var key = $"polish-mig-{Guid.NewGuid():N}"[..22];
        const string title = "برنامه آزمایشی انتقال ۱۴۰۵";
        var businessKey = key + "-cycle";
        var (ownerId, _) = await Pages.UserAsync(app, Owner);
        Guid instance;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var deployer = scope.ServiceProvider.GetRequiredService<DefinitionDeployer>();
            Assert.IsType<DefinitionsDeployed>(await deployer.DeployAsync(Chain(key, ownerId, ["Draft", "Approve"]), Owner, CancellationToken.None));
            var definition = await scope.ServiceProvider.GetRequiredService<DefinitionCatalog>().FindAsync(key, null, CancellationToken.None);
            var variables = new Dictionary<string, JsonElement> { ["title"] = JsonSerializer.SerializeToElement(title) };
            instance = (await scope.ServiceProvider.GetRequiredService<InstanceRunner>().StartAsync(definition!, businessKey, variables, ownerId, CancellationToken.None)).Id;
            Assert.IsType<DefinitionsDeployed>(await deployer.DeployAsync(Chain(key, ownerId, ["Draft", "LegalReview", "Approve"]), Owner, CancellationToken.None));
        }

        try
        {
            await using var context = await app.NewContextAsync(1440);
            var page = await context.NewPageAsync();
            await Pages.SignInAsync(page, Owner);
            await page.GotoAsync($"/migrations/new?key={key}&from=1&to=2");
            var pick = page.GetByRole(AriaRole.Checkbox, new() { Name = title });
            await Assertions.Expect(pick).ToHaveAttributeAsync("value", instance.ToString());
            var label = page.Locator($"label[for='pick-{instance}']");
            await Assertions.Expect(label.Locator(".fw-semibold")).ToHaveTextAsync(title);
            await Assertions.Expect(label).ToContainTextAsync(businessKey);
            await Assertions.Expect(label.Locator(".af-meta", new() { HasText = "شناسهٔ فنی:" })).ToContainTextAsync(instance.ToString());

            await page.GetByRole(AriaRole.Button, new() { Name = "بررسی آزمایشی" }).ClickAsync();
            var result = page.GetByRole(AriaRole.Region, new() { Name = "نتیجهٔ بررسی آزمایشی (هنوز چیزی تغییر نکرده است)" });
            await Assertions.Expect(result.Locator(".fw-semibold", new() { HasText = title })).ToBeVisibleAsync();
            await Assertions.Expect(result).ToContainTextAsync(businessKey);

            // A migration whose instance stayed for a reason of the job's own (the called process missing): Persian, not the server's English.
            var migration = Guid.NewGuid();
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
                db.Set<MigrationRecord>().Add(new MigrationRecord
                {
                    Id = migration, DefinitionKey = key, FromVersion = 1, ToVersion = 2, Status = MigrationStatus.Done, Total = 1, Failed = 1,
                    CreatedBy = ownerId, CreatedAt = DateTimeOffset.UtcNow, FinishedAt = DateTimeOffset.UtcNow,
                });
                db.Set<MigrationInstanceRecord>().Add(new MigrationInstanceRecord
                {
                    MigrationId = migration, InstanceId = instance, BusinessKey = businessKey, Status = MigrationInstanceStatus.Failed,
                    Reason = "Call activity 'Sub' calls 'polish-missing', which is not deployed.", ProblemKind = MigrationReasonCodes.CalledDefinitionMissing,
                    FinishedAt = DateTimeOffset.UtcNow,
                });
                await db.SaveChangesAsync();
            }

            await page.GotoAsync($"/migrations/{migration}");
            var failed = page.GetByRole(AriaRole.Row).Filter(new() { HasText = businessKey });
            await Assertions.Expect(failed).ToContainTextAsync("نسخهٔ تازه فرایندی را فرا می‌خواند که مستقر نشده است؛ نخست آن فرایند را مستقر کنید.");
            await Assertions.Expect(failed).Not.ToContainTextAsync("not deployed");
            await Assertions.Expect(failed.Locator(".fw-semibold")).ToHaveTextAsync(title);
            await Pages.AssertTranslatedAsync(page, "fa");
            await Pages.ScreenshotAsync(page, "migration-reason-fa");
        }
        finally
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<InstanceRunner>().ExecuteAsync(instance, new CancelInstance(null, "owner pages test done"), CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_designer_says_a_deploy_error_in_Persian_with_the_name_it_is_about_not_the_servers_English()
    {
        const string key = "polish-designer-user";
        using var api = await SiteTasks.ApiAsync(app, Owner);
        var task = """<bpmn:userTask id="Review" name="بازبینی آزمایشی" camunda:assignee="owner@approvalflow.local" />""";
        (await api.PutAsJsonAsync($"/api/definitions/{key}/draft", new { xml = ApprovalFlow.Testing.DrawnProcess.Xml(key, "آزمون خوانایی طراح", task, "Review"), baseVersion = (int?)null })).EnsureSuccessStatusCode();

        await using var context = await app.NewContextAsync(1440);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Owner);
        await page.GotoAsync($"/designer/{key}");
        await Assertions.Expect(page.Locator("[data-island='designer']")).ToHaveAttributeAsync("data-state", "ready");
        await page.GetByRole(AriaRole.Button, new() { Name = "انتشار نسخه تازه" }).ClickAsync();

        var item = page.Locator("[data-designer-problems] li");
        await Assertions.Expect(item).ToHaveTextAsync("بازبینی آزمایشی (Review): کاربر در فهرست سازمان نیست («owner@approvalflow.local»)");
        await Assertions.Expect(page.Locator("[data-designer-problems]")).Not.ToContainTextAsync("camunda:assignee");
        await Pages.AssertAccessibleAsync(page);
        Assert.Equal(0, await Processes.QueryAsync(app, db => db.Definitions.CountAsync(d => d.Key == key)));
    }

    [Fact]
    public async Task The_form_editor_shows_none_of_form_js_English_texts_in_Persian()
    {
        await using var context = await app.NewContextAsync(1440);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Owner);
        var english = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var form in new[] { "publish-plan", "record-sessions" })
        {
            await page.GotoAsync($"/forms/{form}");
            var editor = page.Locator("[data-island='form-editor']");
            await Assertions.Expect(editor).ToHaveAttributeAsync("data-import-warnings", "0");
            await CollectEnglishAsync(page, form, english);
            var fields = page.Locator(".fjs-form-container .fjs-element[data-id]");
            var count = await fields.CountAsync();
            for (var i = 0; i < count; i++)
            {
                await fields.Nth(i).ClickAsync(new() { Position = new() { X = 4, Y = 4 } });
                // Every closed group of the properties panel opened (at most as many clicks as there were closed groups).
                var closed = page.Locator(".bio-properties-panel-group-header:not(.open)");
                for (var groups = await closed.CountAsync(); groups > 0 && await closed.CountAsync() > 0; groups--)
                {
                    await closed.First.ClickAsync();
                }

                await CollectEnglishAsync(page, form, english);
            }
        }

        Assert.True(english.Count == 0, $"English texts in the Persian form editor:\n{string.Join("\n", english)}");
    }

    [Fact]
    public async Task The_designers_minimap_label_is_whole_readable_over_the_map_and_clickable_in_both_states()
    {
        await using var context = await app.NewContextAsync(1440);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Owner);
        await page.GotoAsync("/designer/mid-term-plan");
        await Assertions.Expect(page.Locator("[data-island='designer']")).ToHaveAttributeAsync("data-state", "ready");
        var minimap = page.Locator(".djs-minimap");
        var toggle = minimap.Locator(".toggle");
        foreach (var (state, label) in new[] { ("open", "بستن نقشه کوچک"), ("closed", "نمایش نقشه کوچک") })
        {
            await Assertions.Expect(toggle).ToHaveAttributeAsync("title", label);
            var fit = await toggle.EvaluateAsync<string>("""
                toggle => {
                    const minimap = toggle.closest('.djs-minimap').getBoundingClientRect();
                    const box = toggle.getBoundingClientRect();
                    const open = toggle.closest('.djs-minimap').classList.contains('open');
                    const problems = [];
                    if (box.left < minimap.left - 0.5 || box.right > minimap.right + 0.5 || box.top < minimap.top - 0.5 || box.bottom > minimap.bottom + 0.5) problems.push('outside the minimap');
                    if (toggle.scrollWidth > toggle.clientWidth || toggle.scrollHeight > toggle.clientHeight) problems.push('wider than its box');
                    if (document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) !== toggle) problems.push('covered');
                    if (open && getComputedStyle(toggle).backgroundColor === 'rgba(0, 0, 0, 0)') problems.push('transparent over the map');
                    return problems.join(', ');
                }
                """);
            Assert.True(fit.Length == 0, $"The minimap's {state} label \"{label}\" is {fit}.");
            await Pages.ScreenshotAsync(page, $"designer-minimap-{state}-fa");
            await toggle.ClickAsync();
        }
    }

    [Fact]
    public async Task The_designer_the_form_editor_and_the_monitor_have_no_serious_accessibility_violation()
    {
        await using var context = await app.NewContextAsync(1440);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Owner);

        await page.GotoAsync("/designer/mid-term-plan");
        await Assertions.Expect(page.Locator("[data-island='designer']")).ToHaveAttributeAsync("data-state", "ready");
        await Assertions.Expect(page.Locator(".bjsl-button")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);

        await page.GotoAsync("/forms/city-council-approval");
        await Assertions.Expect(page.Locator("[data-island='form-editor']")).ToHaveAttributeAsync("data-import-warnings", "0");
        await page.Locator(".fjs-form-container .fjs-element[data-id]").Nth(1).ClickAsync(new() { Position = new() { X = 4, Y = 4 } });
        await Assertions.Expect(page.Locator(".fjs-properties-container .bio-properties-panel-header")).ToBeVisibleAsync();
        await Pages.AssertAccessibleAsync(page);

        var version = await Processes.QueryAsync(app, db => db.Definitions.Where(d => d.Key == "mid-term-plan").MaxAsync(d => d.Version));
        await page.GotoAsync($"/definitions/mid-term-plan/versions/{version}/monitor");
        await Assertions.Expect(page.Locator("[data-island='monitor']")).Not.ToHaveAttributeAsync("aria-busy", "true");
        await Pages.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task The_owner_pages_fit_a_360_px_phone_in_Persian_without_sideways_page_scroll()
    {
        var key = $"polish-360-{Guid.NewGuid():N}"[..20];
        var (ownerId, _) = await Pages.UserAsync(app, Owner);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var deployer = scope.ServiceProvider.GetRequiredService<DefinitionDeployer>();
            Assert.IsType<DefinitionsDeployed>(await deployer.DeployAsync(Chain(key, ownerId, ["Draft", "Approve"]), Owner, CancellationToken.None));
            Assert.IsType<DefinitionsDeployed>(await deployer.DeployAsync(Chain(key, ownerId, ["Draft", "LegalReview", "Approve"]), Owner, CancellationToken.None));
        }

        var version = await Processes.QueryAsync(app, db => db.Definitions.Where(d => d.Key == "mid-term-plan").MaxAsync(d => d.Version));
        (string Name, string Path, string? Ready)[] visits =
        [
            ("definitions", "/definitions", null),
            ("definition", "/definitions/mid-term-plan", "[data-island='diagram']:not([aria-busy])"),
            ("compare", $"/definitions/{key}/compare?from=1&to=2", "[data-island='compare']:not([aria-busy])"),
            ("designer", "/designer/mid-term-plan", "[data-island='designer'][data-state='ready']"),
            ("forms", "/forms", null),
            ("form-editor", "/forms/city-council-approval", "[data-island='form-editor'][data-import-warnings]"),
            ("monitor", $"/definitions/mid-term-plan/versions/{version}/monitor", "[data-island='monitor']:not([aria-busy])"),
            ("migration", $"/migrations/new?key={key}&from=1&to=2", null),
        ];
        await using var context = await app.NewContextAsync(360, 780);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Owner);
        var problems = new List<string>();
        foreach (var (name, path, ready) in visits)
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            if (ready is not null)
            {
                await Assertions.Expect(page.Locator(ready).First).ToBeAttachedAsync();
            }

            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var sideways = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            if (sideways > 0)
            {
                problems.Add($"{name} ({path}) scrolls {sideways} px sideways");
            }

            await Pages.ScreenshotAsync(page, $"owner-360-{name}-fa");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Fails unless the navigation named <paramref name="navigation"/> is one line: every item's top within 8 px of the others, the bar lower than 64 px.</summary>
    private static async Task AssertOneLineAsync(IPage page, string navigation)
    {
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = navigation });
        var tops = await nav.EvaluateAsync<double[]>("nav => [...nav.children].filter(e => e.offsetParent !== null).map(e => e.getBoundingClientRect().top)");
        var header = await page.Locator("header").BoundingBoxAsync();
        Assert.True(tops.Max() - tops.Min() < 8 && header!.Height < 64, $"The bar wraps at 1280 px ({navigation}): item tops {string.Join(", ", tops)}, height {header?.Height} px.");
    }

    /// <summary>Fails unless <paramref name="scope"/> links form <paramref name="key"/> by its name, with the key as secondary text and no link named by the key.</summary>
    private static async Task AssertFormNamedAsync(ILocator scope, string key, string name)
    {
        var item = scope.Locator($"[data-form-key='{key}']");
        await Assertions.Expect(item.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToHaveAttributeAsync("href", $"/forms/{key}");
        await Assertions.Expect(item.Locator(".af-meta")).ToHaveTextAsync(key);
        await Assertions.Expect(scope.GetByRole(AriaRole.Link, new() { Name = key, Exact = true })).ToHaveCountAsync(0);
    }

    /// <summary>Adds to <paramref name="english"/> every visible text and placeholder, label or title of the form editor with Latin words other than <see cref="LatinTerms"/> and <paramref name="form"/>.</summary>
    private static async Task CollectEnglishAsync(IPage page, string form, SortedSet<string> english)
    {
        var texts = await page.Locator("[data-island='form-editor']").EvaluateAsync<string[]>("""
            root => {
                const out = [];
                const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const element = node.parentElement;
                    if (element && element.offsetParent !== null && !element.closest('input, textarea, [contenteditable], .cm-editor')) out.push(node.data.trim());
                }
                root.querySelectorAll('[placeholder], [aria-label], [title]').forEach((element) => ['placeholder', 'aria-label', 'title'].forEach((name) => {
                    const value = element.getAttribute(name);
                    if (value) out.push(value.trim());
                }));
                return out;
            }
            """);
        foreach (var text in texts)
        {
            var words = Regex.Matches(text, "[A-Za-z]{3,}").Select(m => m.Value).Where(w => !LatinTerms.Contains(w) && !form.Contains(w, StringComparison.Ordinal));
            if (words.Any())
            {
                english.Add(text);
            }
        }
    }

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["Draft"] = "تهیه پیش‌نویس", ["Approve"] = "تأیید", ["LegalReview"] = "بررسی حقوقی",
    };

    private static string Chain(string key, string assignee, string[] tasks) =>
        ApprovalFlow.Testing.UserTaskChain.Xml(key, "فرایند آزمایشی خوانایی", tasks.Select(t => (t, Names[t])), $"camunda:assignee=\"{assignee}\"");
}
