// A settings form that sends one UpdateStage `replace` per field whose value changed, all in one
// call (AWS applies them together or not at all); nothing changed means nothing is sent.
import { h } from '../dom.js';
import { formError } from '../fields.js';

/** What a text input or select holds. */
export const valueOf = (input) => () => input.value;
/** A checkbox as the "true"/"false" strings patch operations carry. */
export const checkedOf = (input) => () => String(input.checked);

/**
 * `fields`: [{ input, path, was, now, when }] where `was` is the stage's current value as a
 * string, `now()` the field's, and `when()` (optional) whether the field applies at all.
 * `children` are the form's content before its error slot and buttons (`save` first).
 */
export function changeForm(t, { save, buttons = [], fields, children, done, where }) {
  const form = h(
    'form',
    {
      class: 'form',
      onsubmit: (e) => {
        e.preventDefault();
        const sent = fields
          .filter((f) => (f.when ? f.when() : true) && f.now() !== f.was)
          .map((f) => ({ op: { op: 'replace', path: f.path, value: f.now() }, input: f.input }));
        if (sent.length === 0) return void t.refresh(save.id);
        t.patch(form, save, sent, { done, where });
      },
    },
    children,
    formError(),
    h('div', { class: 'actions' }, save, buttons),
  );
  return form;
}
