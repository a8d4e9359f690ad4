using System.Globalization;
using System.Xml.Linq;

namespace ApprovalFlow.Engine.Tests.Randomized;

/// <summary>A fork gateway and the join gateway that closes it, in the same scope.</summary>
/// <param name="ForkId">The splitting gateway.</param>
/// <param name="JoinId">The joining gateway.</param>
/// <param name="IsParallel"><see langword="true"/> for parallel, <see langword="false"/> for inclusive.</param>
internal sealed record GatewayPair(string ForkId, string JoinId, bool IsParallel);

/// <summary>A generated process: its BPMN XML and what the driver needs to know about it.</summary>
/// <param name="Xml">The BPMN 2.0 XML (Camunda namespace for the extensions).</param>
/// <param name="ProcessId">The process id.</param>
/// <param name="VariableCount">The decisions read <c>r1</c> .. <c>rN</c> (numbers 0..99).</param>
/// <param name="Pairs">Every parallel and inclusive fork/join pair.</param>
internal sealed record GeneratedProcess(string Xml, string ProcessId, int VariableCount, IReadOnlyList<GatewayPair> Pairs);

/// <summary>
/// Generates well-formed (block-structured) BPMN processes from a seed: sequences of blocks nested a
/// few levels deep, where a block is a task, a gateway block (parallel, exclusive, inclusive,
/// event-based), an embedded subprocess, a multi-instance activity, an activity with a boundary timer,
/// message or signal, an intermediate timer, a signal catch or throw (the throw may reach catches of the
/// same process), a subprocess throwing an escalation to its escalation boundary event, a subprocess with event subprocesses
/// (the process itself may have some too), or a bounded loop. Every token of such a process reaches an end event whatever
/// the decisions, timers and messages, so a run must always complete. Deterministic per seed.
/// </summary>
internal sealed partial class ProcessGenerator
{
    public const int VariableCount = 4;

    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    private readonly Random _random;
    private readonly int _maxDepth;
    private readonly List<XElement> _messages = [];
    private readonly List<XElement> _errors = [];
    private readonly List<XElement> _signals = [];
    private readonly List<XElement> _escalations = [];
    private readonly List<GatewayPair> _pairs = [];
    private int _next;

    private ProcessGenerator(int seed, int maxDepth)
    {
        _random = new Random(seed);
        _maxDepth = maxDepth;
    }

    /// <summary>Generates the process for <paramref name="seed"/>.</summary>
    public static GeneratedProcess Generate(int seed, int maxDepth = 3)
    {
        var generator = new ProcessGenerator(seed, maxDepth);
        var processId = $"random_{seed.ToString(CultureInfo.InvariantCulture)}";
        var process = new XElement(Bpmn + "process", new XAttribute("id", processId), new XAttribute("isExecutable", "true"));
        generator.FillScope(process, depth: 0);
        generator.MaybeEventSubprocess(process, depth: 0);
        var definitions = new XElement(
            Bpmn + "definitions",
            new XAttribute(XNamespace.Xmlns + "bpmn", Bpmn.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "camunda", Camunda.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "xsi", Xsi.NamespaceName),
            new XAttribute("id", "definitions"),
            new XAttribute("targetNamespace", "http://approvalflow.test/randomized"),
            generator._messages,
            generator._errors,
            generator._signals,
            generator._escalations,
            process);
        return new GeneratedProcess(definitions.ToString(), processId, VariableCount, generator._pairs);
    }

    /// <summary>start → block sequence → end, inside a process or subprocess element.</summary>
    private void FillScope(XElement scope, int depth)
    {
        var start = Add(scope, "startEvent", "start");
        var (entry, exit) = Sequence(scope, depth, inBranch: false);
        var end = Add(scope, "endEvent", "end");
        Flow(scope, start, entry);
        Flow(scope, exit, end);
    }

