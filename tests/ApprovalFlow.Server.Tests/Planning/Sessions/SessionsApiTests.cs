using System.Net;
using System.Net.Http.Json;
using System.Text;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Planning.Sessions;

/// <summary><c>/api/cycles/{businessKey}/sessions</c> on a real database: record, list, change, delete, attach; refusals and who may write.</summary>
[Collection(ServiceGroup.Name)]
public class SessionsApiTests(ServiceFixture service)
{
    [Fact]
    public async Task ASecretary_RecordsASession_ItIsListedByWorkingGroup_ChangedWithAnAttachment_AndDeleted()
    {
        var cycle = await WorkingGroupCycle.StartAsync(service, "wg-region-urban-environment-09", "record");
        var created = await cycle.Secretary.PostOkAsync($"{cycle.Api}/sessions", cycle.Session(
            "نشست با شورای اجتماعی محله", sources: ["upstream-documents", "council-interviews"],
            attendees: [new { name = "فاطمه رضوی", stakeholderGroup = "civil-society" }, new { name = "کارشناس شهرسازی", stakeholderGroup = "municipal-staff" }]), HttpStatusCode.Created);
        var id = created.Str("id");
        Assert.Equal(("wg-region-urban-environment-09", "2026-05-05", "سالن شورای منطقه"), (created.Str("workingGroup"), created.Str("date"), created.Str("place")));
        Assert.Equal(["council-interviews", "upstream-documents"], created.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["فاطمه رضوی:civil-society", "کارشناس شهرسازی:municipal-staff"],
            created.GetProperty("attendees").EnumerateArray().Select(a => $"{a.Str("name")}:{a.Str("stakeholderGroup")}"));

        // Everyone signed in reads; the filter keeps one working group's sessions.
        var all = await cycle.Outsider.GetOkAsync($"{cycle.Api}/sessions");
        Assert.Equal([id], all.EnumerateArray().Select(s => s.Str("id")));
        Assert.Empty((await cycle.Outsider.GetOkAsync($"{cycle.Api}/sessions?workingGroup=wg-hq-urban-identity")).EnumerateArray());

        // Changed: online now, minutes written, attendees replaced.
        var changed = await PutOkAsync(cycle.Secretary, $"{cycle.Api}/sessions/{id}", new
        {
            workingGroup = cycle.Group.Id, date = "2026-05-06", place = (string?)null, online = true, agenda = "نشست برخط با شورای اجتماعی محله",
            minutes = "مسئله آلودگی هوا طرح شد.", sources = new[] { "citizen-surveys" }, attendees = new[] { new { name = "فاطمه رضوی", stakeholderGroup = "civil-society" } },
        });
        Assert.Equal(("2026-05-06", true, "مسئله آلودگی هوا طرح شد."), (changed.Str("date"), changed.GetProperty("online").GetBoolean(), changed.Str("minutes")));
        Assert.Equal(JsonValueKindNull, changed.GetProperty("place").ValueKind);
        Assert.Single(changed.GetProperty("attendees").EnumerateArray());

        // A PDF attached (the task attachments' checks), listed with the session and downloaded as stored.
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n% minutes\n");
        using var upload = new MultipartFormDataContent { { new ByteArrayContent(pdf), "file", "صورت‌جلسه.pdf" } };
        var attached = await cycle.Secretary.PostAsync(new Uri($"{cycle.Api}/sessions/{id}/attachments", UriKind.Relative), upload);
        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        var file = (await cycle.Secretary.GetOkAsync($"{cycle.Api}/sessions/{id}")).GetProperty("attachments").EnumerateArray().Single();
        Assert.Equal(("صورت‌جلسه.pdf", "application/pdf", pdf.Length), (file.Str("fileName"), file.Str("contentType"), file.GetProperty("size").GetInt32()));
        Assert.Equal(pdf, await cycle.Outsider.GetByteArrayAsync(new Uri($"{cycle.Api}/sessions/{id}/attachments/{file.Str("id")}", UriKind.Relative)));
        using var renamed = new MultipartFormDataContent { { new ByteArrayContent(Encoding.ASCII.GetBytes("MZ not a pdf")), "file", "virus.pdf" } };
        await Problems.AssertProblemAsync(await cycle.Secretary.PostAsync(new Uri($"{cycle.Api}/sessions/{id}/attachments", UriKind.Relative), renamed), HttpStatusCode.UnsupportedMediaType);

        Assert.Equal(HttpStatusCode.NoContent, (await cycle.Secretary.DeleteAsync(new Uri($"{cycle.Api}/sessions/{id}", UriKind.Relative))).StatusCode);
        Assert.Empty((await cycle.Secretary.GetOkAsync($"{cycle.Api}/sessions")).EnumerateArray());
    }

