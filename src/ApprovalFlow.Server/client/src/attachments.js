// Task attachments (loaded by the attachments partial of the task page).
//
// The file field: the browser's own control speaks the browser's language ("Choose File", "No file chosen")
// whatever the page's. Once this script runs, the field is visually hidden and out of the tab order, and the
// partial's labelled button (which opens the file dialog, by mouse or keyboard) and the chosen file's name, in
// the page's language, take its place; the button is described by the name, the hint and any error. Without
// JavaScript the browser's field stays.
//
// A file larger than the field's data-max-bytes is refused before it is uploaded, with the server's own message
// beside the field. The server checks every upload again; this only spares a long upload that would be refused
// (and whose over-long body would get no partial to show).

/** The partial's button and file name for a file field, or nulls when the field has none. */
function chooserOf(input) {
  const chooser = document.getElementById(input.dataset.chooser ?? '');
  return {
    chooser,
    button: chooser?.querySelector('button') ?? null,
    name: chooser?.querySelector('[data-none]') ?? null,
  };
}

/** Mirrors the field's state (invalid, descriptions) onto the button, the file name first. */
function describe(input) {
  const { button, name } = chooserOf(input);
  if (!button || !name) return;
  const described = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  button.setAttribute('aria-describedby', [name.id, ...described].join(' '));
  if (input.getAttribute('aria-invalid') === 'true') {
    button.setAttribute('aria-invalid', 'true');
    button.classList.add('is-invalid');
  }
}

function enhance(root) {
  for (const input of root.querySelectorAll('input[type=file][data-chooser]')) {
    const { chooser, button, name } = chooserOf(input);
    if (!chooser || !button || !name || input.dataset.enhanced) continue;
    input.dataset.enhanced = 'true';
    input.classList.add('visually-hidden');
    input.tabIndex = -1;
    chooser.hidden = false;
    describe(input);
    button.addEventListener('click', () => input.click());
    input.addEventListener('change', () => {
      name.textContent = input.files?.[0]?.name ?? name.dataset.none;
    });
  }
}

enhance(document);
// htmx swaps the attachments section after every upload: the new partial's field is enhanced in turn.
document.addEventListener('htmx:load', (event) => enhance(event.detail?.elt ?? document));

document.addEventListener('htmx:beforeRequest', (event) => {
  const form = event.target instanceof HTMLFormElement ? event.target : null;
  const input = form?.querySelector('input[type=file][data-max-bytes]');
  const file = input?.files?.[0];
  if (!input || !file || file.size <= Number(input.dataset.maxBytes)) return;
  event.preventDefault();
  const message = document.getElementById(input.dataset.sizeMessage);
  const text = message?.querySelector('[data-template]');
  if (!message || !text) return;
  text.textContent = text.dataset.template.replace('{0}', file.name);
  message.hidden = false;
  input.classList.add('is-invalid');
  input.setAttribute('aria-invalid', 'true');
  const described = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== message.id);
  input.setAttribute('aria-describedby', [message.id, ...described].join(' '));
  describe(input);
  (input.dataset.enhanced ? chooserOf(input).button : input)?.focus();
});