    /// <summary>One to three blocks in a row.</summary>
    /// <param name="scope">The enclosing process or subprocess element.</param>
    /// <param name="depth">Nesting depth of the blocks.</param>
    /// <param name="inBranch">
    /// Whether the blocks lie on a branch of a parallel or inclusive block of this scope: there a token
    /// must not end early (its join would wait for it forever), so interrupting boundary paths rejoin.
    /// </param>
    private (string Entry, string Exit) Sequence(XElement scope, int depth, bool inBranch)
    {
        var count = _random.Next(1, depth == 0 ? 5 : 3);
        var (entry, exit) = Block(scope, depth, inBranch);
        for (var i = 1; i < count; i++)
        {
            var (nextEntry, nextExit) = Block(scope, depth, inBranch);
            Flow(scope, exit, nextEntry);
            exit = nextExit;
        }

        return (entry, exit);
    }

    private (string Entry, string Exit) Block(XElement scope, int depth, bool inBranch)
    {
        var composite = depth < _maxDepth;
        var kind = _random.Next(composite ? 25 : 9);
        switch (kind)
        {
            case 6:
                return Single(ReceiveTask(scope));
            case 7 when !composite:
                return Single(SignalCatch(scope));
            case 8 when !composite:
                return Single(SignalThrow(scope));
            case 21:
                return _random.Next(2) == 0 ? Single(SignalCatch(scope)) : SignalRendezvous(scope, depth);
            case 22:
                return _random.Next(2) == 0 ? Single(SignalThrow(scope)) : WithBoundary(scope, depth, inBranch, BoundaryKind.Signal);
            case 23:
                return EscalationSubProcess(scope, depth);
            case 24:
                return Single(EventSubprocessScope(scope, depth));
            case 0 or 1:
                return Single(UserTask(scope));
            case 2:
                return Single(ServiceTask(scope));
            case 3:
                return Single(ScriptTask(scope));
            case 4:
                return Single(TimerCatch(scope, "PT30M"));
            case 5:
                return EventBased(scope);
            case 7:
                return ForkJoin(scope, depth, "parallelGateway");
            case 8:
                return ForkJoin(scope, depth, "inclusiveGateway");
            case 9:
                return Exclusive(scope, depth, inBranch);
            case 10:
                return Single(SubProcess(scope, depth));
            case 11:
                return Single(MultiInstance(scope, depth));
            case 12 or 13:
                return WithBoundary(scope, depth, inBranch, BoundaryKind.Timer);
            case 14:
                return WithBoundary(scope, depth, inBranch, BoundaryKind.Message);
            case 15:
                return ErrorSubProcess(scope, depth);
            case 16:
                return Single(TerminatingSubProcess(scope, depth));
            case 17:
                return ServiceWithErrorBoundary(scope);
            case 18:
                return ConditionalActivity(scope, depth, inBranch);
            default:
                return Loop(scope, depth, inBranch);
        }
    }

    private static (string Entry, string Exit) Single(string id) => (id, id);

    /// <summary>A user task; every other one has a name with an expression, evaluated when the task is created.</summary>
    private string UserTask(XElement scope) => _random.Next(2) == 0
        ? Add(scope, "userTask", "task", new XAttribute(Camunda + "assignee", "user"))
        : Add(scope, "userTask", "task", new XAttribute(Camunda + "assignee", "user"), new XAttribute("name", $"Task ${{{RandomVariable()}}} of ${{r1 + 1}}"));

    private string ServiceTask(XElement scope) =>
        Add(scope, "serviceTask", "service", new XAttribute(Camunda + "type", "external"), new XAttribute(Camunda + "topic", "topic"));

    private string ScriptTask(XElement scope)
    {
        var id = NewId("script");
        scope.Add(new XElement(
            Bpmn + "scriptTask",
            new XAttribute("id", id),
            new XAttribute("scriptFormat", "javascript"),
            new XAttribute(Camunda + "resultVariable", $"out_{id}"),
            new XElement(Bpmn + "script", $"{RandomVariable()} + 1")));
        return id;
    }

    private string TimerCatch(XElement scope, string duration)
    {
        var id = NewId("timer");
        scope.Add(new XElement(
            Bpmn + "intermediateCatchEvent",
            new XAttribute("id", id),
            new XElement(Bpmn + "timerEventDefinition", new XElement(Bpmn + "timeDuration", duration))));
        return id;
    }

