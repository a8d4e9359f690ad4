// The designer island (/designer/{key}): the bpmn-js Modeler with the Camunda 7 properties panel, our pickers
// (designer/properties.js), the minimap, bpmnlint with rules mirroring the server's validator, a palette and replace
// menu limited to what the engine executes, Persian texts through the translate service, autosave of the user's
// draft on the server and deploy with the server's errors shown on their elements.
// Inputs (data-* of the island): xml-url (the file to open), base-version (the deployed version it starts from, or
// empty), draft-url (PUT saves the user's draft), deploy-url (POST deploys the draft), groups-url and users-url (the
// directory searches), forms-url (the deployed forms as [{key, name}], GET /api/forms's contract), texts (the id of a
// <script type="application/json"> block with the page's texts, from the page's resources). The canvas container is
// dir="ltr" (bpmn-js#924); it gets data-import-warnings (how many warnings the import gave) and the island
// data-state ("ready", "failed").
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule } from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import minimapModule from 'diagram-js-minimap';
import lintModule from 'bpmn-js-bpmnlint';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import '@bpmn-io/properties-panel/assets/properties-panel.css';
import 'diagram-js-minimap/assets/diagram-js-minimap.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import './designer.css';
import { translateModule } from './designer/translate';
import elementFilters from './designer/element-filters';
import propertiesModule from './designer/properties';
import { createDirectory } from './designer/directory';
import { linterConfig } from './designer/lint-rules';

const AUTOSAVE_DELAY_MS = 1500;

function readJson(id) {
  const element = id ? document.getElementById(id) : null;
  try {
    return element ? JSON.parse(element.textContent) : {};
  } catch {
    return {};
  }
}

function format(template, values) {
  return (template || '').replace(/\{(\w+)\}/g, (match, key) => (key in values ? values[key] : match));
}

async function loadForms(url) {
  try {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) return null;
    const forms = await response.json();
    return Array.isArray(forms) ? forms.filter((form) => form && typeof form.key === 'string') : null;
  } catch {
    return null;
  }
}

