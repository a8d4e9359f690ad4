using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApprovalFlow.Server.Data;

namespace ApprovalFlow.Web.Tests.Support;

/// <summary>
/// Tasks of a test's own: a one-task process (start → a review offered to one directory group → end) deployed
/// and started by the demo process owner through the API, so a test never takes a task another test needs.
/// </summary>
internal static class SiteTasks
{
    /// <summary>The demo process owner, who deploys and starts.</summary>
    public const string Owner = "owner@approvalflow.local";

    /// <summary>The user task's id in every such process.</summary>
    public const string NodeId = "Review";

    /// <summary>An API client signed in as <paramref name="email"/> with a bearer token.</summary>
    public static async Task<HttpClient> ApiAsync(WebAppFixture app, string email)
    {
        var http = new HttpClient { BaseAddress = app.BaseAddress };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email, password = WebAppFixture.DemoPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Deploys the process <paramref name="key"/> (its task named <paramref name="taskName"/>, offered to <paramref name="group"/>), starts <paramref name="count"/> instances and returns their open tasks.</summary>
    public static async Task<IReadOnlyList<UserTaskRecord>> StartAsync(WebAppFixture app, string key, string taskName, string group, int count = 1)
    {
        using var owner = await ApiAsync(app, Owner);
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{key}" targetNamespace="http://approvalflow.test">
              <bpmn:process id="{key}" name="{taskName}" isExecutable="true">
                <bpmn:startEvent id="Start" />
                <bpmn:userTask id="{NodeId}" name="{taskName}" camunda:candidateGroups="{group}" />
                <bpmn:endEvent id="End" />
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="{NodeId}" />
                <bpmn:sequenceFlow id="F2" sourceRef="{NodeId}" targetRef="End" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        var deployed = await owner.PostAsync(new Uri("/api/definitions", UriKind.Relative), new StringContent(xml, Encoding.UTF8, "application/xml"));
        Assert.True(deployed.IsSuccessStatusCode, await deployed.Content.ReadAsStringAsync());
        var tasks = new List<UserTaskRecord>();
        for (var i = 0; i < count; i++)
        {
            var started = await owner.PostAsJsonAsync("/api/instances", new { definitionKey = key });
            Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
            var instanceId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            tasks.Add(await Pages.OpenTaskAsync(app, NodeId, t => t.InstanceId == instanceId));
        }

        return tasks;
    }

    /// <summary>Claims <paramref name="task"/> as <paramref name="email"/> through the API and, when <paramref name="complete"/>, completes it.</summary>
    public static async Task ClaimAsync(WebAppFixture app, UserTaskRecord task, string email, bool complete = false)
    {
        using var user = await ApiAsync(app, email);
        var claimed = await user.PostAsync(new Uri($"/api/tasks/{task.Id}/claim", UriKind.Relative), null);
        Assert.True(claimed.IsSuccessStatusCode, await claimed.Content.ReadAsStringAsync());
        if (complete)
        {
            var completed = await user.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { variables = new { } });
            Assert.True(completed.IsSuccessStatusCode, await completed.Content.ReadAsStringAsync());
        }
    }
}
