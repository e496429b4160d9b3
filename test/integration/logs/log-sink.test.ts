// The groups, streams and events Kanaria's own writers create (Lambda's /aws/lambda/…, API
// Gateway's execution logs) are written through telemetry/log-sink.ts into the same state the
// logs API reads, so DescribeLogGroups/DescribeLogStreams/GetLogEvents/FilterLogEvents show them.
import {
  CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeLogStreamsCommand, FilterLogEventsCommand, GetLogEventsCommand, PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { createLogsService } from '../../../src/services/logs/index.js';
import { groupId, LOG_GROUP } from '../../../src/services/logs/state.js';
import { createLogSink } from '../../../src/telemetry/log-sink.js';
import { useKanaria } from '../../helpers/kanaria.js';

describe('CloudWatch Logs: what the log sink writes is what the API reads', () => {
  const k = useKanaria({ accountId: '123456789012' });
  const scope = { accountId: '123456789012', region: 'us-east-1' };

  it('shows Lambda and API Gateway groups, streams and events written through the sink', async () => {
    const sink = createLogSink(k.kanaria.store, { flushMs: 60_000 });
    const now = Date.now();
    const lambdaStream = '2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef';
    sink.write(scope, '/aws/lambda/version1_lambda', lambdaStream, [
      { timestamp: now - 30, message: 'START RequestId: r-1 Version: $LATEST\n' },
      { timestamp: now - 20, message: 'hello from v1\n' },
      { timestamp: now - 10, message: 'END RequestId: r-1\n' },
    ]);
    sink.write(scope, 'API-Gateway-Execution-Logs_abc123/dev', 'stream-1', [{ timestamp: now - 5, message: '(req-1) Method completed with status: 200' }]);
    sink.write({ accountId: '123456789012', region: 'eu-west-1' }, '/aws/lambda/elsewhere', 's', [{ timestamp: now, message: 'other region' }]);
    sink.flush();

    const logs = new CloudWatchLogsClient(k.clientConfig);
    const groups = (await logs.send(new DescribeLogGroupsCommand({}))).logGroups!;
    expect(groups.map((g) => g.logGroupName)).toEqual(['/aws/lambda/version1_lambda', 'API-Gateway-Execution-Logs_abc123/dev']);
    expect(groups[0]).toMatchObject({ arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/version1_lambda:*', storedBytes: expect.any(Number) });
    expect(groups[0].storedBytes).toBeGreaterThan(0);

    const streams = (await logs.send(new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/version1_lambda', orderBy: 'LastEventTime', descending: true }))).logStreams!;
    expect(streams).toEqual([expect.objectContaining({ logStreamName: lambdaStream, firstEventTimestamp: now - 30, lastEventTimestamp: now - 10 })]);

    const events = await logs.send(new GetLogEventsCommand({ logGroupName: '/aws/lambda/version1_lambda', logStreamName: lambdaStream, startFromHead: true }));
    expect(events.events!.map((e) => e.message)).toEqual(['START RequestId: r-1 Version: $LATEST\n', 'hello from v1\n', 'END RequestId: r-1\n']);
    const filtered = await logs.send(new FilterLogEventsCommand({ logGroupName: 'API-Gateway-Execution-Logs_abc123/dev', filterPattern: '"status: 200"' }));
    expect(filtered.events!.map((e) => e.logStreamName)).toEqual(['stream-1']);

    // A PutLogEvents into a sink-made stream and a later sink write land in the same stream.
    await logs.send(new PutLogEventsCommand({ logGroupName: '/aws/lambda/version1_lambda', logStreamName: lambdaStream, logEvents: [{ timestamp: now - 1, message: 'via API' }] }));
    sink.write(scope, '/aws/lambda/version1_lambda', lambdaStream, [{ timestamp: now, message: 'REPORT RequestId: r-1\n' }]);
    sink.dispose();
    const tail = await logs.send(new GetLogEventsCommand({ logGroupName: '/aws/lambda/version1_lambda', logStreamName: lambdaStream, limit: 2 }));
    expect(tail.events!.map((e) => e.message)).toEqual(['via API', 'REPORT RequestId: r-1\n']);
  });

  it('flushes its sink before answering, so lines still buffered are seen', async () => {
    // A logs service wired to its own sink, as main.ts wires the server's: nothing is in the
    // store until the call, which flushes first.
    const sink = createLogSink(k.kanaria.store, { flushMs: 60_000 });
    const service = createLogsService({ store: k.kanaria.store, sink });
    sink.write(scope, '/aws/lambda/fresh', 's', [{ timestamp: Date.now(), message: 'fresh' }]);
    expect(k.kanaria.store.get(LOG_GROUP, groupId(scope, '/aws/lambda/fresh'))).toBeUndefined();
    const ctx = { service: 'logs' as const, operation: 'GetLogEvents', accountId: scope.accountId, region: scope.region, requestId: 'r', sourceIp: '127.0.0.1' };
    const got = await service.operations.GetLogEvents!(ctx, { logGroupName: '/aws/lambda/fresh', logStreamName: 's' });
    expect(got.events.map((e: { message: string }) => e.message)).toEqual(['fresh']);
    sink.dispose();
  });

  it('writes a timed flush in slices of at most 512 events, letting requests run between slices', async () => {
    // Under load the sink holds thousands of lines a flush; one transaction for all of them would
    // hold every request up for milliseconds (the p99 of bench/gateway.mjs shows it).
    const store = k.kanaria.store;
    const slices: { rows: number; ticks: number }[] = [];
    let rows = 0;
    let ticks = 0;
    const counting: typeof store = {
      ...store,
      transaction: (fn) => {
        rows = 0;
        const result = store.transaction(fn);
        slices.push({ rows, ticks });
        return result;
      },
      appendLogEvents: (group, stream, events, ingestionTime) => {
        rows += events.length;
        store.appendLogEvents(group, stream, events, ingestionTime);
      },
    };
    const sink = createLogSink(counting, { flushMs: 1 });
    const now = Date.now();
    const writer = sink.stream(scope, '/aws/lambda/busy', 's');
    for (let i = 0; i < 4000; i++) writer.write(now + i, `line ${i}\n`);
    // Another task on the event loop, as a request would be, ticking while the flush drains.
    while (slices.reduce((n, s) => n + s.rows, 0) < 4000) {
      await new Promise((r) => setImmediate(r));
      ticks++;
    }
    expect(slices.length).toBeGreaterThanOrEqual(8);
    expect(Math.max(...slices.map((s) => s.rows))).toBeLessThanOrEqual(512);
    expect(slices.at(-1)!.ticks).toBeGreaterThan(slices[0].ticks + 3);
    const logs = new CloudWatchLogsClient(k.clientConfig);
    const got = await logs.send(new GetLogEventsCommand({ logGroupName: '/aws/lambda/busy', logStreamName: 's', startFromHead: true, limit: 10_000 }));
    expect(got.events!.map((e) => e.message)).toEqual(Array.from({ length: 4000 }, (_, i) => `line ${i}\n`));
    sink.dispose();
  });
});
