// The first page: every REST API of the account and region (GetRestApis), each linking to its
// resources, methods and stages.
import { restApis } from '../aws.js';
import { formatDate, h, replaceChildren } from '../dom.js';

export async function renderApiList(ctx) {
  ctx.setCrumbs([['APIs', '#/']]);
  const { item = [] } = await restApis.list();
  if (ctx.stale()) return;
  const apis = [...item].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const body = apis.length
    ? h(
        'table',
        { class: 'list' },
        h('caption', { class: 'visually-hidden' }, 'REST APIs'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'ID'), h('th', { scope: 'col' }, 'Description'), h('th', { scope: 'col' }, 'Created'))),
        h(
          'tbody',
          {},
          apis.map((api) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, h('a', { href: `#/apis/${encodeURIComponent(api.id)}` }, api.name)),
              h('td', {}, h('code', {}, api.id)),
              h('td', {}, api.description ?? '—'),
              h('td', {}, formatDate(api.createdDate)),
            ),
          ),
        ),
      )
    : h(
        'div',
        { class: 'empty' },
        h('p', {}, 'No REST APIs in this account and region yet. Create one with the AWS CLI, an SDK or Terraform, for example:'),
        h('pre', { class: 'code' }, `aws --endpoint-url ${location.origin} apigateway create-rest-api --name demo`),
      );
  replaceChildren(
    ctx.main,
    h('h1', { tabindex: '-1' }, 'REST APIs'),
    h('p', { class: 'muted' }, `${apis.length} API${apis.length === 1 ? '' : 's'} · every change this console makes is an API Gateway call you could make with the AWS CLI.`),
    body,
  );
}
