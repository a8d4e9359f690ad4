// The Jalali date field in the form-js editor (1.x): the editor-side module of jalali-date-field.js. It
// registers the same renderer for `datetime` in the editor's form fields, so the canvas shows date fields as
// the task page does, with a palette entry of its own ("Jalali date", group Input) whose new fields are
// `datetime` fields of subtype `date` with a label in the page's language. The schema stays standard form-js
// (type `datetime`, ISO dates), so the viewer, the server's check and other modelers read it unchanged; the
// properties panel keeps form-js's own datetime entries (subtype, date label, disallow past dates, required).
//
// Usage: new FormEditor({ container, additionalModules: [jalaliDateEditorModule(texts)] }) where texts holds
// the picker's texts (see jalali-date-field.js) and paletteName, defaultLabel.
import { h } from 'preact';
import { Datetime } from '@bpmn-io/form-js-viewer';
import { CalendarIcon, createJalaliDatetime } from './jalali-date-field.js';

function PaletteIcon(props) {
  return h('svg', { ...props, viewBox: '0 0 54 54', 'aria-hidden': 'true', focusable: 'false' },
    h('g', { transform: 'translate(13 12)' }, h(CalendarIcon)));
}

/** A form-js editor module (for `additionalModules`) with the Jalali date field in the palette and on the canvas. */
export function jalaliDateEditorModule(texts) {
  const JalaliDatetime = createJalaliDatetime(texts);
  JalaliDatetime.config = {
    ...Datetime.config,
    name: texts.paletteName,
    group: 'basic-input',
    icon: PaletteIcon,
    create: (options = {}, isNewField = false) =>
      Datetime.config.create(isNewField ? { dateLabel: texts.defaultLabel, ...options } : options, isNewField),
  };
  class JalaliEditorFormFields {
    constructor(formFields) {
      formFields.register(Datetime.config.type, JalaliDatetime);
    }
  }
  JalaliEditorFormFields.$inject = ['formFields'];
  return { __init__: ['jalaliEditorFormFields'], jalaliEditorFormFields: ['type', JalaliEditorFormFields] };
}