    private string MessageCatch(XElement scope)
    {
        var id = NewId("message");
        scope.Add(new XElement(
            Bpmn + "intermediateCatchEvent",
            new XAttribute("id", id),
            new XElement(Bpmn + "messageEventDefinition", new XAttribute("messageRef", Message(id)))));
        return id;
    }

    private string ReceiveTask(XElement scope)
    {
        var id = NewId("receive");
        scope.Add(new XElement(Bpmn + "receiveTask", new XAttribute("id", id), new XAttribute("messageRef", Message(id))));
        return id;
    }

    /// <summary>Declares a message named after <paramref name="ownerId"/>; returns its id.</summary>
    private string Message(string ownerId)
    {
        var messageId = $"msg_{ownerId}";
        _messages.Add(new XElement(Bpmn + "message", new XAttribute("id", messageId), new XAttribute("name", $"{ownerId}_name")));
        return messageId;
    }

    /// <summary>A signal catch event, of its own signal or of one declared before (so throws may reach it).</summary>
    private string SignalCatch(XElement scope)
    {
        var id = NewId("sigcatch");
        scope.Add(new XElement(Bpmn + "intermediateCatchEvent", new XAttribute("id", id), new XElement(Bpmn + "signalEventDefinition", new XAttribute("signalRef", SomeSignal(id)))));
        return id;
    }

    /// <summary>
    /// A parallel fork whose first branch waits for a new signal at once and whose second branch throws
    /// it after a sequence of blocks (so the process's own throw reaches it, unless the driver sent the
    /// signal first); joined again.
    /// </summary>
    private (string Entry, string Exit) SignalRendezvous(XElement scope, int depth)
    {
        var fork = Add(scope, "parallelGateway", "fork");
        var join = Add(scope, "parallelGateway", "join");
        _pairs.Add(new GatewayPair(fork, join, IsParallel: true));
        var catchId = NewId("sigcatch");
        var signalId = $"sig_{catchId}";
        _signals.Add(new XElement(Bpmn + "signal", new XAttribute("id", signalId), new XAttribute("name", $"{catchId}_signal")));
        scope.Add(new XElement(Bpmn + "intermediateCatchEvent", new XAttribute("id", catchId), new XElement(Bpmn + "signalEventDefinition", new XAttribute("signalRef", signalId))));
        var (entry, exit) = Sequence(scope, depth + 1, inBranch: true);
        var throwId = NewId("sigthrow");
        scope.Add(new XElement(Bpmn + "intermediateThrowEvent", new XAttribute("id", throwId), new XElement(Bpmn + "signalEventDefinition", new XAttribute("signalRef", signalId))));
        Flow(scope, fork, catchId);
        Flow(scope, fork, entry);
        Flow(scope, exit, throwId);
        Flow(scope, catchId, join);
        Flow(scope, throwId, join);
        return (fork, join);
    }

    /// <summary>A signal throw event, of a signal declared before (reaching this process's own catches and boundaries) or of its own.</summary>
    private string SignalThrow(XElement scope)
    {
        var id = NewId("sigthrow");
        scope.Add(new XElement(Bpmn + "intermediateThrowEvent", new XAttribute("id", id), new XElement(Bpmn + "signalEventDefinition", new XAttribute("signalRef", SomeSignal(id)))));
        return id;
    }

    /// <summary>A signal declared before (half of the time, when there is one), or a new one named after <paramref name="ownerId"/>.</summary>
    private string SomeSignal(string ownerId)
    {
        if (_signals.Count > 0 && _random.Next(2) == 0)
        {
            return (string)_signals[_random.Next(_signals.Count)].Attribute("id")!;
        }

        var signalId = $"sig_{ownerId}";
        _signals.Add(new XElement(Bpmn + "signal", new XAttribute("id", signalId), new XAttribute("name", $"{ownerId}_signal")));
        return signalId;
    }

