// The monitor island (/definitions/{key}/versions/{v}/monitor): a version's diagram (bpmn-view.js) with,
// on each node, a badge of the tokens waiting there and a red marker with the count of open incidents; the
// figures of the node under the pointer (median and p90 time spent there) in the [data-node-info] line
// below the drawing; a heat map of p90 (toggled); clicking a node selects it as the nodes table's link
// does (the instances waiting there load beside the diagram).
// Inputs besides bpmn-view.js's: data-figures (the id of a <script type="application/json"> block:
// { nodes: [{ id, waiting, incidents, heat (0 = no figures, 1..5), summary, waitingLabel, incidentsLabel }] }).
// The island's [data-heat-toggle] button (aria-pressed) turns the heat map on and off: node markers
// af-heat-1..5 and data-heat="on" on the island; [data-heat-legend] shows while it is on. The
// selected node is the [data-selected-node] attribute of the waiting-instances panel (#waiting-panel).
import { mountDiagrams } from './bpmn-view.js';
import { readJson } from './json-block.js';

const heatClasses = [1, 2, 3, 4, 5].map((level) => `af-heat-${level}`);

function badge(className, text, label) {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;
  element.title = label;
  element.setAttribute('aria-hidden', 'true');
  return element;
}

function linkFor(nodeId) {
  return [...document.querySelectorAll('[data-node-link]')].find((link) => link.dataset.nodeLink === nodeId);
}

mountDiagrams('[data-island="monitor"]', (viewer, island) => {
  const figures = readJson(island.dataset.figures, { nodes: [] });
  const registry = viewer.get('elementRegistry');
  const canvas = viewer.get('canvas');
  const overlays = viewer.get('overlays');
  const eventBus = viewer.get('eventBus');
  const byId = new Map(figures.nodes.filter((node) => registry.get(node.id)).map((node) => [node.id, node]));

  byId.forEach((node, id) => {
    canvas.addMarker(id, 'af-monitored');
    if (node.waiting > 0) {
      overlays.add(id, 'af-figures', { position: { top: -10, right: 10 }, html: badge('af-waiting-badge', node.waitingText, node.waitingLabel) });
    }
    if (node.incidents > 0) {
      canvas.addMarker(id, 'af-node-incident');
      overlays.add(id, 'af-figures', { position: { bottom: 10, left: -10 }, html: badge('af-incident-badge', node.incidentsText, node.incidentsLabel) });
    }
  });

  // The node's figures in words, below the drawing (never clipped by it), while the pointer is over it.
  const info = island.querySelector('[data-node-info]');
  const idle = info?.textContent || '';
  eventBus.on('element.hover', ({ element }) => {
    const node = byId.get(element.id);
    if (info) info.textContent = node ? node.summary : idle;
  });

  // Clicking a node does what its link in the nodes table does.
  eventBus.on('element.click', ({ element }) => {
    if (byId.has(element.id)) linkFor(element.id)?.click();
  });

  const toggle = island.querySelector('[data-heat-toggle]');
  const legend = island.querySelector('[data-heat-legend]');
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener('click', () => {
      const on = toggle.getAttribute('aria-pressed') !== 'true';
      toggle.setAttribute('aria-pressed', String(on));
      island.dataset.heat = on ? 'on' : 'off';
      if (legend) legend.hidden = !on;
      byId.forEach((node, id) => {
        heatClasses.forEach((className) => canvas.removeMarker(id, className));
        if (on && node.heat > 0) canvas.addMarker(id, heatClasses[node.heat - 1]);
      });
    });
  }

  // The selected node (from the panel the server rendered or htmx swapped in) is highlighted.
  let selected = null;
  const select = () => {
    const panel = document.getElementById('waiting-panel');
    const id = panel?.querySelector('[data-selected-node]')?.dataset.selectedNode || null;
    if (selected && registry.get(selected)) canvas.removeMarker(selected, 'af-node-current');
    selected = id && registry.get(id) ? id : null;
    if (selected) canvas.addMarker(selected, 'af-node-current');
  };
  select();
  document.body.addEventListener('htmx:afterSettle', select);
});
