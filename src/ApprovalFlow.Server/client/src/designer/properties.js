// Our additions to the Camunda 7 properties panel: the groups the engine ignores or refuses are hidden
// (docs/bpmn-coverage.md, "Camunda 7 attributes"; hidden settings stay in the file), candidate groups, candidate
// users and the assignee are picked from the directory (the group's Persian name shown, its id written), the due
// and follow-up dates are given in working days (${workingDays(N)}, the text field stays for any other expression), the form is
// picked from the deployed forms (a text field when GET /api/forms cannot be read) and an external task's retry cycle is
// edited beside its topic.
import { h } from '@bpmn-io/properties-panel/preact';
import { useEffect, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { NumberFieldEntry, SelectEntry, TextFieldEntry, isNumberFieldEntryEdited, isSelectEntryEdited, isTextFieldEntryEdited } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';

const HIDDEN_GROUPS = new Set([
  'CamundaPlatform__AsynchronousContinuations', 'CamundaPlatform__CandidateStarter', 'CamundaPlatform__ConnectorInput',
  'CamundaPlatform__ConnectorOutput', 'CamundaPlatform__Errors', 'CamundaPlatform__ExecutionListener',
  'CamundaPlatform__FieldInjection', 'CamundaPlatform__FormData', 'CamundaPlatform__HistoryCleanup', 'CamundaPlatform__Input',
  'CamundaPlatform__Output', 'CamundaPlatform__ProcessVariables', 'CamundaPlatform__StartInitiator', 'CamundaPlatform__TaskListener',
  'CamundaPlatform__Tasklist',
]);
const FORM_ENTRIES = new Set(['formType', 'formKey', 'formRef', 'formRefBinding', 'formRefVersion']);
const WORKING_DAYS = /^\$\{\s*workingDays\(\s*(\d+)\s*\)\s*\}$/;

function update(commandStack, element, properties) {
  commandStack.execute('element.updateModdleProperties', { element, moddleElement: getBusinessObject(element), properties });
}

/** The ids of a literal, comma-separated assignment; none for an expression. */
function literalIds(value) {
  if (!value || value.includes('${')) return [];
  return value.split(',').map((part) => part.trim()).filter(Boolean);
}

function DirectoryPicker(props) {
  const { element, id, property, kind, multiple, label, placeholder, directory } = props;
  const translate = useService('translate');
  const commandStack = useService('commandStack');
  const value = getBusinessObject(element).get(property) || '';
  const ids = literalIds(value);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState([]);
  const [names, setNames] = useState({});

  useEffect(() => {
    let current = true;
    directory.names(kind, ids).then((found) => current && setNames(found));
    return () => { current = false; };
  }, [value]);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => directory.search(kind, query).then((found) => current && setResults(found)), 200);
    return () => { current = false; clearTimeout(timer); };
  }, [query]);

  const write = (next) => update(commandStack, element, { [property]: next.length ? next.join(',') : undefined });
  const add = (itemId) => {
    write(multiple ? [...new Set([...ids, itemId])] : [itemId]);
    setQuery('');
  };
  const inputId = `bio-properties-panel-${id}`;
  const disabled = value.includes('${');
  return h('div', { class: 'bio-properties-panel-entry af-picker', 'data-entry-id': id },
    h('label', { for: inputId, class: 'bio-properties-panel-label' }, label),
    ids.length ? h('ul', { class: 'af-picker-chosen' }, ids.map((itemId) => h('li', { key: itemId },
      h('span', null, names[itemId] || itemId), ' ', h('bdi', { class: 'af-picker-id', dir: 'ltr' }, itemId), ' ',
      h('button', { type: 'button', class: 'af-picker-remove', onClick: () => write(ids.filter((i) => i !== itemId)), 'aria-label': translate('Remove {name}', { name: names[itemId] || itemId }) }, '×')))) : null,
    disabled
      ? h('p', { class: 'bio-properties-panel-description' }, translate('An expression decides; edit it in the field above.'))
      : h('input', { id: inputId, type: 'search', class: 'bio-properties-panel-input', value: query, placeholder, autocomplete: 'off', onInput: (event) => setQuery(event.target.value) }),
    !disabled && query && h('p', { class: 'visually-hidden', role: 'status' }, results.length ? translate('{count} found', { count: results.length }) : translate('No results')),
    !disabled && results.length ? h('ul', { class: 'af-picker-results' }, results.map((item) => h('li', { key: item.id },
      h('button', { type: 'button', onClick: () => add(item.id) }, h('span', null, item.name), ' ', h('bdi', { class: 'af-picker-id', dir: 'ltr' }, item.id))))) : null);
}

