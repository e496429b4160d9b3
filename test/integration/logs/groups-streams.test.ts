// Log groups and streams through the SDK: create/describe/delete, prefix and pattern filters,
// paging, ordering, retention, tags through both tag APIs, and every error a caller can cause
// with AWS's text (localstack tests/aws/services/logs/test_logs_{groups,streams}.snapshot.json),
// reading the state back to show a failed call changed nothing.
import {
  CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, DeleteLogGroupCommand, DeleteLogStreamCommand, DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand, DescribeLogStreamsCommand, ListTagsForResourceCommand, ListTagsLogGroupCommand, PutLogEventsCommand,
  PutRetentionPolicyCommand, TagLogGroupCommand, TagResourceCommand, UntagLogGroupCommand, UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { failure } from './helpers.js';

describe('CloudWatch Logs: groups and streams', () => {
  const k = useKanaria({ accountId: '123456789012' });
  let logs: CloudWatchLogsClient;
  beforeAll(() => {
    logs = new CloudWatchLogsClient(k.clientConfig);
  });
  const groupNames = async (prefix?: string) => (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix }))).logGroups!.map((g) => g.logGroupName);

  it('creates, describes and deletes a group with AWS fields', async () => {
    const before = Date.now();
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/crud/one' }));
    const [group] = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/crud/' }))).logGroups!;
    expect(group).toEqual({
      logGroupName: '/crud/one',
      creationTime: expect.any(Number),
      metricFilterCount: 0,
      arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/crud/one:*',
      logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/crud/one',
      storedBytes: 0,
      logGroupClass: 'STANDARD',
      deletionProtectionEnabled: false,
    });
    expect(group.creationTime).toBeGreaterThanOrEqual(before);
    await logs.send(new DeleteLogGroupCommand({ logGroupName: '/crud/one' }));
    expect(await groupNames('/crud/')).toEqual([]);
  });

  it('refuses a second group of the same name, and unknown groups, leaving state as it was', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'dup', tags: { a: '1' } }));
    expect(await failure(logs.send(new CreateLogGroupCommand({ logGroupName: 'dup' })))).toEqual({ name: 'ResourceAlreadyExistsException', status: 400, message: 'The specified log group already exists' });
    expect((await logs.send(new ListTagsLogGroupCommand({ logGroupName: 'dup' }))).tags).toEqual({ a: '1' });
    const missing = { name: 'ResourceNotFoundException', status: 400, message: 'The specified log group does not exist.' };
    expect(await failure(logs.send(new DeleteLogGroupCommand({ logGroupName: 'nope' })))).toEqual(missing);
    expect(await failure(logs.send(new CreateLogStreamCommand({ logGroupName: 'nope', logStreamName: 's' })))).toEqual(missing);
    expect(await failure(logs.send(new DescribeLogStreamsCommand({ logGroupName: 'nope' })))).toEqual(missing);
    expect(await failure(logs.send(new PutRetentionPolicyCommand({ logGroupName: 'nope', retentionInDays: 7 })))).toEqual(missing);
    expect(await groupNames('nope')).toEqual([]);
    expect(await groupNames('dup')).toEqual(['dup']);
  });

  it('reports model violations as InvalidParameterException', async () => {
    const bad = await failure(logs.send(new CreateLogGroupCommand({ logGroupName: 'has space' })));
    expect(bad).toMatchObject({ name: 'InvalidParameterException', status: 400 });
    expect(bad.message).toBe("1 validation error detected: Value 'has space' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
    expect(await groupNames('has')).toEqual([]);
  });

  it('filters by prefix or by a case-insensitive pattern, never both, and pages with nextToken', async () => {
    for (const n of ['/aws/lambda/alpha', '/aws/lambda/Beta', '/aws/lambda/gamma', '/other/BETA-x']) await logs.send(new CreateLogGroupCommand({ logGroupName: n }));
    expect(await groupNames('/aws/lambda/')).toEqual(['/aws/lambda/Beta', '/aws/lambda/alpha', '/aws/lambda/gamma']);
    const pattern = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePattern: 'beta' }));
    expect(pattern.logGroups!.map((g) => g.logGroupName)).toEqual(['/aws/lambda/Beta', '/other/BETA-x']);
    expect(await failure(logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws', logGroupNamePattern: 'beta' })))).toEqual({
      name: 'InvalidParameterException', status: 400, message: 'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
    });
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/', limit: 2, nextToken }));
      expect(page.logGroups!.length).toBeLessThanOrEqual(2);
      seen.push(...page.logGroups!.map((g) => g.logGroupName!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen).toEqual(['/aws/lambda/Beta', '/aws/lambda/alpha', '/aws/lambda/gamma']);
    expect(await failure(logs.send(new DescribeLogGroupsCommand({ nextToken: 'bm9wZQ==' })))).toEqual({ name: 'InvalidParameterException', status: 400, message: 'The specified nextToken is invalid.' });
  });

  it('sets and removes retention, refusing periods AWS does not offer', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'retained' }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: 'retained', retentionInDays: 14 }));
    const read = async () => (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'retained' }))).logGroups![0].retentionInDays;
    expect(await read()).toBe(14);
    for (const days of [0, 2, 4, 366, 9999]) {
      expect(await failure(logs.send(new PutRetentionPolicyCommand({ logGroupName: 'retained', retentionInDays: days })))).toEqual({
        name: 'InvalidParameterException',
        status: 400,
        message: `1 validation error detected: Value '${days}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]`,
      });
    }
    expect(await read()).toBe(14);
    await logs.send(new DeleteRetentionPolicyCommand({ logGroupName: 'retained' }));
    expect(await read()).toBeUndefined();
  });

  it('creates, orders, pages and deletes streams', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'streams' }));
    for (const s of ['c', 'a', 'b', 'x/1']) await logs.send(new CreateLogStreamCommand({ logGroupName: 'streams', logStreamName: s }));
    const now = Date.now();
    await logs.send(new PutLogEventsCommand({ logGroupName: 'streams', logStreamName: 'a', logEvents: [{ timestamp: now - 3000, message: 'old' }] }));
    await logs.send(new PutLogEventsCommand({ logGroupName: 'streams', logStreamName: 'c', logEvents: [{ timestamp: now - 1000, message: 'new' }] }));
    const names = async (input: object) => (await logs.send(new DescribeLogStreamsCommand({ logGroupName: 'streams', ...input }))).logStreams!.map((s) => s.logStreamName);
    expect(await names({})).toEqual(['a', 'b', 'c', 'x/1']);
    expect(await names({ descending: true })).toEqual(['x/1', 'c', 'b', 'a']);
    expect(await names({ logStreamNamePrefix: 'x/' })).toEqual(['x/1']);
    expect((await names({ orderBy: 'LastEventTime', descending: true })).slice(0, 2)).toEqual(['c', 'a']);
    const withEvents = (await logs.send(new DescribeLogStreamsCommand({ logGroupName: 'streams', logStreamNamePrefix: 'a' }))).logStreams![0];
    expect(withEvents).toMatchObject({
      logStreamName: 'a', firstEventTimestamp: now - 3000, lastEventTimestamp: now - 3000, storedBytes: 0,
      arn: 'arn:aws:logs:us-east-1:123456789012:log-group:streams:log-stream:a', uploadSequenceToken: expect.stringMatching(/^\d{56}$/),
    });
    const byArn = await logs.send(new DescribeLogStreamsCommand({ logGroupIdentifier: 'arn:aws:logs:us-east-1:123456789012:log-group:streams', limit: 3 }));
    expect(byArn.logStreams!.map((s) => s.logStreamName)).toEqual(['a', 'b', 'c']);
    const rest = await logs.send(new DescribeLogStreamsCommand({ logGroupIdentifier: 'arn:aws:logs:us-east-1:123456789012:log-group:streams', limit: 3, nextToken: byArn.nextToken }));
    expect(rest.logStreams!.map((s) => s.logStreamName)).toEqual(['x/1']);
    expect(rest.nextToken).toBeUndefined();

    expect(await failure(logs.send(new CreateLogStreamCommand({ logGroupName: 'streams', logStreamName: 'a' })))).toEqual({ name: 'ResourceAlreadyExistsException', status: 400, message: 'The specified log stream already exists' });
    expect(await failure(logs.send(new DeleteLogStreamCommand({ logGroupName: 'streams', logStreamName: 'zz' })))).toEqual({ name: 'ResourceNotFoundException', status: 400, message: 'The specified log stream does not exist.' });
    expect(await failure(logs.send(new DescribeLogStreamsCommand({ logGroupName: 'streams', orderBy: 'LastEventTime', logStreamNamePrefix: 'a' })))).toEqual({
      name: 'InvalidParameterException', status: 400, message: 'Cannot order by LastEventTime with a logStreamNamePrefix.',
    });
    expect(await failure(logs.send(new DescribeLogStreamsCommand({ logGroupName: 'streams', logGroupIdentifier: 'streams' })))).toEqual({
      name: 'ValidationException', status: 400, message: 'LogGroup name and LogGroup ARN are mutually exclusive parameters.',
    });
    expect(await names({})).toEqual(['a', 'b', 'c', 'x/1']);
    await logs.send(new DeleteLogStreamCommand({ logGroupName: 'streams', logStreamName: 'b' }));
    expect(await names({})).toEqual(['a', 'c', 'x/1']);
    await logs.send(new DeleteLogGroupCommand({ logGroupName: 'streams' }));
    expect(await failure(logs.send(new DescribeLogStreamsCommand({ logGroupName: 'streams' })))).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('tags a group through both APIs and reads one map back', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'tagged', tags: { env: 'testing1' } }));
    const arn = 'arn:aws:logs:us-east-1:123456789012:log-group:tagged';
    await logs.send(new TagResourceCommand({ resourceArn: arn, tags: { test1: 'val1', test2: 'val2' } }));
    await logs.send(new TagLogGroupCommand({ logGroupName: 'tagged', tags: { test3: 'val3' } }));
    const all = { env: 'testing1', test1: 'val1', test2: 'val2', test3: 'val3' };
    expect((await logs.send(new ListTagsLogGroupCommand({ logGroupName: 'tagged' }))).tags).toEqual(all);
    expect((await logs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual(all);
    await logs.send(new UntagLogGroupCommand({ logGroupName: 'tagged', tags: ['test3'] }));
    await logs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['env', 'test1'] }));
    expect((await logs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual({ test2: 'val2' });
    expect(await failure(logs.send(new TagResourceCommand({ resourceArn: 'arn:aws:logs:us-east-1:123456789012:log-group:ghost', tags: { a: 'b' } })))).toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
