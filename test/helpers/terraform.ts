// Runs Terraform against Kanaria with the hashicorp/aws provider taken from a local filesystem
// mirror (no registry access). `findTerraform()` says what is missing when it cannot run.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasTool } from './tools.js';

/** Folders that may hold `registry.terraform.io/hashicorp/aws/…` (KANARIA_TF_MIRROR first). */
const MIRROR_CANDIDATES = [
  process.env.KANARIA_TF_MIRROR,
  '/opt/tf-plugins',
  join(process.env.HOME ?? '/root', '.terraform.d/plugins'),
  '/usr/share/terraform/plugins',
  '/usr/local/share/terraform/plugins',
].filter((p): p is string => Boolean(p));

export interface TerraformSetup {
  /** A CLI config file pointing provider installation at the mirror. */
  cliConfig: string;
  mirror: string;
}

export function findTerraform(): TerraformSetup | { missing: string } {
  if (!hasTool('terraform', ['version'])) return { missing: 'terraform (the Terraform CLI)' };
  const mirror = MIRROR_CANDIDATES.find((dir) => {
    const aws = join(dir, 'registry.terraform.io', 'hashicorp', 'aws');
    return existsSync(aws) && readdirSync(aws).length > 0;
  });
  if (!mirror) return { missing: `a local mirror of the hashicorp/aws provider (looked in ${MIRROR_CANDIDATES.join(', ')}; set KANARIA_TF_MIRROR)` };
  const dir = mkdtempSync(join(tmpdir(), 'kanaria-tfrc-'));
  const cliConfig = join(dir, 'terraformrc');
  writeFileSync(
    cliConfig,
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["registry.terraform.io/hashicorp/*"]\n  }\n}\n`,
  );
  return { cliConfig, mirror };
}

export interface TfResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function terraform(setup: TerraformSetup, cwd: string, args: string[], timeoutMs = 300_000): Promise<TfResult> {
  const env = {
    ...process.env,
    TF_CLI_CONFIG_FILE: setup.cliConfig,
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    TF_INPUT: '0',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  };
  return new Promise((resolve) => {
    execFile('terraform', args, { cwd, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