    /// <summary>
    /// A subprocess whose body throws an escalation (an intermediate throw, or an escalation end event on
    /// a decision) caught, or not, by an escalation boundary event on it: interrupting (both paths meet
    /// after the subprocess) or not (its path ends); by its code or catching all.
    /// </summary>
    private (string Entry, string Exit) EscalationSubProcess(XElement scope, int depth)
    {
        var id = NewId("escsub");
        var subProcess = new XElement(Bpmn + "subProcess", new XAttribute("id", id));
        scope.Add(subProcess);
        var escalation = $"esc_{id}";
        _escalations.Add(new XElement(Bpmn + "escalation", new XAttribute("id", escalation), new XAttribute("escalationCode", $"{id}_code")));
        var start = Add(subProcess, "startEvent", "start");
        var (entry, exit) = Sequence(subProcess, depth + 1, inBranch: false);
        var end = Add(subProcess, "endEvent", "end");
        Flow(subProcess, start, entry);
        if (_random.Next(2) == 0)
        {
            var raise = NewId("escthrow");
            subProcess.Add(new XElement(Bpmn + "intermediateThrowEvent", new XAttribute("id", raise), new XElement(Bpmn + "escalationEventDefinition", new XAttribute("escalationRef", escalation))));
            Flow(subProcess, exit, raise);
            Flow(subProcess, raise, end);
        }
        else
        {
            var split = Add(subProcess, "exclusiveGateway", "split");
            var raiseEnd = NewId("escend");
            subProcess.Add(new XElement(Bpmn + "endEvent", new XAttribute("id", raiseEnd), new XElement(Bpmn + "escalationEventDefinition", new XAttribute("escalationRef", escalation))));
            Flow(subProcess, exit, split);
            Flow(subProcess, split, raiseEnd, Condition());
            Element(subProcess, split).SetAttributeValue("default", Flow(subProcess, split, end));
        }

        if (_random.Next(4) == 0)
        {
            return (id, id);
        }

        var catcher = NewId("esccatch");
        var interrupting = _random.Next(2) == 0;
        var definition = new XElement(Bpmn + "escalationEventDefinition");
        if (_random.Next(2) == 0)
        {
            definition.Add(new XAttribute("escalationRef", escalation));
        }

        scope.Add(new XElement(
            Bpmn + "boundaryEvent",
            new XAttribute("id", catcher),
            new XAttribute("attachedToRef", id),
            new XAttribute("cancelActivity", interrupting ? "true" : "false"),
            definition));
        if (!interrupting)
        {
            Flow(scope, catcher, Add(scope, "endEvent", "end"));
            return (id, id);
        }

        var merge = Add(scope, "exclusiveGateway", "merge");
        Flow(scope, id, merge);
        Flow(scope, catcher, merge);
        return (id, merge);
    }

    /// <summary>Declares an error; returns its id.</summary>
    private string Error(string ownerId)
    {
        var errorId = $"err_{ownerId}";
        _errors.Add(new XElement(Bpmn + "error", new XAttribute("id", errorId), new XAttribute("errorCode", $"{ownerId}_code")));
        return errorId;
    }

    /// <summary>An event-based gateway waiting for a timer and a message, merged by an exclusive gateway.</summary>
    private (string Entry, string Exit) EventBased(XElement scope)
    {
        var gateway = Add(scope, "eventBasedGateway", "ebg");
        var timer = TimerCatch(scope, "PT2H");
        var message = MessageCatch(scope);
        var merge = Add(scope, "exclusiveGateway", "merge");
        Flow(scope, gateway, timer);
        Flow(scope, gateway, message);
        Flow(scope, timer, merge);
        Flow(scope, message, merge);
        return (gateway, merge);
    }

