// form-js 1.x writes some texts in English only (placeholders, list buttons, validation messages).
// This puts the page's language on them: a map of English templates ("{0}" for a number or text)
// to the user's language (the text filled in for "{0}" translated too), applied to text nodes and to placeholder/aria-label/title attributes, now
// and whenever form-js re-renders.
const ATTRIBUTES = ['placeholder', 'aria-label', 'title'];

function compile(map) {
  return Object.entries(map || {}).map(([english, local]) => {
    const source = english.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{0\\\}/g, '(.+?)');
    return { pattern: new RegExp(`^${source}$`), local };
  });
}

function translate(rules, text) {
  const trimmed = text.trim();
  if (!trimmed) return null;
  for (const { pattern, local } of rules) {
    const match = pattern.exec(trimmed);
    // The text filled in ("Create a Text field element") is translated in turn when the map knows it.
    if (match) return text.replace(trimmed, local.replace('{0}', match[1] === undefined ? '' : (translate(rules, match[1]) ?? match[1])));
  }
  return null;
}

function apply(rules, root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const local = translate(rules, node.data);
    if (local !== null && local !== node.data) node.data = local;
  }
  const elements = root instanceof Element ? [root, ...root.querySelectorAll('*')] : [];
  elements.forEach((element) => {
    ATTRIBUTES.forEach((name) => {
      const value = element.getAttribute(name);
      if (value === null) return;
      const local = translate(rules, value);
      if (local !== null && local !== value) element.setAttribute(name, local);
    });
  });
}

/** Keeps the texts of form-js inside `container` in the page's language. */
export function localizeFormTexts(container, map) {
  const rules = compile(map);
  if (rules.length === 0) return;
  apply(rules, container);
  new MutationObserver((mutations) => {
    mutations.forEach((mutation) => {
      if (mutation.type === 'characterData') apply(rules, mutation.target.parentNode ?? container);
      else if (mutation.type === 'attributes') apply(rules, mutation.target);
      else mutation.addedNodes.forEach((node) => apply(rules, node.nodeType === Node.TEXT_NODE ? node.parentNode : node));
    });
  }).observe(container, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES });
}
