using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Testing;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

/// <summary>
/// The form editor (<c>/forms</c>, issue 11 "Forms"): every shipped form opens in the editor and its preview
/// with no import warning; a process owner builds a form from the palette (the Jalali date field included) and
/// deploys it; the server's problems are shown beside the editor and nothing is deployed; officials get 403.
/// Only <see cref="Owner"/> (a process owner of the demo directory no other test uses) edits, and only forms
/// with keys starting <c>forms-test-</c>; the shipped forms are opened, never deployed.
/// </summary>
[Collection(WebGroup.Name)]
public sealed class FormEditorTests(WebAppFixture app)
{
    /// <summary>The forms helper's process owner of the demo directory.</summary>
    private const string Owner = "kiana.forms@approvalflow.local";

    /// <summary>An official of the demo directory with no role on the forms pages.</summary>
    private const string Official = "zeinab.sabzevari@approvalflow.local";

    [Fact]
    public async Task Every_shipped_form_opens_in_the_editor_and_in_its_preview_with_no_import_warning()
    {
        var keys = Directory.GetFiles(Path.Combine(LocalCluster.RepositoryRoot(), "workflows", "forms"), "*.form").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
        await using var context = await app.NewContextAsync(width: 1440);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add($"{page.Url}: {message.Text}"); };
        page.PageError += (_, error) => errors.Add($"{page.Url}: {error}");
        await Pages.SignInAsync(page, Owner);

        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            await page.GotoAsync($"/forms/{key}");
            var editor = page.Locator("[data-island='form-editor']");
            await Assertions.Expect(editor).ToHaveAttributeAsync("data-import-warnings", "0");
            await Assertions.Expect(editor.Locator(".fjs-editor-container .fjs-element").First).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "پیش‌نمایش", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("#form-preview")).ToHaveAttributeAsync("data-import-warnings", "0");
            await Assertions.Expect(page.Locator("#form-preview .fjs-form")).ToBeVisibleAsync();
            if (key == "city-council-approval")
            {
                await Pages.ScreenshotAsync(page, "forms-editor-city-council-approval-fa");
            }
        }

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task A_process_owner_builds_a_form_with_a_text_field_and_the_Jalali_date_from_the_palette_and_deploys_version_1()
    {
        const string key = "forms-test-leave";
        await using var context = await app.NewContextAsync(width: 1440);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Owner);
        await (await Pages.ProcessMenuLinkAsync(page, "فرم‌ها")).ClickAsync();
        await Pages.AssertTranslatedAsync(page, "fa");
        await page.GetByRole(AriaRole.Link, new() { Name = "فرم تازه" }).ClickAsync();
        var editor = page.Locator("[data-island='form-editor']");
        await Assertions.Expect(editor).ToHaveAttributeAsync("data-import-warnings", "0");

        await page.GetByLabel("کلید فرم").FillAsync(key);
        await page.GetByLabel("نام فرم").FillAsync("درخواست مرخصی");
        await page.GetByRole(AriaRole.Button, new() { Name = "متن کوتاه", Exact = true }).PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "تاریخ شمسی", Exact = true }).PressAsync("Enter");
        await Assertions.Expect(editor.Locator(".fjs-element .af-jdp")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "پیش‌نمایش", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#form-preview").GetByRole(AriaRole.Button, new() { Name = "انتخاب از تقویم: تاریخ" })).ToBeVisibleAsync();
        await Pages.ScreenshotAsync(page, "forms-editor-new-leave-fa");
        await page.GetByRole(AriaRole.Button, new() { Name = "استقرار", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("نسخه‌ی ۱ مستقر شد");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/forms/{key}\\?deployed=1$"));
        var form = await Processes.QueryAsync(app, db => db.Forms.AsNoTracking().SingleAsync(f => f.Key == key));
        Assert.Equal((1, "درخواست مرخصی"), (form.Version, form.Name));
        using var schema = JsonDocument.Parse(form.Schema);
        var components = schema.RootElement.GetProperty("components").EnumerateArray().ToList();
        Assert.Equal(["textfield", "datetime"], components.Select(c => c.GetProperty("type").GetString()));
        Assert.Equal("date", components[1].GetProperty("subtype").GetString());
        await page.GotoAsync("/forms");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "درخواست مرخصی" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "نسخه‌های درخواست مرخصی" })).ToContainTextAsync("نسخه ۱");
    }

    [Fact]
    public async Task A_form_the_server_cannot_check_shows_each_problem_beside_the_editor_and_deploys_nothing()
    {
        const string key = "forms-test-invalid";
        await using var context = await app.NewContextAsync(width: 1440);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Owner);
        await page.GotoAsync("/forms/new");
        await Assertions.Expect(page.Locator("[data-island='form-editor']")).ToHaveAttributeAsync("data-import-warnings", "0");

        await page.GetByLabel("کلید فرم").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "بارگذاری پرونده", Exact = true }).PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "استقرار", Exact = true }).ClickAsync();

        var problems = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(problems).ToContainTextAsync("بارگذاری پرونده در فرم پشتیبانی نمی‌شود");
        await Assertions.Expect(page.Locator("[data-island='form-editor'] .fjs-element.af-form-problem")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByLabel("کلید فرم")).ToHaveValueAsync(key);
        await Pages.ScreenshotAsync(page, "forms-editor-problem-fa");
        Assert.False(await Processes.QueryAsync(app, db => db.Forms.AnyAsync(f => f.Key == key)));
    }

    [Fact]
    public async Task An_official_gets_403_on_the_forms_pages_and_no_forms_link()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Official);

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "فرم‌ها", Exact = true })).ToHaveCountAsync(0);
        foreach (var path in new[] { "/forms", "/forms/approval-decision", "/forms/new" })
        {
            Assert.Equal(403, (await page.GotoAsync(path))!.Status);
        }
    }
}
