// Settings tab: stage description, cache and tracing (UpdateStage on /description,
// /cacheClusterEnabled, /cacheClusterSize, /tracingEnabled) and method throttling, for the whole
// stage (`/*/*/throttling/…`) and per method (`/~1pets/GET/throttling/…`).
import { h } from '../dom.js';
import { field, formError, showError } from '../fields.js';
import { facts, section } from '../widgets.js';
import { changeForm, checkedOf, valueOf } from './change-form.js';

const CACHE_SIZES = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'];

/** methodSettings key of a method: its resource path with `/` escaped as `~1`, then the verb. */
export const methodKey = (path, verb) => `${path.replace(/\//g, '~1')}/${verb}`;
const keyLabel = (key) => (key === '*/*' ? 'All methods' : `${key.slice(0, key.lastIndexOf('/')).replace(/~1/g, '/')} ${key.slice(key.lastIndexOf('/') + 1)}`);

function settingsForm(t) {
  const { stage } = t;
  const description = h('input', { id: 'set-description', type: 'text', value: stage.description ?? '', autocomplete: 'off' });
  const cache = h('input', { id: 'set-cache', type: 'checkbox', checked: stage.cacheClusterEnabled });
  const size = h('select', { id: 'set-cache-size' }, CACHE_SIZES.map((s) => h('option', { value: s, selected: s === (stage.cacheClusterSize ?? '0.5') }, `${s} GB`)));
  const tracing = h('input', { id: 'set-tracing', type: 'checkbox', checked: stage.tracingEnabled });
  const save = h('button', { type: 'submit', class: 'primary', id: 'settings-save' }, 'Save settings');
  const form = changeForm(t, {
    save,
    fields: [
      { input: description, path: '/description', was: stage.description ?? '', now: valueOf(description) },
      { input: cache, path: '/cacheClusterEnabled', was: String(Boolean(stage.cacheClusterEnabled)), now: checkedOf(cache) },
      { input: size, path: '/cacheClusterSize', was: stage.cacheClusterSize ?? '0.5', now: valueOf(size), when: () => cache.checked },
      { input: tracing, path: '/tracingEnabled', was: String(Boolean(stage.tracingEnabled)), now: checkedOf(tracing) },
    ],
    children: [
      field('Stage description', description).wrap,
      field('Enable API cache', cache, { hint: `Cache status: ${stage.cacheClusterStatus ?? 'NOT_AVAILABLE'}. Kanaria records the setting; responses are not cached.` }).wrap,
      field('Cache capacity', size).wrap,
      field('Enable X-Ray tracing', tracing).wrap,
    ],
    done: 'Stage settings saved.',
  });
  return section('Stage settings', { id: 'settings' }, facts([['Deployment', h('code', {}, stage.deploymentId ?? '—')], ['Cache cluster', stage.cacheClusterEnabled ? `${stage.cacheClusterSize} GB` : 'off']]), form);
}

/** Rate and burst inputs for the method setting `key`, saved with two replace operations. */
function throttleForm(t, key, { idPrefix, heading, pick }) {
  const current = t.stage.methodSettings?.[key];
  const rate = h('input', { id: `${idPrefix}-rate`, type: 'number', min: '0', step: 'any', inputmode: 'decimal', value: current?.throttlingRateLimit ?? '' });
  const burst = h('input', { id: `${idPrefix}-burst`, type: 'number', min: '0', step: '1', inputmode: 'numeric', value: current?.throttlingBurstLimit ?? '' });
  const save = h('button', { type: 'submit', class: 'primary', id: `${idPrefix}-save` }, 'Save throttling');
  const form = h(
    'form',
    {
      class: 'form',
      onsubmit: (e) => {
        e.preventDefault();
        const target = pick ? pick.value : key;
        const sent = [
          { op: { op: 'replace', path: `/${target}/throttling/rateLimit`, value: rate.value }, input: rate },
          { op: { op: 'replace', path: `/${target}/throttling/burstLimit`, value: burst.value }, input: burst },
        ].filter((x) => x.op.value !== '');
        if (sent.length === 0) return void showError(rate, 'Enter a rate, a burst or both.');
        t.patch(form, save, sent, { done: `Throttling saved for ${keyLabel(target)}.` });
      },
    },
    heading,
    pick ? field('Method', pick).wrap : null,
    h('div', { class: 'row' }, field('Rate (requests per second)', rate, { inline: true }).wrap, field('Burst (requests)', burst, { inline: true }).wrap),
    formError(),
    h('div', { class: 'actions' }, save),
  );
  return form;
}

function methodSettingsSection(t) {
  const entries = Object.entries(t.stage.methodSettings ?? {}).filter(([key]) => key !== '*/*');
  const methods = t.resources.flatMap((r) => Object.keys(r.resourceMethods ?? {}).map((verb) => ({ key: methodKey(r.path, verb), label: `${r.path} ${verb}` })));
  const rows = entries.map(([key, s]) => {
    const remove = h('button', { type: 'button', class: 'small danger', id: `ms-remove-${key.replace(/[^A-Za-z0-9]/g, '_')}`, 'aria-label': `Remove the settings of ${keyLabel(key)}` }, 'Remove');
    const row = h('li', {}, h('span', {}, h('code', {}, keyLabel(key)), ` rate ${s.throttlingRateLimit}/s, burst ${s.throttlingBurstLimit}`), remove, formError());
    remove.addEventListener('click', () => t.patch(row, remove, [{ op: { op: 'remove', path: `/${key}` }, input: remove }], { focusId: 'ms-add-save', done: `Removed the settings of ${keyLabel(key)}.` }));
    return row;
  });
  const pick = h('select', { id: 'ms-add-method' }, methods.map((m) => h('option', { value: m.key }, m.label)));
  return section(
    'Method throttling',
    { id: 'throttling' },
    h('p', { class: 'hint' }, 'Stage-wide limits apply to every method (*/*); a method override wins for its method. Unset means the account default (10000 requests/s, burst 5000).'),
    throttleForm(t, '*/*', { idPrefix: 'throttle', heading: h('h3', {}, 'All methods (*/*)') }),
    h('h3', {}, 'Method overrides'),
    rows.length ? h('ul', { class: 'kv-list' }, rows) : h('p', { class: 'muted' }, 'No method overrides.'),
    methods.length ? throttleForm(t, methods[0].key, { idPrefix: 'ms-add', heading: h('h4', {}, 'Add or change a method override'), pick }) : null,
  );
}

export async function renderSettingsTab(t) {
  return { el: h('div', {}, settingsForm(t), methodSettingsSection(t)) };
}
