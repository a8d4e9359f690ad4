// A form-js (viewer 1.x) module that renders `datetime` fields of subtype `date` with a Jalali
// (Persian) date picker; other subtypes keep form-js's own field. The value stays what form-js and
// the server expect, an ISO date `yyyy-MM-dd` (Gregorian), so validation, the server's check and the
// process see the same values; only what the person sees and types is Jalali.
//
// The picker follows the WAI-ARIA APG "date picker dialog" pattern: a text input (type
// ۱۴۰۵/۰۲/۱۵ or 1405/2/15, Persian or Latin digits), a button that opens a calendar dialog (Saturday
// first, today marked), a grid moved with the arrow keys (direction-aware), Page Up/Down for months,
// Home/End for the week, Enter or Space to pick, Escape to close. Jalali maths: jalaali-js.
//
// Usage: new Form({ container, additionalModules: [jalaliDateModule(texts)] }) where texts holds
// months (12 names), weekdays (7 names from Saturday), weekdaysShort and the labels below.
import { h } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Datetime, Description, Errors, Label } from '@bpmn-io/form-js-viewer';
import { isValidJalaaliDate, jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';

const persianDigits = new Intl.NumberFormat('fa-IR', { useGrouping: false });

/** Persian digits of a whole number, padded to `width` with zeros. */
function fa(number, width = 0) {
  return String(number).padStart(width, '0').replace(/[0-9]/g, (d) => persianDigits.format(Number(d)));
}

/** Persian (U+06F0–9) and Arabic-Indic (U+0660–9) digits to ASCII. */
function latinDigits(text) {
  return text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) & 0xf));
}

function pad(n) {
  return String(n).padStart(2, '0');
}

/** ISO `yyyy-MM-dd` → { jy, jm, jd }, or null. */
function isoToJalaali(iso) {
  const match = typeof iso === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!match) return null;
  const [gy, gm, gd] = match.slice(1).map(Number);
  const check = new Date(Date.UTC(gy, gm - 1, gd));
  if (check.getUTCFullYear() !== gy || check.getUTCMonth() !== gm - 1 || check.getUTCDate() !== gd) return null;
  return toJalaali(gy, gm, gd);
}

function jalaaliToIso({ jy, jm, jd }) {
  const { gy, gm, gd } = toGregorian(jy, jm, jd);
  return `${gy}-${pad(gm)}-${pad(gd)}`;
}

/**
 * What a person typed → ISO date, `''` for nothing, or null when it is not a date. Accepts a Jalali
 * year/month/day separated by `/`, `-`, `.` or spaces, in Persian or Latin digits; a four-digit year
 * from 1700 on is read as an ISO (Gregorian) date.
 */
function parseTyped(text) {
  const clean = latinDigits(text).trim();
  if (clean === '') return '';
  const parts = clean.split(/[\s/.\-\u066B\u060C]+/).filter(Boolean);
  if (parts.length !== 3 || parts.some((p) => !/^\d+$/.test(p))) return null;
  const [y, m, d] = parts.map(Number);
  if (y >= 1700) {
    return isoToJalaali(`${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`) ? `${y}-${pad(m)}-${pad(d)}` : null;
  }
  return isValidJalaaliDate(y, m, d) ? jalaaliToIso({ jy: y, jm: m, jd: d }) : null;
}

/** ISO date → how the field shows it, e.g. ۱۴۰۵/۰۲/۱۵. */
function formatJalaali(iso) {
  const j = isoToJalaali(iso);
  return j ? `${fa(j.jy)}/${fa(j.jm, 2)}/${fa(j.jd, 2)}` : '';
}

function todayJalaali() {
  return toJalaali(new Date());
}

function sameDay(a, b) {
  return !!a && !!b && a.jy === b.jy && a.jm === b.jm && a.jd === b.jd;
}

