using System.Text.RegularExpressions;
using ApprovalFlow.Engine.Commands;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ApprovalFlow.Web.Tests;

/// <summary>
/// The migration pages, used by the demo process owner (owner@approvalflow.local) on a process of the
/// test's own (key <c>migration-test-…</c>, tasks assigned to the owner) with two instances of its own,
/// cancelled at the end: a dry run in Persian that refuses the instance whose step has no counterpart,
/// the mapping completed, then apply and the progress page until it is done.
/// </summary>
[Collection(WebGroup.Name)]
public sealed class MigrationPageTests(WebAppFixture app)
{
    private const string Owner = "owner@approvalflow.local";

    [Fact]
    public async Task A_dry_run_shows_in_Persian_what_happens_to_each_instance_and_apply_shows_the_progress_until_done()
    {
        var key = $"migration-test-{Guid.NewGuid():N}"[..23];
        var (ownerId, _) = await Pages.UserAsync(app, Owner);
        var atDraft = await Processes.DeployAndStartAsync(app, Definition(key, ownerId, ["Draft", "Approve", "Publish"]), key);
        var atPublish = await Processes.DeployAndStartAsync(app, Definition(key, ownerId, ["Draft", "Approve", "Publish"]), key);
        foreach (var node in new[] { "Draft", "Approve" })
        {
            await Processes.CompleteAsync(app, (await Processes.OpenTasksAsync(app, t => t.InstanceId == atPublish && t.NodeId == node)).Single(), ownerId, new { });
        }

        await Processes.OpenTasksAsync(app, t => t.InstanceId == atPublish && t.NodeId == "Publish");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.IsType<DefinitionsDeployed>(await scope.ServiceProvider.GetRequiredService<DefinitionDeployer>()
                .DeployAsync(Definition(key, ownerId, ["Draft", "Approve", "LegalReview", "Sign"]), Owner, CancellationToken.None));
        }

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Owner);
        await page.GotoAsync($"/migrations/new?key={key}&from=1&to=2");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "انتقال چرخه‌های در جریان به نسخهٔ تازه", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("تهیه پیش‌نویس", new() { Exact = true })).ToHaveValueAsync("Draft");
        var publish = page.GetByLabel("انتشار", new() { Exact = true });
        await Assertions.Expect(publish).ToHaveValueAsync(string.Empty);
        await Assertions.Expect(page.GetByLabel("همهٔ چرخه‌های در جریان این نسخه (۲)")).ToBeCheckedAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "بررسی آزمایشی" }).ClickAsync();
        var result = page.GetByRole(AriaRole.Region, new() { Name = "نتیجهٔ بررسی آزمایشی (هنوز چیزی تغییر نکرده است)" });
        await Assertions.Expect(result).ToContainTextAsync("۱ چرخه منتقل می‌شود و ۱ چرخه روی نسخهٔ خود می‌ماند.");
        await Assertions.Expect(result).ToContainTextAsync("«انتشار» در نسخهٔ تازه همتا ندارد؛ برای آن مرحله‌ای برگزینید.");
        await Assertions.Expect(result).ToContainTextAsync("از «تهیه پیش‌نویس» به «تهیه پیش‌نویس»");
        await Assertions.Expect(result).ToContainTextAsync("کار «تهیه پیش‌نویس» با همان کارپذیر، یادداشت‌ها و پیوست‌ها می‌ماند");
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "migration-dry-run-fa");
        Assert.Equal(1, await VersionAsync(atDraft));

        await publish.SelectOptionAsync(new SelectOptionValue { Label = "امضا" });
        await page.GetByRole(AriaRole.Button, new() { Name = "بررسی آزمایشی" }).ClickAsync();
        await Assertions.Expect(result).ToContainTextAsync("۲ چرخه منتقل می‌شود و ۰ چرخه روی نسخهٔ خود می‌ماند.");
        await Assertions.Expect(result).ToContainTextAsync("از «انتشار» به «امضا»");
        await Assertions.Expect(result).ToContainTextAsync("کار تازهٔ «امضا» ساخته می‌شود");
        await page.GetByRole(AriaRole.Button, new() { Name = "انتقال ۲ چرخه" }).ClickAsync();

        await page.WaitForURLAsync(new Regex("/migrations/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "پیشرفت انتقال", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "انتقال پایان یافت" })).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(page.GetByText("۲ منتقل شد، ۰ ماند، ۰ در انتظار، از ۲ چرخه")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "منتقل شد", Exact = true })).ToHaveCountAsync(2);
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "migration-progress-fa");

        Assert.Equal((2, 2), (await VersionAsync(atDraft), await VersionAsync(atPublish)));
        Assert.Single(await Processes.OpenTasksAsync(app, t => t.InstanceId == atPublish && t.NodeId == "Sign"));
        foreach (var instance in new[] { atDraft, atPublish })
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<InstanceRunner>().ExecuteAsync(instance, new CancelInstance(null, "migration page test done"), CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_request_error_is_shown_in_Persian_beside_its_field_and_summarised_at_the_top()
    {
        var key = $"migration-test-{Guid.NewGuid():N}"[..23];
        var (ownerId, _) = await Pages.UserAsync(app, Owner);
        var atPublish = await Processes.DeployAndStartAsync(app, Definition(key, ownerId, ["Draft", "Approve", "Publish"]), key);
        foreach (var node in new[] { "Draft", "Approve" })
        {
            await Processes.CompleteAsync(app, (await Processes.OpenTasksAsync(app, t => t.InstanceId == atPublish && t.NodeId == node)).Single(), ownerId, new { });
        }

        await Processes.OpenTasksAsync(app, t => t.InstanceId == atPublish && t.NodeId == "Publish");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.IsType<DefinitionsDeployed>(await scope.ServiceProvider.GetRequiredService<DefinitionDeployer>()
                .DeployAsync(Definition(key, ownerId, ["Draft", "Approve", "Sign"]), Owner, CancellationToken.None));
        }

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Owner);

        // A version the definition does not have (an old link): beside the target version, and in the summary linking to it.
        await page.GotoAsync($"/migrations/new?key={key}&from=1&to=9");
        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary).ToContainTextAsync("درخواست انجام نشد");
        await Assertions.Expect(summary.GetByRole(AriaRole.Link, new() { Name = "این فرایند نسخهٔ ۹ ندارد؛ یکی از نسخه‌های فهرست را برگزینید." })).ToHaveAttributeAsync("href", "#migration-to");
        var to = page.GetByLabel("به نسخهٔ", new() { Exact = true });
        await Assertions.Expect(to).ToHaveAttributeAsync("aria-describedby", "migration-to-request-error");
        await Assertions.Expect(page.Locator("#migration-to-request-error")).ToHaveTextAsync("این فرایند نسخهٔ ۹ ندارد؛ یکی از نسخه‌های فهرست را برگزینید.");
        await Pages.AssertTranslatedAsync(page, "fa");

        // A mapping to a step the target version does not have (a form sent from a stale page): beside that step's choice, after the dry run.
        await page.GotoAsync($"/migrations/new?key={key}&from=1&to=2");
        var publish = page.GetByLabel("انتشار", new() { Exact = true });
        await publish.EvaluateAsync("select => { select.add(new Option('Nowhere', 'Nowhere')); select.value = 'Nowhere'; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "بررسی آزمایشی" }).ClickAsync();
        var besideMapping = page.Locator("#map-Publish-request-error");
        await Assertions.Expect(besideMapping).ToHaveTextAsync("مرحلهٔ «Nowhere» که برای «انتشار» برگزیده شده در نسخهٔ ۲ نیست؛ مرحلهٔ دیگری برگزینید.");
        await Assertions.Expect(publish).ToHaveAttributeAsync("aria-describedby", "map-Publish-request-error");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "#map-Publish");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "نتیجهٔ بررسی آزمایشی (هنوز چیزی تغییر نکرده است)" })).ToHaveCountAsync(0);
        await Pages.AssertTranslatedAsync(page, "fa");
        await Pages.ScreenshotAsync(page, "migration-request-error-fa");
        Assert.Equal(1, await VersionAsync(atPublish));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InstanceRunner>().ExecuteAsync(atPublish, new CancelInstance(null, "migration page test done"), CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_dry_run_of_a_parent_says_its_call_activity_children_stay_on_their_version_and_links_their_own_migration()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (parentKey, childKey) = ($"migration-test-parent-{suffix}", $"migration-test-child-{suffix}");
        var (ownerId, _) = await Pages.UserAsync(app, Owner);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.IsType<DefinitionsDeployed>(await scope.ServiceProvider.GetRequiredService<DefinitionDeployer>()
                .DeployAsync(Definition(childKey, ownerId, ["Draft"]), Owner, CancellationToken.None));
        }

        var parent = await Processes.DeployAndStartAsync(app, Parent(parentKey, childKey, ownerId, ["Approve"]), parentKey);
        var child = (await Processes.OpenTasksAsync(app, t => t.RootInstanceId == parent && t.NodeId == "Draft")).Single().InstanceId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.IsType<DefinitionsDeployed>(await scope.ServiceProvider.GetRequiredService<DefinitionDeployer>()
                .DeployAsync(Parent(parentKey, childKey, ownerId, ["Approve", "Sign"]), Owner, CancellationToken.None));
        }

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await Pages.SignInAsync(page, Owner);
        await page.GotoAsync($"/migrations/new?key={parentKey}&from=1&to=2");
        await page.GetByRole(AriaRole.Button, new() { Name = "بررسی آزمایشی" }).ClickAsync();

        var result = page.GetByRole(AriaRole.Region, new() { Name = "نتیجهٔ بررسی آزمایشی (هنوز چیزی تغییر نکرده است)" });
        await Assertions.Expect(result).ToContainTextAsync($"۱ فرایند فرزندِ «پیش‌نویس فرزند» (فرایند {childKey}، نسخهٔ ۱) روی نسخهٔ خود می‌ماند");
        await Assertions.Expect(result.GetByRole(AriaRole.Link, new() { Name = $"انتقال جداگانهٔ فرایندهای {childKey}" }))
            .ToHaveAttributeAsync("href", $"/migrations/new?key={childKey}&from=1");
        await Pages.AssertTranslatedAsync(page, "fa");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InstanceRunner>().ExecuteAsync(parent, new CancelInstance(null, "migration page test done"), CancellationToken.None);
        }

        Assert.Equal(1, await VersionAsync(child));
    }

    /// <summary>start → call activity <c>CallChild</c> («پیش‌نویس فرزند», calling <paramref name="childKey"/>) → <paramref name="tasks"/> → end.</summary>
    private static string Parent(string key, string childKey, string assignee, string[] tasks) =>
        Definition(key, assignee, tasks).Replace(
            $"""<bpmn:sequenceFlow id="to{tasks[0]}" sourceRef="start" targetRef="{tasks[0]}" />""",
            $"""
            <bpmn:sequenceFlow id="toCallChild" sourceRef="start" targetRef="CallChild" />
            <bpmn:callActivity id="CallChild" name="پیش‌نویس فرزند" calledElement="{childKey}" />
            <bpmn:sequenceFlow id="to{tasks[0]}" sourceRef="CallChild" targetRef="{tasks[0]}" />
            """,
            StringComparison.Ordinal);

    private Task<int> VersionAsync(Guid instanceId) =>
        Processes.QueryAsync(app, db => db.Instances.Where(i => i.Id == instanceId).Select(i => i.DefinitionVersion).SingleAsync());

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["Draft"] = "تهیه پیش‌نویس", ["Approve"] = "تأیید", ["Publish"] = "انتشار", ["LegalReview"] = "بررسی حقوقی", ["Sign"] = "امضا",
    };

    private static string Definition(string key, string assignee, string[] tasks) =>
        ApprovalFlow.Testing.UserTaskChain.Xml(key, "بازبینی آزمایشی انتقال", tasks.Select(t => (t, Names[t])), $"camunda:assignee=\"{assignee}\"");
}