    [Fact]
    public async Task ASessionWithBadFields_Is400NamingEachField()
    {
        var cycle = await WorkingGroupCycle.StartAsync(service, "wg-region-urban-environment-09", "bad");
        var refused = await cycle.Secretary.PostAsJsonAsync($"{cycle.Api}/sessions", new
        {
            workingGroup = cycle.Group.Id, date = "2026-05-05", online = false, agenda = " ", sources = new[] { "citizen-surveys", "rumours" },
            attendees = new object[] { new { name = "بی‌گروه" }, new { stakeholderId = Guid.NewGuid() } },
        });
        var errors = (await Problems.AssertProblemAsync(refused, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["agenda", "attendees[0].stakeholderGroup", "attendees[1].stakeholderId", "place", "sources[1]"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("'rumours' is not an information source", errors.GetProperty("sources[1]")[0].GetString(), StringComparison.Ordinal);

        var unknownGroup = await cycle.Secretary.PostAsJsonAsync($"{cycle.Api}/sessions", WithGroup(cycle.Session("x"), "wg-nowhere"));
        Assert.Contains("'wg-nowhere' is not a working group", (await Problems.AssertProblemAsync(unknownGroup, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("workingGroup")[0].GetString(), StringComparison.Ordinal);
        var noCycle = await cycle.Secretary.PostAsJsonAsync("/api/cycles/mtp-no-such-cycle/sessions", cycle.Session("x"));
        Assert.Contains("mtp-no-such-cycle", (await Problems.AssertProblemAsync(noCycle, HttpStatusCode.NotFound)).Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SomeoneOutsideTheWorkingGroup_Gets403ProblemDetails_ForEveryWrite()
    {
        var cycle = await WorkingGroupCycle.StartAsync(service, "wg-region-urban-environment-09", "outsider");
        var refused = await Problems.AssertProblemAsync(await cycle.Outsider.PostAsJsonAsync($"{cycle.Api}/sessions", cycle.Session("نفوذی")), HttpStatusCode.Forbidden);
        Assert.Contains($"'{cycle.Group.Id}'", refused.Detail(), StringComparison.Ordinal);
        var id = (await cycle.Chair.PostOkAsync($"{cycle.Api}/sessions", cycle.Session("جلسه رئیس"), HttpStatusCode.Created)).Str("id");
        await Problems.AssertProblemAsync(await cycle.Outsider.PutAsJsonAsync($"{cycle.Api}/sessions/{id}", cycle.Session("تغییر")), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await cycle.Outsider.DeleteAsync(new Uri($"{cycle.Api}/sessions/{id}", UriKind.Relative)), HttpStatusCode.Forbidden);
        Assert.Equal("جلسه رئیس", (await cycle.Outsider.GetOkAsync($"{cycle.Api}/sessions/{id}")).Str("agenda"));
    }

    [Fact]
    public async Task ASessionThatAnItemNamesAsItsOrigin_IsNotDeleted_409()
    {
        var cycle = await WorkingGroupCycle.StartAsync(service, "wg-region-urban-environment-09", "origin");
        var session = (await cycle.Secretary.PostOkAsync($"{cycle.Api}/sessions", cycle.Session("منشأ"), HttpStatusCode.Created)).Str("id");
        await cycle.ItemAsync("problem", "آلودگی هوا", sessions: [session]);
        var conflict = await Problems.AssertProblemAsync(await cycle.Secretary.DeleteAsync(new Uri($"{cycle.Api}/sessions/{session}", UriKind.Relative)), HttpStatusCode.Conflict);
        Assert.Contains("'آلودگی هوا'", conflict.Detail(), StringComparison.Ordinal);
        Assert.Single((await cycle.Secretary.GetOkAsync($"{cycle.Api}/sessions")).EnumerateArray());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;


    private static Dictionary<string, object?> WithGroup(object body, string group)
    {
        var values = body.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(body));
        values["workingGroup"] = group;
        return values;
    }

    private static async Task<System.Text.Json.JsonElement> PutOkAsync(HttpClient client, string url, object body)
    {
        var response = await client.PutAsJsonAsync(url, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    }
}
