// The diagram island: an instance's BPMN diagram, read-only (bpmn-view.js), marking where the instance's
// tokens are, what it has completed and which sequence flows it took, and highlighting one node (the task
// page's task). Inputs besides bpmn-view.js's: data-markers (the id of a <script type="application/json">
// block: { Active, Completed, Taken, Incidents, Current } arrays of element ids). The text alternative is
// the server-rendered list beside it.
import { mountDiagrams } from './bpmn-view.js';
import { readJson } from './json-block.js';

const markerClasses = {
  Completed: 'af-node-completed',
  Taken: 'af-flow-taken',
  Active: 'af-node-active',
  Incidents: 'af-node-incident',
  Current: 'af-node-current',
};

mountDiagrams('[data-island="diagram"]', (viewer, island) => {
  const markers = readJson(island.dataset.markers, {});
  const registry = viewer.get('elementRegistry');
  const drawn = viewer.get('canvas');
  Object.entries(markerClasses).forEach(([kind, className]) => {
    (markers[kind] || []).forEach((id) => {
      if (registry.get(id)) drawn.addMarker(id, className);
    });
  });
});