    /// <summary>A parallel or inclusive fork of two or three branches and its join.</summary>
    private (string Entry, string Exit) ForkJoin(XElement scope, int depth, string gatewayKind)
    {
        var inclusive = gatewayKind == "inclusiveGateway";
        var fork = Add(scope, gatewayKind, "fork");
        var join = Add(scope, gatewayKind, "join");
        _pairs.Add(new GatewayPair(fork, join, !inclusive));
        var branches = _random.Next(2, 4);
        var emptyUsed = false;
        for (var i = 0; i < branches; i++)
        {
            // The last branch of an inclusive fork is its default flow; the others have conditions.
            var condition = inclusive && i < branches - 1 ? Condition() : null;
            string flow;
            if (!emptyUsed && _random.Next(6) == 0)
            {
                emptyUsed = true;
                flow = Flow(scope, fork, join, condition);
            }
            else
            {
                var (entry, exit) = Sequence(scope, depth + 1, inBranch: true);
                flow = Flow(scope, fork, entry, condition);
                Flow(scope, exit, join);
            }

            if (inclusive && i == branches - 1)
            {
                Element(scope, fork).SetAttributeValue("default", flow);
            }
        }

        return (fork, join);
    }

    /// <summary>An exclusive split of two or three branches (conditions, then the default) and its merge.</summary>
    private (string Entry, string Exit) Exclusive(XElement scope, int depth, bool inBranch)
    {
        var split = Add(scope, "exclusiveGateway", "split");
        var merge = Add(scope, "exclusiveGateway", "merge");
        var branches = _random.Next(2, 4);
        for (var i = 0; i < branches; i++)
        {
            var isDefault = i == branches - 1;
            var (entry, exit) = Sequence(scope, depth + 1, inBranch);
            var flow = Flow(scope, split, entry, isDefault ? null : Condition());
            Flow(scope, exit, merge);
            if (isDefault)
            {
                Element(scope, split).SetAttributeValue("default", flow);
            }
        }

        return (split, merge);
    }

    /// <summary>
    /// A user task that forks by itself (BPMN 2.0.2 §13.2.1): one or two conditional outgoing flows and
    /// its <c>default</c> flow, taken only when no condition holds; the branches meet at an inclusive join.
    /// </summary>
    private (string Entry, string Exit) ConditionalActivity(XElement scope, int depth, bool inBranch)
    {
        var task = UserTask(scope);
        var join = Add(scope, "inclusiveGateway", "join");
        var conditional = _random.Next(1, 3);
        for (var i = 0; i <= conditional; i++)
        {
            var isDefault = i == conditional;
            var (entry, exit) = Sequence(scope, depth + 1, inBranch: true);
            var flow = Flow(scope, task, entry, isDefault ? null : Condition());
            Flow(scope, exit, join);
            if (isDefault)
            {
                Element(scope, task).SetAttributeValue("default", flow);
            }
        }

        return (task, join);
    }

    private string SubProcess(XElement scope, int depth)
    {
        var id = NewId("sub");
        var subProcess = new XElement(Bpmn + "subProcess", new XAttribute("id", id));
        scope.Add(subProcess);
        FillScope(subProcess, depth + 1);
        return id;
    }

    /// <summary>
    /// A multi-instance user task or subprocess, parallel or sequential, over a cardinality of 1 to 4
    /// or over the collection variable <c>items</c> (0 to 3 user ids, element variable <c>item</c>).
    /// </summary>
    private string MultiInstance(XElement scope, int depth)
    {
        var overItems = _random.Next(3) == 0;
        var id = _random.Next(2) == 0
            ? Add(scope, "userTask", "task", new XAttribute(Camunda + "assignee", overItems ? "${item}" : "user"))
            : SubProcess(scope, depth);
        var loop = new XElement(Bpmn + "multiInstanceLoopCharacteristics", new XAttribute("isSequential", _random.Next(2) == 0 ? "true" : "false"));
        if (overItems)
        {
            loop.Add(new XAttribute(Camunda + "collection", "items"), new XAttribute(Camunda + "elementVariable", "item"));
        }
        else
        {
            loop.Add(new XElement(Bpmn + "loopCardinality", _random.Next(1, 5).ToString(CultureInfo.InvariantCulture)));
        }

        if (_random.Next(3) == 0)
        {
            loop.Add(new XElement(Bpmn + "completionCondition", "${nrOfCompletedInstances >= 2}"));
        }

        // multiInstanceLoopCharacteristics comes first among the activity's children (BPMN schema order).
        Element(scope, id).AddFirst(loop);
        return id;
    }

