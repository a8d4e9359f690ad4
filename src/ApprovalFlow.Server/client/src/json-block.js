// Reading an island's inputs from a <script type="application/json"> block (the CSP forbids inline scripts).

/** The parsed JSON of the block with that id, or the fallback when there is none or it does not parse. */
export function readJson(id, fallback) {
  const element = id ? document.getElementById(id) : null;
  if (!element || !element.textContent) return fallback;
  try {
    return JSON.parse(element.textContent);
  } catch {
    return fallback;
  }
}
