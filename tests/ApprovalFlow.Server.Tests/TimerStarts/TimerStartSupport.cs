using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Runtime;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ApprovalFlow.Server.Tests.TimerStarts;

/// <summary>BPMN files with a timer start event, deployment through the API, and look-ups of schedules, firings, instances and Hangfire jobs.</summary>
internal sealed class TimerStartSupport(ServiceFixture service)
{
    /// <summary>A process <paramref name="key"/> started by a timer (<paramref name="timer"/> is the timer element, e.g. <c>&lt;bpmn:timeDuration&gt;PT1H&lt;/bpmn:timeDuration&gt;</c>), or with a none start only when <see langword="null"/>; <paramref name="task"/> names its user task.</summary>
    public static string Process(string key, string? timer, string task = "review") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://approvalflow.test">
          <bpmn:process id="{key}" isExecutable="true">
            {(timer is null ? "<bpmn:startEvent id=\"start\" />" : $"<bpmn:startEvent id=\"start\"><bpmn:timerEventDefinition>{timer}</bpmn:timerEventDefinition></bpmn:startEvent>")}
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="{task}" />
            <bpmn:userTask id="{task}" camunda:candidateGroups="{Group}" />
            <bpmn:sequenceFlow id="f2" sourceRef="{task}" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>The candidate group of the processes' user task; the signed-in owners of these tests are in it.</summary>
    public const string Group = "timer-start-reviewers";

    /// <summary>A definition key no other test uses.</summary>
    public static string NewKey(string what) => $"ts-{what}-{Guid.NewGuid():N}";

    /// <summary>Deploys through <c>POST /api/definitions</c> and returns the response status and body.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> DeployAsync(HttpClient client, string xml)
    {
        var response = await client.PostAsync(new Uri("/api/definitions", UriKind.Relative), new StringContent(xml, Encoding.UTF8, "application/xml"));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    public async Task<T> QueryAsync<T>(Func<ApprovalFlowDbContext, Task<T>> query)
    {
        await using var scope = service.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>());
    }

    public Task<List<TimerStartScheduleRecord>> SchedulesAsync(string key) =>
        QueryAsync(db => db.TimerStartSchedules.AsNoTracking().Where(s => s.DefinitionKey == key).ToListAsync());

    public Task<List<ProcessInstanceRecord>> InstancesAsync(string key) =>
        QueryAsync(db => db.Instances.AsNoTracking().Where(i => i.DefinitionKey == key).ToListAsync());

    public Task<List<TimerStartFiringRecord>> FiringsAsync(Guid definitionId) =>
        QueryAsync(db => db.TimerStartFirings.AsNoTracking().Where(f => f.DefinitionId == definitionId).ToListAsync());

    /// <summary>Hangfire's <c>TimerStartJob</c> jobs of a schedule: state and the server that processed it.</summary>
    public async Task<List<(long JobId, string? State, string? Server)>> JobsAsync(Guid scheduleId)
    {
        await using var connection = new NpgsqlConnection(service.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            SELECT j.id, j.statename,
                   (SELECT s.data::text FROM {RuntimeModule.HangfireSchema}.state s WHERE s.jobid = j.id AND s.name = 'Processing' ORDER BY s.id DESC LIMIT 1)
            FROM {RuntimeModule.HangfireSchema}.job j
            WHERE j.invocationdata::text LIKE '%TimerStartJob%' AND j.arguments::text LIKE @schedule
            """,
            connection);
        command.Parameters.AddWithValue("schedule", $"%{scheduleId}%");
        var jobs = new List<(long, string?, string?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            string? server = null;
            if (!reader.IsDBNull(2) && JsonDocument.Parse(reader.GetString(2)).RootElement.TryGetProperty("ServerId", out var serverId))
            {
                server = serverId.GetString();
            }

            jobs.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), server));
        }

        return jobs;
    }
}
