// DOM helpers for the console: build elements without innerHTML (every text from the API is
// set as text), unique ids for label/field pairs, number and date formatting.

let nextId = 0;

/** A fresh id for pairing labels, fields and their error messages. */
export const uid = (prefix = 'k') => `${prefix}-${++nextId}`;

/**
 * `h('button', { class: 'primary', onclick: fn, 'aria-describedby': id }, 'Save')`.
 * Attributes starting with `on` become listeners; `false`/`null`/`undefined` attributes are left
 * out; children may be strings, numbers, nodes, arrays or nothing.
 */
export function h(tag, attrs = {}, ...children) {
  const el = tag === 'svg' || attrs.svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined || name === 'svg') continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'value' && 'value' in el && !(el instanceof SVGElement)) el.value = value;
    else if (name === 'checked' || name === 'selected') el[name] = Boolean(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  // Forms leave checking to API Gateway, so its own refusal is what the user reads.
  if (tag === 'form') el.noValidate = true;
  append(el, children);
  return el;
}

/** An SVG element (`s('path', { d })`). */
export const s = (tag, attrs = {}, ...children) => h(tag, { ...attrs, svg: true }, ...children);

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function replaceChildren(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** AWS dates arrive as epoch seconds. */
export function formatDate(epochSeconds) {
  if (epochSeconds === undefined || epochSeconds === null) return '—';
  const d = new Date(Number(epochSeconds) * 1000);
  return Number.isNaN(d.getTime()) ? String(epochSeconds) : d.toLocaleString();
}

/** A percentage with one decimal, as the console shows percentTraffic (`5.0`). */
export const percent1 = (n) => (Number.isFinite(Number(n)) ? Number(n).toFixed(1) : String(n));

/** A short pretty number: 2 decimals below 10, 1 below 100, none above. */
export function num(n) {
  if (!Number.isFinite(n)) return '—';
  const a = Math.abs(n);
  return n.toFixed(a < 10 ? 2 : a < 100 ? 1 : 0);
}

/** Shows a message in the status bar (a polite live region) for a few seconds; returns it. */
let announced = null;
export function announce(text) {
  const region = document.getElementById('status');
  if (region) {
    region.textContent = text;
    clearTimeout(announced);
    announced = setTimeout(() => (region.textContent = ''), 8000);
  }
  return text;
}

/** Copies text, with the old selection trick when the Clipboard API is refused. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = h('textarea', { class: 'visually-hidden', 'aria-hidden': 'true' }, text);
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
