// Shared by the diagram islands (diagram.js: an instance's diagram; monitor.js: a version's figures): shows
// a BPMN diagram read-only with bpmn-js's NavigatedViewer (pan by dragging, zoom with the wheel or the
// buttons) inside an island element.
// The island holds a [data-diagram-canvas] container (dir="ltr", bpmn-js#924) and optional [data-zoom]
// buttons (in, out, fit), hidden until the diagram shows. Inputs: data-xml-url (the BPMN XML), data-failed
// (the id of the message shown when the diagram cannot be drawn), data-label (the drawing's accessible name).
// Outputs: data-state="shown" or "failed" on the island, and data-import-warnings (how many warnings
// bpmn-js reported while importing; 0 for a clean file) on the canvas container.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './diagram.css';

function fail(island, canvas) {
  canvas.remove();
  island.dataset.state = 'failed';
  island.removeAttribute('aria-busy');
  const message = document.getElementById(island.dataset.failed);
  if (message) message.hidden = false;
}

async function show(island, canvas, decorate) {
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
    // How many elements bpmn-js could not draw or understand (0 for a clean file), on the island and its canvas; tests assert it.
    island.dataset.importWarnings = canvas.dataset.importWarnings = String(warnings.length);
    if (warnings.length > 0) console.warn('The diagram was drawn with import warnings.', warnings);
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

  const drawn = viewer.get('canvas');
  decorate(viewer);

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

/**
 * Mounts every element matching selector: draws its diagram, then calls decorate(viewer, island) before
 * the island is marked shown (so what decorate adds is there once data-state="shown").
 */
export function mountDiagrams(selector, decorate) {
  document.querySelectorAll(selector).forEach((island) => {
    const canvas = island.querySelector('[data-diagram-canvas]');
    if (!canvas) return;
    show(island, canvas, (viewer) => decorate(viewer, island)).catch((error) => {
      console.warn('The diagram could not be shown.', error);
      fail(island, canvas);
    });
  });
}
