// The palette and the replace ("change element") menu offer only what the engine executes
// (docs/bpmn-coverage.md): data objects and stores, pools and groups are documentation only and are left out
// of the palette (diagrams that have them still open and keep them); rejected elements leave the replace menu.
const HIDDEN_PALETTE_ENTRIES = ['create.data-object', 'create.data-store', 'create.participant-expanded', 'create.group'];

const REJECTED = [
  'rule-task', 'transaction', 'ad-hoc-subprocess', 'collapsed-ad-hoc-subprocess', 'expanded-ad-hoc-subprocess',
  'complex-gateway', 'exclusive-event-based-gateway', 'parallel-event-based-instantiate-gateway',
  'conditional-start', 'compensation-start', 'non-interrupting-conditional-start',
  'message-intermediate-throw', 'conditional-intermediate-catch', 'link-intermediate-catch', 'link-intermediate-throw',
  'compensation-intermediate-throw',
  'conditional-boundary', 'cancel-boundary', 'compensation-boundary',
  'non-interrupting-conditional-boundary',
  'message-end', 'cancel-end', 'compensation-end',
];
const HIDDEN_POPUP_ENTRIES = new Set([...REJECTED.map((id) => `replace-with-${id}`), 'toggle-loop']);

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
ExecutableReplaceMenu.prototype.getPopupMenuEntries = function () {
  return (entries) => Object.fromEntries(Object.entries(entries).filter(([id]) => !HIDDEN_POPUP_ENTRIES.has(id)));
};
ExecutableReplaceMenu.prototype.getPopupMenuHeaderEntries = function () {
  return (entries) => Object.fromEntries(Object.entries(entries).filter(([id]) => !HIDDEN_POPUP_ENTRIES.has(id)));
};

export default {
  __init__: ['executablePalette', 'executableReplaceMenu'],
  executablePalette: ['type', ExecutablePalette],
  executableReplaceMenu: ['type', ExecutableReplaceMenu],
};
