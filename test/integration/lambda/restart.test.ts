// Functions survive a restart: the records are in the SQLite state file and the unpacked code in
// the data directory, so a new Kanaria on the same folder runs them again (workers start anew).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { LambdaClient, ListVersionsByFunctionCommand } from '@aws-sdk/client-lambda';
import { afterAll, describe, expect, test } from 'vitest';
import { startKanaria } from '../../../src/main.js';
import { clientConfig } from '../../helpers/kanaria.js';
import { SEED_V1 } from '../../fixtures/lambda/handlers.js';
import { createFunction, invoke } from './helpers.js';

describe('Lambda across a restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kanaria-lambda-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  // `npm start` passes the default `--data-dir .kanaria`, a relative path: zips must unpack there
  // too (a relative code folder once made every entry look as if it escaped it).
  test('a function created before a restart answers after it (data dir given relative to the cwd)', async () => {
    const first = await startKanaria({ port: 0, dataDir: relative(process.cwd(), dataDir), quiet: true });
    try {
      const lambda = new LambdaClient(clientConfig(first));
      await createFunction(lambda, 'durable', 'python3.12', 'lambda_function_v1.lambda_handler', { 'lambda_function_v1.py': SEED_V1 }, { Publish: true });
      expect((await invoke(lambda, 'durable')).json.statusCode).toBe(200);
    } finally {
      await first.dispose();
    }
    const second = await startKanaria({ port: 0, dataDir, quiet: true });
    try {
      const lambda = new LambdaClient(clientConfig(second));
      const r = await invoke(lambda, 'durable:1', {}, { LogType: 'Tail' });
      expect(r.json).toEqual({ statusCode: 200, body: '"Hi, This is ver 1 Lambda!"' });
      expect(r.executedVersion).toBe('1');
      expect(r.log).toMatch(/Init Duration/);
      const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'durable' }));
      expect(versions.Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1']);
    } finally {
      await second.dispose();
    }
  });
});
