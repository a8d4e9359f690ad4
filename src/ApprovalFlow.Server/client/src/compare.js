// The compare island: two versions of a definition side by side in bpmn-js NavigatedViewers whose
// viewports move together, the differences found by bpmn-js-differ marked on both drawings (added on
// the newer, removed on the older, changed and moved on both) and listed in words; a list item selects
// and zooms to its element in both viewers.
// Inputs on the [data-island="compare"] container: data-from-url and data-to-url (the two BPMN files),
// data-texts (the id of a <script type="application/json"> block with the page's texts, see
// Compare.cshtml) and data-groups (the id of a JSON block mapping group ids to names). The two canvases
// are its [data-compare-canvas="from"] and [data-compare-canvas="to"] (dir="ltr", bpmn-js#924), the list
// its [data-compare-list], the summary its [data-compare-summary]. After import the container gets
// data-state="shown" and data-import-warnings (both viewers' bpmn-js warnings added up).
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import { ChangeHandler, diff } from 'bpmn-js-differ';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './compare.css';

const markerClasses = { added: 'af-diff-added', removed: 'af-diff-removed', changed: 'af-diff-changed', moved: 'af-diff-moved' };

function readJson(id) {
  const element = id ? document.getElementById(id) : null;
  try {
    return element && element.textContent ? JSON.parse(element.textContent) : {};
  } catch {
    return {};
  }
}

const format = (template, ...values) => (template || '').replace(/\{(\d)\}/g, (_, i) => values[Number(i)] ?? '');
// A template's text with each {n} replaced by values[n] in its own <bdi>, so that a Latin value such
// as ${workingDays(5)} or P0D keeps its order inside a Persian sentence.
function sentence([template, ...values]) {
  const fragment = document.createDocumentFragment();
  (template || '').split(/(\{\d\})/).forEach((part) => {
    const placeholder = /^\{(\d)\}$/.exec(part);
    if (placeholder) {
      const isolated = document.createElement('bdi');
      isolated.textContent = values[Number(placeholder[1])] ?? '';
      fragment.append(isolated);
    } else if (part) {
      fragment.append(part);
    }
  });
  return fragment;
}

const isDi = (element) => element && element.$instanceOf && (element.$instanceOf('bpmndi:BPMNEdge') || element.$instanceOf('bpmndi:BPMNShape'));

// bpmn-js-differ's handler, extended so that changes below a tracked element (extension properties such
// as camunda:property, conditions, timers, multi-instance) count as changes of that element, each change
// kept as { path, oldValue, newValue }. The differ walks a delta of the form [old, new], [new] (added) or
// [old, 0, 0] (deleted) and passes its first two items to changed().
class Changes extends ChangeHandler {
  constructor() {
    super();
    this.details = {};
    this._fromBase = false;
  }

  owner(model) {
    for (let current = model; current && current.$instanceOf; current = current.$parent) {
      if (isDi(current)) return null;
      const tracked = this._isTracked(current);
      if (tracked) return tracked.element;
    }
    return null;
  }

  record(model, property, oldValue, newValue) {
    const owner = this.owner(model);
    if (!owner) return;
    const id = this._computeChangeId(owner);
    if (!this._changed[id]) this._changed[id] = { model: owner, attrs: {} };
    (this.details[id] = this.details[id] || []).push({ owner, model, property, oldValue, newValue });
  }

  changed(model, property, first, second) {
    if (this._fromBase) {
      // ChangeHandler.added/removed call changed(tracked, property, newValue, oldValue).
      this.record(model, property, second ?? undefined, first ?? undefined);
      return;
    }
    if (isDi(model)) {
      super.changed(model, property, first, second);
      return;
    }
    if (first === undefined && second === undefined) return; // walking into a nested object
    const deleted = second === 0;
    this.record(model, property, second === undefined && !deleted ? undefined : first, deleted ? undefined : second ?? first);
  }

  delegate(method, args) {
    this._fromBase = true;
    try {
      ChangeHandler.prototype[method].apply(this, args);
    } finally {
      this._fromBase = false;
    }
  }

  added(model, property, element, index) {
    if (this._isTracked(element) || this._isTracked(model) || isDi(model)) this.delegate('added', [model, property, element, index]);
    else this.record(model, property, undefined, element);
  }

  removed(model, property, element, index) {
    if (this._isTracked(element) || this._isTracked(model) || isDi(model)) this.delegate('removed', [model, property, element, index]);
    else this.record(model, property, element, undefined);
  }
}

async function load(url) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/xml' } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.text();
}

function makeViewer(canvas, font) {
  return new NavigatedViewer({
    container: canvas,
    moddleExtensions: { camunda: camundaModdle },
    textRenderer: { defaultStyle: { fontFamily: font, fontSize: 12, lineHeight: 1.3 }, externalStyle: { fontFamily: font, fontSize: 12, lineHeight: 1.3 } },
  });
}

