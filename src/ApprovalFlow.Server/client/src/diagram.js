// The diagram island: shows a process's BPMN diagram read-only with bpmn-js's NavigatedViewer (pan by
// dragging, zoom with the wheel or the buttons), marks where the instance's tokens are, what it has
// completed and which sequence flows it took, and highlights one node (the task page's task).
// Inputs: data-xml-url (the BPMN XML, served by the instance page's handler), data-markers (the id of a
// <script type="application/json"> block: { Active, Completed, Taken, Incidents, Current } arrays of
// element ids), data-failed (the id of the message shown when the diagram cannot be drawn), data-label
// (the drawing's accessible name). After the import the container gets data-import-warnings (bpmn-js's
// warning count). The zoom
// buttons are the container's [data-zoom] buttons, hidden until the diagram shows. The canvas
// container is dir="ltr" (bpmn-js#924); the text alternative is the server-rendered list beside it.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './diagram.css';

const markerClasses = {
  Completed: 'af-node-completed',
  Taken: 'af-flow-taken',
  Active: 'af-node-active',
  Incidents: 'af-node-incident',
  Current: 'af-node-current',
};

function readJson(id, fallback) {
  const element = id ? document.getElementById(id) : null;
  if (!element || !element.textContent) return fallback;
  try {
    return JSON.parse(element.textContent);
  } catch {
    return fallback;
  }
}

function fail(island, canvas) {
  canvas.remove();
  island.dataset.state = 'failed';
  const message = document.getElementById(island.dataset.failed);
  if (message) message.hidden = false;
}

async function mount(island) {
  const canvas = island.querySelector('[data-diagram-canvas]');
  if (!canvas) return;
  const response = await fetch(island.dataset.xmlUrl, { credentials: 'same-origin', headers: { Accept: 'application/xml' } });
  if (!response.ok) {
    fail(island, canvas);
    return;
  }
  const xml = await response.text();
  // Labels are measured when drawn: wait for Vazirmatn so Persian labels wrap at their real width.
  await document.fonts.ready;
  const font = getComputedStyle(document.body).fontFamily;
  const viewer = new NavigatedViewer({
    container: canvas,
    textRenderer: { defaultStyle: { fontFamily: font, fontSize: 12, lineHeight: 1.3 }, externalStyle: { fontFamily: font, fontSize: 12, lineHeight: 1.3 } },
  });
  try {
    const { warnings } = await viewer.importXML(xml);
    // How many elements bpmn-js could not draw or understand (0 for a clean file); tests assert it.
    island.dataset.importWarnings = String(warnings.length);
  } catch (error) {
    viewer.destroy();
    fail(island, canvas);
    console.warn('The diagram could not be drawn.', error);
    return;
  }

  // The drawing is one focusable image to assistive technology (arrow keys pan it); the list beside it tells the stages.
  const svg = canvas.querySelector('svg');
  if (svg) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', island.dataset.label || '');
  }

  const markers = readJson(island.dataset.markers, {});
  const registry = viewer.get('elementRegistry');
  const drawn = viewer.get('canvas');
  Object.entries(markerClasses).forEach(([kind, className]) => {
    (markers[kind] || []).forEach((id) => {
      if (registry.get(id)) drawn.addMarker(id, className);
    });
  });

  // As tall as the drawing needs at the container's width (within the CSS bounds), so a long, flat
  // process is not lost in white space; then the whole diagram fits.
  const inner = drawn.viewbox().inner;
  if (inner.width > 0 && canvas.clientWidth > 0) {
    const style = getComputedStyle(canvas);
    const wanted = (canvas.clientWidth * inner.height) / inner.width + 48;
    const height = Math.min(Math.max(wanted, parseFloat(style.minHeight) || 0), parseFloat(style.maxHeight) || wanted);
    canvas.style.height = `${Math.round(height)}px`;
    drawn.resized();
  }

  const fit = () => drawn.zoom('fit-viewport', 'auto');
  fit();
  island.querySelectorAll('[data-zoom]').forEach((button) => {
    button.hidden = false;
    button.addEventListener('click', () => {
      const step = button.dataset.zoom;
      if (step === 'fit') fit();
      else drawn.zoom(drawn.zoom() * (step === 'in' ? 1.25 : 0.8));
    });
  });
  island.dataset.state = 'shown';
  island.removeAttribute('aria-busy');
}

document.querySelectorAll('[data-island="diagram"]').forEach((island) => {
  mount(island).catch((error) => {
    console.warn('The diagram could not be shown.', error);
    island.removeAttribute('aria-busy');
    const canvas = island.querySelector('[data-diagram-canvas]');
    if (canvas) fail(island, canvas);
  });
});
