using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Planning;

/// <summary>
/// <c>/api/cycles/{businessKey}/stakeholders</c>: the register's create, filters, edit, delete, invitation through the
/// outbox and attendance, each refusal; and the <c>IdentifyStakeholders</c> task page's rule (each of the six groups).
/// </summary>
[Collection(ServiceGroup.Name)]
public class StakeholdersApiTests(ServiceFixture service)
{
    private static readonly string[] Groups = ["citizens", "civil-society", "urban-elites", "city-council", "municipal-staff", "provincial-agencies"];

    private async Task<(HttpClient Planner, string Url)> NewCycleAsync()
    {
        var (_, planner) = await service.SignInNewAsync("planner", [Roles.Official], "planning-office");
        var key = $"mtp-stk-{Guid.NewGuid():N}";
        await planner.PostOkAsync("/api/cycles", new { title = "ثبت ذی‌نفعان", firstYear = 1405, lastYear = 1408, businessKey = key }, HttpStatusCode.Created);
        return (planner, $"/api/cycles/{key}/stakeholders");
    }

    [Fact]
    public async Task Register_CreatesListsByGroupAndTheme_EditsAndDeletes()
    {
        var (planner, url) = await NewCycleAsync();
        await PlanningSeed.SeedAsync(service);
        var (_, reader) = await service.SignInNewAsync("reader", [Roles.Official], "wg-hq-urban-identity");

        var elite = await planner.PostOkAsync(url, new { name = "دکتر رضایی", stakeholderGroup = "urban-elites", themes = new[] { "urban-identity", "urban-fabric" }, email = "rezaei@university.example", organization = "دانشگاه فردوسی" }, HttpStatusCode.Created);
        await planner.PostOkAsync(url, new { name = "شورای محله سعدآباد", stakeholderGroup = "citizens", themes = new[] { "urban-fabric" }, kind = "organization" }, HttpStatusCode.Created);
        await planner.PostOkAsync(url, new { name = "انجمن میراث", stakeholderGroup = "civil-society", themes = new[] { "urban-identity" } }, HttpStatusCode.Created);

        Assert.Equal(["شورای محله سعدآباد", "انجمن میراث", "دکتر رضایی"], (await reader.GetOkAsync(url)).EnumerateArray().Select(s => s.Str("name")));
        Assert.Equal(["دکتر رضایی"], (await reader.GetOkAsync($"{url}?group=urban-elites")).EnumerateArray().Select(s => s.Str("name")));
        Assert.Equal(["شورای محله سعدآباد", "دکتر رضایی"], (await reader.GetOkAsync($"{url}?theme=urban-fabric")).EnumerateArray().Select(s => s.Str("name")));
        Assert.Equal(["organization", "person"], (await reader.GetOkAsync($"{url}?theme=urban-fabric")).EnumerateArray().Select(s => s.Str("kind")));
        await (await reader.GetAsync(new Uri($"{url}?group=aliens", UriKind.Relative))).ProblemAsync(HttpStatusCode.BadRequest);

        var id = elite.Str("id");
        var edited = await planner.PutAsJsonAsync($"{url}/{id}", new { name = "دکتر مریم رضایی", stakeholderGroup = "urban-elites", themes = new[] { "urban-economy" }, phone = "051-1234" });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var read = await reader.GetOkAsync($"{url}/{id}");
        Assert.Equal(("دکتر مریم رضایی", "051-1234", JsonValueKind.Null), (read.Str("name"), read.Str("phone"), read.GetProperty("email").ValueKind));
        Assert.Equal(["urban-economy"], read.GetProperty("themes").EnumerateArray().Select(t => t.GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await planner.DeleteAsync(new Uri($"{url}/{id}", UriKind.Relative))).StatusCode);
        await (await reader.GetAsync(new Uri($"{url}/{id}", UriKind.Relative))).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(2, (await reader.GetOkAsync(url)).GetArrayLength());
    }

