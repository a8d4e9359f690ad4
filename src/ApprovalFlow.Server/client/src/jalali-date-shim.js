// Stand-ins for the few form-js viewer components jalali-date-field.js renders (Label, Description, Errors), so
// the Jalali picker can be bundled for plain Razor forms (jalali-date-input.js) without the whole form-js viewer.
// build.mjs aliases '@bpmn-io/form-js-viewer' to this file for that island only. Same props, same classes.
import { h } from 'preact';

export function Label({ htmlFor, label, required }) {
  return h('label', { for: htmlFor, class: 'fjs-form-field-label form-label' }, label, required ? h('span', { class: 'fjs-asterix', 'aria-hidden': 'true' }, ' *') : null);
}

export function Description({ id, description }) {
  return description ? h('div', { id, class: 'fjs-form-field-description af-meta small' }, description) : null;
}

export function Errors({ errors, id }) {
  if (!errors || errors.length === 0) return null;
  return h('div', { id, class: 'fjs-form-field-error af-field-error small', 'aria-live': 'polite' }, h('ul', { class: 'list-unstyled mb-0' }, errors.map((e) => h('li', null, e))));
}

/** Only date fields reach the picker on these pages; `config` is what jalali-date-field.js copies. */
export function Datetime() {
  return null;
}
Datetime.config = { type: 'datetime' };