// Words for one change, from the page's texts: [template, ...values] (see sentence()).
function describer(texts, groups, fromViewer, toViewer) {
  const registries = { from: fromViewer.get('elementRegistry'), to: toViewer.get('elementRegistry') };
  const typeName = (element) => {
    const type = (element.$type || '').replace(/^bpmn:/, '');
    return texts[`Type_${type}`] || texts.Type_other;
  };
  const businessObject = (side, id) => registries[side].get(id)?.businessObject;
  const label = (element, side) => {
    if (element.name) return element.name;
    if (element.sourceRef && element.targetRef) return format(texts.FlowName, label(element.sourceRef, side), label(element.targetRef, side));
    return element.id;
  };
  const value = (raw, attribute, side) => {
    if (raw === undefined || raw === null || raw === '') return texts.Empty;
    if (typeof raw === 'string' && raw.startsWith('#ref:')) {
      const target = businessObject(side, raw.slice(5));
      return target ? label(target, side) : raw.slice(5);
    }
    if (raw.$instanceOf) {
      if (raw.$instanceOf('bpmn:FormalExpression')) return raw.body ?? texts.Empty;
      if (raw.id) return label(raw, side);
      return texts.Something;
    }
    const text = String(raw);
    if (attribute === 'candidateGroups') return text.split(',').map((g) => groups[g.trim()] || g.trim()).join('، ');
    return text;
  };
  // The top property of owner under which model sits (model itself when it is the owner).
  const topProperty = (owner, model, property) => {
    if (owner === model) return property.replace(/\[\d+\]$/, '');
    let child = model;
    while (child.$parent && child.$parent !== owner) child = child.$parent;
    const found = owner.$descriptor.properties.find((p) => {
      const v = owner.get(p.name);
      return v === child || (Array.isArray(v) && v.includes(child));
    });
    return found ? found.name : 'other';
  };
  const attributeName = ({ owner, model, property }) => texts[`Attr_${topProperty(owner, model, property)}`] || texts.Attr_other;

  return {
    element(kind, element, side) {
      return [texts[`Change_${kind}`], typeName(element), label(element, side)];
    },
    detail(detail, element) {
      const subject = [typeName(element), label(businessObject('from', element.id) || element, 'from')];
      if (detail.other) return [texts.Change_other, ...subject, texts.Attr_extensionElements];
      const attribute = detail.name !== undefined ? format(texts.Attr_property, detail.name) : attributeName(detail);
      const plainAttribute = detail.owner === detail.model ? detail.property : null;
      const oldText = detail.oldValue === undefined ? null : value(detail.oldValue, plainAttribute, 'from');
      const newText = detail.newValue === undefined ? null : value(detail.newValue, plainAttribute, 'to');
      if (oldText === null) return [texts.Change_set, ...subject, attribute, newText];
      if (newText === null) return [texts.Change_unset, ...subject, attribute, oldText];
      return [texts.Change_changed, ...subject, attribute, oldText, newText];
    },
  };
}

// The camunda:property entries (name → value) of an element's extension elements.
function extensionProperties(element) {
  const entries = (element?.extensionElements?.values || [])
    .filter((value) => value.$instanceOf('camunda:Properties'))
    .flatMap((properties) => properties.values || []);
  return new Map(entries.map((property) => [property.name, property.value]));
}

const inExtensionElements = (model, owner) => {
  for (let current = model; current && current !== owner; current = current.$parent) {
    if (current.$instanceOf('bpmn:ExtensionElements')) return true;
  }
  return false;
};

// The differ sees an edited camunda:properties block as one removed and one added block: tell instead
// which properties changed, were set or were removed (anything else under extensionElements as "other").
function withExtensionProperties(details, before, after) {
  const rest = details.filter((detail) => !inExtensionElements(detail.model, detail.owner));
  if (rest.length === details.length) return details;
  const owner = details[0].owner;
  const [old, now] = [extensionProperties(before), extensionProperties(after)];
  const names = [...new Set([...old.keys(), ...now.keys()])].filter((name) => old.get(name) !== now.get(name));
  const properties = names.map((name) => ({ owner, model: owner, property: 'property', name, oldValue: old.get(name), newValue: now.get(name) }));
  return [...rest, ...(properties.length > 0 ? properties : [{ owner, model: owner, other: true }])];
}

function focus(viewers, id) {
  const present = viewers.filter((viewer) => viewer.get('elementRegistry').get(id));
  present.forEach((viewer) => viewer.get('selection').select(viewer.get('elementRegistry').get(id)));
  const lead = present[present.length - 1];
  if (!lead) return;
  const canvas = lead.get('canvas');
  canvas.zoom(1);
  canvas.scrollToElement(lead.get('elementRegistry').get(id), { top: 60, bottom: 60, left: 60, right: 60 });
}

