using System.Text.Json;
using ApprovalFlow.Bpmn.Model;
using ApprovalFlow.Engine.Calendar;
using ApprovalFlow.Engine.Expressions;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Engine.Intents;
using ApprovalFlow.Engine.State;

namespace ApprovalFlow.Engine.Runtime;

/// <summary>
/// One engine step on a private copy of the state (copy on write, see <see cref="Own"/>): runs tokens until every token waits (BPMN 2.0.2
/// §13), collecting intents and history. Split by concern into partial files. Not thread-safe; used
/// once.
/// </summary>
internal sealed partial class Step
{
    private readonly Queue<AgendaEntry> _agenda = new();
    private readonly List<EngineIntent> _intents = [];
    private readonly List<HistoryEvent> _history = [];
    private readonly IExpressionEvaluator _evaluator;
    private readonly IBusinessCalendar _calendar;
    private readonly EngineOptions _options;
    private readonly TimeProvider _time;
    private readonly long _startedAt;
    private int _entries;

    public Step(ExecutableProcess process, ProcessInstanceState state, DateTimeOffset now, IExpressionEvaluator evaluator, IBusinessCalendar calendar, TimeProvider time, EngineOptions options)
    {
        Process = process;
        State = state;
        Now = now;
        _evaluator = evaluator;
        _calendar = calendar;
        _time = time;
        _options = options;
        _startedAt = time.GetTimestamp();
        _byId = IndexByIdUnlessInOrder(state);
        _children = new(ScopeCount(state.Executions) + 4, StringComparer.Ordinal);
        IndexExecutions();
        IndexTransit();
    }

    public ExecutableProcess Process { get; }

    public ProcessInstanceState State { get; }

    public DateTimeOffset Now { get; }

    public StepResult.Applied Result() => new(State, _intents, _history);

    /// <summary>Queues a token to enter <paramref name="nodeId"/> (by <paramref name="flowId"/>, if any).</summary>
    private void Schedule(Execution execution, string nodeId, string? flowId)
    {
        _inTransit.Add(execution.Id);
        _agenda.Enqueue(new AgendaEntry(execution.Id, nodeId, flowId, RunOnly: false));
    }

    /// <summary>Queues a multi-instance item to run its activity.</summary>
    private void ScheduleRun(Execution item) =>
        _agenda.Enqueue(new AgendaEntry(item.Id, item.NodeId, null, RunOnly: true));

    /// <summary>
    /// Runs queued work, then ready inclusive joins, until every token waits, or until the work budget
    /// is used up: then the work left over is kept and one incident reports it (<see cref="StopForBudget"/>).
    /// </summary>
    public void Drain()
    {
        do
        {
            while (TryNextEntry(out var item))
            {
                var execution = Find(item.ExecutionId);
                if (execution is null)
                {
                    continue;
                }

                if (BudgetExceeded() is { } exceeded)
                {
                    StopForBudget(item, exceeded);
                    return;
                }

                if (item.RunOnly)
                {
                    RunNode(execution, Process.Node(item.NodeId));
                }
                else
                {
                    Enter(execution, item.NodeId, item.FlowId);
                }
            }
        }
        while (FireReadyInclusiveJoin());
    }

    /// <summary>A token arrives at a node: multi-instance and boundary events first, then the node's behaviour.</summary>
    public void Enter(Execution execution, string nodeId, string? flowId)
    {
        var node = Process.Node(nodeId);
        _inTransit.Remove(execution.Id);
        ClearJoining(execution);
        execution.NodeId = nodeId;
        execution.ArrivedVia = flowId;
        execution.Status = ExecutionStatus.Waiting;
        if (execution.Kind != ExecutionKind.MultiInstanceItem)
        {
            Record(HistoryEventType.NodeEntered, node.Id, execution.Id);
            if (node is Activity { MultiInstance: { } loop } activity)
            {
                StartMultiInstance(execution, activity, loop);
                return;
            }

            if (node is Activity withBoundaries && !AttachBoundaries(execution, withBoundaries))
            {
                return;
            }
        }

        RunNode(execution, node);
    }