async function mount(island) {
  const texts = readJson(island.dataset.texts);
  const language = document.documentElement.lang === 'en' ? 'en' : 'fa';
  const canvasElement = island.querySelector('[data-designer-canvas]');
  const panelElement = island.querySelector('[data-designer-panel]');
  const status = island.querySelector('[data-designer-status]');
  const deployButton = island.querySelector('[data-designer-deploy]');
  const blocked = island.querySelector('[data-designer-blocked]');
  const result = island.querySelector('[data-designer-result]');
  const problemList = island.querySelector('[data-designer-problems]');
  const problemSection = island.querySelector('[data-designer-problems-section]');
  const baseVersion = island.dataset.baseVersion ? Number(island.dataset.baseVersion) : null;
  const clock = new Intl.DateTimeFormat(language === 'fa' ? 'fa-IR' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone: island.dataset.timeZone || undefined });

  const [xmlResponse, forms] = await Promise.all([
    fetch(island.dataset.xmlUrl, { credentials: 'same-origin', headers: { Accept: 'application/xml, application/json' } }),
    loadForms(island.dataset.formsUrl),
  ]);
  if (!xmlResponse.ok) throw new Error(`The diagram could not be loaded (${xmlResponse.status}).`);
  const xml = (xmlResponse.headers.get('Content-Type') || '').includes('json') ? (await xmlResponse.json()).xml : await xmlResponse.text();

  await document.fonts.ready;
  const font = getComputedStyle(document.body).fontFamily;
  const modeler = new Modeler({
    container: canvasElement,
    textRenderer: { defaultStyle: { fontFamily: font, fontSize: 12, lineHeight: 1.3 }, externalStyle: { fontFamily: font, fontSize: 12, lineHeight: 1.3 } },
    propertiesPanel: { parent: panelElement },
    linting: { bpmnlint: linterConfig, active: true },
    minimap: { open: true },
    approvalFlow: { directory: createDirectory(island.dataset.groupsUrl, island.dataset.usersUrl), forms },
    moddleExtensions: { camunda: camundaModdle },
    additionalModules: [
      translateModule(language),
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      CamundaBehaviorsModule,
      propertiesModule,
      elementFilters,
      minimapModule,
      lintModule,
    ],
  });

  // A list's "+" (extension properties, in and out mappings) leaves the focus where it is: were the field being typed in
  // to blur on mousedown, it would commit its value and re-render the panel before the click, and the list group
  // (@bpmn-io/properties-panel 3.55's ListGroup resets its "added" flag after every re-render) would then leave the new
  // item closed. The field commits when the new item's first field takes the focus.
  panelElement.addEventListener('mousedown', (event) => {
    if (event.target instanceof Element && event.target.closest('.bio-properties-panel-add-entry')) event.preventDefault();
  });

  const { warnings } = await modeler.importXML(xml);
  canvasElement.dataset.importWarnings = String(warnings.length);
  warnings.forEach((warning) => console.warn('Import warning:', warning.message));
  const canvas = modeler.get('canvas');
  canvas.zoom('fit-viewport', 'auto');
  const svg = canvasElement.querySelector('svg');
  if (svg) {
    svg.setAttribute('role', 'application');
    svg.setAttribute('aria-label', texts.canvasLabel || '');
  }

  const registry = modeler.get('elementRegistry');
  const overlays = modeler.get('overlays');
  const selection = modeler.get('selection');
  const commandStack = modeler.get('commandStack');
  const eventBus = modeler.get('eventBus');
  const translate = modeler.get('translate');

  // Problems: the linter's while drawing, the server's after a deploy attempt; each item selects its element.
  let lintIssues = [];
  let serverErrors = [];
  const number = (value) => Number(value).toLocaleString(language === 'fa' ? 'fa-IR' : 'en');
  const nameOf = (id, line) => {
    const element = id && registry.get(id);
    const name = element && element.businessObject && element.businessObject.name;
    if (name) return `${name} (${id})`;
    if (id) return id;
    return line > 0 ? format(texts.atLine, { line: number(line) }) : (texts.wholeFile || '');
  };
  // A server error in the user's language by its code; the server's own (English) text only when the code is unknown.
  // The directory checks (DeploymentChecks.cs) name the group, user or form as "has camunda:<attribute> '<name>'" and
  // their closest group ids as "did you mean 'a', 'b'?": both are shown with the translated text.
  const serverText = (error) => {
    const known = (texts.codes || {})[error.code];
    if (!known) return { text: error.message || texts.serverError, lang: error.message ? 'en' : undefined };
    const message = error.message || '';
    const named = /has camunda:\w+ '([^']+)'/.exec(message);
    const closest = /did you mean (.+)\?$/.exec(message);
    const names = closest ? [...closest[1].matchAll(/'([^']+)'/g)].map((match) => `«${match[1]}»`) : [];
    let text = named ? `${known} («${named[1]}»)` : known;
    if (names.length) text += ` ${format(texts.didYouMean, { names: names.join(language === 'fa' ? '، ' : ', ') })}`;
    return { text };
  };
  function renderProblems() {
    problemList.replaceChildren();
    const items = [
      ...serverErrors.map((error) => ({ id: error.elementId, line: error.line, ...serverText(error), kind: 'server' })),
      ...lintIssues.map((issue) => ({ id: issue.id, text: translate(issue.message), kind: issue.category })),
    ];
    items.forEach((item) => {
      const li = document.createElement('li');
      li.className = `af-problem af-problem-${item.kind}`;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'btn btn-link p-0 text-start';
      button.textContent = nameOf(item.id, item.line);
      button.addEventListener('click', () => {
        const element = item.id && registry.get(item.id);
        if (!element) return;
        selection.select(element);
        canvas.scrollToElement(element);
        canvasElement.focus();
      });
      const text = document.createElement('span');
      text.textContent = item.text;
      if (item.lang) {
        text.lang = item.lang;
        text.dir = 'auto';
      }
      li.append(button, document.createTextNode(': '), text);
      problemList.append(li);
    });
    problemSection.hidden = items.length === 0;
    const errors = lintIssues.filter((issue) => issue.category === 'error').length;
    deployButton.disabled = errors > 0;
    blocked.hidden = errors === 0;
    blocked.textContent = errors ? format(texts.deployBlocked, { count: errors.toLocaleString(language === 'fa' ? 'fa-IR' : 'en') }) : '';
  }
  eventBus.on('linting.completed', ({ issues }) => {
    lintIssues = Object.entries(issues || {}).flatMap(([id, list]) => list.map((issue) => ({ id: issue.id || id, message: issue.message, category: issue.category })));
    renderProblems();
  });

  function clearServerErrors() {
    overlays.remove({ type: 'af-deploy-error' });
    serverErrors.forEach((error) => error.elementId && registry.get(error.elementId) && canvas.removeMarker(error.elementId, 'af-deploy-error'));
    serverErrors = [];
  }
  function showServerErrors(errors) {
    clearServerErrors();
    serverErrors = errors;
    errors.forEach((error) => {
      if (!error.elementId || !registry.get(error.elementId)) return;
      canvas.addMarker(error.elementId, 'af-deploy-error');
      const badge = document.createElement('span');
      badge.className = 'af-deploy-badge';
      badge.textContent = '!';
      badge.title = serverText(error).text;
      overlays.add(error.elementId, 'af-deploy-error', { position: { top: -10, right: 10 }, html: badge });
    });
    renderProblems();
  }

  // Autosave: the draft is saved on the server a moment after each change.
  let timer = null;
  let saving = Promise.resolve(true);
  const setStatus = (text, state) => {
    status.textContent = text;
    status.dataset.state = state;
  };
  async function save() {
    clearTimeout(timer);
    timer = null;
    const { xml: current } = await modeler.saveXML({ format: true });
    setStatus(texts.saving, 'saving');
    const response = await fetch(island.dataset.draftUrl, {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', RequestVerificationToken: island.dataset.antiforgery || '' },
      body: JSON.stringify({ xml: current, baseVersion }),
    }).catch(() => null);
    if (!response || !response.ok) {
      setStatus(texts.saveFailed, 'failed');
      return false;
    }
    const saved = await response.json();
    setStatus(format(texts.savedAt, { time: clock.format(new Date(saved.savedAt)) }), 'saved');
    status.dataset.savedAt = saved.savedAt;
    return true;
  }
  const queueSave = () => {
    saving = saving.then(save, save);
    return saving;
  };
  eventBus.on('commandStack.changed', () => {
    result.hidden = true;
    setStatus(texts.unsaved, 'unsaved');
    clearTimeout(timer);
    timer = setTimeout(queueSave, AUTOSAVE_DELAY_MS);
  });
  window.addEventListener('beforeunload', (event) => {
    if (timer) event.preventDefault();
  });

  island.querySelector('[data-designer-undo]')?.addEventListener('click', () => commandStack.undo());
  island.querySelector('[data-designer-redo]')?.addEventListener('click', () => commandStack.redo());
  eventBus.on('commandStack.changed', () => {
    island.querySelector('[data-designer-undo]').disabled = !commandStack.canUndo();
    island.querySelector('[data-designer-redo]').disabled = !commandStack.canRedo();
  });

  deployButton.addEventListener('click', async () => {
    deployButton.disabled = true;
    result.hidden = true;
    try {
      if (!(await queueSave())) return;
      setStatus(texts.deploying, 'deploying');
      const response = await fetch(island.dataset.deployUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json', RequestVerificationToken: island.dataset.antiforgery || '' },
      });
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        clearServerErrors();
        renderProblems();
        result.className = 'alert alert-success mb-2';
        result.textContent = format(response.status === 201 ? texts.deployed : texts.unchanged, { version: Number(body.version).toLocaleString(language === 'fa' ? 'fa-IR' : 'en') });
        result.dataset.version = String(body.version);
        setStatus(result.textContent, 'deployed');
      } else {
        showServerErrors(Array.isArray(body.errors) ? body.errors : [{ elementId: null, code: body.code, message: body.detail || String(response.status) }]);
        result.className = 'alert alert-danger mb-2';
        result.textContent = texts.deployFailed;
        delete result.dataset.version;
        setStatus(texts.deployFailed, 'rejected');
      }
      result.hidden = false;
      result.focus();
    } finally {
      deployButton.disabled = lintIssues.some((issue) => issue.category === 'error');
    }
  });

  island.dataset.state = 'ready';
  island.removeAttribute('aria-busy');
}

document.querySelectorAll('[data-island="designer"]').forEach((island) => {
  mount(island).catch((error) => {
    console.error('The designer could not be started.', error);
    island.dataset.state = 'failed';
    island.removeAttribute('aria-busy');
    const message = document.getElementById(island.dataset.failed);
    if (message) message.hidden = false;
  });
});