async function mount(island) {
  const texts = readJson(island.dataset.texts);
  const groups = readJson(island.dataset.groups);
  const [fromXml, toXml] = await Promise.all([load(island.dataset.fromUrl), load(island.dataset.toUrl)]);
  await document.fonts.ready;
  const font = getComputedStyle(document.body).fontFamily;
  const fromCanvas = island.querySelector('[data-compare-canvas="from"]');
  const toCanvas = island.querySelector('[data-compare-canvas="to"]');
  const fromViewer = makeViewer(fromCanvas, font);
  const toViewer = makeViewer(toCanvas, font);
  const imported = await Promise.all([fromViewer.importXML(fromXml), toViewer.importXML(toXml)]);
  island.dataset.importWarnings = String(imported.reduce((sum, result) => sum + result.warnings.length, 0));
  [[fromCanvas, fromViewer], [toCanvas, toViewer]].forEach(([canvas, viewer]) => {
    const svg = canvas.querySelector('svg');
    if (svg) {
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', canvas.dataset.label || '');
    }
    viewer.get('canvas').zoom('fit-viewport', 'auto');
  });

  // The viewports move together: panning or zooming one moves the other the same way. bpmn-js fires
  // 'canvas.viewbox.changing' just before it applies a change (and 'changed' only 300 ms later), so the
  // new box is read in a microtask; an equal box is not applied again, which ends the echo.
  let syncing = false;
  const same = (a, b) => ['x', 'y', 'width', 'height'].every((k) => Math.abs(a[k] - b[k]) < 0.5);
  [[fromViewer, toViewer], [toViewer, fromViewer]].forEach(([source, target]) => {
    source.on('canvas.viewbox.changing', () => queueMicrotask(() => {
      if (syncing) return;
      const box = source.get('canvas').viewbox();
      const targetCanvas = target.get('canvas');
      if (same(box, targetCanvas.viewbox())) return;
      syncing = true;
      try {
        targetCanvas.viewbox({ x: box.x, y: box.y, width: box.width, height: box.height });
      } finally {
        syncing = false;
      }
    }));
  });
  fromViewer.get('canvas').viewbox(toViewer.get('canvas').viewbox());

  const changes = diff(fromViewer.getDefinitions(), toViewer.getDefinitions(), new Changes());
  const words = describer(texts, groups, fromViewer, toViewer);
  const items = [];
  const mark = (viewer, id, kind) => {
    if (viewer.get('elementRegistry').get(id)) viewer.get('canvas').addMarker(id, markerClasses[kind]);
  };
  Object.entries(changes._added).forEach(([id, element]) => {
    mark(toViewer, id, 'added');
    items.push({ id, kind: 'added', words: words.element('added', element, 'to') });
  });
  Object.entries(changes._removed).forEach(([id, element]) => {
    mark(fromViewer, id, 'removed');
    items.push({ id, kind: 'removed', words: words.element('removed', element, 'from') });
  });
  Object.entries(changes._changed).forEach(([id, change]) => {
    if (changes._added[id] || changes._removed[id]) return;
    mark(fromViewer, id, 'changed');
    mark(toViewer, id, 'changed');
    const details = withExtensionProperties(
      changes.details[id] || [],
      fromViewer.get('elementRegistry').get(id)?.businessObject,
      toViewer.get('elementRegistry').get(id)?.businessObject,
    );
    if (details.length === 0) items.push({ id, kind: 'changed', words: words.element('changed', change.model, 'to') });
    details.forEach((detail) => items.push({ id, kind: 'changed', words: words.detail(detail, change.model) }));
  });
  Object.entries(changes._layoutChanged).forEach(([id, element]) => {
    if (changes._added[id] || changes._removed[id]) return;
    if (!changes._changed[id]) {
      mark(fromViewer, id, 'moved');
      mark(toViewer, id, 'moved');
    }
    items.push({ id, kind: 'moved', words: words.element('moved', element, 'to') });
  });

  const list = island.querySelector('[data-compare-list]');
  const order = { added: 0, removed: 1, changed: 2, moved: 3 };
  items.sort((a, b) => order[a.kind] - order[b.kind]);
  const seen = new Set();
  items.forEach((item) => {
    const key = `${item.kind}|${format(...item.words)}`;
    if (seen.has(key)) return;
    seen.add(key);
    const li = document.createElement('li');
    li.dataset.kind = item.kind;
    li.dataset.elementId = item.id;
    li.className = `af-change af-change-${item.kind}`;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'btn btn-link p-0 text-start';
    button.append(sentence(item.words));
    button.addEventListener('click', () => focus([fromViewer, toViewer], item.id));
    const kind = document.createElement('span');
    kind.className = 'visually-hidden';
    kind.textContent = `${texts[`Kind_${item.kind}`]}: `;
    li.append(kind, button);
    list.append(li);
  });
  const summary = island.querySelector('[data-compare-summary]');
  if (summary) summary.textContent = items.length === 0 ? texts.NoChanges : format(texts.ChangeCount, seen.size.toLocaleString(document.documentElement.lang === 'fa' ? 'fa-IR' : 'en'));
  island.dataset.state = 'shown';
  island.removeAttribute('aria-busy');
}

document.querySelectorAll('[data-island="compare"]').forEach((island) => {
  mount(island).catch((error) => {
    console.warn('The versions could not be compared.', error);
    island.removeAttribute('aria-busy');
    island.dataset.state = 'failed';
    const message = document.getElementById(island.dataset.failed);
    if (message) message.hidden = false;
  });
});
