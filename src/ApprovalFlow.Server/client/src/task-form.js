// The task page's form island: renders the task's form-js schema (viewer), right to left with the page,
// fills it with the task's variables, checks it in the browser, and on submit puts the form's data as
// JSON into the plain form's hidden field, so the server (which checks it again) gets one post.
// Inputs: data-schema, data-data and data-errors name <script type="application/json"> blocks;
// data-texts names the block of form-js's own texts in the page's language, data-calendar (Persian pages
// only) the texts of the Jalali date picker that then shows date fields (jalali-date-field.js), data-fallback the
// message for browsers without JavaScript (removed once the form shows), data-output the hidden input. Server errors (an `errors` map keyed by field path, e.g.
// "stakeholders[0].name") are shown beside their fields.
import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import './task-form.css';
import './jalali-date-field.css';
import { localizeFormTexts } from './form-texts.js';
import { jalaliDateModule } from './jalali-date-field.js';
import { readJson } from './json-block.js';

// "a.b[0].c", "a/0/c" or "a.0.c" -> ["a", 0, "c"]
function segments(path) {
  return String(path)
    .split(/[.[\]/]+/)
    .filter((part) => part.length > 0)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function setIn(target, keys, value) {
  let node = target;
  keys.slice(0, -1).forEach((key) => {
    node[key] = node[key] ?? {};
    node = node[key];
  });
  node[keys[keys.length - 1]] = value;
}

// Server errors by path -> form-js errors by field id (and repetition indexes).
function toFormErrors(form, serverErrors) {
  const fields = form.get('formFieldRegistry').getAll();
  const result = {};
  Object.entries(serverErrors || {}).forEach(([path, messages]) => {
    const parts = segments(path);
    const keys = parts.filter((part) => typeof part === 'string');
    const indexes = parts.filter((part) => typeof part === 'number');
    const name = keys[keys.length - 1];
    const field = fields.find((f) => (f.key ?? f.path) === name && (keys.length < 2 || fieldPathOf(fields, f).join('.') === keys.join('.')))
      ?? fields.find((f) => (f.key ?? f.path) === name);
    if (!field) return;
    setIn(result, [field.id, ...indexes], Array.isArray(messages) ? messages : [String(messages)]);
  });
  return result;
}

function fieldPathOf(fields, field) {
  const path = [];
  for (let current = field; current; current = fields.find((f) => f.id === current._parent)) {
    const part = current.key ?? current.path;
    if (part) path.unshift(...String(part).split('.'));
  }
  return path;
}

async function mount(container) {
  const schema = readJson(container.dataset.schema, null);
  if (!schema) return;
  const data = readJson(container.dataset.data, {});
  const serverErrors = readJson(container.dataset.errors, {});
  const output = document.getElementById(container.dataset.output);
  const htmlForm = container.closest('form');

  localizeFormTexts(container, readJson(container.dataset.texts, {}));
  const calendar = readJson(container.dataset.calendar, null);
  const form = new Form({ container, additionalModules: calendar ? [jalaliDateModule(calendar)] : [] });
  await form.importSchema(schema, data);
  container.removeAttribute('aria-busy');
  document.getElementById(container.dataset.fallback)?.remove();
  const errors = toFormErrors(form, serverErrors);
  if (Object.keys(errors).length > 0) {
    form._setState({ errors });
  }

  htmlForm?.addEventListener('submit', (event) => {
    const result = form.submit();
    if (Object.keys(result.errors).length > 0) {
      event.preventDefault();
      const first = container.querySelector('[aria-invalid="true"], .fjs-has-errors input, .fjs-has-errors select, .fjs-has-errors textarea');
      first?.focus();
      return;
    }
    if (output) output.value = JSON.stringify(result.data);
  });
}

document.querySelectorAll('[data-island="task-form"]').forEach((container) => {
  mount(container).catch((error) => {
    container.removeAttribute('aria-busy');
    container.dataset.failed = 'true';
    console.error('The task form could not be shown.', error);
  });
});
