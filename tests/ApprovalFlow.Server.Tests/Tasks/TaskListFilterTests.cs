using System.Net;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Tasks;

/// <summary><c>GET /api/tasks</c> filters, search and sort, on task rows the engine wrote (fixture <c>inbox-filters.bpmn</c>).</summary>
[Collection(ServiceGroup.Name)]
public sealed class TaskListFilterTests(ServiceFixture service)
{
    [Fact]
    public async Task Task_rows_record_process_stage_theme_level_working_group_and_a_normalised_search_key()
    {
        var (group, client) = await SecretaryAsync();
        var plan = await StartPlanAsync(client, "برنامه میان‌مدت ۱۴۰۴", Group(group, "wg-a", "كارگروه هويت شهري ستادي", "urban-identity", "headquarters"));
        await StartSessionsAsync(client, Group(group, "wg-c", "کارگروه اقتصاد منطقه ۳", "urban-economy", "region"));

        var rows = await RowsAsync(group);
        var called = Assert.Single(rows, r => r.RootInstanceId == plan);
        Assert.Equal(("inbox-sessions", "Sessions", "جلسات همه کارگروه‌ها"), (called.DefinitionKey, called.StageId, called.StageName));
        Assert.Equal(("urban-identity", "headquarters", "كارگروه هويت شهري ستادي"), (called.Theme, called.Level, called.WorkingGroup));
        Assert.Equal("ثبت جلسات کارگروه برنامه میان مدت 1404 کارگروه هویت شهری ستادی هویت شهری جلسات کارگروه ازمایشی", called.SearchKey);
        var alone = Assert.Single(rows, r => r.RootInstanceId != plan);
        Assert.Equal(("inbox-sessions", "Record", "ثبت جلسات کارگروه"), (alone.DefinitionKey, alone.StageId, alone.StageName));
        Assert.Equal(("urban-economy", "region"), (alone.Theme, alone.Level));

        var listed = (await client.GetOkAsync($"/api/tasks?scope=group&rootInstanceId={plan}")).Items().Single();
        Assert.Equal(("Sessions", "جلسات همه کارگروه‌ها", "urban-identity", "headquarters"), (listed.Str("stageId"), listed.Str("stageName"), listed.Str("theme"), listed.Str("level")));
    }

    [Fact]
    public async Task Filters_narrow_the_group_list_by_process_stage_theme_and_level()
    {
        var (group, client) = await SecretaryAsync();
        var plan = await StartPlanAsync(client, "برنامه آزمون فیلتر",
            Group(group, "wg-hq", "کارگروه ستادی هویت", "urban-identity", "headquarters"),
            Group(group, "wg-region", "کارگروه منطقه‌ای هویت", "urban-identity", "region"));
        var alone = await StartSessionsAsync(client, Group(group, "wg-eco", "کارگروه اقتصاد", "urban-economy", "region"));

        Assert.Equal(3, await CountAsync(client, "scope=group&process=inbox-sessions"));
        Assert.Equal(0, await CountAsync(client, "scope=group&process=inbox-plan"));
        Assert.Equal(2, await CountAsync(client, "scope=group&stage=Sessions"));
        Assert.Equal([alone], await RootsAsync(client, "scope=group&stage=Record"));
        Assert.Equal([alone], await RootsAsync(client, "scope=group&theme=urban-economy"));
        Assert.Equal(["کارگروه منطقه‌ای هویت", "کارگروه اقتصاد"], (await ListAsync(client, "scope=group&level=region&sort=created")).Select(t => t.Str("workingGroup")));
        Assert.Equal([plan], await RootsAsync(client, "scope=group&theme=urban-identity&level=headquarters"));
    }

    [Fact]
    public async Task Search_ignores_Arabic_letter_variants_diacritics_zwnj_and_digit_forms_and_needs_every_word()
    {
        var (group, client) = await SecretaryAsync();
        var identity = await StartSessionsAsync(client, Group(group, "wg-1", "کارگروه هویت شهری", "urban-identity", "headquarters"), title: "برنامه ۱۴۰۴");
        var economy = await StartSessionsAsync(client, Group(group, "wg-2", "كارگروه اقتصاد منطقه ۱۱", "urban-economy", "region"), title: "برنامه 1405");

        Assert.Equal([identity], await RootsAsync(client, "scope=group&q=" + Uri.EscapeDataString("كارگروه هويت"))); // Arabic kaf and yeh
        Assert.Equal([economy], await RootsAsync(client, "scope=group&q=" + Uri.EscapeDataString("منطقه 11"))); // ASCII digits find Persian ones
        Assert.Equal([identity], await RootsAsync(client, "scope=group&q=" + Uri.EscapeDataString("١٤٠٤"))); // Arabic-Indic digits
        Assert.Equal([identity], await RootsAsync(client, "scope=group&q=" + Uri.EscapeDataString("هُوِیّت"))); // harakat
        Assert.Equal([economy, identity], (await RootsAsync(client, "scope=group&sort=created&order=desc&q=" + Uri.EscapeDataString("جلسات\u200Cکارگروه"))));
        Assert.Empty(await RootsAsync(client, "scope=group&q=" + Uri.EscapeDataString("هویت اقتصاد"))); // every word must match
        Assert.Empty(await RootsAsync(client, "scope=group&q=" + Uri.EscapeDataString("%")));
    }

