// Log events through the SDK: PutLogEvents' batch rules and rejected-event report, GetLogEvents
// from the head and the tail across several pages with f/… and b/… tokens (the same token back
// when nothing is new), time windows, and FilterLogEvents with patterns, stream selection, paging.
import {
  CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, DescribeLogStreamsCommand, FilterLogEventsCommand, GetLogEventsCommand,
  PutLogEventsCommand, PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { failure } from './helpers.js';

const DAY = 86_400_000;

describe('CloudWatch Logs: events', () => {
  const k = useKanaria({ accountId: '123456789012' });
  let logs: CloudWatchLogsClient;
  const t0 = Date.now() - 60_000;
  beforeAll(async () => {
    logs = new CloudWatchLogsClient(k.clientConfig);
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'app' }));
    for (const s of ['web-1', 'web-2', 'worker']) await logs.send(new CreateLogStreamCommand({ logGroupName: 'app', logStreamName: s }));
  });
  const put = (stream: string, logEvents: { timestamp: number; message: string }[], group = 'app') =>
    logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents }));
  const all = async (stream: string) =>
    (await logs.send(new GetLogEventsCommand({ logGroupName: 'app', logStreamName: stream, startFromHead: true }))).events!.map((e) => e.message);

  it('PutLogEvents stores a batch and answers a 56-digit nextSequenceToken', async () => {
    const out = await put('web-1', [{ timestamp: t0, message: 'first' }, { timestamp: t0 + 1, message: 'second' }]);
    expect(out.nextSequenceToken).toMatch(/^\d{56}$/);
    expect(out.rejectedLogEventsInfo).toBeUndefined();
    const next = await put('web-1', [{ timestamp: t0 + 2, message: 'third' }]);
    expect(BigInt(next.nextSequenceToken!)).toBeGreaterThan(BigInt(out.nextSequenceToken!));
    expect(await all('web-1')).toEqual(['first', 'second', 'third']);
  });

  it('PutLogEvents refuses batches out of order or spanning more than 24 hours, storing nothing', async () => {
    expect(await failure(put('worker', [{ timestamp: t0 + 5, message: 'b' }, { timestamp: t0, message: 'a' }]))).toEqual({
      name: 'InvalidParameterException', status: 400, message: 'Log events in a single PutLogEvents request must be in chronological order.',
    });
    expect(await failure(put('worker', [{ timestamp: t0 - DAY - 1, message: 'a' }, { timestamp: t0, message: 'b' }]))).toEqual({
      name: 'InvalidParameterException', status: 400, message: 'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    });
    const big = 'x'.repeat(300_000);
    const tooLarge = await failure(put('worker', [0, 1, 2, 3].map((i) => ({ timestamp: t0 + i, message: big }))));
    expect(tooLarge).toEqual({ name: 'InvalidParameterException', status: 400, message: 'Upload too large: 1200104 bytes exceeds limit of 1048576' });
    expect(await all('worker')).toEqual([]);
    expect(await failure(put('nope', [{ timestamp: t0, message: 'x' }]))).toEqual({ name: 'ResourceNotFoundException', status: 400, message: 'The specified log stream does not exist.' });
    expect(await failure(put('web-1', [{ timestamp: t0, message: 'x' }], 'nope'))).toEqual({ name: 'ResourceNotFoundException', status: 400, message: 'The specified log group does not exist.' });
  });

  it('PutLogEvents reports too-old, expired and too-new events and stores the rest', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'short' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'short', logStreamName: 's' }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: 'short', retentionInDays: 1 }));
    const now = Date.now();
    const expired = await put('s', [{ timestamp: now - 2 * DAY, message: 'expired' }, { timestamp: now - 2 * DAY + 1, message: 'expired too' }], 'short');
    expect(expired.rejectedLogEventsInfo).toEqual({ expiredLogEventEndIndex: 1 });
    const future = await put('s', [{ timestamp: now - 1000, message: 'kept' }, { timestamp: now + 3 * 3_600_000, message: 'future' }], 'short');
    expect(future.rejectedLogEventsInfo).toEqual({ tooNewLogEventStartIndex: 1 });
    const ancient = await put('s', [{ timestamp: now - 15 * DAY, message: 'ancient' }, { timestamp: now - 15 * DAY + 1, message: 'ancient too' }], 'short');
    expect(ancient.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 1, expiredLogEventEndIndex: 1 });
    const got = await logs.send(new GetLogEventsCommand({ logGroupName: 'short', logStreamName: 's', startFromHead: true }));
    expect(got.events!.map((e) => e.message)).toEqual(['kept']);
  });

  it('GetLogEvents pages forward from the head and ends on the same token', async () => {
    const messages = Array.from({ length: 25 }, (_, i) => `line ${i}`);
    await put('web-2', messages.map((message, i) => ({ timestamp: t0 + i, message })));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await logs.send(new GetLogEventsCommand({ logGroupName: 'app', logStreamName: 'web-2', startFromHead: true, limit: 10, nextToken: token }));
      expect(page.nextForwardToken).toMatch(/^f\/\d{56}\/s$/);
      expect(page.nextBackwardToken).toMatch(/^b\/\d{56}\/s$/);
      if (page.nextForwardToken === token) {
        expect(page.events).toEqual([]);
        break;
      }
      seen.push(...page.events!.map((e) => e.message!));
      token = page.nextForwardToken;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(messages);

    // Polling from the last token picks up what is written afterwards, then settles again.
    await put('web-2', [{ timestamp: t0 + 100, message: 'late' }]);
    const late = await logs.send(new GetLogEventsCommand({ logGroupName: 'app', logStreamName: 'web-2', nextToken: token }));
    expect(late.events!.map((e) => e.message)).toEqual(['late']);
    const idle = await logs.send(new GetLogEventsCommand({ logGroupName: 'app', logStreamName: 'web-2', nextToken: late.nextForwardToken }));
    expect(idle).toMatchObject({ events: [], nextForwardToken: late.nextForwardToken });
  });

  it('GetLogEvents reads the tail first and pages backward, events in time order', async () => {
    const tail = await logs.send(new GetLogEventsCommand({ logGroupName: 'app', logStreamName: 'web-2', limit: 10 }));
    expect(tail.events!.map((e) => e.message)).toEqual([...Array.from({ length: 9 }, (_, i) => `line ${16 + i}`), 'late']);
    expect(tail.events!.every((e, i, a) => i === 0 || e.timestamp! >= a[i - 1].timestamp!)).toBe(true);
    const older = await logs.send(new GetLogEventsCommand({ logGroupName: 'app', logStreamName: 'web-2', limit: 10, nextToken: tail.nextBackwardToken }));
    expect(older.events!.map((e) => e.message)).toEqual(Array.from({ length: 10 }, (_, i) => `line ${6 + i}`));
    const oldest = await logs.send(new GetLogEventsCommand({ logGroupName: 'app', logStreamName: 'web-2', limit: 10, nextToken: older.nextBackwardToken }));
    expect(oldest.events!.map((e) => e.message)).toEqual(Array.from({ length: 6 }, (_, i) => `line ${i}`));
    const none = await logs.send(new GetLogEventsCommand({ logGroupName: 'app', logStreamName: 'web-2', limit: 10, nextToken: oldest.nextBackwardToken }));
    expect(none).toMatchObject({ events: [], nextBackwardToken: oldest.nextBackwardToken });
    const back = await logs.send(new GetLogEventsCommand({ logGroupName: 'app', logStreamName: 'web-2', limit: 2, nextToken: none.nextForwardToken }));
    expect(back.events!.map((e) => e.message)).toEqual(['line 0', 'line 1']);
  });

  it('GetLogEvents honours startTime (inclusive) and endTime (exclusive), and refuses foreign tokens', async () => {
    const window = await logs.send(new GetLogEventsCommand({ logGroupName: 'app', logStreamName: 'web-2', startFromHead: true, startTime: t0 + 3, endTime: t0 + 6 }));
    expect(window.events!.map((e) => e.message)).toEqual(['line 3', 'line 4', 'line 5']);
    expect(window.events![0]).toEqual({ timestamp: t0 + 3, message: 'line 3', ingestionTime: expect.any(Number) });
    for (const nextToken of ['f/123', 'x/00000000000000000000000000000000000000000000000000000000/s', 'garbage']) {
      expect(await failure(logs.send(new GetLogEventsCommand({ logGroupName: 'app', logStreamName: 'web-2', nextToken })))).toEqual({
        name: 'InvalidParameterException', status: 400, message: 'The specified nextToken is invalid.',
      });
    }
    expect(await failure(logs.send(new GetLogEventsCommand({ logGroupName: 'app', logStreamName: 'web-2', limit: 10001 })))).toEqual({
      name: 'InvalidParameterException', status: 400, message: "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
    });
  });

  describe('FilterLogEvents', () => {
    beforeAll(async () => {
      await logs.send(new CreateLogGroupCommand({ logGroupName: 'filtered' }));
      for (const s of ['api/a', 'api/b', 'batch']) await logs.send(new CreateLogStreamCommand({ logGroupName: 'filtered', logStreamName: s }));
      await put('api/a', [
        { timestamp: t0, message: 'INFO start request 1' },
        { timestamp: t0 + 2, message: 'ERROR timeout talking to db' },
        { timestamp: t0 + 4, message: '{"level":"ERROR","latency":250,"user":{"id":"u-1"}}' },
      ], 'filtered');
      await put('api/b', [
        { timestamp: t0 + 1, message: 'WARN slow response 200 ms' },
        { timestamp: t0 + 3, message: '{"level":"INFO","latency":20,"user":{"id":"u-2"}}' },
        { timestamp: t0 + 5, message: 'ERROR status 500 returned' },
      ], 'filtered');
      await put('batch', [{ timestamp: t0 + 6, message: 'DEBUG job done' }], 'filtered');
    });
    const filter = async (input: object) =>
      (await logs.send(new FilterLogEventsCommand({ logGroupName: 'filtered', ...input }))).events!.map((e) => e.message);

    it('interleaves every stream by time with eventIds, and narrows to streams by name or prefix', async () => {
      const out = await logs.send(new FilterLogEventsCommand({ logGroupName: 'filtered' }));
      expect(out.events!.map((e) => e.logStreamName)).toEqual(['api/a', 'api/b', 'api/a', 'api/b', 'api/a', 'api/b', 'batch']);
      expect(out.events![0]).toEqual({ logStreamName: 'api/a', timestamp: t0, message: 'INFO start request 1', ingestionTime: expect.any(Number), eventId: expect.stringMatching(/^\d{56}$/) });
      expect(new Set(out.events!.map((e) => e.eventId)).size).toBe(7);
      expect(out.nextToken).toBeUndefined();
      expect(await filter({ logStreamNames: ['batch'] })).toEqual(['DEBUG job done']);
      expect((await filter({ logStreamNamePrefix: 'api/' })).length).toBe(6);
      expect(await filter({ startTime: t0 + 5, endTime: t0 + 6 })).toEqual(['ERROR status 500 returned', 'DEBUG job done']);
      expect(await failure(logs.send(new FilterLogEventsCommand({ logGroupName: 'filtered', logStreamNames: ['batch'], logStreamNamePrefix: 'api/' })))).toMatchObject({ name: 'InvalidParameterException', status: 400 });
    });

    it('matches terms, phrases, exclusions and any-of terms', async () => {
      expect(await filter({ filterPattern: 'ERROR' })).toEqual(['ERROR timeout talking to db', '{"level":"ERROR","latency":250,"user":{"id":"u-1"}}', 'ERROR status 500 returned']);
      expect(await filter({ filterPattern: 'ERROR 500' })).toEqual(['ERROR status 500 returned']);
      expect(await filter({ filterPattern: '"status 500"' })).toEqual(['ERROR status 500 returned']);
      expect(await filter({ filterPattern: '"500 status"' })).toEqual([]);
      expect(await filter({ filterPattern: 'ERROR -timeout -latency' })).toEqual(['ERROR status 500 returned']);
      expect(await filter({ filterPattern: '?WARN ?DEBUG' })).toEqual(['WARN slow response 200 ms', 'DEBUG job done']);
      expect(await filter({ filterPattern: 'error' })).toEqual([]);
      expect(await filter({ filterPattern: '%request [0-9]+%' })).toEqual(['INFO start request 1']);
    });

    it('matches JSON patterns on strings and numbers', async () => {
      const errorJson = '{"level":"ERROR","latency":250,"user":{"id":"u-1"}}';
      expect(await filter({ filterPattern: '{ $.level = "ERROR" }' })).toEqual([errorJson]);
      expect(await filter({ filterPattern: '{ $.level != "ERROR" }' })).toEqual(['{"level":"INFO","latency":20,"user":{"id":"u-2"}}']);
      expect(await filter({ filterPattern: '{ $.latency > 100 }' })).toEqual([errorJson]);
      expect(await filter({ filterPattern: '{ $.latency = 20 }' })).toEqual(['{"level":"INFO","latency":20,"user":{"id":"u-2"}}']);
      expect(await filter({ filterPattern: '{ $.user.id = "u-*" && $.latency < 100 }' })).toEqual(['{"level":"INFO","latency":20,"user":{"id":"u-2"}}']);
      expect(await filter({ filterPattern: '{ ($.level = "INFO") || ($.latency >= 250) }' })).toHaveLength(2);
      expect(await failure(logs.send(new FilterLogEventsCommand({ logGroupName: 'filtered', filterPattern: '{ $.level = }' })))).toMatchObject({ name: 'InvalidParameterException', status: 400 });
    });

    it('pages matches with nextToken until none is left', async () => {
      const seen: string[] = [];
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await logs.send(new FilterLogEventsCommand({ logGroupName: 'filtered', filterPattern: '?ERROR ?WARN ?DEBUG', limit: 2, nextToken }));
        expect(page.events!.length).toBeLessThanOrEqual(2);
        seen.push(...page.events!.map((e) => e.message!));
        nextToken = page.nextToken;
        pages++;
      } while (nextToken);
      expect(pages).toBe(3);
      expect(seen).toEqual(['WARN slow response 200 ms', 'ERROR timeout talking to db', '{"level":"ERROR","latency":250,"user":{"id":"u-1"}}', 'ERROR status 500 returned', 'DEBUG job done']);
      expect(await failure(logs.send(new FilterLogEventsCommand({ logGroupName: 'filtered', nextToken: 'bogus' })))).toEqual({ name: 'InvalidParameterException', status: 400, message: 'The specified nextToken is invalid.' });
    });
  });

  it('describes streams with the timestamps of their events', async () => {
    const [stream] = (await logs.send(new DescribeLogStreamsCommand({ logGroupName: 'app', logStreamNamePrefix: 'web-1' }))).logStreams!;
    expect(stream).toMatchObject({ firstEventTimestamp: t0, lastEventTimestamp: t0 + 2, lastIngestionTime: expect.any(Number) });
  });
});
