using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

/// <summary>
/// Comments, attachments and the task's own history on the task page. Each test starts a
/// <c>working-group</c> instance of its own (business key of its own) for a regional working group whose
/// secretary no other test signs in as, and works its RecordSessions task.
/// </summary>
[Collection(WebGroup.Name)]
public sealed class TaskActivityTests(WebAppFixture app)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n" + new string('x', 2500) + "\n%%EOF\n");

    [Fact]
    public async Task A_secretary_claims_comments_without_a_reload_attaches_and_downloads_a_file_and_sees_it_all_in_the_tasks_history_and_the_chair_may_not_download_it()
    {
        const string secretary = "hossein.yousefi@approvalflow.local";
        var task = await StartRecordSessionsAsync("wg-region-urban-environment-13");
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, secretary);
        await page.GotoAsync($"/tasks/{task.Id}");
        var history = page.GetByRole(AriaRole.Region, new() { Name = "سابقه کار" });
        await Assertions.Expect(history).ToContainTextAsync("کار ساخته شد");

        await page.GetByRole(AriaRole.Button, new() { Name = "برداشتن کار", Exact = true }).ClickAsync();
        await Assertions.Expect(history).ToContainTextAsync("حسین یوسفی کار را برداشت");
        await page.EvaluateAsync("() => { window.afSamePage = 'yes'; }");

        // A comment: appended by htmx, the page is not reloaded, the history gains it too.
        const string comment = "جلسه دوم با <شورای محله> هفته بعد است.\nصورتجلسه را پیوست می‌کنم.";
        var comments = page.GetByRole(AriaRole.Region, new() { Name = "یادداشت‌ها" });
        await page.GetByLabel("یادداشت شما").FillAsync(comment);
        await page.GetByRole(AriaRole.Button, new() { Name = "افزودن یادداشت" }).ClickAsync();
        await Assertions.Expect(comments.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Assertions.Expect(comments.GetByRole(AriaRole.Listitem)).ToContainTextAsync("حسین یوسفی");
        Assert.Equal(comment, await comments.Locator(".af-comment-text").InnerTextAsync());
        await Assertions.Expect(page.GetByLabel("یادداشت شما")).ToHaveValueAsync(string.Empty);
        await Assertions.Expect(history).ToContainTextAsync("حسین یوسفی یادداشت نوشت");
        Assert.Equal("yes", await page.EvaluateAsync<string>("() => window.afSamePage"));

        // The file field speaks Persian, not the browser's "Choose File": a labelled button, which opens the file
        // dialog from the keyboard too, with the chosen file's name beside it as its description.
        var choose = page.GetByRole(AriaRole.Button, new() { Name = "انتخاب پرونده", Exact = true });
        await Assertions.Expect(choose).ToHaveAccessibleDescriptionAsync(new Regex("^هنوز پرونده‌ای انتخاب نشده است"));
        Assert.Equal("-1", await page.GetByLabel("پرونده برای پیوست").GetAttributeAsync("tabindex"));
        var nextDialog = await Pages.NextFileChooserAsync(page);
        await choose.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = await nextDialog;

        // A file of a type that is not accepted: the message beside the field, nothing stored.
        await dialog.SetFilesAsync(new FilePayload { Name = "برنامه.exe", MimeType = "application/octet-stream", Buffer = Encoding.ASCII.GetBytes("MZ\u0090 not a document") });
        await Assertions.Expect(choose).ToHaveAccessibleDescriptionAsync(new Regex("^برنامه.exe"));
        await page.GetByRole(AriaRole.Button, new() { Name = "پیوست کردن" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("پرونده برای پیوست")).ToHaveAccessibleDescriptionAsync(new Regex("«برنامه.exe» پذیرفته نیست"));
        await Assertions.Expect(choose).ToHaveAccessibleDescriptionAsync(new Regex("^هنوز پرونده‌ای انتخاب نشده است.*«برنامه.exe» پذیرفته نیست"));
        Assert.Equal(0, await AttachmentCountAsync(task.Id));

        // A file far over the limit (its body would get an empty 413): refused before it is uploaded, with the message beside the field.
        await page.GetByLabel("پرونده برای پیوست").SetInputFilesAsync(new FilePayload { Name = "اسکن.pdf", MimeType = "application/pdf", Buffer = new byte[11 * 1024 * 1024] });
        await page.GetByRole(AriaRole.Button, new() { Name = "پیوست کردن" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("پرونده برای پیوست")).ToHaveAccessibleDescriptionAsync(new Regex("^خطا: پرونده «اسکن.pdf» بزرگ‌تر از ۱۰ مگابایت است"));
        Assert.Equal(0, await AttachmentCountAsync(task.Id));

        // A PDF: listed with its size in Persian digits, downloaded with its name and content.
        await page.GetByLabel("پرونده برای پیوست").SetInputFilesAsync(new FilePayload { Name = "صورتجلسه دوم.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "پیوست کردن" }).ClickAsync();
        var attachments = page.GetByRole(AriaRole.Region, new() { Name = "پیوست‌ها" });
        var link = attachments.GetByRole(AriaRole.Link, new() { Name = "صورتجلسه دوم.pdf" });
        await Assertions.Expect(link).ToBeVisibleAsync();
        await Assertions.Expect(attachments.GetByRole(AriaRole.Listitem)).ToContainTextAsync(new Regex("[۰-۹]٫[۰-۹] کیلوبایت · حسین یوسفی"));
        await Assertions.Expect(history).ToContainTextAsync("حسین یوسفی پرونده «صورتجلسه دوم.pdf» را پیوست کرد");
        Assert.Equal("yes", await page.EvaluateAsync<string>("() => window.afSamePage"));
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Equal("صورتجلسه دوم.pdf", download.SuggestedFilename);
        Assert.Equal(Pdf, await File.ReadAllBytesAsync((await download.PathAsync())!));

        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "task-activity-fa");

        // The working group's chair is no candidate of the secretary's task: the file is a 403 page for her.
        var fileUrl = await link.GetAttributeAsync("href");
        await using var chairContext = await app.NewContextAsync();
        var chair = await chairContext.NewPageAsync();
        await Pages.SignInAsync(chair, "zeinab.sharifi@approvalflow.local");
        Assert.Equal(403, (await chair.GotoAsync(fileUrl!))!.Status);
        var types = await HistoryTypesAsync(task);
        Assert.Equal([HistoryEventType.TaskCreated, HistoryEventType.TaskClaimed, HistoryEventType.TaskCommented, HistoryEventType.TaskAttachmentAdded], types);
    }

    [Fact]
    public async Task Without_JavaScript_a_comment_is_a_plain_form_post_and_a_blank_one_gets_its_message_beside_the_field_in_English()
    {
        const string secretary = "ramin.birjandi@approvalflow.local";
        var task = await StartRecordSessionsAsync("wg-region-urban-environment-06");
        await using var context = await app.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, secretary);
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.GotoAsync($"/tasks/{task.Id}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add comment" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Your comment")).ToHaveAccessibleDescriptionAsync(new Regex("^Error: Write the text of the comment\\."));
        Assert.Empty(await CommentsAsync(task.Id));

        await page.GetByLabel("Your comment").FillAsync("گزارش منطقه ۶ آماده است.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add comment" }).ClickAsync();
        var comments = page.GetByRole(AriaRole.Region, new() { Name = "Comments" });
        await Assertions.Expect(comments.GetByRole(AriaRole.Listitem)).ToContainTextAsync("گزارش منطقه ۶ آماده است.");
        await Assertions.Expect(comments.GetByRole(AriaRole.Listitem)).ToContainTextAsync(new Regex(@"رامین بیرجندی · \d{1,2} [A-Z][a-z]{2} \d{4}"));
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Task history" })).ToContainTextAsync("Comment by رامین بیرجندی");
        Assert.Equal("گزارش منطقه ۶ آماده است.", Assert.Single(await CommentsAsync(task.Id)).Text);
        await Pages.AssertTranslatedAsync(page, "en", scan: false);
        await Pages.ScreenshotAsync(page, "task-activity-en-no-js");
    }

    /// <summary>Starts a <c>working-group</c> instance for <paramref name="workingGroupId"/> and returns its open RecordSessions task.</summary>
    private async Task<UserTaskRecord> StartRecordSessionsAsync(string workingGroupId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var directory = await services.GetRequiredService<PlanningDirectoryReader>().ReadAsync(CancellationToken.None);
        var workingGroup = directory.WorkingGroups.Single(g => g.Id == workingGroupId);
        var definition = await services.GetRequiredService<DefinitionCatalog>().FindAsync("working-group", null, CancellationToken.None);
        var instance = await services.GetRequiredService<InstanceRunner>().StartAsync(
            definition!,
            $"activity-test/{Guid.NewGuid():N}",
            new Dictionary<string, JsonElement>
            {
                ["workingGroup"] = JsonSerializer.SerializeToElement(workingGroup, JsonSerializerOptions.Web),
                ["title"] = JsonSerializer.SerializeToElement("آزمون یادداشت‌ها و پیوست‌ها"),
            },
            null,
            CancellationToken.None);
        return await Pages.OpenTaskAsync(app, "RecordSessions", t => t.InstanceId == instance.Id);
    }

    private async Task<int> AttachmentCountAsync(Guid taskId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>().TaskAttachments.CountAsync(a => a.TaskId == taskId);
    }

    private async Task<List<TaskCommentRecord>> CommentsAsync(Guid taskId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>().TaskComments.AsNoTracking().Where(c => c.TaskId == taskId).ToListAsync();
    }

    private async Task<List<HistoryEventType>> HistoryTypesAsync(UserTaskRecord task)
    {
        var taskId = task.Id.ToString();
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>().History.AsNoTracking()
            .Where(h => h.InstanceId == task.InstanceId && h.TaskId == taskId).OrderBy(h => h.Sequence).Select(h => h.Type).ToListAsync();
    }
}
