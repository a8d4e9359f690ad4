using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Tests.Planning;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ApprovalFlow.Server.Tests.Definitions;

/// <summary>Deploy-time checks of issue 8: non-executable processes, the directory, forms, nesting.</summary>
[Collection(ServiceGroup.Name)]
public class DeployChecksTests(ServiceFixture service)
{
    private static StringContent Xml(string xml) => new(xml, Encoding.UTF8, "application/xml");

    private static string OneTask(string key, string attributes, string isExecutable = "true") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{key}" targetNamespace="http://approvalflow.test">
          <bpmn:process id="{key}" name="Checked" isExecutable="{isExecutable}">
            <bpmn:startEvent id="Start" />
            <bpmn:userTask id="Decide" name="Decide" {attributes} />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Decide" />
            <bpmn:sequenceFlow id="F2" sourceRef="Decide" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task NonExecutableProcess_IsStoredViewableListedAndRefusesToStart()
    {
        var (_, client) = await service.SignInNewAsync("nima", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("sketch");
        var xml = OneTask(key, """camunda:candidateGroups="group-that-does-not-exist" camunda:formKey="no-such-form" """, isExecutable: "false")
            .Replace("<bpmn:endEvent id=\"End\" />", "<bpmn:complexGateway id=\"Unsupported\" /><bpmn:endEvent id=\"End\" />", StringComparison.Ordinal);

        var deployed = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), Xml(xml));

        Assert.Equal(HttpStatusCode.Created, deployed.StatusCode);
        Assert.False((await deployed.ReadJsonAsync()).GetProperty("processes")[0].GetProperty("executable").GetBoolean());
        var version = Assert.Single((await client.GetOkAsync($"/api/definitions/{key}")).EnumerateArray());
        Assert.False(version.GetProperty("executable").GetBoolean());
        Assert.Equal(xml, await client.GetStringAsync(new Uri($"/api/definitions/{key}/versions/1/xml", UriKind.Relative)));
        var listed = Assert.Single((await client.GetOkAsync("/api/definitions")).EnumerateArray(), d => d.Str("key") == key);
        Assert.False(listed.GetProperty("executable").GetBoolean());
        Assert.Contains((await client.GetOkAsync("/api/definitions")).EnumerateArray(), d => d.GetProperty("executable").GetBoolean());

        var start = await client.PostAsJsonAsync("/api/instances", new { definitionKey = key });

