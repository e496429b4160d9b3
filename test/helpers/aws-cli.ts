// Runs the AWS CLI against a Kanaria instance. When the CLI is not installed the tests that need
// it are skipped with a loud line naming what is missing (see test/helpers/tools.ts).
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TEST_CREDENTIALS, TEST_REGION } from './kanaria.js';

const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json: any;
}

/** The AWS CLI to run: `aws` on the PATH, or KANARIA_AWS_CLI (v1 and v2 both work). */
export const AWS_CLI = process.env.KANARIA_AWS_CLI || 'aws';

let configFile: string | undefined;

/**
 * A config file that makes CLI v2 print timestamps as they come on the wire (epoch seconds, as v1
 * and the AWS guides show them) instead of its default ISO 8601. v1 needs none.
 */
function cliConfig(): string | undefined {
  if (configFile === undefined) {
    let version = '';
    try {
      version = execFileSync(AWS_CLI, ['--version'], { encoding: 'utf8' });
    } catch {
      /* the tests that need the CLI are skipped */
    }
    configFile = '';
    if (version.startsWith('aws-cli/2')) {
      configFile = join(mkdtempSync(join(tmpdir(), 'kanaria-awscli-')), 'config');
      writeFileSync(configFile, '[default]\ncli_timestamp_format = wire\n');
    }
  }
  return configFile || undefined;
}

export async function awsCli(url: string, args: string[]): Promise<CliResult> {
  const config = cliConfig();
  const env = {
    ...process.env,
    ...(config ? { AWS_CONFIG_FILE: config } : {}),
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_DEFAULT_REGION: TEST_REGION,
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
  };
  try {
    const { stdout, stderr } = await run(AWS_CLI, ['--endpoint-url', url, '--output', 'json', ...args], { env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr, json: stdout.trim() ? JSON.parse(stdout) : undefined };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    // CLI v2 adds " (reached max retries: 0)" after the operation name (we allow one attempt);
    // v1 does not. Tests compare AWS's message, so the note is removed.
    const stderr = (e.stderr ?? String(err)).replace(/ \(reached max retries: \d+\)/g, '');
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr, json: undefined };
  }
}