/** A number of working days written into a date attribute as ${workingDays(N)}; empty when the attribute holds anything else. */
function WorkingDays(props) {
  const { element, id, property, label, description } = props;
  const translate = useService('translate');
  const commandStack = useService('commandStack');
  const debounce = useService('debounceInput');
  const getValue = () => {
    const match = WORKING_DAYS.exec(getBusinessObject(element).get(property) || '');
    return match ? Number(match[1]) : '';
  };
  const setValue = (value) => {
    const days = Number(value);
    const current = getBusinessObject(element).get(property) || '';
    if (value === '' || value === undefined || value === null || !Number.isFinite(days)) {
      if (WORKING_DAYS.test(current)) update(commandStack, element, { [property]: undefined });
      return;
    }
    update(commandStack, element, { [property]: `\${workingDays(${Math.max(0, Math.round(days))})}` });
  };
  return NumberFieldEntry({
    element, id, label: translate(label), description: translate(description),
    getValue, setValue, debounce, min: 0, step: 1,
  });
}

function FormPicker(props) {
  const { element, id, forms } = props;
  const translate = useService('translate');
  const commandStack = useService('commandStack');
  const getValue = () => getBusinessObject(element).get('camunda:formKey') || '';
  const setValue = (value) => update(commandStack, element, { 'camunda:formKey': value || undefined });
  const getOptions = () => {
    const current = getValue();
    const options = [{ value: '', label: translate('(no form)') }, ...forms.map((form) => ({ value: form.key, label: form.name ? `${form.name} (${form.key})` : form.key }))];
    if (current && !forms.some((form) => form.key === current)) options.push({ value: current, label: current });
    return options;
  };
  return SelectEntry({ element, id, label: translate('Form'), getValue, setValue, getOptions });
}

function FormKeyText(props) {
  const { element, id } = props;
  const translate = useService('translate');
  const commandStack = useService('commandStack');
  const debounce = useService('debounceInput');
  return TextFieldEntry({
    element, id, label: translate('Form key'), description: translate('The deployed forms could not be loaded; type the form key.'),
    getValue: () => getBusinessObject(element).get('camunda:formKey') || '',
    setValue: (value) => update(commandStack, element, { 'camunda:formKey': value || undefined }),
    debounce,
  });
}

/**
 * The retry cycle of an external service or send task (camunda:failedJobRetryTimeCycle in its extension elements, which
 * the engine reads for every such task); the Camunda 7 panel shows it only on asynchronous elements, which the engine
 * does not have.
 */
function RetryTimeCycle(props) {
  const { element, id } = props;
  const translate = useService('translate');
  const commandStack = useService('commandStack');
  const bpmnFactory = useService('bpmnFactory');
  const debounce = useService('debounceInput');
  const businessObject = getBusinessObject(element);
  const cycleOf = () => (businessObject.get('extensionElements')?.get('values') || []).find((value) => is(value, 'camunda:FailedJobRetryTimeCycle'));
  const setValue = (value) => {
    const commands = [];
    let extensionElements = businessObject.get('extensionElements');
    if (!extensionElements) {
      extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
      extensionElements.$parent = businessObject;
      commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: businessObject, properties: { extensionElements } } });
    }
    let cycle = cycleOf();
    if (!value) {
      if (cycle) commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: extensionElements, properties: { values: extensionElements.get('values').filter((v) => v !== cycle) } } });
    } else {
      if (!cycle) {
        cycle = bpmnFactory.create('camunda:FailedJobRetryTimeCycle', {});
        cycle.$parent = extensionElements;
        commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: extensionElements, properties: { values: [...extensionElements.get('values'), cycle] } } });
      }
      commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: cycle, properties: { body: value } } });
    }
    if (commands.length) commandStack.execute('properties-panel.multi-command-executor', commands);
  };
  return TextFieldEntry({
    element, id, label: translate('Retry time cycle'),
    description: translate('Attempts before an incident: R3/PT1M is three attempts a minute apart, PT1M,PT5M one retry after each wait; empty is R3/PT1M.'),
    getValue: () => cycleOf()?.body || '', setValue, debounce,
  });
}

