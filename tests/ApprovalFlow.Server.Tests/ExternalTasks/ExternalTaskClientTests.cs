using System.Diagnostics;
using System.Text.Json;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.ExternalTasks;

/// <summary>
/// The official Camunda 7 JavaScript client (<c>camunda-external-task-client-js</c> 3.1.0, installed in
/// <c>tests/external-task-client</c> by <c>npm ci --ignore-scripts</c>) run by node against the real service on
/// loopback, unchanged: each scenario's script (<c>worker.mjs</c>) subscribes to a topic and reports, then the test
/// reads the process state from the database.
/// </summary>
[Collection(ExternalTaskGroup.Name)]
public sealed class ExternalTaskClientTests(ExternalTaskFixture service)
{
    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..30];

    [Fact]
    public async Task JsClient_CompletesWithVariables()
    {
        var (key, topic) = (Unique("js-complete"), Unique("js-topic-complete"));
        await service.DeployExternalAsync(key, topic);
        var instance = await service.StartAsync(key, new { amount = 21 }, "js-bk-1");

        await using var worker = await Worker.StartAsync(service, "complete", topic);
        var completed = await worker.NextAsync("completed");

        Assert.Equal(21, completed.GetProperty("amount").GetInt32());
        Assert.Equal("js-bk-1", completed.GetProperty("businessKey").GetString());
        var state = await service.StateAsync(instance);
        Assert.Equal($"{key}-after", Assert.Single(state.Subscriptions).MessageName);
        Assert.Equal(42, state.Variables["doubled"].GetInt32());
        Assert.Equal("from the js client", state.Variables["note"].GetString());
        Assert.True(state.Variables["approved"].GetBoolean());
        Assert.Equal("js", state.Variables["details"].GetProperty("by").GetString());
        Assert.Equal("2026-12-01T10:00:00.000Z", state.Variables["when"].GetString());
        Assert.Empty(await service.RowsAsync(instance));
    }

    [Fact]
    public async Task JsClient_HandleBpmnError_IsCaughtByTheBoundaryEvent()
    {
        var (key, topic) = (Unique("js-error"), Unique("js-topic-error"));
        await service.DeployExternalAsync(key, topic);
        var instance = await service.StartAsync(key);

        await using var worker = await Worker.StartAsync(service, "bpmnError", topic);
        await worker.NextAsync("bpmnError");

        var state = await service.StateAsync(instance);
        Assert.Equal($"{key}-handled", Assert.Single(state.Subscriptions).MessageName);
        Assert.Equal("registry refused", state.Variables["reason"].GetString());
        Assert.Empty(await service.IncidentsAsync(instance));
    }

    [Fact]
    public async Task JsClient_HandleFailureWithZeroRetries_RaisesAnIncident()
    {
        var (key, topic) = (Unique("js-fail"), Unique("js-topic-fail"));
        await service.DeployExternalAsync(key, topic);
        var instance = await service.StartAsync(key);

        await using var worker = await Worker.StartAsync(service, "failure", topic);
        await worker.NextAsync("failed");

        var incident = Assert.Single(await service.IncidentsAsync(instance));
        Assert.Equal(Engine.State.IncidentKind.JobFailed, incident.Kind);
        Assert.Contains("registry down", incident.Message, StringComparison.Ordinal);
        var row = Assert.Single(await service.RowsAsync(instance));
        Assert.Equal(0, row.Retries);
        Assert.Equal("stack trace here", row.ErrorDetails);
        Assert.Null(row.AvailableAt);
        Assert.True(Assert.Single((await service.StateAsync(instance)).Jobs).Failed);
    }

    [Fact]
    public async Task JsClient_ExpiredLock_IsOfferedToAnotherWorker()
    {
        var (key, topic) = (Unique("js-expire"), Unique("js-topic-expire"));
        await service.DeployExternalAsync(key, topic);
        var instance = await service.StartAsync(key);

        await using var worker = await Worker.StartAsync(service, "expire", topic);
        var locked = await worker.NextAsync("locked");
        Assert.Equal("js-worker-a", Assert.Single(await service.RowsAsync(instance)).WorkerId);
        service.Clock.Advance(TimeSpan.FromSeconds(61));
        await worker.SendAsync("go");
        var completed = await worker.NextAsync("completed");

        Assert.Equal(locked.GetProperty("id").GetString(), completed.GetProperty("id").GetString());
        var state = await service.StateAsync(instance);
        Assert.Equal("js-worker-b", state.Variables["completedBy"].GetString());
        Assert.Equal($"{key}-after", Assert.Single(state.Subscriptions).MessageName);
    }

    /// <summary>One run of <c>tests/external-task-client/worker.mjs</c> under node, read line by line.</summary>
    private sealed class Worker : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];

        private Worker(Process process) => _process = process;

        public static async Task<Worker> StartAsync(ExternalTaskFixture service, string scenario, string topic)
        {
            var directory = Path.Combine(TestDatabase.RepositoryRoot(), "tests", "external-task-client");
            Assert.True(System.IO.Directory.Exists(Path.Combine(directory, "node_modules", "camunda-external-task-client-js")),
                $"Install the Camunda client first: (cd {directory} && npm ci --ignore-scripts); deploy/test.sh does.");
            var (user, _) = await service.BasicWorkerAsync("js-worker");
            var info = new ProcessStartInfo("node", ["worker.mjs", scenario, new Uri(service.BaseAddress, "/engine-rest").ToString(), topic, user, ServiceFixture.Password])
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
            };
            var worker = new Worker(Process.Start(info)!);
            worker._process.ErrorDataReceived += (_, e) =>
            {
                lock (worker._lines)
                {
                    if (e.Data is not null)
                    {
                        worker._lines.Add("stderr: " + e.Data);
                    }
                }
            };
            worker._process.OutputDataReceived += (_, e) =>
            {
                lock (worker._lines)
                {
                    if (e.Data is not null)
                    {
                        worker._lines.Add(e.Data);
                    }
                }
            };
            worker._process.BeginOutputReadLine();
            worker._process.BeginErrorReadLine();
            return worker;
        }

        /// <summary>The first line with <c>"event": <paramref name="name"/></c>; fails on an error line or when node exits without it.</summary>
        public async Task<JsonElement> NextAsync(string name)
        {
            JsonElement? found = null;
            await ServiceFixture.EventuallyAsync(() =>
            {
                lock (_lines)
                {
                    foreach (var line in _lines.Where(l => l.StartsWith('{')))
                    {
                        var json = JsonDocument.Parse(line).RootElement;
                        var kind = json.GetProperty("event").GetString();
                        Assert.False(kind is "error", $"The client reported: {line}");
                        if (kind == name)
                        {
                            found = json.Clone();
                            return Task.FromResult(true);
                        }
                    }

                    Assert.False(_process.HasExited && _process.ExitCode != 0, $"node exited with {(_process.HasExited ? _process.ExitCode : 0)}: {string.Join('\n', _lines)}");
                    return Task.FromResult(false);
                }
            }, $"the client's '{name}' event");
            return found!.Value;
        }

        public async Task SendAsync(string line)
        {
            await _process.StandardInput.WriteLineAsync(line);
            await _process.StandardInput.FlushAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }
}
