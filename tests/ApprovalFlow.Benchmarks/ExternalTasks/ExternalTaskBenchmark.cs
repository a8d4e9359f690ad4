using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApprovalFlow.Benchmarks.Durable;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Definitions;
using ApprovalFlow.Server.Runtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Benchmarks.ExternalTasks;

/// <summary>
/// External task workers through <c>/engine-rest</c> (HTTP Basic, as the Camunda clients sign in): <c>--instances</c>
/// instances each wait at one external service task; <c>--workers</c> workers (default 8) each loop fetchAndLock
/// (<c>--max-tasks</c> per fetch) and complete every task they got with one variable, until all are done. Prints
/// completions per second, fetchAndLock calls per second and the latencies of both. Not a test: run it by hand
/// (<c>external-tasks [--instances N] [--workers N] [--max-tasks N] [--keep-database]</c>).
/// </summary>
internal static class ExternalTaskBenchmark
{
    private const string Key = "bench-external";
    private const string Topic = "bench.external";

    public static async Task<int> RunAsync(string[] args)
    {
        var (instances, workers, maxTasks, keep) = (2_000, 8, 5, false);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--instances": instances = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--workers": workers = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--max-tasks": maxTasks = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--keep-database": keep = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --instances N --workers N --max-tasks N --keep-database");
            }
        }

        await using var database = await BenchmarkDatabase.CreateAsync(keep, "approvalflow_external");
        await using var host = await ServiceHost.StartAsync(database.ConnectionString);
        var definition = await DeployAsync(host);
        var credentials = await CreateWorkerAsync(host);
        var runner = host.Services.GetRequiredService<InstanceRunner>();
        await Parallel.ForEachAsync(Enumerable.Range(0, instances), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (n, token) =>
            await runner.StartAsync(definition, $"ext-{n}", null, null, token));
        Console.WriteLine($"External tasks: {instances:N0} instances waiting at topic '{Topic}', {workers} workers, maxTasks {maxTasks}.");

        var fetches = Enumerable.Range(0, workers).Select(_ => new Latencies()).ToArray();
        var completions = Enumerable.Range(0, workers).Select(_ => new Latencies()).ToArray();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => WorkAsync(host, credentials, $"bench-worker-{w}", maxTasks, fetches[w], completions[w])));
        var elapsed = clock.Elapsed.TotalSeconds;

        var fetched = Latencies.Merge(fetches);
        var completed = Latencies.Merge(completions);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
            var left = await db.ExternalTasks.CountAsync();
            var ended = await db.Instances.CountAsync(i => i.DefinitionKey == Key && i.Status == Engine.State.InstanceStatus.Completed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {completed.Length:N0} completions in {elapsed:F1} s: {completed.Length / elapsed:F0} completions/s, {fetched.Length / elapsed:F0} fetchAndLock/s ({ended:N0} instances completed, {left} tasks left)"));
        }

        Console.WriteLine($"  fetchAndLock: {Latencies.Summary(fetched)}");
        Console.WriteLine($"  complete:     {Latencies.Summary(completed)}");
        return 0;
    }

    private static async Task WorkAsync(ServiceHost host, string credentials, string workerId, int maxTasks, Latencies fetches, Latencies completions)
    {
        using var client = host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        while (true)
        {
            var tasks = await fetches.TimeAsync(async () =>
            {
                var response = await client.PostAsJsonAsync("/engine-rest/external-task/fetchAndLock", new
                {
                    workerId, maxTasks, usePriority = true,
                    topics = new[] { new { topicName = Topic, lockDuration = 60_000, variables = Array.Empty<string>() } },
                });
                response.EnsureSuccessStatusCode();
                return (await response.Content.ReadFromJsonAsync<JsonElement[]>())!;
            });
            if (tasks.Length == 0)
            {
                return;
            }

            foreach (var task in tasks)
            {
                await completions.TimeAsync(async () =>
                {
                    var response = await client.PostAsJsonAsync($"/engine-rest/external-task/{task.GetProperty("id").GetString()}/complete", new
                    {
                        workerId, variables = new { result = new { type = "String", value = "done", valueInfo = new { } } },
                    });
                    response.EnsureSuccessStatusCode();
                    return true;
                });
            }
        }
    }

    private static async Task<DeployedDefinition> DeployAsync(ServiceHost host)
    {
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DefinitionDeployer>().DeployAsync($"""
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://approvalflow.bench">
                  <bpmn:process id="{Key}" isExecutable="true">
                    <bpmn:startEvent id="start" />
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
                    <bpmn:serviceTask id="work" camunda:type="external" camunda:topic="{Topic}" />
                    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
                    <bpmn:endEvent id="end" />
                  </bpmn:process>
                </bpmn:definitions>
                """, DefinitionDeployer.SystemUser, CancellationToken.None);
        }

        return (await host.Services.GetRequiredService<DefinitionCatalog>().FindAsync(Key, null, CancellationToken.None))!;
    }

    /// <summary>A worker account; its Basic credentials (Base64 of user:password).</summary>
    private static async Task<string> CreateWorkerAsync(ServiceHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(Server.Features.Auth.Roles.Worker))
        {
            await roles.CreateAsync(new IdentityRole(Server.Features.Auth.Roles.Worker));
        }

        var user = new ApplicationUser { UserName = "worker@bench.local", Email = "worker@bench.local", DisplayName = "bench worker" };
        if (!(await users.CreateAsync(user, ServiceHost.Password)).Succeeded || !(await users.AddToRoleAsync(user, Server.Features.Auth.Roles.Worker)).Succeeded)
        {
            throw new InvalidOperationException("The worker account could not be created.");
        }

        return Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user.Email}:{ServiceHost.Password}"));
    }
}