function insertBefore(entries, beforeId, entry) {
  const index = entries.findIndex((e) => e.id === beforeId);
  entries.splice(index < 0 ? entries.length : index, 0, entry);
}

function insertAfter(entries, afterId, entry) {
  const index = entries.findIndex((e) => e.id === afterId);
  entries.splice(index < 0 ? entries.length : index + 1, 0, entry);
}

/**
 * The properties provider (after the Camunda 7 one): see the file's comment. Entries name module-level components and
 * carry their settings as props (the panel passes an entry's fields to its component): a component made anew on each
 * call would be another component to Preact at every re-render, remounted, losing what one was typing in a picker.
 */
function ApprovalFlowProperties(propertiesPanel, translate, config) {
  this._translate = translate;
  this._directory = config.directory;
  this._forms = config.forms;
  propertiesPanel.registerProvider(200, this);
}
ApprovalFlowProperties.$inject = ['propertiesPanel', 'translate', 'config.approvalFlow'];

ApprovalFlowProperties.prototype.getGroups = function (element) {
  return (groups) => {
    // The panel's own buttons and hints (a group's "toggle section", a list's "create new list item", an item's "delete
    // item") use the translate function their group is given and English without one; bpmn-js-properties-panel 5.65 gives none.
    const shown = groups.filter((group) => !HIDDEN_GROUPS.has(group.id)).map((group) => ({ ...group, translate: this._translate }));
    const implementation = shown.find((group) => group.id === 'CamundaPlatform__Implementation');
    if (implementation && getBusinessObject(element).get('camunda:type') === 'external') {
      insertAfter(implementation.entries, 'externalTopic', { id: 'af-retryTimeCycle', component: RetryTimeCycle, isEdited: isTextFieldEntryEdited });
    }
    const translate = this._translate;
    if (!is(element, 'bpmn:UserTask')) return shown;
    const directory = this._directory;
    const assignment = shown.find((group) => group.id === 'CamundaPlatform__UserAssignment');
    if (assignment) {
      const picker = (id, property, kind, multiple, label, placeholder) => ({
        id, component: DirectoryPicker, property, kind, multiple, label, placeholder, directory, isEdited: () => false,
      });
      insertAfter(assignment.entries, 'assignee', picker('af-assignee', 'camunda:assignee', 'user', false, translate('Pick the assignee from the directory'), translate('Search people by name')));
      insertAfter(assignment.entries, 'candidateGroups', picker('af-candidateGroups', 'camunda:candidateGroups', 'group', true, translate('Pick groups from the directory'), translate('Search groups by name')));
      insertAfter(assignment.entries, 'candidateUsers', picker('af-candidateUsers', 'camunda:candidateUsers', 'user', true, translate('Pick people from the directory'), translate('Search people by name')));
      const workingDays = (id, property, label, description) => ({ id, component: WorkingDays, property, label, description, isEdited: isNumberFieldEntryEdited });
      insertBefore(assignment.entries, 'dueDate', workingDays('af-workingDays', 'camunda:dueDate', 'Due in working days',
        'The task is due this many working days after it is created (holidays skipped).'));
      insertBefore(assignment.entries, 'followUpDate', workingDays('af-followUpWorkingDays', 'camunda:followUpDate', 'Follow up in working days',
        'The task is to be followed up this many working days after it is created (holidays skipped).'));
    }
    const form = shown.find((group) => group.id === 'CamundaPlatform__Form');
    if (form) {
      const forms = this._forms;
      form.entries = form.entries.filter((entry) => !FORM_ENTRIES.has(entry.id));
      form.entries.unshift(forms
        ? { id: 'af-formKey', component: FormPicker, forms, isEdited: isSelectEntryEdited }
        : { id: 'af-formKey', component: FormKeyText, isEdited: isTextFieldEntryEdited });
    }
    return shown;
  };
};

export default {
  __init__: ['approvalFlowProperties'],
  approvalFlowProperties: ['type', ApprovalFlowProperties],
};