/** The day `offset` days after `day` (negative: before). */
function addDays(day, offset) {
  const { gy, gm, gd } = toGregorian(day.jy, day.jm, day.jd);
  const date = new Date(Date.UTC(gy, gm - 1, gd + offset));
  return toJalaali(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

function addMonths(day, offset) {
  const index = day.jy * 12 + (day.jm - 1) + offset;
  const jy = Math.floor(index / 12);
  const jm = (index % 12) + 1;
  return { jy, jm, jd: Math.min(day.jd, jalaaliMonthLength(jy, jm)) };
}

/** Column of `day` in a Saturday-first week (0 = Saturday … 6 = Friday). */
function column(day) {
  const { gy, gm, gd } = toGregorian(day.jy, day.jm, day.jd);
  return (new Date(Date.UTC(gy, gm - 1, gd)).getUTCDay() + 1) % 7;
}

/** The weeks (rows of 7, null outside the month) of month jm of year jy. */
function weeksOf(jy, jm) {
  const first = column({ jy, jm, jd: 1 });
  const cells = Array.from({ length: first }, () => null);
  for (let jd = 1; jd <= jalaaliMonthLength(jy, jm); jd++) cells.push({ jy, jm, jd });
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

export function CalendarIcon() {
  return h('svg', { width: 16, height: 16, viewBox: '0 0 28 30', fill: 'none', 'aria-hidden': 'true', focusable: 'false' },
    h('path', { fill: 'currentColor', d: 'M19 2V0h-2v2H11V0H9v2H2a2 2 0 0 0-2 2v24a2 2 0 0 0 2 2h24a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2Zm7 26H2V10h24Zm0-20H2V4h7v2h2V4h6v2h2V4h7Z' }));
}

/** The calendar dialog: a month grid with keyboard movement. */
function Calendar({ texts, selected, initial, onPick, onClose, id, rtl }) {
  const [focused, setFocused] = useState(initial);
  // The day keys act on, set at once (a key pressed before the re-render still sees the move).
  const focusedRef = useRef(initial);
  const gridRef = useRef();
  const today = useMemo(todayJalaali, []);
  const caption = `${texts.months[focused.jm - 1]} ${fa(focused.jy)}`;
  const captionId = `${id}-caption`;

  const move = (day) => {
    focusedRef.current = day;
    setFocused(day);
  };

  useLayoutEffect(() => {
    gridRef.current?.querySelector('button[tabindex="0"]')?.focus();
  }, [focused]);

  const onKeyDown = (event) => {
    const moves = {
      ArrowRight: rtl ? -1 : 1,
      ArrowLeft: rtl ? 1 : -1,
      ArrowUp: -7,
      ArrowDown: 7,
    };
    const current = focusedRef.current;
    const onDay = event.target instanceof Element && event.target.classList.contains('af-jdp-day');
    let next = null;
    if (onDay && event.key in moves) next = addDays(current, moves[event.key]);
    else if (onDay && event.key === 'PageUp') next = addMonths(current, event.shiftKey ? -12 : -1);
    else if (onDay && event.key === 'PageDown') next = addMonths(current, event.shiftKey ? 12 : 1);
    else if (onDay && event.key === 'Home') next = addDays(current, -column(current));
    else if (onDay && event.key === 'End') next = addDays(current, 6 - column(current));
    else if (onDay && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      onPick(current);
      return;
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    if (next) {
      event.preventDefault();
      move(next);
    }
  };

  const dayButton = (day) => {
    const isSelected = sameDay(day, selected);
    const isToday = sameDay(day, today);
    const label = `${texts.weekdays[column(day)]} ${fa(day.jd)} ${texts.months[day.jm - 1]} ${fa(day.jy)}${isToday ? `، ${texts.today}` : ''}`;
    return h('td', { role: 'gridcell', 'aria-selected': isSelected ? 'true' : 'false', key: day.jd },
      h('button', {
        type: 'button',
        class: `af-jdp-day${isSelected ? ' af-jdp-selected' : ''}${isToday ? ' af-jdp-today' : ''}`,
        tabindex: sameDay(day, focused) ? '0' : '-1',
        'aria-label': label,
        'aria-current': isToday ? 'date' : undefined,
        onClick: () => onPick(day),
      }, fa(day.jd)));
  };

  return h('div', { class: 'af-jdp-dialog', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': captionId, id, onKeyDown },
    h('div', { class: 'af-jdp-head' },
      h('button', { type: 'button', class: 'af-jdp-nav', 'aria-label': texts.previousMonth, onClick: () => move(addMonths(focusedRef.current, -1)) }, rtl ? '›' : '‹'),
      h('span', { class: 'af-jdp-caption', id: captionId, 'aria-live': 'polite' }, caption),
      h('button', { type: 'button', class: 'af-jdp-nav', 'aria-label': texts.nextMonth, onClick: () => move(addMonths(focusedRef.current, 1)) }, rtl ? '‹' : '›')),
    h('table', { class: 'af-jdp-grid', role: 'grid', 'aria-labelledby': captionId, ref: gridRef },
      h('thead', null, h('tr', null, texts.weekdays.map((name, i) => h('th', { scope: 'col', abbr: name, key: name }, h('span', { 'aria-hidden': 'true' }, texts.weekdaysShort[i]), h('span', { class: 'visually-hidden' }, name))))),
      h('tbody', null, weeksOf(focused.jy, focused.jm).map((week, w) => h('tr', { key: w }, week.map((day, i) => (day ? dayButton(day) : h('td', { key: `e${i}` }))))))),
    h('div', { class: 'af-jdp-foot' },
      h('button', { type: 'button', class: 'af-jdp-link', onClick: () => onPick(today) }, texts.pickToday),
      h('button', { type: 'button', class: 'af-jdp-link', onClick: onClose }, texts.close)));
}

/** Creates the form-js field renderer for `datetime`, bound to the page's texts. */
export function createJalaliDatetime(texts) {
  function JalaliDatetime(props) {
    const { field } = props;
    if (field.subtype !== 'date') return h(Datetime, props);
    return h(JalaliDate, props);
  }

  function JalaliDate(props) {
    const { disabled, errors = [], domId, onBlur, onFocus, field, onChange, readonly, value } = props;
    const { description, dateLabel, validate = {} } = field;
    const [text, setText] = useState(formatJalaali(value));
    const [typedWrong, setTypedWrong] = useState(false);
    const [open, setOpen] = useState(false);
    const rootRef = useRef();
    const inputRef = useRef();
    const rtl = useMemo(() => getComputedStyle(document.documentElement).direction === 'rtl', []);

    useEffect(() => {
      if (parseTyped(text) !== (value ?? '')) {
        setText(formatJalaali(value));
        setTypedWrong(false);
      }
      // Only a value changed from outside (import, list re-render) rewrites the text.
    }, [value]);

    const commit = useCallback((typed) => {
      const iso = parseTyped(typed);
      setTypedWrong(iso === null);
      const next = iso || null;
      if (next !== (value ?? null)) onChange({ field, value: next });
      if (iso) setText(formatJalaali(iso));
    }, [field, onChange, value]);

    const pick = (day) => {
      const iso = jalaaliToIso(day);
      setText(formatJalaali(iso));
      setTypedWrong(false);
      setOpen(false);
      if (iso !== value) onChange({ field, value: iso });
      inputRef.current?.focus();
    };

    const close = () => {
      setOpen(false);
      inputRef.current?.focus();
    };

    useEffect(() => {
      if (!open) return undefined;
      const outside = (event) => {
        if (rootRef.current && !rootRef.current.contains(event.target)) setOpen(false);
      };
      document.addEventListener('mousedown', outside);
      return () => document.removeEventListener('mousedown', outside);
    }, [open]);

    const allErrors = typedWrong ? [texts.invalid, ...errors] : errors;
    const inputId = `${domId}-date`;
    const dialogId = `${domId}-calendar`;
    const errorId = allErrors.length === 0 ? undefined : `${domId}-error-message`;
    const descriptionId = `${domId}-description`;
    const hintId = `${domId}-hint`;
    const selected = isoToJalaali(value);

    return h('div', { class: `fjs-form-field fjs-form-field-datetime af-jdp${allErrors.length ? ' fjs-has-errors' : ''}${disabled ? ' fjs-disabled' : ''}${readonly ? ' fjs-readonly' : ''}`, ref: rootRef },
      h('div', { class: 'fjs-vertical-group' },
        h('div', { class: 'fjs-datetime-subsection' },
          h(Label, { htmlFor: inputId, label: dateLabel, required: validate.required }),
          h('div', { class: `fjs-input-group${disabled ? ' fjs-disabled' : ''}${readonly ? ' fjs-readonly' : ''}${allErrors.length ? ' hasErrors' : ''}` },
            h('input', {
              ref: inputRef,
              type: 'text',
              id: inputId,
              class: 'fjs-input',
              dir: 'ltr',
              inputmode: 'numeric',
              autocomplete: 'off',
              placeholder: texts.placeholder,
              value: text,
              disabled,
              readOnly: readonly,
              'aria-invalid': allErrors.length ? 'true' : undefined,
              'aria-describedby': [hintId, description ? descriptionId : null, errorId].filter(Boolean).join(' '),
              onInput: (event) => setText(event.target.value),
              onFocus: () => onFocus && onFocus(),
              onBlur: (event) => {
                if (rootRef.current && rootRef.current.contains(event.relatedTarget)) return;
                commit(event.target.value);
                onBlur && onBlur();
              },
              onKeyDown: (event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  commit(event.target.value);
                } else if (event.key === 'ArrowDown') {
                  event.preventDefault();
                  setOpen(true);
                } else if (event.key === 'Escape' && open) {
                  event.preventDefault();
                  setOpen(false);
                }
              },
            }),
            h('button', {
              type: 'button',
              class: 'fjs-input-adornment af-jdp-toggle',
              disabled: disabled || readonly,
              'aria-label': `${texts.openCalendar}: ${dateLabel ?? ''}`,
              'aria-haspopup': 'dialog',
              'aria-expanded': open ? 'true' : 'false',
              'aria-controls': open ? dialogId : undefined,
              onClick: () => setOpen(!open),
            }, h(CalendarIcon))),
          h('span', { class: 'visually-hidden', id: hintId }, texts.hint),
          open && h(Calendar, {
            texts,
            id: dialogId,
            rtl,
            selected,
            initial: selected ?? todayJalaali(),
            onPick: pick,
            onClose: close,
          }))),
      h(Description, { id: descriptionId, description }),
      h(Errors, { errors: allErrors, id: errorId }));
  }

  JalaliDatetime.config = Datetime.config;
  return JalaliDatetime;
}

/** A form-js module (for `additionalModules`) that shows date fields with the Jalali picker. */
export function jalaliDateModule(texts) {
  const JalaliDatetime = createJalaliDatetime(texts);
  class JalaliFormFields {
    constructor(formFields) {
      formFields.register(Datetime.config.type, JalaliDatetime);
    }
  }
  JalaliFormFields.$inject = ['formFields'];
  return { __init__: ['jalaliFormFields'], jalaliFormFields: ['type', JalaliFormFields] };
}
