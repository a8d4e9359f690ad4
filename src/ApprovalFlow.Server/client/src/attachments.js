// Task attachments (loaded by the attachments partial of the task page): a file larger than the field's
// data-max-bytes is refused before it is uploaded, with the server's own message beside the field. The
// server checks every upload again; this only spares a long upload that would be refused (and whose
// over-long body would get no partial to show).
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
  input.focus();
});
