// The forms page's editor island (/forms/{key}): the form-js editor (1.x, the same form-js core as the task
// page's viewer) with the Jalali date field in its palette (jalali-date-editor.js), its texts in the page's
// language (form-texts.js), a preview rendered by the viewer as the task page renders it, and the Deploy form:
// on submit the editor's schema (with the name typed on the page) goes as JSON into the plain form's hidden
// field, so the server checks and deploys it in one post and shows its problems beside the editor.
// Inputs (ids of elements, on the container): data-schema, data-texts and data-calendar name
// <script type="application/json"> blocks (the schema to edit; English texts of the form-js editor to their
// translation; the Jalali picker's texts with paletteName and defaultLabel), data-preview-texts the viewer's texts, data-output the hidden input, data-name the
// name input, data-preview the preview's container and data-preview-toggle its button. Buttons with
// data-select-component="<component id>" (the server's problems) select that component in the editor.
// The container gets data-import-warnings (how many warnings importing the schema gave) once it is shown.
import { FormEditor } from '@bpmn-io/form-js-editor';
import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-editor/dist/assets/properties-panel.css';
import './task-form.css';
import './jalali-date-field.css';
import './form-editor.css';
import { localizeFormTexts } from './form-texts.js';
import { jalaliDateModule } from './jalali-date-field.js';
import { jalaliDateEditorModule } from './jalali-date-editor.js';
import { readJson } from './json-block.js';

/** The preview: the viewer with the editor's current schema, redrawn on each change while it is open. */
function preview(editor, container, toggle, calendar, texts) {
  if (!container || !toggle) return;
  let form = null;
  const draw = async () => {
    form?.destroy();
    form = new Form({ container, additionalModules: calendar ? [jalaliDateModule(calendar)] : [] });
    const { warnings } = await form.importSchema(editor.saveSchema(), {});
    container.dataset.importWarnings = String(warnings.length);
  };
  localizeFormTexts(container, texts);
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    container.hidden = !open;
    if (open) draw().catch((error) => console.error('The preview could not be shown.', error));
  });
  let pending = null;
  editor.on('changed', () => {
    if (container.hidden) return;
    clearTimeout(pending);
    pending = setTimeout(() => draw().catch((error) => console.error('The preview could not be shown.', error)), 300);
  });
}

async function mount(container) {
  const schema = readJson(container.dataset.schema, null);
  if (!schema) return;
  const texts = readJson(container.dataset.texts, {});
  const calendar = readJson(container.dataset.calendar, null);
  const output = document.getElementById(container.dataset.output);
  const name = document.getElementById(container.dataset.name);

  localizeFormTexts(container, texts);
  const editor = new FormEditor({ container, additionalModules: calendar ? [jalaliDateEditorModule(calendar)] : [] });
  // A new field's English default texts ("Text field") in the page's language, as the palette names it.
  editor.on('commandStack.formField.add.postExecuted', ({ context }) => {
    const field = context.formField;
    ['label', 'dateLabel', 'timeLabel', 'text'].forEach((property) => {
      const local = typeof field[property] === 'string' ? texts[field[property]] : undefined;
      if (local && local !== field[property]) editor.get('modeling').editFormField(field, property, local);
    });
  });
  const { warnings } = await editor.importSchema(schema);
  warnings.forEach((warning) => console.warn('Form import warning', warning));
  container.dataset.importWarnings = String(warnings.length);
  container.removeAttribute('aria-busy');

  const previewTexts = readJson(container.dataset.previewTexts, {});
  preview(editor, document.getElementById(container.dataset.preview), document.getElementById(container.dataset.previewToggle), calendar, previewTexts);

  document.querySelectorAll('[data-select-component]').forEach((button) => {
    const field = editor.get('formFieldRegistry').get(button.dataset.selectComponent);
    if (!field) return;
    container.querySelector(`.fjs-element[data-id="${CSS.escape(field.id)}"]`)?.classList.add('af-form-problem');
    button.addEventListener('click', () => {
      editor.get('selection').set(field);
      container.querySelector(`.fjs-element[data-id="${CSS.escape(field.id)}"]`)?.scrollIntoView({ block: 'center' });
    });
  });

  output?.form?.addEventListener('submit', () => {
    const current = editor.saveSchema();
    if (name) current.name = name.value.trim();
    output.value = JSON.stringify(current);
  });
}

document.querySelectorAll('[data-island="form-editor"]').forEach((container) => {
  mount(container).catch((error) => {
    container.removeAttribute('aria-busy');
    container.dataset.failed = 'true';
    console.error('The form editor could not be shown.', error);
  });
});
