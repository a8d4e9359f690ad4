using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ApprovalFlow.Server.Hosting.Telemetry;

/// <summary>
/// The engine's and the mail's instruments on the <see cref="ApprovalFlowTelemetry.Name"/> meter (made by the host's
/// <see cref="IMeterFactory"/>). Thread-safe singleton. Prometheus names in brackets.
/// <list type="bullet">
/// <item><c>approvalflow.engine.commands</c> (<c>approvalflow_engine_commands_total</c>): counter of committed or refused commands; tags <c>kind</c>, <c>definition</c>, <c>outcome</c>.</item>
/// <item><c>approvalflow.engine.step.duration</c> (<c>approvalflow_engine_step_duration_milliseconds</c>): histogram, ms, load → step → commit of one command, retries included; same tags.</item>
/// <item><c>approvalflow.engine.lost_races</c> (<c>approvalflow_engine_lost_races_total</c>): counter of steps re-run because a concurrent step on the instance committed first (optimistic concurrency); tag <c>kind</c>.</item>
/// <item><c>approvalflow.engine.timer.lateness</c> (<c>approvalflow_engine_timer_lateness_seconds</c>): histogram, s, from a timer's due instant to its firing step; tag <c>definition</c>.</item>
/// <item><c>approvalflow.outbox.delivery.delay</c> (<c>approvalflow_outbox_delivery_delay_seconds</c>): histogram, s, from an outbox row's commit to its hand-over to Hangfire; tag <c>kind</c> (the row's kind).</item>
/// <item><c>approvalflow.mail.sent</c> (<c>approvalflow_mail_sent_total</c>): counter of messages accepted by the SMTP server; tag <c>kind</c> (notification kind).</item>
/// <item><c>approvalflow.mail.failed</c> (<c>approvalflow_mail_failed_total</c>): counter of failed send attempts; tags <c>kind</c>, <c>final</c>.</item>
/// </list>
/// </summary>
public sealed class EngineMetrics
{
    private static readonly InstrumentAdvice<double> SecondsBuckets = new() { HistogramBucketBoundaries = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600] };

    private readonly Counter<long> _commands;
    private readonly Histogram<double> _stepDuration;
    private readonly Counter<long> _lostRaces;
    private readonly Histogram<double> _timerLateness;
    private readonly Histogram<double> _outboxDelay;
    private readonly Counter<long> _mailSent;
    private readonly Counter<long> _mailFailed;

    /// <summary>Creates the instruments on the factory's <see cref="ApprovalFlowTelemetry.Name"/> meter.</summary>
    public EngineMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(ApprovalFlowTelemetry.Name);
        _commands = meter.CreateCounter<long>("approvalflow.engine.commands", "{command}", "Engine commands run, by kind, definition and outcome.");
        _stepDuration = meter.CreateHistogram<double>("approvalflow.engine.step.duration", "ms", "Duration of one engine command: load, step, commit (retries included).");
        _lostRaces = meter.CreateCounter<long>("approvalflow.engine.lost_races", "{retry}", "Steps run again because a concurrent step on the same instance committed first.");
        _timerLateness = meter.CreateHistogram<double>("approvalflow.engine.timer.lateness", "s", "Delay from a timer's due instant to the step that fired it.", advice: SecondsBuckets);
        _outboxDelay = meter.CreateHistogram<double>("approvalflow.outbox.delivery.delay", "s", "Delay from an outbox row's commit to its hand-over to Hangfire.", advice: SecondsBuckets);
        _mailSent = meter.CreateCounter<long>("approvalflow.mail.sent", "{message}", "E-mail messages accepted by the SMTP server, by notification kind.");
        _mailFailed = meter.CreateCounter<long>("approvalflow.mail.failed", "{attempt}", "Failed e-mail send attempts, by notification kind; final=true when no retry is left.");
    }

    /// <summary>Records one command that ended.</summary>
    /// <param name="kind">The command's kind (<see cref="CommandKinds"/>).</param>
    /// <param name="definitionKey">The instance's definition key, or <see langword="null"/> when no instance was found.</param>
    /// <param name="outcome">How it ended: <c>applied</c>, <c>not_applicable</c>, <c>instance_not_found</c>.</param>
    /// <param name="elapsed">How long it took.</param>
    public void CommandRan(string kind, string? definitionKey, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { ApprovalFlowTelemetry.KindTag, kind },
            { ApprovalFlowTelemetry.DefinitionTag, definitionKey ?? string.Empty },
            { ApprovalFlowTelemetry.OutcomeTag, outcome },
        };
        _commands.Add(1, tags);
        _stepDuration.Record(elapsed.TotalMilliseconds, tags);
    }

    /// <summary>Records a step of <paramref name="kind"/> that lost the race for its instance and runs again.</summary>
    public void LostRace(string kind) => _lostRaces.Add(1, new KeyValuePair<string, object?>(ApprovalFlowTelemetry.KindTag, kind));

    /// <summary>Records a timer of <paramref name="definitionKey"/> that fired <paramref name="lateness"/> after its due instant (negative is counted as 0).</summary>
    public void TimerFired(string definitionKey, TimeSpan lateness) =>
        _timerLateness.Record(Math.Max(0, lateness.TotalSeconds), new KeyValuePair<string, object?>(ApprovalFlowTelemetry.DefinitionTag, definitionKey));

    /// <summary>Records an outbox row of <paramref name="kind"/> handed to Hangfire <paramref name="delay"/> after its commit.</summary>
    public void OutboxDispatched(string kind, TimeSpan delay) =>
        _outboxDelay.Record(Math.Max(0, delay.TotalSeconds), new KeyValuePair<string, object?>(ApprovalFlowTelemetry.KindTag, kind));

    /// <summary>Records a mail of notification kind <paramref name="kind"/> accepted by the SMTP server.</summary>
    public void MailSent(string kind) => _mailSent.Add(1, new KeyValuePair<string, object?>(ApprovalFlowTelemetry.KindTag, kind));

    /// <summary>Records a failed send attempt of a mail of kind <paramref name="kind"/>; <paramref name="final"/> when no retry is left.</summary>
    public void MailFailed(string kind, bool final) => _mailFailed.Add(
        1, new KeyValuePair<string, object?>(ApprovalFlowTelemetry.KindTag, kind), new KeyValuePair<string, object?>(ApprovalFlowTelemetry.FinalTag, final ? "true" : "false"));
}
