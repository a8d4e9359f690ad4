using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.ExternalTasks;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static ApprovalFlow.Server.Tests.ExternalTasks.ExternalTaskFixture;

namespace ApprovalFlow.Server.Tests.ExternalTasks;

/// <summary>The Camunda 7 compatible external task API on PostgreSQL, with the test clock for locks and retry timeouts.</summary>
[Collection(ExternalTaskGroup.Name)]
public sealed class ExternalTaskApiTests(ExternalTaskFixture service)
{
    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..30];

    [Fact]
    public async Task FetchAndLock_ReturnsTypedVariables_AsExactlyApplicationJson_CompleteTakesTypedVariablesAnyCase()
    {
        var (key, topic) = (Unique("ext-types"), Unique("topic-types"));
        await service.DeployExternalAsync(key, topic);
        var (_, worker) = await service.BasicWorkerAsync("types-worker");
        var instance = await service.StartAsync(key, new { name = "پرونده ۱", count = 42, big = 5_000_000_000L, ratio = 1.5, flag = true, doc = new { a = 1 }, nothing = (string?)null }, "bk-types");

        var (response, tasks) = await FetchAsync(worker, "w1", topic);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
        var task = Assert.Single(tasks);
        Assert.Equal(topic, task.GetProperty("topicName").GetString());
        Assert.Equal("w1", task.GetProperty("workerId").GetString());
        Assert.Equal(instance.ToString(), task.GetProperty("processInstanceId").GetString());
        Assert.Equal("work", task.GetProperty("activityId").GetString());
        Assert.Equal("bk-types", task.GetProperty("businessKey").GetString());
        Assert.Equal(key, task.GetProperty("processDefinitionKey").GetString());
        Assert.Equal(JsonValueKind.Null, task.GetProperty("retries").ValueKind);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$", task.GetProperty("lockExpirationTime").GetString());
        var variables = task.GetProperty("variables");
        (string Type, string Raw) Typed(string name) => (variables.GetProperty(name).GetProperty("type").GetString()!, variables.GetProperty(name).GetProperty("value").GetRawText());
        Assert.Equal("String", Typed("name").Type);
        Assert.Equal("پرونده ۱", variables.GetProperty("name").GetProperty("value").GetString());
        Assert.Equal(("Integer", "42"), Typed("count"));
        Assert.Equal(("Long", "5000000000"), Typed("big"));
        Assert.Equal(("Double", "1.5"), Typed("ratio"));
        Assert.Equal(("Boolean", "true"), Typed("flag"));
        Assert.Equal("Json", Typed("doc").Type);
        Assert.Equal(1, JsonDocument.Parse(variables.GetProperty("doc").GetProperty("value").GetString()!).RootElement.GetProperty("a").GetInt32());
        Assert.Equal(("Null", "null"), Typed("nothing"));

        var complete = await PostAsync(worker, $"/engine-rest/external-task/{task.GetProperty("id").GetString()}/complete", new Dictionary<string, object>
        {
            ["workerId"] = "w1",
            ["someFieldCamundaMayAdd"] = 1,
            ["variables"] = new Dictionary<string, object?>
            {
                ["total"] = new { type = "Integer", value = 7, valueInfo = new { } },
                ["label"] = new { type = "string", value = "ok" },
                ["huge"] = new { type = "LONG", value = 9_000_000_000L },
                ["share"] = new { type = "double", value = 0.25 },
                ["done"] = new { type = "boolean", value = true },
                ["when"] = new { type = "Date", value = "2026-12-01T10:00:00.000+0330" },
                ["items"] = new { type = "json", value = "[1,2,3]" },
                ["order"] = new { type = "Object", value = "{\"id\":5}", valueInfo = new { objectTypeName = "java.util.HashMap", serializationDataFormat = "application/json" } },
                ["cleared"] = new { type = "Null", value = (object?)null },
            },
            ["localVariables"] = new Dictionary<string, object> { ["scratch"] = new { type = "String", value = "dropped" } },
        });

        Assert.Equal(HttpStatusCode.NoContent, complete.StatusCode);
        var state = await service.StateAsync(instance);
        Assert.Equal($"{key}-after", Assert.Single(state.Subscriptions).MessageName);
        Assert.Equal(7, state.Variables["total"].GetInt32());
        Assert.Equal("ok", state.Variables["label"].GetString());
        Assert.Equal(9_000_000_000L, state.Variables["huge"].GetInt64());
        Assert.Equal(0.25, state.Variables["share"].GetDouble());
        Assert.True(state.Variables["done"].GetBoolean());
        Assert.Equal("2026-12-01T06:30:00.000Z", state.Variables["when"].GetString());
        Assert.Equal(3, state.Variables["items"].GetArrayLength());
        Assert.Equal(5, state.Variables["order"].GetProperty("id").GetInt32());
        Assert.Equal(JsonValueKind.Null, state.Variables["cleared"].ValueKind);
        Assert.False(state.Variables.ContainsKey("scratch"));
        Assert.Empty(await service.RowsAsync(instance));
    }

    [Fact]
    public async Task Complete_ByAnotherWorker_Is400_UnknownTask404_BadVariableType400()
    {
        var (key, topic) = (Unique("ext-owner"), Unique("topic-owner"));
        await service.DeployExternalAsync(key, topic);
        var (_, worker) = await service.BasicWorkerAsync("owner-worker");
        var instance = await service.StartAsync(key);
        var id = Assert.Single((await FetchAsync(worker, "holder", topic)).Tasks).GetProperty("id").GetString();

        var other = await PostAsync(worker, $"/engine-rest/external-task/{id}/complete", new { workerId = "intruder" });
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        var (type, message) = await ErrorAsync(other);
        Assert.Equal("InvalidRequestException", type);
        Assert.Contains("It is locked by worker 'holder'", message, StringComparison.Ordinal);

        var missing = await PostAsync(worker, $"/engine-rest/external-task/{Guid.NewGuid()}/complete", new { workerId = "holder" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("does not exist", (await ErrorAsync(missing)).Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(worker, "/engine-rest/external-task/not-an-id/complete", new { workerId = "holder" })).StatusCode);

        var badType = await PostAsync(worker, $"/engine-rest/external-task/{id}/complete", new { workerId = "holder", variables = new { x = new { type = "Bytes", value = "AAA=" } } });
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
        Assert.Contains("Bytes", (await ErrorAsync(badType)).Message, StringComparison.Ordinal);
        var badInteger = await PostAsync(worker, $"/engine-rest/external-task/{id}/complete", new { workerId = "holder", variables = new { x = new { type = "Integer", value = 1.5 } } });
        Assert.Equal(HttpStatusCode.BadRequest, badInteger.StatusCode);

        Assert.Equal("work", Assert.Single((await service.StateAsync(instance)).Jobs).NodeId);
        Assert.Equal("holder", Assert.Single(await service.RowsAsync(instance)).WorkerId);
    }

    [Fact]
    public async Task ExpiredLock_IsFetchedByAnotherWorker_AndTheStaleHoldersCompletionIsRefused()
    {
        var (key, topic) = (Unique("ext-expiry"), Unique("topic-expiry"));
        await service.DeployExternalAsync(key, topic);
        var (_, worker) = await service.BasicWorkerAsync("expiry-worker");
        var instance = await service.StartAsync(key);
        var id = Assert.Single((await FetchAsync(worker, "slow", topic, lockDuration: 30_000)).Tasks).GetProperty("id").GetString();
        Assert.Empty((await FetchAsync(worker, "fast", topic)).Tasks);

        service.Clock.Advance(TimeSpan.FromSeconds(31));
        var again = Assert.Single((await FetchAsync(worker, "fast", topic)).Tasks);
        Assert.Equal(id, again.GetProperty("id").GetString());

        var stale = await PostAsync(worker, $"/engine-rest/external-task/{id}/complete", new { workerId = "slow", variables = new { by = new { type = "String", value = "slow" } } });
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("locked by worker 'fast'", (await ErrorAsync(stale)).Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(worker, $"/engine-rest/external-task/{id}/complete", new { workerId = "fast", variables = new { by = new { type = "String", value = "fast" } } })).StatusCode);
        var state = await service.StateAsync(instance);
        Assert.Equal("fast", state.Variables["by"].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(worker, $"/engine-rest/external-task/{id}/complete", new { workerId = "fast" })).StatusCode);
    }

    [Fact]
    public async Task Failure_WithRetries_IsFetchableAfterTheTimeout_ZeroRetriesRaisesAnIncident_RetriedIncidentOffersAgain()
    {
        var (key, topic) = (Unique("ext-fail"), Unique("topic-fail"));
        await service.DeployExternalAsync(key, topic);
        var (_, worker) = await service.BasicWorkerAsync("fail-worker");
        var instance = await service.StartAsync(key);
        var id = Assert.Single((await FetchAsync(worker, "w", topic)).Tasks).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(worker, $"/engine-rest/external-task/{id}/failure",
            new { workerId = "w", errorMessage = "registry busy", errorDetails = "trace 1", retries = 1, retryTimeout = 30_000 })).StatusCode);
        Assert.Empty((await FetchAsync(worker, "w", topic)).Tasks);
        service.Clock.Advance(TimeSpan.FromSeconds(31));
        var retried = Assert.Single((await FetchAsync(worker, "w", topic)).Tasks);
        Assert.Equal(1, retried.GetProperty("retries").GetInt32());
        Assert.Equal("registry busy", retried.GetProperty("errorMessage").GetString());
        Assert.Equal("trace 1", retried.GetProperty("errorDetails").GetString());
        Assert.Equal("trace 1", await (await worker.GetAsync($"/engine-rest/external-task/{id}/errorDetails")).Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(worker, $"/engine-rest/external-task/{id}/failure",
            new { workerId = "w", errorMessage = "registry gone", retries = 0, retryTimeout = 0 })).StatusCode);

        var incident = Assert.Single(await service.IncidentsAsync(instance));
        Assert.Equal(Engine.State.IncidentKind.JobFailed, incident.Kind);
        Assert.Contains("registry gone", incident.Message, StringComparison.Ordinal);
        Assert.Null(incident.ResolvedAt);
        service.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty((await FetchAsync(worker, "w", topic)).Tasks);
        var listed = await worker.GetFromJsonAsync<JsonElement[]>($"/engine-rest/external-task?processInstanceId={instance}&noRetriesLeft=true");
        Assert.Equal(0, Assert.Single(listed!).GetProperty("retries").GetInt32());

        var (_, admin) = await service.SignInNewAsync("ext-admin", [Roles.Admin]);
        (await admin.PostAsJsonAsync($"/api/incidents/{incident.Id}/retry", new { })).EnsureSuccessStatusCode();
        var offered = Assert.Single((await FetchAsync(worker, "w2", topic)).Tasks);
        Assert.Equal(id, offered.GetProperty("id").GetString());
        Assert.NotNull((await service.IncidentsAsync(instance)).Single().ResolvedAt);
    }

    [Fact]
    public async Task BpmnError_IsCaughtByTheErrorBoundaryEvent_WithItsVariables()
    {
        var (key, topic) = (Unique("ext-error"), Unique("topic-error"));
        await service.DeployExternalAsync(key, topic);
        var (_, worker) = await service.BasicWorkerAsync("error-worker");
        var instance = await service.StartAsync(key);
        var id = Assert.Single((await FetchAsync(worker, "w", topic)).Tasks).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(worker, $"/engine-rest/external-task/{id}/bpmnError", new { workerId = "other", errorCode = "REJECTED" })).StatusCode);
        var response = await PostAsync(worker, $"/engine-rest/external-task/{id}/bpmnError",
            new { workerId = "w", errorCode = "REJECTED", errorMessage = "no such parcel", variables = new { reason = new { type = "String", value = "parcel unknown" } } });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var state = await service.StateAsync(instance);
        Assert.Equal($"{key}-handled", Assert.Single(state.Subscriptions).MessageName);
        Assert.Equal("parcel unknown", state.Variables["reason"].GetString());
        Assert.Empty(await service.RowsAsync(instance));
        Assert.Empty(await service.IncidentsAsync(instance));
    }

    [Fact]
    public async Task ExtendLock_Lock_Unlock_FollowCamundasRules()
    {
        var (key, topic) = (Unique("ext-locks"), Unique("topic-locks"));
        await service.DeployExternalAsync(key, topic);
        var (_, worker) = await service.BasicWorkerAsync("locks-worker");
        var instance = await service.StartAsync(key);
        var id = Assert.Single((await FetchAsync(worker, "a", topic, lockDuration: 10_000)).Tasks).GetProperty("id").GetString();
        var lockedAt = service.Clock.GetUtcNow();

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(worker, $"/engine-rest/external-task/{id}/extendLock", new { workerId = "b", newDuration = 60_000 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(worker, $"/engine-rest/external-task/{id}/extendLock", new { workerId = "a", newDuration = 60_000 })).StatusCode);
        Assert.Equal(lockedAt.AddSeconds(60).ToUnixTimeMilliseconds(), Assert.Single(await service.RowsAsync(instance)).LockExpiresAt!.Value.ToUnixTimeMilliseconds());
        service.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty((await FetchAsync(worker, "b", topic)).Tasks);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(worker, $"/engine-rest/external-task/{id}/lock", new { workerId = "b", lockDuration = 1000 })).StatusCode);

        // The JavaScript client posts {} and other clients nothing at all: both unlock.
        var unlock = await worker.PostAsync($"/engine-rest/external-task/{id}/unlock", null);
        Assert.Equal(HttpStatusCode.NoContent, unlock.StatusCode);
        Assert.Null(unlock.Content.Headers.ContentType);
        Assert.Null(Assert.Single(await service.RowsAsync(instance)).WorkerId);
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(worker, $"/engine-rest/external-task/{id}/lock", new { workerId = "b", lockDuration = 5_000 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(worker, $"/engine-rest/external-task/{id}/unlock", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(worker, $"/engine-rest/external-task/{Guid.NewGuid()}/unlock", new { })).StatusCode);
        Assert.Equal(id, Assert.Single((await FetchAsync(worker, "c", topic)).Tasks).GetProperty("id").GetString());
    }

    [Fact]
    public async Task List_FiltersByCamundasQueryParameters_AndCounts()
    {
        var (key, topic) = (Unique("ext-list"), Unique("topic-list"));
        await service.DeployExternalAsync(key, topic);
        var (_, worker) = await service.BasicWorkerAsync("list-worker");
        var first = await service.StartAsync(key);
        var second = await service.StartAsync(key);
        var locked = Assert.Single((await FetchAsync(worker, "lister", topic, maxTasks: 1)).Tasks);

        async Task<string[]> Ids(string query)
        {
            var response = await worker.GetAsync($"/engine-rest/external-task?{query}");
            Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
            return [.. (await response.Content.ReadFromJsonAsync<JsonElement[]>())!.Select(t => t.GetProperty("processInstanceId").GetString()!)];
        }

        // Both start at the same instant of the test clock: the listing's order between them is the ids'.
        var lockedInstance = locked.GetProperty("processInstanceId").GetString()!;
        var free = new[] { first, second }.Select(i => i.ToString()).Single(i => i != lockedInstance);
        var all = await Ids($"topicName={topic}");
        Assert.Equal(new[] { first.ToString(), second.ToString() }.Order(), all.Order());
        Assert.Equal([lockedInstance], await Ids($"topicName={topic}&locked=true"));
        Assert.Equal([free], await Ids($"topicName={topic}&notLocked=true"));
        Assert.Equal([lockedInstance], await Ids($"topicName={topic}&workerId=lister"));
        Assert.Equal([second.ToString()], await Ids($"processInstanceId={second}"));
        Assert.Equal([all[1]], await Ids($"topicName={topic}&firstResult=1&maxResults=5"));
        var count = await worker.GetFromJsonAsync<JsonElement>($"/engine-rest/external-task/count?topicName={topic}");
        Assert.Equal(2, count.GetProperty("count").GetInt64());
        var one = await worker.GetFromJsonAsync<JsonElement>($"/engine-rest/external-task/{locked.GetProperty("id").GetString()}");
        Assert.Equal("lister", one.GetProperty("workerId").GetString());
    }

    [Fact]
    public async Task LongPoll_IsAnsweredWhenATaskAppears()
    {
        var (key, topic) = (Unique("ext-poll"), Unique("topic-poll"));
        await service.DeployExternalAsync(key, topic);
        var (_, worker) = await service.BasicWorkerAsync("poll-worker");
        var signal = service.Factory.Services.GetRequiredService<ExternalTaskSignal>();
        var waitingBefore = signal.Waiting;

        var poll = FetchAsync(worker, "poller", topic, asyncResponseTimeout: 50_000);
        // The test clock stands still, so the poll can only end early through a wake-up.
        await ServiceFixture.EventuallyAsync(() => Task.FromResult(signal.Waiting > waitingBefore), "the fetchAndLock to wait");
        Assert.False(poll.IsCompleted);
        var instance = await service.StartAsync(key);

        var (response, tasks) = await poll;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(instance.ToString(), Assert.Single(tasks).GetProperty("processInstanceId").GetString());
    }

    [Fact]
    public async Task ConcurrentFetches_LockEveryTaskOnce()
    {
        var (key, topic) = (Unique("ext-race"), Unique("topic-race"));
        await service.DeployExternalAsync(key, topic);
        var (_, worker) = await service.BasicWorkerAsync("race-worker");
        var instances = new List<Guid>();
        for (var i = 0; i < 24; i++)
        {
            instances.Add(await service.StartAsync(key));
        }

        var fetches = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => FetchAsync(worker, $"racer-{n}", topic, maxTasks: 5)));

        var ids = fetches.SelectMany(f => f.Tasks).Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(24, ids.Count);
    }

    [Fact]
    public async Task Authentication_BasicOrBearer_ForWorkersOnly_InCamundasErrorShape()
    {
        var anonymous = new HttpClient { BaseAddress = service.BaseAddress };
        var none = await anonymous.GetAsync("/engine-rest/external-task");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Basic", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("AuthenticationException", (await ErrorAsync(none)).Type);

        var (name, worker) = await service.BasicWorkerAsync("auth-worker");
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/engine-rest/external-task")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.BasicClient(name, "wrong-password").GetAsync("/engine-rest/external-task")).StatusCode);

        var official = await service.CreateUserAsync("auth-official", [Roles.Official]);
        var refused = await service.BasicClient(official.Email!, ServiceFixture.Password).GetAsync("/engine-rest/external-task");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("AuthorizationException", (await ErrorAsync(refused)).Type);

        var bearerWorker = await service.ClientForAsync(await service.CreateUserAsync("auth-bearer", [Roles.Worker]));
        Assert.Equal(HttpStatusCode.OK, (await bearerWorker.GetAsync("/engine-rest/external-task")).StatusCode);
        var bearerOfficial = await service.ClientForAsync(official);
        Assert.Equal(HttpStatusCode.Forbidden, (await bearerOfficial.GetAsync("/engine-rest/external-task")).StatusCode);
    }

    [Fact]
    public async Task FetchAndLock_RefusesWhatCamundaRefuses()
    {
        var (_, worker) = await service.BasicWorkerAsync("refuse-worker");
        var noWorker = await PostAsync(worker, "/engine-rest/external-task/fetchAndLock", new { maxTasks = 1, topics = new[] { new { topicName = "x", lockDuration = 1000 } } });
        Assert.Equal(HttpStatusCode.BadRequest, noWorker.StatusCode);
        Assert.Contains("workerId", (await ErrorAsync(noWorker)).Message, StringComparison.Ordinal);
        var noLock = await PostAsync(worker, "/engine-rest/external-task/fetchAndLock", new { workerId = "w", maxTasks = 1, topics = new[] { new { topicName = "x", lockDuration = 0 } } });
        Assert.Equal(HttpStatusCode.BadRequest, noLock.StatusCode);
        var tenant = await PostAsync(worker, "/engine-rest/external-task/fetchAndLock", new { workerId = "w", maxTasks = 1, topics = new[] { new { topicName = "x", lockDuration = 1000, tenantIdIn = new[] { "t" } } } });
        Assert.Equal(HttpStatusCode.BadRequest, tenant.StatusCode);
        var notJson = await worker.PostAsync("/engine-rest/external-task/fetchAndLock", new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }
}
