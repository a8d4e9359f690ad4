// The palette and the replace ("change element") menu offer only what the engine executes
// (docs/bpmn-coverage.md): data objects and stores, pools and groups are documentation only and are left out
// of the palette (diagrams that have them still open and keep them); rejected elements leave the replace menu.
const HIDDEN_PALETTE_ENTRIES = ['create.data-object', 'create.data-store', 'create.participant-expanded', 'create.group'];

const REJECTED = [
  'rule-task', 'transaction', 'ad-hoc-subprocess', 'collapsed-ad-hoc-subprocess', 'expanded-ad-hoc-subprocess',
  'complex-gateway', 'exclusive-event-based-gateway', 'parallel-event-based-instantiate-gateway',
  'compensation-start',
  'message-intermediate-throw', 'link-intermediate-catch', 'link-intermediate-throw',
  'compensation-intermediate-throw',
  'cancel-boundary', 'compensation-boundary',
  'message-end', 'cancel-end', 'compensation-end',
];
const HIDDEN_POPUP_ENTRIES = new Set([...REJECTED.map((id) => `replace-with-${id}`), 'toggle-loop']);
// Conditional start events run only as the start of an event sub-process (ConditionalEventReader on the server).
const EVENT_SUBPROCESS_ONLY = new Set(['replace-with-conditional-start', 'replace-with-non-interrupting-conditional-start']);

function hidden(id, target) {
  const parent = target && target.businessObject && target.businessObject.$parent;
  return HIDDEN_POPUP_ENTRIES.has(id) || (EVENT_SUBPROCESS_ONLY.has(id) && !(parent && parent.triggeredByEvent));
}

function ExecutablePalette(palette) {
  palette.registerProvider(500, this);
}
ExecutablePalette.$inject = ['palette'];
ExecutablePalette.prototype.getPaletteEntries = function () {
  return (entries) => {
    HIDDEN_PALETTE_ENTRIES.forEach((id) => delete entries[id]);
    return entries;
  };
};

function ExecutableReplaceMenu(popupMenu) {
  popupMenu.registerProvider('bpmn-replace', 500, this);
}
ExecutableReplaceMenu.$inject = ['popupMenu'];
ExecutableReplaceMenu.prototype.getPopupMenuEntries = function (target) {
  return (entries) => Object.fromEntries(Object.entries(entries).filter(([id]) => !hidden(id, target)));
};
ExecutableReplaceMenu.prototype.getPopupMenuHeaderEntries = function (target) {
  return (entries) => Object.fromEntries(Object.entries(entries).filter(([id]) => !hidden(id, target)));
};

export default {
  __init__: ['executablePalette', 'executableReplaceMenu'],
  executablePalette: ['type', ExecutablePalette],
  executableReplaceMenu: ['type', ExecutableReplaceMenu],
};
