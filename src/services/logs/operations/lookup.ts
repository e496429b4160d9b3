// Finding log groups and streams the way the operations need them: by name or by the
// `logGroupIdentifier` (a name or an ARN), failing with AWS's ResourceNotFoundException.
import type { Doc } from '../../../store/store.js';
import type { LogsContext } from '../context.js';
import { LOGS_ERRORS } from '../errors.js';
import { groupId, LOG_GROUP, LOG_STREAM, streamId, type StoredLogGroup, type StoredLogStream } from '../state.js';

const GROUP_ARN = /^arn:aws[\w-]*:logs:[\w-]+:\d{12}:log-group:([^:]+)(?::\*)?$/;

/** The log group a request names through logGroupName or logGroupIdentifier (exactly one). */
export function groupNameOf(input: { logGroupName?: string; logGroupIdentifier?: string }): string {
  if (input.logGroupName !== undefined && input.logGroupIdentifier !== undefined) {
    throw LOGS_ERRORS.validation('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  }
  const identifier = input.logGroupName ?? input.logGroupIdentifier;
  if (identifier === undefined) throw LOGS_ERRORS.invalidParameter('Either LogGroup name or LogGroup ARN must be specified.');
  return GROUP_ARN.exec(identifier)?.[1] ?? identifier;
}

export function requireGroup(ctx: LogsContext, name: string): Doc<StoredLogGroup> {
  const doc = ctx.store.get<StoredLogGroup>(LOG_GROUP, groupId(ctx.scope, name));
  if (!doc) throw LOGS_ERRORS.noSuchGroup();
  return doc;
}

export function requireStream(ctx: LogsContext, group: string, stream: string): Doc<StoredLogStream> {
  const doc = ctx.store.get<StoredLogStream>(LOG_STREAM, streamId(ctx.scope, group, stream));
  if (!doc) throw LOGS_ERRORS.noSuchStream();
  return doc;
}

/** The log group named by a resource ARN (TagResource and friends), which must exist. */
export function groupOfArn(ctx: LogsContext, arn: string): Doc<StoredLogGroup> {
  const name = GROUP_ARN.exec(arn)?.[1];
  if (name === undefined || !arn.includes(`:${ctx.scope.region}:${ctx.scope.accountId}:`)) throw LOGS_ERRORS.noSuchGroup();
  return requireGroup(ctx, name);
}