    [Fact]
    public async Task Overdue_and_due_within_working_days_follow_the_business_calendar_and_sorts_order_the_list()
    {
        var (group, client) = await SecretaryAsync();
        var late = await StartSessionsAsync(client, Group(group, "wg-late", "کارگروه دیرکرد", "urban-fabric", "region"), priority: 20);
        var soon = await StartSessionsAsync(client, Group(group, "wg-soon", "کارگروه نزدیک", "urban-fabric", "region"), priority: 80);
        var later = await StartSessionsAsync(client, Group(group, "wg-later", "کارگروه دور", "urban-fabric", "region"), priority: 50);
        var none = await StartSessionsAsync(client, Group(group, "wg-none", "کارگروه بی‌مهلت", "urban-fabric", "region"), priority: 50);
        await using (var scope = service.Factory.Services.CreateAsyncScope())
        {
            var calendar = scope.ServiceProvider.GetRequiredService<WorkingDayCalendar>();
            var now = TimeProvider.System.GetUtcNow();
            await SetDueAsync(late, now.AddDays(-3));
            await SetDueAsync(soon, calendar.AddWorkingDays(now, 1));
            await SetDueAsync(later, calendar.AddWorkingDays(now, 10));
        }

        Assert.Equal([late], await RootsAsync(client, "scope=group&overdue=true"));
        Assert.Equal([soon], await RootsAsync(client, "scope=group&dueWithin=2"));
        Assert.Equal([late, soon], await RootsAsync(client, "scope=group&dueWithin=2&overdue=true&sort=due"));
        Assert.Equal([soon, later], await RootsAsync(client, "scope=group&dueWithin=10&sort=due"));

        Assert.Equal([late, soon, later, none], await RootsAsync(client, "scope=group&sort=due"));
        Assert.Equal([later, soon, late, none], await RootsAsync(client, "scope=group&sort=due&order=desc"));
        Assert.Equal([soon, later, none, late], await RootsAsync(client, "scope=group"));
        Assert.Equal([late, later, none, soon], await RootsAsync(client, "scope=group&sort=priority&order=asc"));
        Assert.Equal([late, soon, later, none], await RootsAsync(client, "scope=group&sort=created"));
        Assert.Equal([none, later, soon, late], await RootsAsync(client, "scope=group&sort=created&order=desc"));
        Assert.Equal([soon], await RootsAsync(client, "scope=group&sort=created&pageSize=1&page=2"));
    }

    [Theory]
    [InlineData("theme=green", "theme must be one of urban-identity")]
    [InlineData("level=city", "level must be one of headquarters, organization, region")]
    [InlineData("dueWithin=-1", "dueWithin is a number of working days from 0 to 250")]
    [InlineData("dueWithin=251", "not 251")]
    [InlineData("sort=name", "sort must be one of priority, due, created")]
    [InlineData("order=up", "order must be asc or desc")]
    [InlineData("overdue=maybe", "overdue")]
    [InlineData("dueWithin=soon", "dueWithin")]
    public async Task Invalid_filters_are_400_problems_that_say_what_is_allowed(string query, string detail)
    {
        var (_, client) = await SecretaryAsync();
        var response = await client.GetAsync(new Uri("/api/tasks?scope=group&" + query, UriKind.Relative));
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(detail, problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_longer_than_200_characters_is_refused()
    {
        var (_, client) = await SecretaryAsync();
        var response = await client.GetAsync(new Uri("/api/tasks?q=" + new string('a', 201), UriKind.Relative));
        Assert.Contains("at most 200 characters", (await response.ProblemAsync(HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
    }

    private async Task<(string Group, HttpClient Client)> SecretaryAsync()
    {
        await service.DeployAsync("inbox-filters.bpmn");
        var group = $"secretaries-{Guid.NewGuid():N}";
        var (_, client) = await service.SignInNewAsync("secretary", [Roles.Official], group);
        return (group, client);
    }

    private static object Group(string secretaryGroup, string id, string name, string theme, string level) =>
        new { id, name, theme, level, secretaryGroup, chairGroup = secretaryGroup };

    private static async Task<Guid> StartPlanAsync(HttpClient client, string title, params object[] workingGroups) =>
        Guid.Parse((await client.PostOkAsync("/api/instances", new { definitionKey = "inbox-plan", variables = new { title, workingGroups } }, HttpStatusCode.Created)).Str("id"));

    private static async Task<Guid> StartSessionsAsync(HttpClient client, object workingGroup, string? title = null, int priority = 50) =>
        Guid.Parse((await client.PostOkAsync("/api/instances", new { definitionKey = "inbox-sessions", variables = new { workingGroup, title, priority } }, HttpStatusCode.Created)).Str("id"));

    private static async Task<List<System.Text.Json.JsonElement>> ListAsync(HttpClient client, string query) =>
        [.. (await client.GetOkAsync("/api/tasks?" + query)).Items()];

    private static async Task<int> CountAsync(HttpClient client, string query) =>
        (await client.GetOkAsync("/api/tasks?" + query)).GetProperty("total").GetInt32();

    private static async Task<List<Guid>> RootsAsync(HttpClient client, string query) =>
        [.. (await ListAsync(client, query)).Select(t => Guid.Parse(t.Str("rootInstanceId")))];

    private async Task<List<UserTaskRecord>> RowsAsync(string group)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        return await db.Tasks.AsNoTracking().Where(t => t.CandidateGroups.Contains(group)).ToListAsync();
    }

    private async Task SetDueAsync(Guid rootInstanceId, DateTimeOffset due)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        Assert.Equal(1, await db.Tasks.Where(t => t.RootInstanceId == rootInstanceId).ExecuteUpdateAsync(set => set.SetProperty(t => t.DueAt, due)));
    }
}
