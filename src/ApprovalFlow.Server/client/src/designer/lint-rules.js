// bpmnlint rules mirroring the server's validator (ApprovalFlow.Bpmn: BpmnParser, UnsupportedElements and the
// Validation rules; docs/bpmn-coverage.md), so the designer marks what deploy would refuse while one draws.
// Only executable processes are checked, as on the server (a documentation pool is only stored). There is no
// bundler plugin here, so the linter gets the config and a resolver object built in this bundle.
// Messages are English keys that the translate service turns into the page's language (texts-fa.js).
import { is, isAny } from 'bpmn-js/lib/util/ModelUtil';

const UNSUPPORTED = 'This element is not executed by ApprovalFlow; replace it (see the list of supported elements).';
const UNSUPPORTED_CAMUNDA = 'This Camunda setting is not supported by ApprovalFlow (listeners, input/output mappings, Java classes, connectors); remove it.';

function processOf(node) {
  let current = node;
  while (current && !is(current, 'bpmn:Process')) current = current.$parent;
  return current;
}

function executable(node) {
  const process = processOf(node);
  return !!process && process.isExecutable !== false;
}

/** A rule that checks executable processes only; check(node, report) reports with report(message[, id]). */
function rule(check) {
  return () => ({
    check(node, reporter) {
      if (!node.$type || !executable(node)) return;
      check(node, (message, id) => reporter.report(id || node.id, message));
    },
  });
}

/** The sequence flows leaving <node>, from the flows' sourceRef (the file may omit the nodes' <outgoing> lists). */
function outgoingOf(node) {
  return ((node.$parent && node.$parent.flowElements) || []).filter((e) => is(e, 'bpmn:SequenceFlow') && e.sourceRef === node);
}

/** The triggers an event subprocess start may have (BPMN 2.0.2 §10.3.5; EventSubprocessReader on the server). */
const EVENT_SUBPROCESS_STARTS = ['bpmn:MessageEventDefinition', 'bpmn:TimerEventDefinition', 'bpmn:SignalEventDefinition', 'bpmn:ErrorEventDefinition', 'bpmn:EscalationEventDefinition'];

function isEventSubprocess(node) {
  return is(node, 'bpmn:SubProcess') && !!node.triggeredByEvent;
}

function definitionTypes(event) {
  return (event.eventDefinitions || []).map((d) => d.$type);
}

const supportedElement = rule((node, report) => {
  if (isAny(node, ['bpmn:ComplexGateway', 'bpmn:Transaction', 'bpmn:AdHocSubProcess', 'bpmn:BusinessRuleTask', 'bpmn:ChoreographyActivity'])) {
    report(UNSUPPORTED);
    return;
  }
  if (is(node, 'bpmn:Activity') && (is(node.loopCharacteristics, 'bpmn:StandardLoopCharacteristics') || node.isForCompensation)) report(UNSUPPORTED);
  if (is(node, 'bpmn:EventBasedGateway') && (node.instantiate || node.eventGatewayType === 'Parallel')) report(UNSUPPORTED);
  if (is(node, 'bpmn:ReceiveTask') && node.instantiate) report(UNSUPPORTED);
  if (!is(node, 'bpmn:Event')) return;
  const types = definitionTypes(node);
  if (types.length > 1) {
    report(UNSUPPORTED);
    return;
  }
  const [type] = types;
  if (!type) return;
  const allowed = is(node, 'bpmn:EndEvent') ? ['bpmn:TerminateEventDefinition', 'bpmn:ErrorEventDefinition', 'bpmn:SignalEventDefinition', 'bpmn:EscalationEventDefinition']
    : is(node, 'bpmn:IntermediateCatchEvent') ? ['bpmn:TimerEventDefinition', 'bpmn:MessageEventDefinition', 'bpmn:SignalEventDefinition', 'bpmn:ConditionalEventDefinition']
      : is(node, 'bpmn:IntermediateThrowEvent') ? ['bpmn:SignalEventDefinition', 'bpmn:EscalationEventDefinition']
        : is(node, 'bpmn:BoundaryEvent') ? ['bpmn:TimerEventDefinition', 'bpmn:MessageEventDefinition', 'bpmn:ErrorEventDefinition', 'bpmn:SignalEventDefinition', 'bpmn:EscalationEventDefinition', 'bpmn:ConditionalEventDefinition']
          : is(node, 'bpmn:StartEvent') && is(node.$parent, 'bpmn:Process') ? ['bpmn:SignalEventDefinition', 'bpmn:MessageEventDefinition', 'bpmn:TimerEventDefinition']
            : is(node, 'bpmn:StartEvent') && isEventSubprocess(node.$parent) ? [...EVENT_SUBPROCESS_STARTS, 'bpmn:ConditionalEventDefinition']
              : [];
  if (!allowed.includes(type) || (is(node, 'bpmn:BoundaryEvent') && type === 'bpmn:ErrorEventDefinition' && node.cancelActivity === false)) {
    report(UNSUPPORTED);
  }
});

