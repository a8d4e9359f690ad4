// bpmn-js's translate service in the page's language: Persian texts from texts-fa.js, English as written.
// Replaces diagram-js's default `translate` (same signature: a template with {placeholders} and their values).
import persian from './texts-fa';

export function createTranslate(language) {
  const dictionary = language === 'fa' ? persian : {};
  return function translate(template, replacements) {
    const text = dictionary[template] || template;
    return text.replace(/{([^}]+)}/g, (match, key) => (replacements && key in replacements ? replacements[key] : match));
  };
}

/** A bpmn-js module providing `translate` in `language` (`fa` or `en`). */
export function translateModule(language) {
  return { translate: ['value', createTranslate(language)] };
}