        var problem = await Problems.AssertProblemAsync(start, HttpStatusCode.Conflict);
        Assert.Contains("not executable", problem.Detail(), StringComparison.Ordinal);
        Assert.Contains($"'{key}' version 1", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiteralGroupTheDirectoryLacks_Is422WithElementLineAndClosestGroup()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await service.CreateUserAsync("secretary", [Roles.Official], $"planning-office-{suffix}");
        var (_, client) = await service.SignInNewAsync("nasrin", [Roles.ProcessOwner]);
        var key = BpmnFiles.NewKey("typo");

        var response = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), Xml(OneTask(key, $"""camunda:candidateGroups="planning-offise-{suffix}" """)));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("Decide", error.Str("elementId"));
        Assert.Equal(5, error.GetProperty("line").GetInt32());
        Assert.Equal("unknown-group", error.Str("code"));
        Assert.Contains($"'planning-offise-{suffix}'", error.Str("message"), StringComparison.Ordinal);
        Assert.Contains($"did you mean 'planning-office-{suffix}'", error.Str("message"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/api/definitions/{key}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task LiteralGroupsAndUsersThatExist_Deploy()
    {
        var group = $"reviewers-{Guid.NewGuid():N}";
        var reviewer = await service.CreateUserAsync("reviewer", [Roles.Official], group);
        var (_, client) = await service.SignInNewAsync("nader", [Roles.ProcessOwner]);

        var response = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative),
            Xml(OneTask(BpmnFiles.NewKey("known"), $$"""camunda:candidateGroups="{{group}}, ${extraGroup}" camunda:candidateUsers="{{reviewer.Id}}" camunda:formKey="approval-decision" """)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task ShippedWorkflows_PassTheChecksThroughTheApi_OnceTheDirectoryIsSeeded()
    {
        await PlanningSeed.SeedAsync(service);
        var (_, client) = await service.SignInNewAsync("niloofar", [Roles.ProcessOwner]);
        var files = System.IO.Directory.GetFiles(Path.Combine(TestDatabase.RepositoryRoot(), "workflows"), "*.bpmn");

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var response = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), Xml(await File.ReadAllTextAsync(file)));
            Assert.True(response.IsSuccessStatusCode, $"{Path.GetFileName(file)}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task StartupDeployment_UnknownGroup_DeploysAndLogsAWarning()
    {
        var key = BpmnFiles.NewKey("startup");
        var group = $"not-yet-{Guid.NewGuid():N}";
        var logged = service.Logs.Entries.Count;
        await using var scope = service.Factory.Services.CreateAsyncScope();
        var deployer = scope.ServiceProvider.GetRequiredService<DefinitionDeployer>();

        var result = await deployer.DeployAsync(OneTask(key, $"camunda:candidateGroups=\"{group}\""), DefinitionDeployer.SystemUser, DirectoryCheck.Warn, CancellationToken.None);

        Assert.Equal(key, Assert.Single(Assert.IsType<DefinitionsDeployed>(result).Processes).Key);
        var warning = Assert.Single(service.Logs.Entries.Skip(logged), e => e.Level == LogLevel.Warning && e.Message.Contains(group, StringComparison.Ordinal));
        Assert.Contains("user task Decide (line 5)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiteralUnknownUserAndUserNameAsAssignee_Are422()
    {
        var reviewer = await service.CreateUserAsync("reviewer", [Roles.Official]);
        var (_, client) = await service.SignInNewAsync("neda", [Roles.ProcessOwner]);

        var response = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative),
            Xml(OneTask(BpmnFiles.NewKey("users"), $"""camunda:candidateUsers="ghost-{Guid.NewGuid():N}" camunda:assignee="{reviewer.UserName}" """)));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("unknown-user", e.Str("code")));
        Assert.Contains("is no user id of the directory", errors[0].Str("message"), StringComparison.Ordinal);
        Assert.Contains($"the user whose id is '{reviewer.Id}'", errors[1].Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormKeyWithoutForm_Is422()
    {
        var (_, client) = await service.SignInNewAsync("nazanin", [Roles.ProcessOwner]);

        var response = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative),
            Xml(OneTask(BpmnFiles.NewKey("form"), """camunda:assignee="${initiator}" camunda:formKey="approval-decisoin" """)));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(("Decide", 5, "unknown-form"), (error.Str("elementId"), error.GetProperty("line").GetInt32(), error.Str("code")));
        Assert.Contains("'approval-decisoin'", error.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpressionNested10000Deep_Is422_AndLogsNoStackTrace()
    {
        var (_, client) = await service.SignInNewAsync("nikoo", [Roles.ProcessOwner]);
        var nested = $"${{{new string('(', 10_000)}1{new string(')', 10_000)}}}";
        var logged = service.Logs.Entries.Count;

        var response = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative),
            Xml(OneTask(BpmnFiles.NewKey("deep"), $$"""camunda:assignee="${initiator}" camunda:priority="{{nested}}" """)));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("expression nested too deeply", problem.Detail(), StringComparison.Ordinal);
        Assert.Contains("element 'Decide', line 5", problem.Detail(), StringComparison.Ordinal);
        Assert.True(problem.Detail().Length < 1_000, problem.Detail());
        var entries = service.Logs.Entries.Skip(logged).ToList();
        Assert.Contains(entries, e => e.Message.Contains("expression nested too deeply", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => !e.Category.StartsWith("Hangfire", StringComparison.Ordinal)
            && (e.Exception is not null || e.Message.Contains("   at ", StringComparison.Ordinal) || e.Message.Contains("InsufficientExecutionStack", StringComparison.Ordinal)));
    }
}
