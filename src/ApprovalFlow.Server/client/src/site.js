// Every page: htmx for partial updates (claim, tabs, paging), with no inline scripts or eval.
import htmx from 'htmx.org';

htmx.config.allowEval = false;
htmx.config.includeIndicatorStyles = false;
htmx.config.historyCacheSize = 0;

// Closes the Bootstrap collapse of the navigation without Bootstrap's JavaScript: a plain toggle.
document.addEventListener('click', (event) => {
  const toggle = event.target instanceof Element ? event.target.closest('[data-toggle-target]') : null;
  if (!toggle) return;
  const target = document.getElementById(toggle.getAttribute('data-toggle-target'));
  if (!target) return;
  const open = target.classList.toggle('show');
  toggle.setAttribute('aria-expanded', String(open));
});

// An error summary takes the focus when the page opens, so keyboard and screen-reader users hear it first.
document.querySelector('[data-focus-on-load]')?.focus();

// The navigation's menus (<details data-nav-menu>): Escape closes an open one and gives the focus back to its toggle;
// a click elsewhere, or opening another, closes it.
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  const menu = document.querySelector('details[data-nav-menu][open]');
  if (!menu) return;
  menu.open = false;
  menu.querySelector('summary')?.focus();
});
document.addEventListener('click', (event) => {
  document.querySelectorAll('details[data-nav-menu][open]').forEach((menu) => {
    if (!(event.target instanceof Node) || !menu.contains(event.target)) menu.open = false;
  });
});
