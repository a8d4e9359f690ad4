using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

/// <summary>
/// The forms list <c>/forms</c> is paged in the database, 20 form keys a page, with page links in the URL. The process
/// owner kiana.forms (the forms tests' own) deploys 25 forms with keys <c>zz-paging-test-NN</c>, which sort after every
/// other key, so the last of them is on the last page whatever other tests deploy meanwhile.
/// </summary>
[Collection(WebGroup.Name)]
public sealed class FormsListPagingTests(WebAppFixture app)
{
    private const string Owner = "kiana.forms@approvalflow.local";

    [Fact]
    public async Task The_forms_list_shows_twenty_forms_a_page_and_links_to_the_other_pages()
    {
        using var api = await SiteTasks.ApiAsync(app, Owner);
        for (var n = 1; n <= 25; n++)
        {
            var key = $"zz-paging-test-{n:00}";
            var schema = new
            {
                type = "default", id = "Form_1", schemaVersion = 16, name = $"فرم آزمون صفحه‌بندی {n}",
                components = new object[] { new { type = "textfield", id = "Field_1", key = "note", label = "یادداشت" } },
            };
            var response = await api.PostAsJsonAsync("/api/forms", new { key, schema });
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{key}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var total = await Processes.QueryAsync(app, db => db.Forms.Select(f => f.Key).Distinct().CountAsync());
        Assert.True(total > 25);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Owner);

        await page.GotoAsync("/forms");
        await Assertions.Expect(page.Locator("li.af-task-row")).ToHaveCountAsync(20);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "فرم آزمون صفحه‌بندی 25" })).ToHaveCountAsync(0);
        var pager = page.GetByRole(AriaRole.Navigation, new() { Name = "صفحه‌های فهرست فرم‌ها" });
        await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = "۱", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await Pages.AssertTranslatedAsync(page, "fa");

        var last = (total + 19) / 20;
        await pager.GetByRole(AriaRole.Link, new() { Name = Persian(last), Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/forms?p={last}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "فرم آزمون صفحه‌بندی 25" })).ToBeVisibleAsync();
        await Assertions.Expect(pager.GetByRole(AriaRole.Link, new() { Name = Persian(last), Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        Assert.InRange(await page.Locator("li.af-task-row").CountAsync(), 1, 20);

        // A page past the last (a link kept from before forms were removed) shows the last page.
        await page.GotoAsync("/forms?p=999");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "فرم آزمون صفحه‌بندی 25" })).ToBeVisibleAsync();
    }

    private static string Persian(int number) =>
        string.Concat(number.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => (char)('۰' + (c - '0'))));
}
