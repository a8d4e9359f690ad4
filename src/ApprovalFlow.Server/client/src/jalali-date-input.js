// The Jalali date picker of task forms (jalali-date-field.js) on plain Razor forms: every
// <input data-island="jalali-date" name="..."> becomes the same picker (type ۱۴۰۵/۰۲/۱۵ or pick in the calendar
// dialog), and a hidden input of the same name carries the ISO date (yyyy-MM-dd) to the server, which reads
// Jalali or ISO. Without JavaScript, or on English pages (no data-calendar texts), the plain input stays and the
// server reads what is typed. Inputs: data-calendar names the <script type="application/json"> block of the
// picker's texts; the input's label (label[for]) names the field. Text that is no date is not dropped: it stays in
// the field (also when the server shows the page again with it) and is what the form sends, so the server refuses it
// with its error beside the field instead of saving no date.
import { h, render } from 'preact';
import { useState } from 'preact/hooks';
import { toGregorian, isValidJalaaliDate } from 'jalaali-js';
import './jalali-date-field.css';
import './jalali-date-input.css';
import { createJalaliDatetime } from './jalali-date-field.js';
import { readJson } from './json-block.js';

/** A typed Jalali yyyy/MM/dd (any digits) or ISO date → ISO, or '' when it is neither. */
function toIso(text) {
  const clean = String(text ?? '').replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) & 0xf)).trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(clean)) return clean;
  const parts = clean.split('/').map(Number);
  if (parts.length !== 3 || parts.some(Number.isNaN) || !isValidJalaaliDate(parts[0], parts[1], parts[2])) return '';
  const { gy, gm, gd } = toGregorian(parts[0], parts[1], parts[2]);
  return `${gy}-${String(gm).padStart(2, '0')}-${String(gd).padStart(2, '0')}`;
}

function mount(input) {
  const texts = readJson(input.dataset.calendar, null);
  if (!texts) return;
  const label = document.querySelector(`label[for="${input.id}"]`);
  const JalaliDatetime = createJalaliDatetime(texts);
  const hidden = document.createElement('input');
  hidden.type = 'hidden';
  hidden.name = input.name;
  hidden.value = toIso(input.value);
  const host = document.createElement('div');
  host.className = 'af-jdi';
  // The error summary's link to the field (#id) still arrives at it.
  host.id = input.id;
  input.replaceWith(host);
  host.after(hidden);
  label?.remove();
  const invalid = input.getAttribute('aria-invalid') === 'true' || input.classList.contains('is-invalid');
  const field = { id: input.id, key: input.name, type: 'datetime', subtype: 'date', dateLabel: label?.textContent?.trim() ?? '' };

  function Field() {
    const [value, setValue] = useState(hidden.value || null);
    return h(JalaliDatetime, {
      field,
      domId: input.id,
      value,
      errors: [],
      onChange: ({ value: next }) => {
        hidden.value = next ?? '';
        setValue(next);
      },
    });
  }

  render(h(Field), host);
  const typed = host.querySelector('input');
  if (typed) {
    typed.setAttribute('aria-describedby', [typed.getAttribute('aria-describedby'), input.getAttribute('aria-describedby')].filter(Boolean).join(' '));
    if (invalid) typed.setAttribute('aria-invalid', 'true');
    if (input.value.trim() !== '' && hidden.value === '') {
      // What the server refused: shown as typed (the picker's own input handler keeps it).
      typed.value = input.value;
      typed.dispatchEvent(new Event('input', { bubbles: true }));
    }
    typed.form?.addEventListener('submit', () => {
      if (hidden.value === '' && typed.value.trim() !== '') hidden.value = typed.value;
    });
  }
}

document.querySelectorAll('input[data-island="jalali-date"]').forEach(mount);
