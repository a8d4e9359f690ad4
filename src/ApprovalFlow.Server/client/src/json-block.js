// Reads the JSON an island gets from its page: a <script type="application/json"> block named by id.

/** The parsed content of the block with id `id`, or `fallback` when there is none or it is not JSON. */
export function readJson(id, fallback) {
  const element = id ? document.getElementById(id) : null;
  if (!element || !element.textContent) return fallback;
  try {
    return JSON.parse(element.textContent);
  } catch {
    return fallback;
  }
}