    /// <summary>
    /// A user task (sometimes a service task, subprocess or multi-instance) with a boundary timer,
    /// message or signal: interrupting (timer PT1H; its path rejoins after the activity, or ends when no join
    /// waits for this token) or non-interrupting (timer R2/PT1H; its path ends).
    /// </summary>
    private (string Entry, string Exit) WithBoundary(XElement scope, int depth, bool inBranch, BoundaryKind kind)
    {
        var activity = _random.Next(5) switch
        {
            0 => SubProcess(scope, depth),
            1 => MultiInstance(scope, depth),
            2 => ServiceTask(scope),
            _ => UserTask(scope),
        };
        var interrupting = _random.Next(2) == 0;
        var boundary = NewId("boundary");
        object definition = kind switch
        {
            BoundaryKind.Message => new XElement(Bpmn + "messageEventDefinition", new XAttribute("messageRef", Message(boundary))),
            BoundaryKind.Signal => new XElement(Bpmn + "signalEventDefinition", new XAttribute("signalRef", SomeSignal(boundary))),
            _ => new XElement(Bpmn + "timerEventDefinition", interrupting
                ? new XElement(Bpmn + "timeDuration", "PT1H")
                : new XElement(Bpmn + "timeCycle", "R2/PT1H")),
        };
        scope.Add(new XElement(
            Bpmn + "boundaryEvent",
            new XAttribute("id", boundary),
            new XAttribute("attachedToRef", activity),
            new XAttribute("cancelActivity", interrupting ? "true" : "false"),
            definition));
        if (!interrupting || (!inBranch && _random.Next(2) == 0))
        {
            Flow(scope, boundary, Add(scope, "endEvent", "end"));
            return (activity, activity);
        }

        var merge = Add(scope, "exclusiveGateway", "merge");
        Flow(scope, activity, merge);
        Flow(scope, boundary, merge);
        return (activity, merge);
    }

    /// <summary>
    /// A subprocess whose body may end in an error end event (an exclusive split on a decision) and
    /// whose error boundary event catches it; both paths meet after the subprocess.
    /// </summary>
    private (string Entry, string Exit) ErrorSubProcess(XElement scope, int depth)
    {
        var id = NewId("errsub");
        var subProcess = new XElement(Bpmn + "subProcess", new XAttribute("id", id));
        scope.Add(subProcess);
        var error = Error(id);
        var start = Add(subProcess, "startEvent", "start");
        var (entry, exit) = Sequence(subProcess, depth + 1, inBranch: false);
        var split = Add(subProcess, "exclusiveGateway", "split");
        var errorEnd = NewId("errend");
        subProcess.Add(new XElement(
            Bpmn + "endEvent",
            new XAttribute("id", errorEnd),
            new XElement(Bpmn + "errorEventDefinition", new XAttribute("errorRef", error))));
        var end = Add(subProcess, "endEvent", "end");
        Flow(subProcess, start, entry);
        Flow(subProcess, exit, split);
        Flow(subProcess, split, errorEnd, Condition());
        Element(subProcess, split).SetAttributeValue("default", Flow(subProcess, split, end));

        var catcher = NewId("catch");
        scope.Add(new XElement(
            Bpmn + "boundaryEvent",
            new XAttribute("id", catcher),
            new XAttribute("attachedToRef", id),
            new XElement(Bpmn + "errorEventDefinition", new XAttribute("errorRef", error))));
        var merge = Add(scope, "exclusiveGateway", "merge");
        Flow(scope, id, merge);
        Flow(scope, catcher, merge);
        return (id, merge);
    }

