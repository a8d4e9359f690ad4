using System.Net;
using System.Net.Http.Json;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Features.Tasks;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Tasks;

[Collection(ServiceGroup.Name)]
public class TaskCommentsApiTests(ServiceFixture service)
{
    [Fact]
    public async Task Everyone_who_sees_the_task_reads_its_comments_oldest_first_exactly_as_typed_and_each_is_in_its_history()
    {
        var scenario = await TaskActivityScenario.StartAsync(service);
        const string first = "  صورتجلسه را <b>پیوست</b> کنید &amp;\nسطر دوم  ";
        var added = await scenario.MemberClient.PostOkAsync($"/api/tasks/{scenario.TaskId}/comments", new { text = first }, HttpStatusCode.Created);
        Assert.Equal(first, added.Str("text"));
        Assert.Equal(scenario.Member.Id, added.Str("author"));
        Assert.Equal("member", added.Str("authorName"));
        await scenario.ColleagueClient.PostOkAsync($"/api/tasks/{scenario.TaskId}/comments", new { text = "دیدم." }, HttpStatusCode.Created);

        var comments = (await scenario.ColleagueClient.GetOkAsync($"/api/tasks/{scenario.TaskId}/comments")).EnumerateArray().ToList();
        Assert.Equal([first, "دیدم."], comments.Select(c => c.Str("text")));
        Assert.Equal(["member", "colleague"], comments.Select(c => c.Str("authorName")));
        Assert.Equal(2, (await scenario.AdminClient.GetOkAsync($"/api/tasks/{scenario.TaskId}/comments")).GetArrayLength());

        var history = await scenario.HistoryAsync(HistoryEventType.TaskCommented);
        Assert.Equal([scenario.Member.Id, scenario.Colleague.Id], history.Select(h => h.Actor));
        Assert.Equal(added.Str("id"), TaskActivityScenario.Text(history[0].Data, "commentId"));
        Assert.Equal(first, TaskActivityScenario.Text(history[0].Data, "text"));
        Assert.Equal("prepare", history[0].NodeId);
    }

    [Fact]
    public async Task An_official_who_cannot_see_the_task_gets_404_for_its_comments_and_adds_nothing()
    {
        var scenario = await TaskActivityScenario.StartAsync(service);
        await scenario.MemberClient.PostOkAsync($"/api/tasks/{scenario.TaskId}/comments", new { text = "محرمانه" }, HttpStatusCode.Created);

        var read = await scenario.OutsiderClient.GetAsync(new Uri($"/api/tasks/{scenario.TaskId}/comments", UriKind.Relative));
        Assert.Contains(scenario.TaskId, (await read.ProblemAsync(HttpStatusCode.NotFound)).Str("detail"), StringComparison.Ordinal);
        Assert.DoesNotContain("محرمانه", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var write = await scenario.OutsiderClient.PostAsJsonAsync($"/api/tasks/{scenario.TaskId}/comments", new { text = "سلام" });
        await write.ProblemAsync(HttpStatusCode.NotFound);
        var unknown = await scenario.MemberClient.GetAsync(new Uri($"/api/tasks/{Guid.NewGuid()}/comments", UriKind.Relative));
        await unknown.ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(1, (await scenario.StoredAsync()).Comments);
        Assert.Single(await scenario.HistoryAsync(HistoryEventType.TaskCommented));
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("   \n ", "required")]
    [InlineData("یادداشت\u0000", "NUL")]
    public async Task A_blank_or_unstorable_comment_is_a_400_problem_and_nothing_is_stored(string text, string expected)
    {
        var scenario = await TaskActivityScenario.StartAsync(service);

        var response = await scenario.MemberClient.PostAsJsonAsync($"/api/tasks/{scenario.TaskId}/comments", new { text });

        Assert.Contains(expected, (await response.ProblemAsync(HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        Assert.Equal(0, (await scenario.StoredAsync()).Comments);
        Assert.Empty(await scenario.HistoryAsync(HistoryEventType.TaskCommented));
    }

    [Fact]
    public async Task A_comment_longer_than_the_limit_is_refused_naming_the_limit_and_one_at_the_limit_is_kept()
    {
        var scenario = await TaskActivityScenario.StartAsync(service);

        var tooLong = await scenario.MemberClient.PostAsJsonAsync($"/api/tasks/{scenario.TaskId}/comments", new { text = new string('ب', TaskComments.MaxLength + 1) });
        var detail = (await tooLong.ProblemAsync(HttpStatusCode.BadRequest)).Str("detail");
        Assert.Contains($"{TaskComments.MaxLength + 1} characters", detail, StringComparison.Ordinal);
        Assert.Contains($"at most {TaskComments.MaxLength}", detail, StringComparison.Ordinal);
        Assert.Equal(0, (await scenario.StoredAsync()).Comments);

        var longest = new string('ب', TaskComments.MaxLength);
        Assert.Equal(longest, (await scenario.MemberClient.PostOkAsync($"/api/tasks/{scenario.TaskId}/comments", new { text = longest }, HttpStatusCode.Created)).Str("text"));
    }

    [Fact]
    public async Task Claim_and_give_back_are_recorded_in_the_tasks_history_with_who_did_them()
    {
        var scenario = await TaskActivityScenario.StartAsync(service);

        await scenario.MemberClient.PostOkAsync($"/api/tasks/{scenario.TaskId}/claim");
        await scenario.MemberClient.PostOkAsync($"/api/tasks/{scenario.TaskId}/claim");
        await scenario.AdminClient.PostOkAsync($"/api/tasks/{scenario.TaskId}/unclaim");
        var refused = await scenario.ColleagueClient.PostAsync(new Uri($"/api/tasks/{scenario.TaskId}/unclaim", UriKind.Relative), null);
        await refused.ProblemAsync(HttpStatusCode.Forbidden);

        var claimed = Assert.Single(await scenario.HistoryAsync(HistoryEventType.TaskClaimed));
        Assert.Equal(scenario.Member.Id, claimed.Actor);
        var released = Assert.Single(await scenario.HistoryAsync(HistoryEventType.TaskUnclaimed));
        Assert.Equal(scenario.Admin.Id, released.Actor);
        Assert.Equal(scenario.Member.Id, TaskActivityScenario.Text(released.Data, "assignee"));
        Assert.True(released.At >= claimed.At);
    }
}
