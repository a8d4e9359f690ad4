using System.Globalization;
using System.Text.Json;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Tests.Randomized;

/// <summary>
/// Property-style test of the whole engine (and the parser): random well-formed processes run to
/// completion under random commands while the invariants of <see cref="RandomRun"/> hold after every
/// step, and a second run of the same seed gives the same history. A failing seed is named in the
/// test case and the message; replay it alone with
/// <c>dotnet test --filter 'DisplayName~RandomProcess_RunsToCompletionKeepingInvariants\(seed: 42\)'</c>
/// (the filter needs the parentheses escaped). Set <c>APPROVALFLOW_RANDOMIZED_SEEDS</c> to run more seeds
/// (default 300; seeds 1 to that count, so a seed above 300 replays only with the count at least that seed).
/// </summary>
public sealed class RandomizedProcessTests
{
    private const int DefaultSeedCount = 300;

    public static TheoryData<int> Seeds()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("APPROVALFLOW_RANDOMIZED_SEEDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : DefaultSeedCount;
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= count; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomProcess_RunsToCompletionKeepingInvariants(int seed)
    {
        var generated = ProcessGenerator.Generate(seed);
        RandomRun? first = null;
        try
        {
            var process = RandomRun.Prepare(generated);
            first = RandomRun.Create(generated, process, seed, check: true);
            first.Run();
            var second = RandomRun.Create(generated, process, seed, check: false);
            second.Run();
            var expected = JsonSerializer.Serialize(first.History, EngineJson.Options);
            var actual = JsonSerializer.Serialize(second.History, EngineJson.Options);
            if (expected != actual)
            {
                throw new InvariantViolation($"A second run of the same seed gave a different history.\nfirst:  {expected}\nsecond: {actual}");
            }
        }
        catch (Exception e) when (e is InvariantViolation or InvalidOperationException or KeyNotFoundException or NullReferenceException or ArgumentException)
        {
            Assert.Fail($"Seed {seed}, step {first?.Steps}: {e.GetType().Name}: {e.Message}\n\nCommands:\n{first?.Log}\n\nProcess:\n{generated.Xml}\n\n{e.StackTrace}");
        }
    }

    /// <summary>Guards the generator against losing the activities that fork by themselves (with a default flow) and the evaluated names.</summary>
    [Fact]
    public void Generator_DrawsActivitiesWithADefaultFlowAndNamesWithExpressions()
    {
        var tasks = Enumerable.Range(1, 150)
            .SelectMany(seed => System.Xml.Linq.XDocument.Parse(ProcessGenerator.Generate(seed).Xml).Descendants().Where(e => e.Name.LocalName == "userTask"))
            .ToList();

        Assert.True(tasks.Count(t => t.Attribute("default") is not null) >= 20, "too few user tasks with a default flow");
        Assert.True(tasks.Count(t => ((string?)t.Attribute("name"))?.Contains("${", StringComparison.Ordinal) == true) >= 20, "too few names with expressions");
    }

    /// <summary>Guards the generator and driver against silently losing coverage.</summary>
    [Fact]
    public void RandomRuns_ExerciseEveryKindOfEvent()
    {
        var seen = new HashSet<HistoryEventType>();
        int receivedFromOwnThrow = 0, receivedFromBroadcast = 0, escalationsCaught = 0, escalationsUncaught = 0, eventSubprocessesRun = 0;
        foreach (var seed in Enumerable.Range(1, 150))
        {
            var generated = ProcessGenerator.Generate(seed);
            var run = RandomRun.Create(generated, RandomRun.Prepare(generated), seed, check: false);
            run.Run();
            seen.UnionWith(run.History.Select(e => e.Type));
            var received = run.History.Where(e => e.Type == HistoryEventType.SignalReceived).ToList();
            receivedFromBroadcast += received.Count(e => e.Data!.ContainsKey("deliveryId"));
            receivedFromOwnThrow += received.Count(e => !e.Data!.ContainsKey("deliveryId"));
            var escalations = run.History.Where(e => e.Type == HistoryEventType.EscalationThrown).ToList();
            escalationsCaught += escalations.Count(e => e.Data!.ContainsKey("caughtBy"));
            escalationsUncaught += escalations.Count(e => !e.Data!.ContainsKey("caughtBy"));
            eventSubprocessesRun += run.History.Count(e => e.Type == HistoryEventType.NodeEntered && e.NodeId!.StartsWith("esp_", StringComparison.Ordinal));
        }

        HistoryEventType[] expected =
        [
            HistoryEventType.NodeCancelled, HistoryEventType.TaskCancelled, HistoryEventType.TimerFired, HistoryEventType.MessageCorrelated,
            HistoryEventType.JobCompleted, HistoryEventType.JobFailed, HistoryEventType.ErrorThrown,
            HistoryEventType.SignalThrown, HistoryEventType.SignalReceived, HistoryEventType.EscalationThrown,
        ];
        Assert.Empty(expected.Except(seen));
        Assert.True(receivedFromOwnThrow >= 5, $"too few signals caught from the process's own throws ({receivedFromOwnThrow})");
        Assert.True(receivedFromBroadcast >= 20, $"too few broadcast signals received ({receivedFromBroadcast})");
        Assert.True(escalationsCaught >= 10 && escalationsUncaught >= 5, $"too few escalations caught ({escalationsCaught}) or uncaught ({escalationsUncaught})");
        Assert.True(eventSubprocessesRun >= 20, $"too few event subprocesses run ({eventSubprocessesRun})");
    }

    [Fact]
    public void Generator_IsDeterministicPerSeed() =>
        Assert.Equal(ProcessGenerator.Generate(7).Xml, ProcessGenerator.Generate(7).Xml);
}
