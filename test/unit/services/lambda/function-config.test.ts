// Configuration rules the model cannot express, and the shape of answers (dates, ARNs, defaults).
import { describe, expect, test } from 'vitest';
import { configurationOut, lambdaDate, newConfiguration, updatedConfiguration } from '../../../../src/services/lambda/configuration.js';
import { environmentProblem, runtimeProblem } from '../../../../src/services/lambda/rules/function-config.js';
import { paginate } from '../../../../src/services/lambda/paging.js';

describe('runtimes', () => {
  test.each(['python3.12', 'python3.9', 'nodejs20.x', 'nodejs18.x', 'provided.al2023', 'provided.al2', 'provided'])('%s runs', (r) => {
    expect(runtimeProblem(r)).toBeUndefined();
  });

  test('runtimes AWS blocks for creation get AWS\'s text', () => {
    expect(runtimeProblem('python2.7')).toBe(
      'The runtime parameter of python2.7 is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.',
    );
  });

  test('runtimes Kanaria cannot run say so', () => {
    expect(runtimeProblem('java21')).toMatch(/^Kanaria cannot run the java21 runtime/);
  });
});

describe('environment variables', () => {
  test('reserved keys are refused, listed as AWS lists them', () => {
    expect(environmentProblem({ A: '1', AWS_REGION: 'x', LAMBDA_TASK_ROOT: 'y' })).toBe(
      'Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: AWS_REGION, LAMBDA_TASK_ROOT',
    );
  });

  test('4 KB at most, measured on the JSON', () => {
    expect(environmentProblem({ A: 'x'.repeat(4000) })).toBeUndefined();
    expect(environmentProblem({ A: 'x'.repeat(4100) })).toMatch(/exceeded the 4KB limit\. String measured: \{"A":"x+"\}$/);
    expect(environmentProblem(undefined)).toBeUndefined();
  });
});

describe('configuration answers', () => {
  const code = { hex: 'a'.repeat(64), sha256: 'abc=', size: 10 };
  const now = new Date('2024-01-02T03:04:05.678Z');

  test('LastModified in Lambda\'s format', () => {
    expect(lambdaDate(now)).toBe('2024-01-02T03:04:05.678+0000');
  });

  test('defaults of a new function', () => {
    const c = newConfiguration({ FunctionName: 'f', Role: 'r', Code: {}, Runtime: 'python3.12', Handler: 'a.b' }, 'f', 'us-east-1', code, now);
    expect(c).toMatchObject({ Timeout: 3, MemorySize: 128, Description: '', PackageType: 'Zip', State: 'Active', LastUpdateStatus: 'Successful' });
    expect(c.Environment).toBeUndefined();
    const fn = { accountId: '000000000000', region: 'us-east-1', name: 'f' } as never;
    expect(configurationOut(fn, { config: c, codeHex: code.hex, revision: 'r' }).FunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:f');
    expect(configurationOut(fn, { config: c, codeHex: code.hex, revision: 'r' }, 'live').FunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:f:live');
  });

  test('an update changes only what it names', () => {
    const c = newConfiguration({ FunctionName: 'f', Role: 'r', Code: {}, Runtime: 'python3.12', Handler: 'a.b', Timeout: 9 }, 'f', 'us-east-1', code, now);
    const u = updatedConfiguration(c, { FunctionName: 'f', MemorySize: 512 }, 'us-east-1', new Date());
    expect(u).toMatchObject({ MemorySize: 512, Timeout: 9, Handler: 'a.b' });
    expect(u.RevisionId).not.toBe(c.RevisionId);
  });
});

describe('paging', () => {
  test('MaxItems and an opaque Marker walk the list', () => {
    const items = Array.from({ length: 5 }, (_, i) => i);
    const first = paginate(items, undefined, 2);
    expect(first.page).toEqual([0, 1]);
    const second = paginate(items, first.next, 2);
    expect(second.page).toEqual([2, 3]);
    const last = paginate(items, second.next, 2);
    expect(last).toEqual({ page: [4], next: undefined });
  });
});
