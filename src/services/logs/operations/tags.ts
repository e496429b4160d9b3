// Log group tags, through both APIs: TagResource/UntagResource/ListTagsForResource (by ARN) and
// the older TagLogGroup/UntagLogGroup/ListTagsLogGroup (by name). Both read and write one map.
import type {
  ListTagsForResourceRequest, ListTagsForResourceResponse, ListTagsLogGroupRequest, ListTagsLogGroupResponse, TagLogGroupRequest,
  TagResourceRequest, UntagLogGroupRequest, UntagResourceRequest,
} from '../../../aws/generated/logs.js';
import type { Doc } from '../../../store/store.js';
import type { LogsContext } from '../context.js';
import { LOG_GROUP, type StoredLogGroup } from '../state.js';
import { groupOfArn, requireGroup } from './lookup.js';

function retag(ctx: LogsContext, find: () => Doc<StoredLogGroup>, change: (tags: Record<string, string>) => Record<string, string>): void {
  ctx.store.transaction(() => {
    const doc = find();
    ctx.store.put(LOG_GROUP, doc.id, { ...doc.data, tags: change({ ...doc.data.tags }) }, doc.version);
  });
}

const without = (tags: Record<string, string>, keys: string[]) => Object.fromEntries(Object.entries(tags).filter(([k]) => !keys.includes(k)));

export function tagResource(ctx: LogsContext, input: TagResourceRequest): void {
  retag(ctx, () => groupOfArn(ctx, input.resourceArn), (tags) => ({ ...tags, ...input.tags }));
}

export function untagResource(ctx: LogsContext, input: UntagResourceRequest): void {
  retag(ctx, () => groupOfArn(ctx, input.resourceArn), (tags) => without(tags, input.tagKeys));
}

export function listTagsForResource(ctx: LogsContext, input: ListTagsForResourceRequest): ListTagsForResourceResponse {
  return { tags: groupOfArn(ctx, input.resourceArn).data.tags ?? {} };
}

export function tagLogGroup(ctx: LogsContext, input: TagLogGroupRequest): void {
  retag(ctx, () => requireGroup(ctx, input.logGroupName), (tags) => ({ ...tags, ...input.tags }));
}

export function untagLogGroup(ctx: LogsContext, input: UntagLogGroupRequest): void {
  retag(ctx, () => requireGroup(ctx, input.logGroupName), (tags) => without(tags, input.tags));
}

export function listTagsLogGroup(ctx: LogsContext, input: ListTagsLogGroupRequest): ListTagsLogGroupResponse {
  return { tags: requireGroup(ctx, input.logGroupName).data.tags ?? {} };
}
