// Form fields with their labels and error slots, and the rule that puts an API error next to
// the field whose operation caused it (in words, with AWS's own message kept verbatim).
import { h, uid, announce } from './dom.js';

/**
 * A labelled control: `field('Value', h('input', {...}), { hint })` → `{ wrap, input, error }`.
 * The error slot is announced (role=alert) and tied to the control with aria-describedby.
 */
export function field(label, input, { hint, inline = false } = {}) {
  input.id ||= uid('f');
  const error = h('p', { class: 'field-error', id: `${input.id}-error`, hidden: true, role: 'alert' });
  const described = [error.id];
  let hintEl = null;
  if (hint) {
    hintEl = h('p', { class: 'hint', id: `${input.id}-hint` }, hint);
    described.unshift(hintEl.id);
  }
  input.setAttribute('aria-describedby', described.join(' '));
  const isCheck = input.type === 'checkbox' || input.type === 'radio';
  const labelEl = h('label', { for: input.id }, label);
  const wrap = h('div', { class: `field${isCheck ? ' check' : ''}${inline ? ' inline' : ''}` }, isCheck ? [input, labelEl] : [labelEl, input], hintEl, error);
  input.errorSlot = error;
  return { wrap, input, error };
}

/**
 * The words shown for an API error: what happened, then the message as it was sent (AWS's, or
 * `message`, the part of it a field is shown). Kanaria's rollout API has no error types.
 */
export function errorWords(err, message = err?.message) {
  if (err && err.type && err.status) {
    if (err.call?.service === 'rollouts') return `${err.status >= 500 ? 'The server failed' : 'The rollout API refused this'} (HTTP ${err.status}): ${message}`;
    const who = err.status >= 500 ? 'The server failed' : 'API Gateway refused this';
    return `${who} (${err.type}, HTTP ${err.status}): ${message}`;
  }
  return `The request failed: ${message ?? err}`;
}

export function showError(input, err) {
  const slot = input.errorSlot;
  const text = typeof err === 'string' ? err : errorWords(err);
  if (!slot) return announce(text);
  slot.textContent = text;
  slot.hidden = false;
  input.setAttribute('aria-invalid', 'true');
  return text;
}

export function clearError(input) {
  if (!input.errorSlot) return;
  input.errorSlot.hidden = true;
  input.errorSlot.textContent = '';
  input.removeAttribute('aria-invalid');
}

export function clearErrors(root) {
  for (const el of root.querySelectorAll('[aria-invalid]')) clearError(el);
  for (const el of root.querySelectorAll('.field-error:not([hidden])')) {
    el.hidden = true;
    el.textContent = '';
  }
}

/**
 * Which of `sent` ({ op, input } pairs, in the order they were sent) an error belongs to: the one
 * whose path or value the message names, else the only one, else `fallback`.
 */
export function fieldForError(err, sent, fallback) {
  const message = String(err?.message ?? '');
  const named = sent.find(({ op }) => op.path && message.includes(op.path)) ?? sent.find(({ op }) => op.value && message.includes(`: ${op.value}.`));
  if (named) return named.input;
  return sent.length === 1 ? sent[0].input : fallback;
}

/** Shows an error no single field caused in `root`'s form-level slot, if it has one. */
function showFormError(root, err) {
  const text = typeof err === 'string' ? err : errorWords(err);
  const slot = root.querySelector('.form-error');
  if (slot) {
    slot.textContent = text;
    slot.hidden = false;
  }
  return text;
}

/**
 * Runs an action with a busy button: clears old errors in `root`, awaits `run()`, shows an error
 * next to the field `where(err)` returns (the form's own slot when none), or each part of it
 * next to its field when `where` returns `[[input or null, words], …]`. Resolves to the result,
 * or undefined on error.
 */
export async function act(root, button, run, where) {
  clearErrors(root);
  button?.setAttribute('aria-busy', 'true');
  if (button) button.disabled = true;
  try {
    return await run();
  } catch (err) {
    const target = where?.(err);
    const parts = Array.isArray(target) ? target : [[target, err]];
    announce(parts.map(([input, e]) => (input ? showError(input, e) : showFormError(root, e))).join(' '));
    return undefined;
  } finally {
    if (button) button.disabled = false;
    button?.removeAttribute('aria-busy');
  }
}

/** A form-level error slot (errors no single field caused). */
export const formError = () => h('p', { class: 'field-error form-error', role: 'alert', hidden: true });
