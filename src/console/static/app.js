// The console's entry point: a hash router over the views (APIs → one API → a stage editor tab),
// the breadcrumb, and focus moved to each new page's heading for keyboard and screen-reader users.
import { h, replaceChildren } from './dom.js';
import { errorWords } from './fields.js';
import { renderApiList } from './views/api-list.js';
import { renderApi } from './views/api.js';
import { renderStage, STAGE_TABS } from './views/stage.js';

const main = document.getElementById('main');
const breadcrumb = document.getElementById('breadcrumb');
let dispose = null;
let renderCount = 0;

/** `#/apis/abc/stages/prod/canary` → the view and its parameters. */
export function route(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { view: 'apis' };
  if (parts[0] === 'apis' && parts.length === 2) return { view: 'api', apiId: parts[1] };
  if (parts[0] === 'apis' && parts[2] === 'stages' && parts.length >= 4 && parts.length <= 5) {
    const tab = parts[4] ?? 'settings';
    if (STAGE_TABS.some((t) => t.id === tab)) return { view: 'stage', apiId: parts[1], stageName: parts[3], tab };
  }
  return { view: 'missing' };
}

function setCrumbs(items) {
  const list = h('ol', {});
  items.forEach(([label, href], i) => {
    const last = i === items.length - 1;
    list.append(h('li', {}, last ? h('span', { 'aria-current': 'page' }, label) : h('a', { href }, label)));
  });
  replaceChildren(breadcrumb, list);
}

async function render({ keepFocus = false, focusId = null } = {}) {
  const mine = ++renderCount;
  dispose?.();
  dispose = null;
  const r = route(location.hash);
  const ctx = {
    main,
    setCrumbs,
    /** Re-renders the current page keeping focus where it was, or on `focusId` (after an action). */
    refresh: (focusId) => render({ keepFocus: true, focusId }),
    stale: () => mine !== renderCount,
  };
  // Tab links keep focus across their own navigation; other links move it to the new heading.
  const active = document.activeElement;
  const focusedId = focusId ?? (keepFocus || active?.dataset?.keepFocus !== undefined ? active?.id : null);
  try {
    if (r.view === 'apis') dispose = await renderApiList(ctx);
    else if (r.view === 'api') dispose = await renderApi(ctx, r.apiId);
    else if (r.view === 'stage') dispose = await renderStage(ctx, r.apiId, r.stageName, r.tab);
    else {
      setCrumbs([['APIs', '#/'], ['Not found', '']]);
      replaceChildren(main, h('h1', { tabindex: '-1' }, 'Page not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the list of APIs')));
    }
  } catch (err) {
    if (mine !== renderCount) return;
    replaceChildren(main, h('h1', { tabindex: '-1' }, 'Could not load this page'), h('p', { class: 'field-error', role: 'alert' }, errorWords(err)), h('p', {}, h('a', { href: '#/' }, 'Back to the list of APIs')));
  }
  if (mine !== renderCount) return;
  const again = focusedId && document.getElementById(focusedId);
  if (again) again.focus();
  else if (!keepFocus) main.querySelector('h1')?.focus();
}

window.addEventListener('hashchange', () => render());
// The first page keeps the browser's own starting focus; later pages move it to their heading.
render({ keepFocus: true });
