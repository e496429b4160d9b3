// The AWS CLI against CloudWatch Logs: describe-log-groups, and the put/get round trip.
import { describe, expect, it } from 'vitest';
import { AWS_CLI, awsCli } from '../../helpers/aws-cli.js';
import { useKanaria } from '../../helpers/kanaria.js';
import { announceSkip, hasTool } from '../../helpers/tools.js';

describe('CloudWatch Logs through the AWS CLI', () => {
  const k = useKanaria({ accountId: '123456789012' });

  it('aws logs create-log-group / describe-log-groups / put-log-events / get-log-events', async () => {
    if (!hasTool(AWS_CLI)) return announceSkip('logs: aws logs describe-log-groups', 'the AWS CLI (aws)');
    expect((await awsCli(k.url, ['logs', 'create-log-group', '--log-group-name', '/cli/group'])).code).toBe(0);
    const described = await awsCli(k.url, ['logs', 'describe-log-groups']);
    expect(described.stderr).toBe('');
    expect(described.json.logGroups.map((g: { logGroupName: string }) => g.logGroupName)).toEqual(['/cli/group']);
    expect((await awsCli(k.url, ['logs', 'create-log-stream', '--log-group-name', '/cli/group', '--log-stream-name', 's'])).code).toBe(0);
    const ts = String(Date.now());
    const put = await awsCli(k.url, ['logs', 'put-log-events', '--log-group-name', '/cli/group', '--log-stream-name', 's', '--log-events', `timestamp=${ts},message=hello cli`]);
    expect(put.json.nextSequenceToken).toMatch(/^\d{56}$/);
    const got = await awsCli(k.url, ['logs', 'get-log-events', '--log-group-name', '/cli/group', '--log-stream-name', 's', '--start-from-head']);
    expect(got.json.events.map((e: { message: string }) => e.message)).toEqual(['hello cli']);
    const dup = await awsCli(k.url, ['logs', 'create-log-group', '--log-group-name', '/cli/group']);
    expect(dup.code).not.toBe(0);
    expect(dup.stderr).toContain('An error occurred (ResourceAlreadyExistsException) when calling the CreateLogGroup operation: The specified log group already exists');
  });
});