const REJECTED_EXTENSIONS = ['camunda:InputOutput', 'camunda:ExecutionListener', 'camunda:TaskListener', 'camunda:Connector', 'camunda:Field', 'camunda:FormData', 'camunda:FormProperty'];
const REJECTED_ATTRIBUTES = ['camunda:class', 'camunda:expression', 'camunda:delegateExpression', 'camunda:resource'];

const camundaExtensions = rule((node, report) => {
  if (!is(node, 'bpmn:FlowNode') && !is(node, 'bpmn:Process')) return;
  const values = (node.extensionElements && node.extensionElements.values) || [];
  const attributes = REJECTED_ATTRIBUTES.filter((name) => node.get && node.$descriptor.propertiesByName[name] && node.get(name));
  if (values.some((value) => isAny(value, REJECTED_EXTENSIONS)) || attributes.length) report(UNSUPPORTED_CAMUNDA);
});

const userTaskAssignment = rule((node, report) => {
  const performers = (node.resources || []).filter((r) => isAny(r, ['bpmn:HumanPerformer', 'bpmn:PotentialOwner']));
  if (is(node, 'bpmn:UserTask') && !performers.length && ![node.get('camunda:assignee'), node.get('camunda:candidateGroups'), node.get('camunda:candidateUsers')].some((v) => v && v.trim())) {
    report('A user task needs an assignee, candidate groups or candidate users.');
  }
});

const gatewayConditions = rule((node, report) => {
  if (!isAny(node, ['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway'])) return;
  const outgoing = outgoingOf(node);
  if (outgoing.length < 2) return;
  outgoing
    .filter((flow) => flow !== node.default && !(flow.conditionExpression && (flow.conditionExpression.body || '').trim()))
    .forEach((flow) => report('Every flow leaving this gateway needs a condition, or must be its default flow.', flow.id));
});

const gatewayOutgoing = rule((node, report) => {
  if (is(node, 'bpmn:Gateway') && !outgoingOf(node).length) report('A gateway needs at least one outgoing flow.');
});

const serviceTopic = rule((node, report) => {
  if (isAny(node, ['bpmn:ServiceTask', 'bpmn:SendTask']) && !(node.get('camunda:type') === 'external' && (node.get('camunda:topic') || '').trim())) {
    report('A service or send task must be of type External with a topic.');
  }
});

const startEvent = rule((node, report) => {
  if (!(is(node, 'bpmn:Process') || (is(node, 'bpmn:SubProcess') && !node.triggeredByEvent))) return;
  const all = (node.flowElements || []).filter((e) => is(e, 'bpmn:StartEvent'));
  const starts = all.filter((e) => !definitionTypes(e).length);
  const eventStarts = is(node, 'bpmn:Process') ? all.filter((e) => ['bpmn:SignalEventDefinition', 'bpmn:MessageEventDefinition', 'bpmn:TimerEventDefinition'].includes(definitionTypes(e).join())) : [];
  if (starts.length !== 1 && !(starts.length === 0 && eventStarts.length)) report('A process or sub-process needs exactly one start event without a trigger.');
  // As the server (MessageStartRules): one message start event per message in a process.
  const messages = new Set();
  eventStarts.forEach((e) => {
    const message = is(e.eventDefinitions[0], 'bpmn:MessageEventDefinition') && e.eventDefinitions[0].messageRef;
    if (message && messages.has(message)) report('Two message start events of a process wait for the same message.', e.id);
    if (message) messages.add(message);
  });
});

