// The canary's release actions: deploy the API to the canary (CreateDeployment with
// canarySettings and a description), promote it (the AWS guide's copy operations, then remove
// the canary or keep it at 0.0 % as the user chooses) and delete it (remove /canarySettings).
import { deployments } from '../aws.js';
import { canaryDeploymentInput, promotedStage, promotionOperations, removeCanaryOperations } from '../canary-ops.js';
import { announce, h, percent1 } from '../dom.js';
import { act, field, formError } from '../fields.js';
import { jsonBlock, section } from '../widgets.js';

export function deploySection(t, canary) {
  const description = h('input', { id: 'canary-deploy-description', type: 'text', autocomplete: 'off' });
  const deploy = h('button', { type: 'submit', class: 'primary', id: 'canary-deploy' }, 'Deploy to canary');
  const form = h(
    'form',
    {
      class: 'form',
      'aria-label': 'Deploy API to canary',
      onsubmit: async (e) => {
        e.preventDefault();
        const input = canaryDeploymentInput(t.stageName, description.value, canary);
        const d = await act(form, deploy, () => deployments.create(t.apiId, input), () => description);
        if (d) {
          announce(`Deployed ${d.id} to the canary of ${t.stageName}.`);
          t.refresh('canary-deploy');
        }
      },
    },
    h('p', {}, `Deploys the API as it is now to the canary: the canary moves to the new deployment with its ${percent1(canary.percentTraffic)} % and its overrides; the stage keeps ${t.stage.deploymentId}.`),
    field('Deployment description', description).wrap,
    formError(),
    h('div', { class: 'actions' }, deploy),
  );
  return section('Deploy API to canary', { id: 'canary-deploy-section' }, form);
}

export function promoteSection(t, canary) {
  const after = promotedStage(t.stage);
  const overrides = Object.entries(canary.stageVariableOverrides ?? {});
  const keep = h('input', { type: 'radio', name: 'promote-after', id: 'promote-keep', value: 'keep', checked: true });
  const remove = h('input', { type: 'radio', name: 'promote-after', id: 'promote-remove', value: 'remove' });
  const promote = h('button', { type: 'submit', class: 'primary', id: 'canary-promote' }, 'Promote canary');
  const form = h(
    'form',
    {
      class: 'form',
      'aria-label': 'Promote canary',
      onsubmit: async (e) => {
        e.preventDefault();
        const removeAfter = remove.checked;
        const result = await act(form, promote, async () => {
          const promoted = await t.update(promotionOperations());
          return removeAfter ? t.update(removeCanaryOperations()) : promoted;
        });
        if (result) {
          announce(removeAfter ? 'Canary promoted and removed.' : 'Canary promoted; it stays on the stage at 0.0 %.');
          t.refresh(removeAfter ? 'canary-new-percent' : 'canary-promote');
        }
      },
    },
    h(
      'ul',
      { class: 'effects' },
      h('li', {}, `The stage's deployment becomes the canary's: ${t.stage.deploymentId} → ${after.deploymentId}.`),
      h('li', {}, overrides.length ? `The canary's overrides are copied into the stage variables: ${overrides.map(([k, v]) => `${k}=${v}`).join(', ')}.` : 'The canary has no overrides: the stage variables stay as they are.'),
      h('li', {}, "The canary's percentage becomes 0.0 %."),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'After promotion'),
      field('Keep the canary at 0.0 %', keep).wrap,
      field('Remove the canary', remove).wrap,
    ),
    h('details', {}, h('summary', {}, 'Patch operations sent'), jsonBlock(promotionOperations()), h('p', { class: 'hint' }, 'Then, to remove the canary:'), jsonBlock(removeCanaryOperations())),
    formError(),
    h('div', { class: 'actions' }, promote),
  );
  return section('Promote canary', { id: 'canary-promote-section' }, form);
}

export function deleteSection(t) {
  const start = h('button', { type: 'button', class: 'danger', id: 'canary-delete' }, 'Delete canary');
  const confirm = h('button', { type: 'button', class: 'danger', id: 'canary-delete-confirm' }, 'Yes, delete the canary');
  const cancel = h('button', { type: 'button', id: 'canary-delete-cancel' }, 'Cancel');
  const ask = h(
    'div',
    { class: 'confirm', hidden: true, role: 'group', 'aria-labelledby': 'canary-delete-question' },
    h('p', { id: 'canary-delete-question' }, `Delete the canary? The stage keeps deployment ${t.stage.deploymentId} and its variables; the canary's deployment link and overrides are lost.`),
    h('div', { class: 'actions' }, confirm, cancel),
  );
  const box = h('div', {}, h('p', {}, 'Removes canarySettings from the stage: every request goes to the stage deployment again.'), h('div', { class: 'actions' }, start), ask, formError());
  start.addEventListener('click', () => {
    ask.hidden = false;
    start.hidden = true;
    cancel.focus();
  });
  cancel.addEventListener('click', () => {
    ask.hidden = true;
    start.hidden = false;
    start.focus();
  });
  confirm.addEventListener('click', async () => {
    const result = await act(box, confirm, () => t.update(removeCanaryOperations()));
    if (result) {
      announce('Canary deleted.');
      t.refresh('canary-new-percent');
    }
  });
  return section('Delete canary', { id: 'canary-delete-section' }, box);
}
