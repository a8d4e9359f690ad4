using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ApprovalFlow.Server.Tests.Definitions;

/// <summary>
/// The server checks the whole task form as form-js does: nested lists and groups, every rule,
/// conditions, types, only the form's fields; and refuses at start-up a form it cannot check.
/// </summary>
[Collection(ServiceGroup.Name)]
public sealed class TaskFormRulesTests(ServiceFixture service) : IDisposable
{
    private const string RulesForm = """
        {
          "type": "default", "id": "rules-check", "schemaVersion": 16,
          "components": [
            { "type": "text", "id": "intro", "text": "Rules" },
            { "type": "radio", "id": "f_kind", "key": "kind", "label": "Kind", "validate": { "required": true },
              "values": [ { "label": "Person", "value": "person" }, { "label": "Company", "value": "company" } ] },
            { "type": "textfield", "id": "f_company", "key": "companyName", "label": "Company name",
              "validate": { "required": true, "minLength": 3, "maxLength": 10, "pattern": "^[A-Z]" },
              "conditional": { "hide": "=kind != \"company\"" } },
            { "type": "number", "id": "f_amount", "key": "amount", "label": "Amount", "decimalDigits": 2, "validate": { "min": 1, "max": 100 } },
            { "type": "datetime", "id": "f_day", "key": "day", "subtype": "date", "dateLabel": "Day" },
            { "type": "datetime", "id": "f_at", "key": "at", "subtype": "time", "timeLabel": "At" },
            { "type": "datetime", "id": "f_when", "key": "when", "subtype": "datetime", "dateLabel": "When" },
            { "type": "checkbox", "id": "f_agree", "key": "agree", "label": "Agree", "validate": { "required": true } },
            { "type": "textfield", "id": "f_email", "key": "email", "label": "E-mail", "validate": { "validationType": "email" } },
            { "type": "group", "id": "g_address", "label": "Address", "path": "address",
              "components": [ { "type": "textfield", "id": "f_city", "key": "city", "label": "City", "validate": { "required": true } } ] },
            { "type": "checklist", "id": "f_tags", "key": "tags", "label": "Tags",
              "values": [ { "label": "A", "value": "a" }, { "label": "B", "value": "b" } ] },
            { "type": "textfield", "id": "f_reference", "key": "reference", "label": "Reference", "disabled": true, "validate": { "required": true } }
          ]
        }
        """;

    private readonly DirectoryInfo _folder = System.IO.Directory.CreateTempSubdirectory("approvalflow-forms-");