/** EventSubprocessRules on the server: one start with a trigger, no flows in or out, error starts interrupting. */
const eventSubprocess = rule((node, report) => {
  if (!isEventSubprocess(node)) return;
  const flows = ((node.$parent && node.$parent.flowElements) || []).filter((e) => is(e, 'bpmn:SequenceFlow') && (e.sourceRef === node || e.targetRef === node));
  if (flows.length) report('An event sub-process connects to nothing: remove its sequence flows.');
  const starts = (node.flowElements || []).filter((e) => is(e, 'bpmn:StartEvent'));
  if (starts.length !== 1 || definitionTypes(starts[0]).length !== 1) {
    report('An event sub-process needs exactly one start event with a message, timer, signal, error, escalation or conditional trigger.');
  } else if (definitionTypes(starts[0])[0] === 'bpmn:ErrorEventDefinition' && starts[0].isInterrupting === false) {
    report('An error start event always interrupts.', starts[0].id);
  }
});

const calledElement = rule((node, report) => {
  if (is(node, 'bpmn:CallActivity') && !(node.calledElement || '').trim()) report('A call activity needs the process it calls.');
});

const messageReference = rule((node, report) => {
  if (is(node, 'bpmn:ReceiveTask') && !node.messageRef) report('A receive task or message event needs a message.');
  if (is(node, 'bpmn:Event') && (node.eventDefinitions || []).some((d) => is(d, 'bpmn:MessageEventDefinition') && !d.messageRef)) {
    report('A receive task or message event needs a message.');
  }
});

const timer = rule((node, report) => {
  if (!is(node, 'bpmn:Event')) return;
  (node.eventDefinitions || []).filter((d) => is(d, 'bpmn:TimerEventDefinition')).forEach((d) => {
    const set = [d.timeDate, d.timeDuration, d.timeCycle].filter((e) => e && (e.body || '').trim());
    if (set.length !== 1) report('A timer needs exactly one of date, duration or cycle.');
  });
});

/** Conditional events (ConditionalEventReader and ExpressionRules on the server): a ${...} condition, variableEvents of create/update/delete. */
const conditionalEvent = rule((node, report) => {
  if (!is(node, 'bpmn:Event')) return;
  (node.eventDefinitions || []).filter((d) => is(d, 'bpmn:ConditionalEventDefinition')).forEach((d) => {
    const condition = ((d.condition && d.condition.body) || '').trim();
    if (!condition.includes('${') && condition !== 'true' && condition !== 'false') report('A conditional event needs a condition written as ${...}.');
    const events = d.get('camunda:variableEvents');
    if (events !== undefined && events.split(',').some((e) => !['create', 'update', 'delete'].includes(e.trim()))) {
      report('Variable events of a conditional event may only be create, update or delete, separated by commas.');
    }
  });
});

const rules = {
  'supported-element': supportedElement,
  'camunda-extensions': camundaExtensions,
  'user-task-assignment': userTaskAssignment,
  'gateway-conditions': gatewayConditions,
  'gateway-outgoing': gatewayOutgoing,
  'service-topic': serviceTopic,
  'start-event': startEvent,
  'event-subprocess': eventSubprocess,
  'called-element': calledElement,
  'message-reference': messageReference,
  timer,
  'conditional-event': conditionalEvent,
};

/** The `linting.bpmnlint` option of bpmn-js-bpmnlint: every rule of the plugin `approvalflow` as an error. */
export const linterConfig = {
  config: { rules: Object.fromEntries(Object.keys(rules).map((name) => [`approvalflow/${name}`, 'error'])) },
  resolver: {
    resolveRule(pkg, ruleName) {
      if (pkg !== 'bpmnlint-plugin-approvalflow' || !rules[ruleName]) throw new Error(`unknown rule <${pkg}/${ruleName}>`);
      return rules[ruleName];
    },
    resolveConfig(pkg, configName) {
      throw new Error(`unknown config <${pkg}/${configName}>`);
    },
  },
};
