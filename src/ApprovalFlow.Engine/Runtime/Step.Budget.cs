using System.Globalization;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>
/// The work budget of a step (<see cref="EngineOptions.MaxNodeEntriesPerStep"/>,
/// <see cref="EngineOptions.MaxStepDuration"/>): a step that uses it up stops at once, keeps the work it
/// had queued in <see cref="ProcessInstanceState.Agenda"/>, and reports one incident; retrying it runs
/// that work with a new budget.
/// </summary>
internal sealed partial class Step
{
    /// <summary>Counts one node entry; says which budget is used up, or <see langword="null"/>.</summary>
    private string? BudgetExceeded()
    {
        if (++_entries > _options.MaxNodeEntriesPerStep)
        {
            return string.Create(CultureInfo.InvariantCulture, $"more than {_options.MaxNodeEntriesPerStep} nodes were entered in one step (Engine:MaxNodeEntriesPerStep)");
        }

        var elapsed = _time.GetElapsedTime(_startedAt);
        return elapsed > _options.MaxStepDuration
            ? string.Create(CultureInfo.InvariantCulture, $"the step ran {elapsed.TotalMilliseconds:0} ms, longer than {_options.MaxStepDuration.TotalMilliseconds:0} ms (Engine:MaxStepDuration)")
            : null;
    }

    /// <summary>
    /// Ends the step: <paramref name="next"/> and everything still queued move to the state's agenda, and
    /// one <see cref="IncidentKind.WorkBudget"/> incident (on the root, naming the node where work
    /// stopped) waits for a retry; an open one is reused.
    /// </summary>
    private void StopForBudget(AgendaEntry next, string exceeded)
    {
        var kept = _agenda.Count + 1;
        State.Agenda.Add(next);
        while (_agenda.TryDequeue(out var rest))
        {
            State.Agenda.Add(rest);
        }

        if (State.Incidents.Exists(i => i.Kind == IncidentKind.WorkBudget))
        {
            return;
        }

        var root = State.Executions.Find(e => e.Kind == ExecutionKind.Root)!;
        OpenIncident(root.Id, next.NodeId, IncidentKind.WorkBudget, RetryAction.Resume,
            string.Create(CultureInfo.InvariantCulture,
                $"The step stopped before '{next.NodeId}': {exceeded}. A loop without a wait state, or a very large fan-out? {kept} token moves are kept and run when this incident is retried."));
    }

    /// <summary>Runs the work kept by <see cref="StopForBudget"/> (in its order) with this step's budget.</summary>
    private void ResumeAgenda()
    {
        foreach (var entry in State.Agenda)
        {
            _agenda.Enqueue(entry);
        }

        State.Agenda.Clear();
    }
}
