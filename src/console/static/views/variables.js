// Stage variables tab, and the name/value editor it shares with the canary's overrides: add,
// edit (rename = remove + replace in one UpdateStage) and delete, each one UpdateStage call, with
// AWS's refusal shown next to the name or the value it is about.
import { h } from '../dom.js';
import { field, formError } from '../fields.js';
import { section } from '../widgets.js';

/** Puts a stage-variable refusal next to the name when it is about the name, else the value. */
const nameOrValue = (name, value) => (err) => (/variable name/i.test(err?.message ?? '') ? name : value);

/**
 * `opts`: { idPrefix, entries, pathPrefix ('/variables/'), thing ('stage variable'),
 * base (variables the entries override, for the canary), note }.
 */
export function keyValueEditor(t, opts) {
  const { idPrefix, entries = {}, pathPrefix, thing, base } = opts;
  const names = Object.keys(entries).sort();
  const rows = names.map((name) => {
    const nameInput = h('input', { id: `${idPrefix}-${name}-name`, type: 'text', value: name, autocomplete: 'off', spellcheck: 'false' });
    const valueInput = h('input', { id: `${idPrefix}-${name}-value`, type: 'text', value: entries[name], autocomplete: 'off', spellcheck: 'false' });
    const save = h('button', { type: 'submit', id: `${idPrefix}-${name}-save`, 'aria-label': `Save ${thing} ${name}` }, 'Save');
    const remove = h('button', { type: 'button', class: 'danger', id: `${idPrefix}-${name}-delete`, 'aria-label': `Delete ${thing} ${name}` }, 'Delete');
    const baseNote = base ? h('p', { class: 'hint' }, name in base ? `Overrides the stage's value ${base[name]}` : 'Canary only (the stage has no such variable)') : null;
    const form = h(
      'form',
      {
        class: 'kv-row',
        'aria-label': `${thing} ${name}`,
        onsubmit: (e) => {
          e.preventDefault();
          const newName = nameInput.value.trim();
          const sent = [];
          if (newName !== name) sent.push({ op: { op: 'remove', path: `${pathPrefix}${name}` }, input: nameInput });
          sent.push({ op: { op: 'replace', path: `${pathPrefix}${newName}`, value: valueInput.value }, input: valueInput });
          t.patch(form, save, sent, {
            where: nameOrValue(nameInput, valueInput),
            focusId: `${idPrefix}-${newName}-save`,
            done: `Saved ${thing} ${newName}.`,
          });
        },
      },
      field('Name', nameInput, { inline: true }).wrap,
      field('Value', valueInput, { inline: true }).wrap,
      h('div', { class: 'actions' }, save, remove),
      baseNote,
      formError(),
    );
    remove.addEventListener('click', () =>
      t.patch(form, remove, [{ op: { op: 'remove', path: `${pathPrefix}${name}` }, input: nameInput }], { focusId: `${idPrefix}-new-name`, done: `Deleted ${thing} ${name}.` }),
    );
    return form;
  });

  const newName = h('input', { id: `${idPrefix}-new-name`, type: 'text', autocomplete: 'off', spellcheck: 'false' });
  const newValue = h('input', { id: `${idPrefix}-new-value`, type: 'text', autocomplete: 'off', spellcheck: 'false' });
  const add = h('button', { type: 'submit', class: 'primary', id: `${idPrefix}-add` }, `Add ${thing}`);
  const addForm = h(
    'form',
    {
      class: 'kv-row add',
      'aria-label': `Add ${thing}`,
      onsubmit: (e) => {
        e.preventDefault();
        const name = newName.value.trim();
        t.patch(addForm, add, [{ op: { op: 'replace', path: `${pathPrefix}${name}`, value: newValue.value }, input: newValue }], {
          where: nameOrValue(newName, newValue),
          focusId: `${idPrefix}-new-name`,
          done: `Added ${thing} ${name}.`,
        });
      },
    },
    field('Name', newName, { inline: true }).wrap,
    field('Value', newValue, { inline: true }).wrap,
    h('div', { class: 'actions' }, add),
    formError(),
  );
  return h('div', { class: 'kv', id: `${idPrefix}-editor` }, opts.note ? h('p', { class: 'hint' }, opts.note) : null, rows.length ? rows : h('p', { class: 'muted' }, `No ${thing}s yet.`), addForm);
}

export async function renderVariablesTab(t) {
  const editor = keyValueEditor(t, {
    idPrefix: 'var',
    entries: t.stage.variables,
    pathPrefix: '/variables/',
    thing: 'stage variable',
    note: 'Names use letters, digits and underscores; values letters, digits and - . _ ~ : / ? # & = , (AWS rules). Integrations read them as ${stageVariables.name}.',
  });
  return { el: section('Stage variables', { id: 'variables' }, editor) };
}
