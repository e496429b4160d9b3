// A tail of one log group read through CloudWatch Logs' FilterLogEvents, with the lines that
// also went to the `{group}/Canary` group marked as canary requests (API Gateway writes canary
// requests' execution and access logs to both).
import { logs } from './aws.js';
import { h, replaceChildren } from './dom.js';

const KEEP = 200;
const PAGE = 1000;
const PAGES = 3;

/** The log group an access log destination ARN names (`arn:aws:logs:…:log-group:NAME[:*]`). */
export function groupOfArn(arn) {
  const m = /:log-group:(.+?)(?::\*)?$/.exec(arn ?? '');
  return m ? m[1] : null;
}

/** Events of `group` from `startTime` on, following nextToken a few pages; null when the group does not exist. */
async function read(group, startTime) {
  const events = [];
  let nextToken;
  for (let page = 0; page < PAGES; page++) {
    let out;
    try {
      out = await logs('FilterLogEvents', { logGroupName: group, startTime, limit: PAGE, ...(nextToken ? { nextToken } : {}) });
    } catch (err) {
      if (err.type === 'ResourceNotFoundException') return page === 0 ? null : { events, more: false };
      throw err;
    }
    events.push(...(out.events ?? []));
    nextToken = out.nextToken;
    if (!nextToken) return { events, more: false };
  }
  return { events, more: true };
}

const time = (ms) => new Date(ms).toISOString().slice(11, 23);

/**
 * `logTail({ id, title, group })`: `group()` gives the group name, or `{ off: 'why' }` when
 * there is none to read. Returns `{ el, poll() }`.
 */
export function logTail({ id, title, group }) {
  const list = h('ol', { class: 'log', id: `${id}-lines`, 'aria-live': 'off' });
  const note = h('p', { class: 'muted', id: `${id}-note` }, 'Waiting for log lines…');
  const box = h('div', { class: 'log-box', tabindex: '0', role: 'region', 'aria-label': `${title}, newest last` }, list);
  const el = h('section', { class: 'panel tail', id, 'aria-labelledby': `${id}-title` }, h('h3', { id: `${id}-title` }, title), note, box);
  const lines = [];
  const seen = new Set();
  let since = null;
  let skipped = false;

  /** Reads what is new; `serverNow` (epoch ms, from the server) bounds how far back to look. */
  async function poll(serverNow) {
    since ??= serverNow - 60_000;
    const target = group();
    if (!target || target.off) {
      note.textContent = target?.off ?? 'No log group.';
      return;
    }
    let base = await read(target, since);
    // A tail shows the newest lines: when more arrived than a poll reads, skip to the last seconds.
    skipped = Boolean(base?.more);
    if (skipped) {
      since = Math.max(since, serverNow - 2000);
      base = await read(target, since);
    }
    if (base === null) {
      note.textContent = `No lines in ${target} yet.`;
      return;
    }
    // Read the canary group after the base group, so every base line's canary copy is in.
    const canary = await read(`${target}/Canary`, since);
    const canaryKeys = new Set((canary?.events ?? []).map((e) => `${e.timestamp}|${e.message}`));
    for (const e of base.events) {
      if (seen.has(e.eventId)) continue;
      seen.add(e.eventId);
      lines.push({ ...e, canary: canaryKeys.has(`${e.timestamp}|${e.message}`) });
    }
    if (base.events.length) since = base.events[base.events.length - 1].timestamp;
    lines.splice(0, Math.max(0, lines.length - KEEP));
    if (seen.size > 20_000) seen.clear();
    const canaries = lines.filter((l) => l.canary).length;
    note.textContent = `${target}: last ${lines.length} lines, ${canaries} from canary requests${skipped ? ' (busy: older lines skipped)' : ''}.`;
    // Follow the newest line unless the reader scrolled up.
    const following = box.scrollTop + box.clientHeight >= box.scrollHeight - 8;
    replaceChildren(
      list,
      lines.map((l) =>
        h('li', { class: l.canary ? 'canary' : 'base' }, h('span', { class: 'ts' }, time(l.timestamp)), ' ', h('span', { class: `badge ${l.canary ? 'canary' : 'base'}` }, l.canary ? 'canary' : 'base'), ' ', h('span', { class: 'msg' }, l.message)),
      ),
    );
    if (following) box.scrollTop = box.scrollHeight;
  }
  return { el, poll };
}