    /// <summary>A subprocess forking two branches: one ends in a terminate end event, the other in a none end event.</summary>
    private string TerminatingSubProcess(XElement scope, int depth)
    {
        var id = NewId("termsub");
        var subProcess = new XElement(Bpmn + "subProcess", new XAttribute("id", id));
        scope.Add(subProcess);
        var start = Add(subProcess, "startEvent", "start");
        var fork = Add(subProcess, "parallelGateway", "tfork");
        var (aEntry, aExit) = Sequence(subProcess, depth + 1, inBranch: true);
        var (bEntry, bExit) = Sequence(subProcess, depth + 1, inBranch: true);
        var terminate = NewId("terminate");
        subProcess.Add(new XElement(Bpmn + "endEvent", new XAttribute("id", terminate), new XElement(Bpmn + "terminateEventDefinition")));
        var end = Add(subProcess, "endEvent", "end");
        Flow(subProcess, start, fork);
        Flow(subProcess, fork, aEntry);
        Flow(subProcess, fork, bEntry);
        Flow(subProcess, aExit, terminate);
        Flow(subProcess, bExit, end);
        return id;
    }

    /// <summary>A service task with an error boundary event (the driver may throw its error); both paths meet after it.</summary>
    private (string Entry, string Exit) ServiceWithErrorBoundary(XElement scope)
    {
        var service = ServiceTask(scope);
        var catcher = NewId("catch");
        scope.Add(new XElement(
            Bpmn + "boundaryEvent",
            new XAttribute("id", catcher),
            new XAttribute("attachedToRef", service),
            new XElement(Bpmn + "errorEventDefinition", new XAttribute("errorRef", Error(catcher)))));
        var merge = Add(scope, "exclusiveGateway", "merge");
        Flow(scope, service, merge);
        Flow(scope, catcher, merge);
        return (service, merge);
    }

    /// <summary>
    /// merge → body → counter script → split back to the merge while the counter is below 2. The
    /// counter is a process variable that only grows, so every loop ends.
    /// </summary>
    private (string Entry, string Exit) Loop(XElement scope, int depth, bool inBranch)
    {
        var merge = Add(scope, "exclusiveGateway", "loop");
        var (entry, exit) = Sequence(scope, depth + 1, inBranch);
        var counterScript = NewId("count");
        var counter = $"n_{counterScript}";
        scope.Add(new XElement(
            Bpmn + "scriptTask",
            new XAttribute("id", counterScript),
            new XAttribute("scriptFormat", "javascript"),
            new XAttribute(Camunda + "resultVariable", counter),
            new XElement(Bpmn + "script", $"(typeof {counter} === 'undefined' ? 0 : {counter}) + 1")));
        var split = Add(scope, "exclusiveGateway", "again");
        Flow(scope, merge, entry);
        Flow(scope, exit, counterScript);
        Flow(scope, counterScript, split);
        Flow(scope, split, merge, $"${{{counter} < 2}}");
        var after = Add(scope, "exclusiveGateway", "after");
        var leave = Flow(scope, split, after);
        Element(scope, split).SetAttributeValue("default", leave);
        return (merge, after);
    }

    private string Condition()
    {
        var threshold = _random.Next(10, 91).ToString(CultureInfo.InvariantCulture);
        return _random.Next(2) == 0 ? $"${{{RandomVariable()} < {threshold}}}" : $"${{{RandomVariable()} >= {threshold}}}";
    }

    private string RandomVariable() => $"r{_random.Next(1, VariableCount + 1).ToString(CultureInfo.InvariantCulture)}";

    private string Add(XElement scope, string elementName, string prefix, params object[] content)
    {
        var id = NewId(prefix);
        scope.Add(new XElement(Bpmn + elementName, new XAttribute("id", id), content));
        return id;
    }

    private string Flow(XElement scope, string source, string target, string? condition = null)
    {
        var id = NewId("flow");
        var flow = new XElement(Bpmn + "sequenceFlow", new XAttribute("id", id), new XAttribute("sourceRef", source), new XAttribute("targetRef", target));
        if (condition is not null)
        {
            flow.Add(new XElement(Bpmn + "conditionExpression", new XAttribute(Xsi + "type", "bpmn:tFormalExpression"), condition));
        }

        scope.Add(flow);
        return id;
    }

    private static XElement Element(XElement scope, string id) =>
        scope.Elements().First(e => (string?)e.Attribute("id") == id);

    private enum BoundaryKind
    {
        Timer,
        Message,
        Signal,
    }

    private string NewId(string prefix) => $"{prefix}_{(++_next).ToString(CultureInfo.InvariantCulture)}";
}
