// Small pieces shared by the views: sections with headings, invoke URLs with a copy button,
// JSON blocks, and the record of requests sent (each with the same call for the AWS CLI).
import { onCall, recentCalls } from './aws.js';
import { announce, copyText, h, percent1, replaceChildren, uid } from './dom.js';

/** A titled section; `level` is the heading level (2 by default). */
export function section(title, attrs, ...children) {
  const id = uid('sec');
  const level = attrs?.level ?? 2;
  const { level: _l, ...rest } = attrs ?? {};
  return h('section', { class: 'panel', 'aria-labelledby': id, ...rest }, h(`h${level}`, { id }, title), ...children);
}

/** An invoke URL as text, with a button that copies it. */
export function copyable(url, label) {
  const code = h('code', { class: 'url' }, url);
  const button = h(
    'button',
    {
      type: 'button',
      class: 'small',
      'aria-label': `Copy ${label}`,
      onclick: async () => {
        const ok = await copyText(url);
        button.textContent = ok ? 'Copied' : 'Copy failed';
        announce(ok ? `Copied ${url}` : 'Could not copy; select the URL instead');
        setTimeout(() => (button.textContent = 'Copy'), 1500);
      },
    },
    'Copy',
  );
  return h('span', { class: 'copyable' }, code, button);
}

export function jsonBlock(value, attrs = {}) {
  return h('pre', { class: 'code json', ...attrs }, JSON.stringify(value, null, 2));
}

/** Formats one recorded call: method, path and body, then its AWS CLI equivalent. */
function describeCall(call) {
  const lines = [`${call.method} ${call.path}`];
  if (call.body !== undefined) lines.push(JSON.stringify(call.body, null, 2));
  return lines.join('\n');
}

/**
 * A panel listing the calls recorded under `pathPrefix`, or those `filter(call)` keeps (newest
 * first, at most 5), kept across re-renders. Returns `{ el, dispose }`.
 */
export function callLog(filter) {
  const keep = typeof filter === 'function' ? filter : (c) => c.path.startsWith(filter);
  const list = h('ol', { class: 'calls' });
  const empty = h('p', { class: 'muted' }, 'Nothing sent yet. Each change made here is shown as the request it sent and the CLI command that does the same.');
  const el = section('Requests sent', { level: 2, id: 'requests-sent' }, empty, list);
  const show = () => {
    const calls = recentCalls(keep).slice(0, 5);
    empty.hidden = calls.length > 0;
    replaceChildren(
      list,
      calls.map((call) =>
        h(
          'li',
          {},
          h('p', { class: 'op' }, h('strong', {}, call.operation), ` → ${call.status}${call.errorType ? ` ${call.errorType}` : ''}`),
          h('pre', { class: 'code' }, describeCall(call)),
          call.cli ? h('details', {}, h('summary', {}, call.service === 'rollouts' ? 'Same call with the kanaria CLI' : 'Same call with the AWS CLI'), h('pre', { class: 'code cli' }, call.cli)) : null,
        ),
      ),
    );
  };
  show();
  return { el, dispose: onCall(show) };
}

/** A definition list from `[term, description]` pairs. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value ?? '—')]));
}

/** The split of requests as a bar (stage blue, canary amber) and in words, for a canary percentage. */
export function splitBar(percent, { stage, canary }) {
  const [baseBar, canaryBar] = [h('span', { class: 'base' }), h('span', { class: 'canary' })];
  // Set through the CSSOM: the page's Content-Security-Policy refuses inline style attributes.
  baseBar.style.flexGrow = String(100 - percent);
  canaryBar.style.flexGrow = String(percent);
  return [
    h('p', { class: 'split-text' }, `${stage}: ${percent1(100 - percent)} % · ${canary}: ${percent1(percent)} %`),
    h('div', { class: 'split', 'aria-hidden': 'true' }, baseBar, canaryBar),
  ];
}
