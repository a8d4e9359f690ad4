using System.Xml.Linq;

namespace ApprovalFlow.Engine.Tests.Randomized;

/// <summary>
/// Event subprocesses (BPMN 2.0.2 §10.3.5) in generated processes: a subprocess holding one or two, or the
/// process with one. Starts are message, timer or signal (interrupting or not), a catch-all escalation
/// (interrupting or not; the body of the scope may throw one) or an error (the body may end in that error). A
/// non-interrupting event subprocess runs one user task, so repeated triggers stay finite, and so does an escalation
/// one (its own escalations would trigger it again); any other interrupting one runs a sequence of blocks.
/// </summary>
internal sealed partial class ProcessGenerator
{
    /// <summary>A subprocess whose body may throw an error or escalation, with one or two event subprocesses.</summary>
    private string EventSubprocessScope(XElement scope, int depth)
    {
        var id = NewId("espscope");
        var subProcess = new XElement(Bpmn + "subProcess", new XAttribute("id", id));
        scope.Add(subProcess);
        var error = Error(id);
        var escalation = $"esc_{id}";
        _escalations.Add(new XElement(Bpmn + "escalation", new XAttribute("id", escalation), new XAttribute("escalationCode", $"{id}_code")));
        var start = Add(subProcess, "startEvent", "start");
        var (entry, exit) = Sequence(subProcess, depth + 1, inBranch: false);
        Flow(subProcess, start, entry);
        var split = Add(subProcess, "exclusiveGateway", "split");
        Flow(subProcess, exit, split);
        var thrown = _random.Next(2) == 0
            ? new XElement(Bpmn + "errorEventDefinition", new XAttribute("errorRef", error))
            : new XElement(Bpmn + "escalationEventDefinition", new XAttribute("escalationRef", escalation));
        var throwEnd = NewId("espthrow");
        subProcess.Add(new XElement(Bpmn + "endEvent", new XAttribute("id", throwEnd), thrown));
        Flow(subProcess, split, throwEnd, Condition());
        Element(subProcess, split).SetAttributeValue("default", Flow(subProcess, split, Add(subProcess, "endEvent", "end")));

        // The thrown error must be caught here (an uncaught one would be an incident); the escalation may go uncaught.
        AddEventSubprocess(subProcess, depth, thrown.Name.LocalName == "errorEventDefinition" ? ErrorStart(error) : RandomStart(escalation));
        if (_random.Next(2) == 0)
        {
            AddEventSubprocess(subProcess, depth, RandomStart(escalation: null));
        }

        return id;
    }

    /// <summary>With one chance in three, one message, timer or signal event subprocess in the process.</summary>
    private void MaybeEventSubprocess(XElement process, int depth)
    {
        if (_random.Next(3) == 0)
        {
            AddEventSubprocess(process, depth, RandomStart(escalation: null));
        }
    }

    private XElement ErrorStart(string error) =>
        new(Bpmn + "startEvent", _random.Next(2) == 0 ? new XElement(Bpmn + "errorEventDefinition", new XAttribute("errorRef", error)) : new XElement(Bpmn + "errorEventDefinition"));

    /// <summary>A message, timer or signal start (or, given <paramref name="escalation"/>, possibly an escalation start), interrupting or not.</summary>
    private XElement RandomStart(string? escalation)
    {
        var interrupting = _random.Next(2) == 0;
        var owner = NewId("esptrigger");
        var definition = _random.Next(escalation is null ? 3 : 4) switch
        {
            0 => new XElement(Bpmn + "messageEventDefinition", new XAttribute("messageRef", Message(owner))),
            1 => new XElement(Bpmn + "timerEventDefinition", interrupting
                ? new XElement(Bpmn + "timeDuration", "PT45M")
                : new XElement(Bpmn + "timeCycle", "R2/PT20M")),
            2 => new XElement(Bpmn + "signalEventDefinition", new XAttribute("signalRef", SomeSignal(owner))),
            _ => new XElement(Bpmn + "escalationEventDefinition"),
        };
        return new XElement(Bpmn + "startEvent", new XAttribute("isInterrupting", interrupting ? "true" : "false"), definition);
    }

    /// <summary>Adds an event subprocess with <paramref name="start"/> (its id is set here) to <paramref name="scope"/>.</summary>
    private void AddEventSubprocess(XElement scope, int depth, XElement start)
    {
        var id = NewId("esp");
        var eventSubprocess = new XElement(Bpmn + "subProcess", new XAttribute("id", id), new XAttribute("triggeredByEvent", "true"));
        scope.Add(eventSubprocess);
        var startId = NewId("espstart");
        start.SetAttributeValue("id", startId);
        eventSubprocess.Add(start);
        var interrupting = (string?)start.Attribute("isInterrupting") is not "false";

        // An escalation thrown in the body of an interrupting catch-all escalation start would start it again
        // (Camunda 7 skips only a handler that is the thrower's own flow scope): an endless loop, so one task.
        var catchesEscalations = start.Element(Bpmn + "escalationEventDefinition") is not null;
        var (entry, exit) = interrupting && !catchesEscalations && depth < _maxDepth
            ? Sequence(eventSubprocess, depth + 1, inBranch: false)
            : Single(UserTask(eventSubprocess));
        Flow(eventSubprocess, startId, entry);
        Flow(eventSubprocess, exit, Add(eventSubprocess, "endEvent", "end"));
    }
}
