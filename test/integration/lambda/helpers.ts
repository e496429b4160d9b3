// Shared steps of the Lambda integration tests: create a function from in-memory files, invoke it
// and decode the answer, read a function's log events back through CloudWatch Logs.
import { CloudWatchLogsClient, FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { CreateFunctionCommand, InvokeCommand, type CreateFunctionCommandInput, type LambdaClient } from '@aws-sdk/client-lambda';
import { buildZip, type ZipEntry } from '../../fixtures/lambda/zip.js';

export const ROLE = 'arn:aws:iam::000000000000:role/LambdaExecutionRole';

export async function createFunction(
  lambda: LambdaClient,
  name: string,
  runtime: string,
  handler: string,
  files: Record<string, ZipEntry>,
  extra: Partial<CreateFunctionCommandInput> = {},
) {
  const zip = await buildZip(files);
  const out = await lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: runtime as never, Handler: handler, Role: ROLE, Code: { ZipFile: zip }, ...extra }));
  return { zip, out };
}

export interface Invoked {
  status: number | undefined;
  text: string;
  json: any;
  functionError?: string;
  executedVersion?: string;
  requestId?: string;
  log?: string;
}

export async function invoke(lambda: LambdaClient, name: string, payload?: unknown, extra: { Qualifier?: string; LogType?: 'Tail' } = {}): Promise<Invoked> {
  const r = await lambda.send(
    new InvokeCommand({ FunctionName: name, Payload: payload === undefined ? undefined : Buffer.from(JSON.stringify(payload)), ...extra }),
  );
  const text = r.Payload ? Buffer.from(r.Payload).toString('utf8') : '';
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return {
    status: r.StatusCode,
    text,
    json,
    functionError: r.FunctionError,
    executedVersion: r.ExecutedVersion,
    requestId: r.$metadata.requestId,
    log: r.LogResult ? Buffer.from(r.LogResult, 'base64').toString('utf8') : undefined,
  };
}

/** Every event of a log group, oldest first, through the logs API. */
export async function logEvents(logs: CloudWatchLogsClient, group: string): Promise<FilteredLogEvent[]> {
  const events: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await logs.send(new FilterLogEventsCommand({ logGroupName: group, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** Waits (briefly, polling) until `check` passes: log lines reach the store in batches. */
export async function eventually<T>(fn: () => Promise<T>, check: (v: T) => boolean, ms = 3000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (check(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The error an SDK call rejects with, for asserting AWS's code, message and status. */
export async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number; Type?: string; Reason?: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number }; Type?: string; Reason?: string };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, Type: e.Type, Reason: e.Reason };
  }
  throw new Error('expected the call to fail');
}