    [Fact]
    public async Task Register_Refuses_UnknownGroupThemeOfNoCycleBadEmailNoName_OtherThemesCoordinatorAndPlainOfficials()
    {
        await PlanningSeed.SeedAsync(service);
        var (_, url) = await NewCycleAsync();
        var (_, coordinator) = await service.SignInNewAsync("coordinator", [Roles.Official], "theme-urban-identity-coordinators");
        var (_, official) = await service.SignInNewAsync("official", [Roles.Official]);

        var problem = await (await coordinator.PostAsJsonAsync(url, new { name = " ", stakeholderGroup = "aliens", themes = new[] { "urban-identity", "space" }, email = "not an address" })).ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["email", "name", "stakeholderGroup", "themes[1]"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("citizens", errors.GetProperty("stakeholderGroup")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("not a theme of cycle", errors.GetProperty("themes[1]")[0].GetString(), StringComparison.Ordinal);
        await (await coordinator.PostAsJsonAsync(url, new { name = "x", stakeholderGroup = "citizens", themes = Array.Empty<string>() })).ProblemAsync(HttpStatusCode.BadRequest);

        await (await coordinator.PostAsJsonAsync(url, new { name = "x", stakeholderGroup = "citizens", themes = new[] { "urban-economy" } })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await official.PostAsJsonAsync(url, new { name = "x", stakeholderGroup = "citizens", themes = new[] { "urban-identity" } })).ProblemAsync(HttpStatusCode.Forbidden);
        var own = await coordinator.PostOkAsync(url, new { name = "شورای محله", stakeholderGroup = "citizens", themes = new[] { "urban-identity" } }, HttpStatusCode.Created);
        await (await official.DeleteAsync(new Uri($"{url}/{own.Str("id")}", UriKind.Relative))).ProblemAsync(HttpStatusCode.Forbidden);
        await (await coordinator.GetAsync(new Uri("/api/cycles/mtp-none/stakeholders", UriKind.Relative))).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Invitation_IsRecordedAndMailedThroughTheOutboxWithTheInvitationTemplate_AttendanceListsTheSessionsAttended()
    {
        await PlanningSeed.SeedAsync(service);
        var (planner, url) = await NewCycleAsync();
        var address = $"guest-{Guid.NewGuid():N}@stakeholders.example";
        var guest = await planner.PostOkAsync(url, new { name = "نماینده اتاق بازرگانی", stakeholderGroup = "provincial-agencies", themes = new[] { "urban-economy" }, email = address }, HttpStatusCode.Created);
        var silent = await planner.PostOkAsync(url, new { name = "بی‌نشانی", stakeholderGroup = "citizens", themes = new[] { "urban-economy" } }, HttpStatusCode.Created);
        var id = Guid.Parse(guest.Str("id"));

        var refused = await (await planner.PostAsJsonAsync($"{url}/{silent.Str("id")}/invitations", new { workingGroupId = "planning-office" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["email", "workingGroupId"], refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        var invitation = await planner.PostOkAsync($"{url}/{id}/invitations", new { workingGroupId = "wg-hq-urban-economy", message = "به نشست هم‌اندیشی دعوت هستید." }, HttpStatusCode.Created);

        await using var scope = service.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var mail = await db.Notifications.AsNoTracking().SingleAsync(n => n.RecipientAddress == address);
        Assert.Equal(("invitation", "process-mail"), (mail.Template, mail.Kind));
        Assert.Equal("به نشست هم‌اندیشی دعوت هستید.", mail.Data.GetProperty("message").GetString());
        Assert.Equal(await db.Groups.Where(g => g.Id == "wg-hq-urban-economy").Select(g => g.Name).SingleAsync(), mail.Data.GetProperty("session").GetString());
        Assert.Equal(mail.Id, (await db.StakeholderInvitations.AsNoTracking().SingleAsync(i => i.StakeholderId == id)).NotificationId);
        Assert.Equal("wg-hq-urban-economy", invitation.Str("workingGroupId"));

        var cycleId = await db.Stakeholders.Where(s => s.Id == id).Select(s => s.CycleId).SingleAsync();
        var session = new WorkingGroupSessionRecord
        {
            Id = Guid.CreateVersion7(), CycleId = cycleId, WorkingGroupId = "wg-hq-urban-economy", Date = new DateOnly(2026, 5, 2), Agenda = "هم‌اندیشی اقتصاد شهری",
            CreatedBy = "test", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Sessions.Add(session);
        db.SessionAttendees.Add(new SessionAttendeeRecord { Id = Guid.CreateVersion7(), SessionId = session.Id, StakeholderId = id, Name = "نماینده اتاق", StakeholderGroup = "provincial-agencies" });
        await db.SaveChangesAsync();

        var read = await planner.GetOkAsync($"{url}/{id}");
        var attended = Assert.Single(read.GetProperty("attendance").EnumerateArray());
        Assert.Equal((session.Id.ToString(), "2026-05-02", "هم‌اندیشی اقتصاد شهری"), (attended.Str("sessionId"), attended.Str("date"), attended.Str("agenda")));
        Assert.Equal(invitation.Str("id"), Assert.Single(read.GetProperty("invitations").EnumerateArray()).Str("id"));
        Assert.NotNull(Assert.Single(read.GetProperty("invitations").EnumerateArray()).GetProperty("mailStatus").GetString());
    }

    [Fact]
    public async Task IdentifyStakeholders_CompletesOnlyOnceEachOfTheSixGroupsHasAStakeholderOfTheTasksTheme()
    {
        await PlanningSeed.SeedAsync(service);
        var (_, owner) = await service.SignInNewAsync("owner", [Roles.ProcessOwner]);
        var (_, coordinator) = await service.SignInNewAsync("coordinator", [Roles.Official], "theme-urban-diplomacy-coordinators");
        var key = $"mtp-identify-{Guid.NewGuid():N}";
        var root = (await owner.PostOkAsync("/api/cycles", new { title = "شناسایی", firstYear = 1405, lastYear = 1408, businessKey = key, start = true }, HttpStatusCode.Created)).Str("rootInstanceId");
        JsonElement? task = null;
        await ServiceFixture.EventuallyAsync(async () =>
        {
            task = (await coordinator.GetOkAsync($"/api/tasks?scope=group&rootInstanceId={root}")).Items().Where(t => t.Str("nodeId") == "IdentifyStakeholders").Cast<JsonElement?>().FirstOrDefault();
            return task is not null;
        }, "the diplomacy theme's IdentifyStakeholders task");
        var taskId = task!.Value.Str("id");
        Assert.Equal("page:stakeholders", task.Value.Str("formKey"));
        await coordinator.PostOkAsync($"/api/tasks/{taskId}/claim");
        var url = $"/api/cycles/{key}/stakeholders";
        await coordinator.PostOkAsync(url, new { name = "دیگر محور", stakeholderGroup = "citizens", themes = new[] { "urban-economy" } }, HttpStatusCode.Forbidden);

        var none = await (await coordinator.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(Groups.Select(g => $"stakeholders.{g}").Order(StringComparer.Ordinal), none.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        foreach (var group in Groups[..5])
        {
            await coordinator.PostOkAsync(url, new { name = $"ذی‌نفع {group}", stakeholderGroup = group, themes = new[] { "urban-diplomacy" } }, HttpStatusCode.Created);
        }

        var one = await (await coordinator.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["stakeholders.provincial-agencies"], one.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Contains("urban-diplomacy", one.Detail(), StringComparison.Ordinal);

        await coordinator.PostOkAsync(url, new { name = "استانداری", stakeholderGroup = "provincial-agencies", themes = new[] { "urban-diplomacy" } }, HttpStatusCode.Created);
        Assert.Equal("completed", (await coordinator.PostOkAsync($"/api/tasks/{taskId}/complete")).Str("status"));
    }
}
