// TagResource, UntagResource, GetTags for `arn:aws:apigateway:{region}::/restapis/{id}` and
// `…/restapis/{id}/stages/{name}`. Tags live on the API or stage document (`tags`, absent when none).
import type { Operations } from '../../../aws/generated/apigateway.js';
import type { Handlers, OpContext } from '../../../aws/service.js';
import { badRequest } from '../errors.js';
import { repository, type ApigatewayDeps, type Repository } from '../repository.js';
import type { StoredRestApi, StoredStage } from '../state.js';

const ARN = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+)::\/restapis\/([^/]+)(?:\/stages\/([^/]+))?$/;

interface Tagged {
  doc: StoredRestApi | StoredStage;
  save(): void;
}

/** The API or stage an ARN names, in the ARN's region; AWS's not-found errors when missing. */
function target(deps: ApigatewayDeps, ctx: OpContext, arn: string): { r: Repository; tagged: Tagged } {
  const m = ARN.exec(arn);
  // No AWS source for the malformed-ARN text; the integration uri's text is reused.
  if (!m) throw badRequest('Invalid ARN specified in the request');
  const [, region, apiId, stageName] = m;
  const r = repository(deps, { ...ctx, region });
  const api = r.api(apiId);
  if (stageName === undefined) return { r, tagged: { doc: api, save: () => r.putApi(api) } };
  const stage = r.stage(apiId, stageName);
  return { r, tagged: { doc: stage, save: () => r.putStage(stage) } };
}

export function tagOperations(deps: ApigatewayDeps): Handlers<Operations> {
  const tx = deps.store.transaction.bind(deps.store);
  return {
    TagResource: (ctx, input) =>
      tx(() => {
        const { tagged } = target(deps, ctx, input.resourceArn);
        const tags = { ...(tagged.doc.tags ?? {}), ...input.tags };
        if (Object.keys(tags).length > 0) tagged.doc.tags = tags;
        tagged.save();
      }),

    UntagResource: (ctx, input) =>
      tx(() => {
        const { tagged } = target(deps, ctx, input.resourceArn);
        const tags = { ...(tagged.doc.tags ?? {}) };
        for (const key of input.tagKeys) delete tags[key];
        if (Object.keys(tags).length > 0) tagged.doc.tags = tags;
        else delete tagged.doc.tags;
        tagged.save();
      }),

    GetTags: (ctx, input) => ({ tags: target(deps, ctx, input.resourceArn).tagged.doc.tags ?? {} }),
  };
}
