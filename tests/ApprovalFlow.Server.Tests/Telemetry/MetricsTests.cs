using System.Net;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using ApprovalFlow.Testing;

namespace ApprovalFlow.Server.Tests.Telemetry;

/// <summary>
/// <c>/metrics</c> through the API: the engine's instruments carry the real counts of what the test did (each test
/// uses a definition key of its own, so the <c>definition</c> tag separates its numbers from every other test's), and
/// only admins or the configured networks may read it.
/// </summary>
[Collection(TelemetryGroup.Name)]
public class MetricsTests(TelemetryFixture service)
{
    private const string Commands = "approvalflow_engine_commands_total";
    private const string StepDurationCount = "approvalflow_engine_step_duration_milliseconds_count";
    private const string OpenTasks = "approvalflow_tasks_open";
    private const string OverdueTasks = "approvalflow_tasks_overdue";

    [Fact]
    public async Task Completing_tasks_through_the_API_counts_each_completion_once_and_the_task_gauges_show_the_open_and_overdue_tasks_of_the_definition()
    {
        var key = $"metrics-{Guid.NewGuid():N}"[..24];
        await service.DeployXmlAsync($$"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="{{key}}" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:userTask id="late" camunda:assignee="${me}" camunda:dueDate="${workingDays(-3)}" />
                <bpmn:userTask id="next" camunda:assignee="${me}" />
                <bpmn:endEvent id="e" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="late" />
                <bpmn:sequenceFlow id="f2" sourceRef="late" targetRef="next" />
                <bpmn:sequenceFlow id="f3" sourceRef="next" targetRef="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var (_, admin) = await service.SignInNewAsync("metrics-admin", [Roles.Admin]);
        var (user, client) = await service.SignInNewAsync("metrics-official", [Roles.Official, Roles.ProcessOwner]);
        var baseline = await PrometheusText.ScrapeAsync(admin);
        Assert.Equal(0, baseline.Value(Commands, ("kind", "complete"), ("definition", key)));

        var instances = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            instances.Add((await client.PostOkAsync("/api/instances", new { definitionKey = key, variables = new { me = user.Id } }, HttpStatusCode.Created)).Str("id"));
        }

        // Three instances wait at "late", overdue since three working days.
        await EventuallyEqualsAsync(admin, OpenTasks, key, 3);
        await EventuallyEqualsAsync(admin, OverdueTasks, key, 3);

        // Complete "late" in two of them: each moves on to "next" (open, not overdue).
        foreach (var instance in instances.Take(2))
        {
            var task = (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instance}")).Items().Single();
            Assert.Equal("completed", (await client.PostOkAsync($"/api/tasks/{task.Str("id")}/complete", new { variables = new { done = true } })).Str("status"));
        }

        await EventuallyEqualsAsync(admin, OpenTasks, key, 3);
        await EventuallyEqualsAsync(admin, OverdueTasks, key, 1);
        var after = await PrometheusText.ScrapeAsync(admin);
        Assert.Equal(baseline.Value(Commands, ("kind", "complete"), ("definition", key)) + 2, after.Value(Commands, ("kind", "complete"), ("definition", key), ("outcome", "applied")));
        Assert.Equal(2, after.Value(Commands, ("kind", "complete"), ("definition", key)));
        Assert.Equal(3, after.Value(Commands, ("kind", "start"), ("definition", key), ("outcome", "applied")));
        Assert.Equal(2, after.Value(StepDurationCount, ("kind", "complete"), ("definition", key)));
        Assert.True(after.Value("approvalflow_engine_step_duration_milliseconds_sum", ("kind", "complete"), ("definition", key)) > 0, after.Text);
        Assert.True(after.Has("approvalflow_outbox_pending"), after.Text);
        Assert.True(after.Has("approvalflow_outbox_oldest_pending_age_seconds"), after.Text);

        // Framework instrumentation is exported too: ASP.NET Core's request durations and Npgsql's connection metrics.
        Assert.True(after.Has("http_server_request_duration_seconds_count"), after.Text);
        Assert.Contains("db_client_", after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timer_that_fires_records_its_lateness_for_its_definition()
    {
        var key = $"metrics-timer-{Guid.NewGuid():N}"[..24];
        await service.DeployXmlAsync($$"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="{{key}}" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:userTask id="after" camunda:assignee="${me}" />
                <bpmn:endEvent id="e" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
                <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="after" />
                <bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var (_, admin) = await service.SignInNewAsync("timer-admin", [Roles.Admin]);
        var (user, client) = await service.SignInNewAsync("timer-official", [Roles.Official, Roles.ProcessOwner]);
        var instance = (await client.PostOkAsync("/api/instances", new { definitionKey = key, variables = new { me = user.Id } }, HttpStatusCode.Created)).Str("id");

        await ServiceFixture.EventuallyAsync(async () => (await client.GetOkAsync($"/api/tasks?scope=mine&instanceId={instance}")).Items().Any(), "the task after the timer");
        await ServiceFixture.EventuallyAsync(
            async () => (await PrometheusText.ScrapeAsync(admin)).Value("approvalflow_engine_timer_lateness_seconds_count", ("definition", key)) == 1,
            "one timer lateness sample of the definition");
        var scrape = await PrometheusText.ScrapeAsync(admin);
        Assert.Equal(1, scrape.Value(Commands, ("kind", "fire_timer"), ("definition", key), ("outcome", "applied")));
        Assert.True(scrape.Value("approvalflow_engine_timer_lateness_seconds_sum", ("definition", key)) >= 0, scrape.Text);
    }

    [Fact]
    public async Task A_mail_accepted_by_the_SMTP_server_is_counted_as_sent_for_its_kind()
    {
        var key = $"metrics-mail-{Guid.NewGuid():N}"[..24];
        var guest = $"guest-{Guid.NewGuid():N}@outside.example";
        await service.DeployXmlAsync(InvitationProcess.Xml(key, $"""
            <camunda:property name="template" value="invitation" />
            <camunda:property name="to" value="{guest}" />
            <camunda:property name="session" value="جلسه کارگروه" />
            <camunda:property name="date" value="1405/09/15 ساعت 10" />
            <camunda:property name="place" value="تالار شهر" />
            """));
        var (_, admin) = await service.SignInNewAsync("mail-admin", [Roles.Admin]);
        var (_, owner) = await service.SignInNewAsync("mail-owner", [Roles.ProcessOwner]);
        var sent = (await PrometheusText.ScrapeAsync(admin)).Value("approvalflow_mail_sent_total", ("kind", "process-mail"));

        await owner.PostOkAsync("/api/instances", new { definitionKey = key, variables = new { title = "برنامه میان‌مدت" } }, HttpStatusCode.Created);
        await ServiceFixture.EventuallyAsync(() => Task.FromResult(service.Smtp.To(guest).Count == 1), $"the mail to {guest}");

        // Other tests of the process may send process mails too: at least this one more.
        await ServiceFixture.EventuallyAsync(
            async () => (await PrometheusText.ScrapeAsync(admin)).Value("approvalflow_mail_sent_total", ("kind", "process-mail")) >= sent + 1,
            "the sent mail counted");
    }

    [Fact]
    public async Task Metrics_are_refused_to_an_official_and_to_anonymous_callers_outside_the_networks_and_served_to_an_admin()
    {
        var (_, official) = await service.SignInNewAsync("metrics-refused", [Roles.Official, Roles.ProcessOwner]);
        var refused = await (await official.GetAsync(new Uri("/metrics", UriKind.Relative))).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("GET /metrics", refused.Detail(), StringComparison.Ordinal);

        using var anonymous = service.Factory.CreateClient();
        await (await anonymous.GetAsync(new Uri("/metrics", UriKind.Relative))).ProblemAsync(HttpStatusCode.Unauthorized);

        var (_, admin) = await service.SignInNewAsync("metrics-allowed", [Roles.Admin]);
        var response = await admin.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE approvalflow_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task EventuallyEqualsAsync(HttpClient admin, string gauge, string key, double expected)
    {
        var last = double.NaN;
        return ServiceFixture.EventuallyAsync(
            async () => (last = (await PrometheusText.ScrapeAsync(admin)).Value(gauge, ("definition", key))) == expected,
            $"{gauge}{{definition=\"{key}\"}} to be {expected} (last {last})");
    }
}