    [Fact]
    public async Task IdentifyStakeholders_ListItemWithoutName_Is400NamingEveryPathAndLabel_AFilledFormCompletes()
    {
        var (client, url) = await StartFormTaskAsync(service.Factory, "identify-stakeholders");

        var response = await client.PostAsJsonAsync(url, new
        {
            variables = new { stakeholders = new object[] { new { group = "citizens" }, new { group = "aliens", name = "x" } }, secret = "overwritten" },
        });

        var errors = Errors(await response.ProblemAsync(HttpStatusCode.BadRequest));
        Assert.Equal(["secret", "stakeholders[0].name", "stakeholders[1].group"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["'نام شخص یا نهاد' is required."], errors["stakeholders[0].name"]);
        Assert.Contains("\"citizens\"", errors["stakeholders[1].group"].Single(), StringComparison.Ordinal);
        Assert.Equal(["is not a field of this form."], errors["secret"]);

        var done = await client.PostOkAsync(url, new { variables = new { stakeholders = new[] { new { group = "citizens", name = "شورای محله" } } } });
        Assert.Equal("completed", done.Str("status"));
    }

    [Fact]
    public async Task DraftFindings_Empty_Is400ForEachListsFirstTitle_AsFormJsShowsOneItemOfEach()
    {
        var (client, url) = await StartFormTaskAsync(service.Factory, "draft-findings");

        var errors = Errors(await (await client.PostAsJsonAsync(url, new { variables = new { } })).ProblemAsync(HttpStatusCode.BadRequest));

        Assert.Equal(["executivePolicies[0].title", "problems[0].title", "projects[0].title", "strategies[0].title"], errors.Keys.Order(StringComparer.Ordinal));
        var nested = Errors(await (await client.PostAsJsonAsync(url, new
        {
            variables = new { problems = new[] { new { title = "p", sources = new[] { "rumours" } } }, strategies = new[] { new { title = "s", owner = "x" } }, executivePolicies = Array.Empty<object>(), projects = Array.Empty<object>() },
        })).ProblemAsync(HttpStatusCode.BadRequest));
        Assert.Equal(["problems[0].sources", "strategies[0].owner"], nested.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryRuleOfTheFormEditor_IsCheckedAtOnce_AHiddenFieldIsNotRequired()
    {
        await using var factory = await HostWithFormsAsync(("rules-check", RulesForm));
        var (client, url) = await StartFormTaskAsync(factory, "rules-check");

        var errors = Errors(await (await client.PostAsJsonAsync(url, new
        {
            variables = new
            {
                kind = "company", companyName = "ab   ", amount = 150.555, day = "2026-02-30", at = "25:00", when = "2026-04-20",
                agree = false, email = "x@", address = new { }, tags = new[] { "a", "z" }, reference = "R-1",
            },
        })).ProblemAsync(HttpStatusCode.BadRequest));

        Assert.Equal(["address.city", "agree", "amount", "at", "companyName", "day", "email", "reference", "tags", "when"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["'Reference' is disabled in the form, which never submits it."], errors["reference"]);
        Assert.Equal(["'Company name' must be at least 3 characters long.", "'Company name' must match the pattern ^[A-Z]."], errors["companyName"]);
        Assert.Equal(["'Amount' must be at most 100.", "'Amount' may have at most 2 decimal digits."], errors["amount"]);
        Assert.Equal(["'Agree' is required."], errors["agree"]);
        Assert.Equal(["'City' is required."], errors["address.city"]);

        var wrongTypes = Errors(await (await client.PostAsJsonAsync(url, new
        {
            variables = new { kind = "company", companyName = 7, amount = "5", agree = "yes", address = "Mashhad", tags = "a" },
        })).ProblemAsync(HttpStatusCode.BadRequest));
        Assert.Equal(["address", "agree", "amount", "companyName", "tags"], wrongTypes.Keys.Order(StringComparer.Ordinal));

        var companyMissing = Errors(await (await client.PostAsJsonAsync(url, new { variables = new { kind = "company", agree = true, address = new { city = "Mashhad" } } }))
            .ProblemAsync(HttpStatusCode.BadRequest));
        Assert.Equal(["'Company name' is required."], companyMissing["companyName"]);
        var hiddenButWrong = Errors(await (await client.PostAsJsonAsync(url, new { variables = new { kind = "person", companyName = "lowercase", agree = true, address = new { city = "Mashhad" } } }))
            .ProblemAsync(HttpStatusCode.BadRequest));
        Assert.Equal(["'Company name' must match the pattern ^[A-Z]."], hiddenButWrong["companyName"]);

        var done = await client.PostOkAsync(url, new
        {
            variables = new
            {
                kind = "person", amount = 12.5, day = "2026-04-20", at = "14:30+03:30", when = "2026-04-20T14:30Z", agree = true,
                email = "sara@example.org", address = new { city = "مشهد" }, tags = new[] { "b" },
            },
        });
        Assert.Equal("completed", done.Str("status"));
    }

    [Fact]
    public async Task AConditionOnAProcessVariable_HidesTheFieldOnlyWhereItHolds()
    {
        const string form = """
            { "type": "default", "id": "reason-check", "components": [
              { "type": "textarea", "id": "f_reason", "key": "reason", "label": "Reason", "validate": { "required": true },
                "conditional": { "hide": "=amount < 1000" } } ] }
            """;
        await using var factory = await HostWithFormsAsync(("reason-check", form));
        var (small, smallUrl) = await StartFormTaskAsync(factory, "reason-check", amount: 500);
        var (large, largeUrl) = await StartFormTaskAsync(factory, "reason-check", amount: 5000);

        var refused = Errors(await (await large.PostAsJsonAsync(largeUrl, new { variables = new { } })).ProblemAsync(HttpStatusCode.BadRequest));

        Assert.Equal(["'Reason' is required."], refused["reason"]);
        Assert.Equal("completed", (await small.PostOkAsync(smallUrl, new { variables = new { } })).Str("status"));
    }

    [Fact]
    public async Task AFormWithAConditionOrComponentTheServerCannotCheck_StopsStartUp_NamingEach()
    {
        const string unsupported = """
            { "type": "default", "id": "bad", "components": [
              { "type": "textfield", "id": "f_sum", "key": "sum", "label": "Sum", "conditional": { "hide": "=count + 1 > 2" } },
              { "type": "filepicker", "id": "f_file", "key": "file", "label": "File" },
              { "type": "textfield", "id": "f_code", "key": "code", "label": "Code", "validate": { "pattern": "([a-z" } }
            ] }
            """;
        await using var factory = await HostWithFormsAsync(("bad", unsupported), start: false);

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var invalid = Assert.IsType<InvalidTaskFormException>(Flatten(exception).First(e => e is InvalidTaskFormException));
        Assert.Equal(3, invalid.Problems.Count);
        Assert.Contains("bad.form: component 'f_sum': the condition \"=count + 1 > 2\" cannot be evaluated by the server", invalid.Problems[0], StringComparison.Ordinal);
        Assert.Contains("bad.form: component 'f_file': file pickers are not supported", invalid.Problems[1], StringComparison.Ordinal);
        Assert.Contains("bad.form: component 'f_code': the pattern '([a-z' is not a valid regular expression", invalid.Problems[2], StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private async Task<WebApplicationFactory<Program>> HostWithFormsAsync((string Key, string Json) form, bool start = true)
    {
        var forms = System.IO.Directory.CreateDirectory(Path.Combine(_folder.FullName, "forms"));
        await File.WriteAllTextAsync(Path.Combine(forms.FullName, form.Key + ".form"), form.Json);
        var factory = service.Factory.WithWebHostBuilder(web => ServiceFixture.WithoutJobs(web).UseSetting("Workflows:Directory", _folder.FullName));
        if (start)
        {
            using var warmUp = factory.CreateClient();
        }

        return factory;
    }

    /// <summary>Deploys a process whose one task has the form, starts it as a new official on <paramref name="host"/> and returns the complete URL.</summary>
    private async Task<(HttpClient Client, string CompleteUrl)> StartFormTaskAsync(WebApplicationFactory<Program> host, string formKey, int? amount = null)
    {
        var key = BpmnFiles.NewKey("form");
        await service.DeployXmlAsync(BpmnFiles.FormTask(key, formKey));
        var user = await service.CreateUserAsync("filler", [Roles.Official]);
        var client = host.CreateClient();
        var login = await (await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = ServiceFixture.Password })).Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.Str("accessToken"));
        var instanceId = (await client.PostOkAsync("/api/instances", new { definitionKey = key, variables = new { filler = user.Id, amount } }, HttpStatusCode.Created)).Str("id");
        var task = (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instanceId}")).Items().Single();
        return (client, $"/api/tasks/{task.Str("id")}/complete");
    }

    private static Dictionary<string, string[]> Errors(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => e.Value.EnumerateArray().Select(m => m.GetString()!).ToArray(), StringComparer.Ordinal);

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