    /// <summary>The behaviour of each kind of node for a token (or multi-instance item) at it.</summary>
    private void RunNode(Execution execution, FlowNode node)
    {
        switch (node)
        {
            case IntermediateThrowEvent { Definition: { } thrown }:
                if (Throw(execution, node, thrown))
                {
                    Leave(execution, node);
                }

                break;
            case StartEvent or IntermediateThrowEvent or BoundaryEvent:
                Leave(execution, node);
                break;
            case PassThroughTask:
                CompleteActivity(execution);
                break;
            case EndEvent end:
                End(execution, end);
                break;
            case IntermediateCatchEvent { Definition: ConditionalEventDefinition conditional } catchEvent:
                WaitForCondition(execution, catchEvent, conditional);
                break;
            case IntermediateCatchEvent catchEvent:
                Wait(execution, catchEvent.Id, catchEvent.Definition);
                break;
            case UserTask userTask:
                CreateUserTask(execution, userTask);
                break;
            case ServiceTask serviceTask:
                CreateJob(execution, serviceTask);
                break;
            case ScriptTask scriptTask:
                RunScript(execution, scriptTask);
                break;
            case ReceiveTask receiveTask:
                Subscribe(execution, receiveTask.Id, receiveTask.MessageName);
                break;
            case SubProcess subProcess:
                execution.Status = ExecutionStatus.Scope;
                if (!SubscribeEventSubprocesses(execution))
                {
                    break;
                }

                Schedule(NewExecution(execution.Id, subProcess.StartEventId, ExecutionKind.Token), subProcess.StartEventId, null);
                break;
            case CallActivity callActivity:
                StartChild(execution, callActivity);
                break;
            case ExclusiveGateway exclusive:
                RunExclusive(execution, exclusive);
                break;
            case ParallelGateway parallel:
                RunParallel(execution, parallel);
                break;
            case InclusiveGateway inclusive:
                RunInclusive(execution, inclusive);
                break;
            case EventBasedGateway eventBased:
                RunEventBased(execution, eventBased);
                break;
            default:
                throw new InvalidOperationException($"Node '{node.Id}' of type {node.ElementType} has no behaviour.");
        }
    }

    /// <summary>
    /// Throws the signal or escalation of a throw or end event (BPMN 2.0.2 §10.5.3, §10.5.5).
    /// </summary>
    /// <returns><see langword="true"/> when the token goes on: it neither got an incident nor was removed by a catch that interrupted its scope.</returns>
    private bool Throw(Execution execution, FlowNode node, EventDefinition thrown)
    {
        switch (thrown)
        {
            case SignalEventDefinition signal when !ThrowSignal(execution, node, signal):
                return false;
            case EscalationEventDefinition escalation:
                ThrowEscalation(execution, node, escalation);
                break;
        }

        return Find(execution.Id) is not null;
    }

    /// <summary>The activity the execution runs is done: a multi-instance item reports to its body, anything else leaves.</summary>
    private void CompleteActivity(Execution execution)
    {
        if (execution.Kind == ExecutionKind.MultiInstanceItem)
        {
            CompleteItem(execution);
        }
        else
        {
            Leave(execution, Process.Node(execution.NodeId));
        }
    }

    /// <summary>
    /// The token leaves a completed node over every outgoing flow that is unconditional or whose
    /// condition holds (uncontrolled flow, BPMN 2.0.2 §13.2.1), else over the activity's default flow
    /// (its <c>default</c> attribute, as Camunda 7's <c>DefaultSequenceFlowTest</c>); with none it is consumed.
    /// </summary>
    private void Leave(Execution execution, FlowNode node)
    {
        if (!DispatchBeforeLeaving(execution))
        {
            return;
        }

        var defaultFlow = (node as Activity)?.DefaultFlow;
        if (!TrySelectFlows(execution, Process.Outgoing(node.Id), defaultFlow, firstOnly: false, RetryAction.Leave, out var taken))
        {
            return;
        }

        if (taken.Count == 0 && defaultFlow is not null)
        {
            taken.Add(Process.Definition.Flow(defaultFlow));
        }

        ReleaseWaits(execution);
        Record(HistoryEventType.NodeLeft, node.Id, execution.Id);
        TakeFlows(execution, taken);
    }

    /// <summary>Sends the token down the first flow and new sibling tokens down the others; no flows consumes it.</summary>
    private void TakeFlows(Execution execution, IReadOnlyList<SequenceFlow> flows)
    {
        if (flows.Count == 0)
        {
            var parentId = execution.ParentId!;
            RemoveExecution(execution);
            TryCompleteScope(parentId);
            return;
        }

        execution.Kind = ExecutionKind.Token;
        execution.Variables = null;
        execution.Items = null;
        execution.WaitingForChild = false;
        execution.Status = ExecutionStatus.Waiting;
        Schedule(execution, flows[0].TargetRef, flows[0].Id);
        for (var i = 1; i < flows.Count; i++)
        {
            Schedule(NewExecution(execution.ParentId, flows[i].TargetRef, ExecutionKind.Token), flows[i].TargetRef, flows[i].Id);
        }
    }

    private string NewId(string prefix) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{prefix}{State.NextId++}");

    private void Emit(EngineIntent intent) => _intents.Add(intent);

    private void Record(HistoryEventType type, string? nodeId = null, string? executionId = null, string? taskId = null, string? actor = null, IReadOnlyDictionary<string, JsonElement>? data = null) =>
        _history.Add(new HistoryEvent(type, Now, nodeId, executionId, taskId, actor, data));
}
