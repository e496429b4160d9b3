// The stage editor: the stage's invoke URL, tabs (Settings, Stage variables, Logs, Canary,
// Rollout, Live), the stage JSON as GetStage returns it after every change, and the requests each
// change sent.
import { deployments as deploymentOps, kanaria, restApis, stages as stageOps } from '../aws.js';
import { announce, h, replaceChildren } from '../dom.js';
import { act, fieldForError } from '../fields.js';
import { callLog, copyable, jsonBlock, section } from '../widgets.js';
import { renderCanaryTab } from './canary.js';
import { renderLiveTab } from './live.js';
import { renderLogsTab } from './logs-settings.js';
import { renderRolloutTab } from './rollout.js';
import { renderSettingsTab } from './settings.js';
import { renderVariablesTab } from './variables.js';

export const STAGE_TABS = [
  { id: 'settings', label: 'Settings', render: renderSettingsTab },
  { id: 'variables', label: 'Stage variables', render: renderVariablesTab },
  { id: 'logs', label: 'Logs', render: renderLogsTab },
  { id: 'canary', label: 'Canary', render: renderCanaryTab },
  { id: 'rollout', label: 'Rollout', render: renderRolloutTab },
  { id: 'live', label: 'Live', render: renderLiveTab },
];

function tabNav(base, current) {
  return h(
    'nav',
    { class: 'tabs', 'aria-label': 'Stage editor' },
    h(
      'ul',
      {},
      STAGE_TABS.map((t) =>
        h('li', {}, h('a', { href: `${base}/${t.id}`, id: `tab-${t.id}`, 'data-keep-focus': true, 'aria-current': t.id === current ? 'page' : false }, t.label)),
      ),
    ),
  );
}

export async function renderStage(ctx, apiId, stageName, tabId) {
  const [api, stage, deploymentList, resources, served] = await Promise.all([
    restApis.get(apiId),
    stageOps.get(apiId, stageName),
    deploymentOps.list(apiId),
    restApis.resources(apiId),
    kanaria('/_kanaria/stages'),
  ]);
  if (ctx.stale()) return;
  const apiHref = `#/apis/${encodeURIComponent(apiId)}`;
  const base = `${apiHref}/stages/${encodeURIComponent(stageName)}`;
  ctx.setCrumbs([['APIs', '#/'], [api.name, apiHref], [`Stage ${stageName}`, base]]);
  const summary = (served.stages ?? []).find((s) => s.restApiId === apiId && s.stageName === stageName);
  const urls = summary?.urls;
  const tab = STAGE_TABS.find((t) => t.id === tabId);

  /**
   * UpdateStage with `sent` ({ op, input } pairs): an error goes next to the input `where(err)`
   * picks, else the one whose operation it names, else `fallback`; success re-reads the stage
   * and keeps focus on `focusId` (the button by default).
   */
  async function patch(form, button, sent, { fallback, focusId, done, where } = {}) {
    const result = await act(form, button, () => stageOps.update(apiId, stageName, sent.map((x) => x.op)), (err) => where?.(err) ?? fieldForError(err, sent, fallback));
    if (result) {
      announce(done ?? 'Saved.');
      ctx.refresh(focusId ?? button?.id);
    }
    return result;
  }

  const scope = summary ? { accountId: summary.accountId, region: summary.region } : undefined;
  const stageJson = jsonBlock(stage, { id: 'stage-json', tabindex: '0', 'aria-label': 'Stage JSON' });
  const tabCtx = {
    ...{ apiId, stageName, stage, api, scope, patch, refresh: ctx.refresh },
    deployments: deploymentList.item ?? [],
    resources: resources.item ?? [],
    /** UpdateStage without the form handling (for actions made of several calls). */
    update: (ops) => stageOps.update(apiId, stageName, ops),
    /** Shows a stage read again after a change made elsewhere (a rollout's own patches). */
    showStage: (fresh) => void (stageJson.textContent = JSON.stringify(fresh, null, 2)),
  };
  const rendered = await tab.render(tabCtx);
  if (ctx.stale()) {
    rendered.dispose?.();
    return;
  }
  const prefix = `/restapis/${encodeURIComponent(apiId)}/`;
  const log = callLog((c) => c.path.startsWith(prefix) || (c.scope?.apiId === apiId && c.scope?.stageName === stageName));
  const aside = h(
    'aside',
    { class: 'side' },
    section('Stage JSON', { id: 'stage-json-panel' }, h('p', { class: 'hint' }, 'As GetStage returns it, read again after every change.'), stageJson),
    log.el,
  );
  replaceChildren(
    ctx.main,
    h('h1', { tabindex: '-1' }, `Stage ${stageName}`),
    h('p', { class: 'invoke' }, h('span', { class: 'label' }, 'Invoke URL '), urls ? copyable(urls.path, `invoke URL of ${stageName}`) : 'not served yet'),
    tabNav(base, tab.id),
    h('div', { class: tab.id === 'live' ? 'editor wide' : 'editor' }, h('div', { class: 'tab-panel', id: 'tab-panel', 'aria-labelledby': `tab-${tab.id}` }, rendered.el), tab.id === 'live' ? null : aside),
  );
  return () => {
    rendered.dispose?.();
    log.dispose();
  };
}
