// Runs the AWS CLI against a Kanaria instance. When the CLI is not installed the tests that need
// it are skipped with a loud line naming what is missing (see test/helpers/tools.ts).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { TEST_CREDENTIALS, TEST_REGION } from './kanaria.js';

const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json: any;
}

export async function awsCli(url: string, args: string[]): Promise<CliResult> {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_DEFAULT_REGION: TEST_REGION,
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
  };
  try {
    const { stdout, stderr } = await run('aws', ['--endpoint-url', url, '--output', 'json', ...args], { env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr, json: stdout.trim() ? JSON.parse(stdout) : undefined };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(err), json: undefined };
  }
}
