// Log group operations: create, delete, describe (prefix or pattern, paged) and retention.
// Groups Kanaria's own writers created (Lambda's /aws/lambda/…, API Gateway's execution logs)
// share the same state, so they are described like any other.
import type {
  CreateLogGroupRequest, DeleteLogGroupRequest, DeleteRetentionPolicyRequest, DescribeLogGroupsRequest, DescribeLogGroupsResponse, LogGroup,
  PutRetentionPolicyRequest,
} from '../../../aws/generated/logs.js';
import type { LogsContext } from '../context.js';
import { LOGS_ERRORS } from '../errors.js';
import { invalidRetentionMessage, isRetentionInDays } from '../rules/retention.js';
import { isOffset, opaqueToken, readOpaqueToken } from '../rules/tokens.js';
import {
  deleteLogGroupState, groupId, groupPrefix, LOG_GROUP, LOG_STREAM, logGroupArn, streamPrefix, type StoredLogGroup, type StoredLogStream,
} from '../state.js';
import { requireGroup } from './lookup.js';

export function createLogGroup(ctx: LogsContext, input: CreateLogGroupRequest): void {
  ctx.store.transaction(() => {
    const id = groupId(ctx.scope, input.logGroupName);
    if (ctx.store.get(LOG_GROUP, id)) throw LOGS_ERRORS.groupExists();
    const group: StoredLogGroup = {
      logGroupName: input.logGroupName,
      creationTime: ctx.now(),
      tags: input.tags,
      kmsKeyId: input.kmsKeyId,
      logGroupClass: input.logGroupClass,
      deletionProtectionEnabled: input.deletionProtectionEnabled,
    };
    ctx.store.put(LOG_GROUP, id, group, 0);
  });
}

export function deleteLogGroup(ctx: LogsContext, input: DeleteLogGroupRequest): void {
  ctx.store.transaction(() => {
    requireGroup(ctx, input.logGroupName);
    deleteLogGroupState(ctx.store, ctx.scope, input.logGroupName);
  });
}

function groupView(ctx: LogsContext, group: StoredLogGroup): LogGroup {
  const streams = ctx.store.list<StoredLogStream>(LOG_STREAM, streamPrefix(ctx.scope, group.logGroupName));
  const arn = logGroupArn(ctx.scope, group.logGroupName);
  return {
    logGroupName: group.logGroupName,
    creationTime: group.creationTime,
    retentionInDays: group.retentionInDays,
    metricFilterCount: 0,
    arn: `${arn}:*`,
    storedBytes: streams.reduce((n, s) => n + s.data.storedBytes, 0),
    kmsKeyId: group.kmsKeyId,
    logGroupClass: (group.logGroupClass ?? 'STANDARD') as LogGroup['logGroupClass'],
    logGroupArn: arn,
    deletionProtectionEnabled: group.deletionProtectionEnabled ?? false,
  };
}

export function describeLogGroups(ctx: LogsContext, input: DescribeLogGroupsRequest): DescribeLogGroupsResponse {
  const { logGroupNamePrefix: prefix, logGroupNamePattern: pattern } = input;
  if (prefix !== undefined && pattern !== undefined) {
    throw LOGS_ERRORS.invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  }
  const tokenScope = `groups:${prefix ?? ''}:${pattern ?? ''}`;
  const start = input.nextToken === undefined ? 0 : readOpaqueToken(tokenScope, input.nextToken, isOffset);
  if (start === undefined) throw LOGS_ERRORS.invalidToken();
  const identifiers = input.logGroupIdentifiers?.map((id) => id.replace(/:\*$/, ''));
  const groups = ctx.store
    .list<StoredLogGroup>(LOG_GROUP, groupPrefix(ctx.scope))
    .map((d) => d.data)
    .filter((g) => prefix === undefined || g.logGroupName.startsWith(prefix))
    .filter((g) => pattern === undefined || g.logGroupName.toLowerCase().includes(pattern.toLowerCase()))
    .filter((g) => input.logGroupClass === undefined || (g.logGroupClass ?? 'STANDARD') === input.logGroupClass)
    .filter((g) => identifiers === undefined || identifiers.includes(logGroupArn(ctx.scope, g.logGroupName)) || identifiers.includes(g.logGroupName))
    .sort((a, b) => (a.logGroupName < b.logGroupName ? -1 : a.logGroupName > b.logGroupName ? 1 : 0));
  const limit = input.limit ?? 50;
  const page = groups.slice(start, start + limit);
  const end = start + page.length;
  return { logGroups: page.map((g) => groupView(ctx, g)), nextToken: end < groups.length ? opaqueToken(tokenScope, end) : undefined };
}

function setRetention(ctx: LogsContext, name: string, days: number | undefined): void {
  ctx.store.transaction(() => {
    const doc = requireGroup(ctx, name);
    ctx.store.put(LOG_GROUP, doc.id, { ...doc.data, retentionInDays: days }, doc.version);
  });
}

export function putRetentionPolicy(ctx: LogsContext, input: PutRetentionPolicyRequest): void {
  if (!isRetentionInDays(input.retentionInDays)) throw LOGS_ERRORS.invalidParameter(invalidRetentionMessage(input.retentionInDays));
  setRetention(ctx, input.logGroupName, input.retentionInDays);
}

export function deleteRetentionPolicy(ctx: LogsContext, input: DeleteRetentionPolicyRequest): void {
  setRetention(ctx, input.logGroupName, undefined);
}
