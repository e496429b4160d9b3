// The seed 000 scenario through Terraform (hashicorp/aws from a local mirror) against a fresh
// Kanaria: apply, a 90/10 split over 400 requests, a clean plan, a change of the canary share
// that takes effect on the next request, and a destroy that leaves nothing behind.
import { APIGatewayClient, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useKanaria } from '../helpers/kanaria.js';
import { binomialInterval } from '../helpers/stats.js';
import { findTerraform, terraform, type TerraformSetup } from '../helpers/terraform.js';
import { announceSkip, hasTool } from '../helpers/tools.js';

const EXAMPLE = new URL('../../examples/terraform-canary/', import.meta.url).pathname;
const setup = findTerraform();
const missing = 'missing' in setup ? setup.missing : !hasTool('python3') ? 'python3 (the example runs Python handlers)' : undefined;

async function countCanary(url: string, n: number): Promise<{ canary: number; errors: number }> {
  let canary = 0;
  let errors = 0;
  for (let i = 0; i < n; i++) {
    const res = await fetch(url);
    const body = await res.text();
    if (res.status !== 200) errors++;
    else if (body.includes('ver 2')) canary++;
    else expect(body).toContain('ver 1');
  }
  return { canary, errors };
}

describe.skipIf(missing !== undefined)('Terraform: the seed scenario (examples/terraform-canary)', () => {
  // Seeded draws: the split checks below cannot fail by chance (an unseeded run once drew 126 of
  // 200 at 50 %, outside the 99.9 % interval), and still fail if the split is wrong.
  const k = useKanaria({ seed: 90_10 });
  const dir = mkdtempSync(join(tmpdir(), 'kanaria-tf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const tf = (args: string[], vars: string[] = []) =>
    terraform(setup as TerraformSetup, dir, [...args, '-no-color', '-input=false', `-var=kanaria_endpoint=${k.url}`, ...vars]);

  it('applies, splits about 90/10, plans clean, follows a new percentage and destroys everything', { timeout: 600_000 }, async () => {
    cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !/\/(\.terraform[^/]*|build|terraform\.tfstate[^/]*)$/.test(src) });
    execFileSync('python3', [join(dir, 'build_zips.py')]);
    const init = await terraform(setup as TerraformSetup, dir, ['init', '-no-color', '-input=false']);
    expect(init.code, init.stderr).toBe(0);

    const apply = await tf(['apply', '-auto-approve']);
    expect(apply.code, apply.stderr + apply.stdout.slice(-2000)).toBe(0);
    expect(apply.stdout).toContain('Apply complete! Resources: 12 added, 0 changed, 0 destroyed.');
    const output = await terraform(setup as TerraformSetup, dir, ['output', '-json', '-no-color']);
    const url = JSON.parse(output.stdout).invoke_url.value as string;

    const first = await countCanary(url, 400);
    expect(first.errors).toBe(0);
    const [low, high] = binomialInterval(400, 0.1, 0.999);
    expect(first.canary).toBeGreaterThanOrEqual(low);
    expect(first.canary).toBeLessThanOrEqual(high);

    // Refreshing reads every resource back from Kanaria. The only differences the provider may
    // report are its own null → empty normalisations of unset collections (SDKv2 keeps null at
    // apply time and writes [] / {} on read, whatever the API answers) and the role's computed
    // managed_policy_arns, which now lists the policy the separate attachment resource attached
    // (as on AWS). No other value may differ.
    const refresh = await tf(['plan', '-refresh-only']);
    expect(refresh.code, refresh.stderr).toBe(0);
    const changed = refresh.stdout
      .split('\n')
      .filter((l) => /^\s+[~+-] /.test(l))
      .filter((l) => !/^\s+\+ \w+\s+= (\[\]|\{\})$/.test(l) && !/^\s+~ resource /.test(l))
      .filter((l) => !/managed_policy_arns|\+ "arn:aws:iam::aws:policy\/service-role\/AWSLambdaBasicExecutionRole",/.test(l));
    expect(changed, refresh.stdout).toEqual([]);

    // The seed's triggers hash the whole integration, so that one normalisation replaces the two
    // deployments once (as on AWS); after that apply, a plan must find nothing to change.
    const settle = await tf(['apply', '-auto-approve']);
    expect(settle.code, settle.stderr).toBe(0);
    const plan = await tf(['plan', '-detailed-exitcode']);
    expect(plan.code, plan.stdout.slice(-3000)).toBe(0);
    expect(plan.stdout).toContain('No changes.');

    const update = await tf(['apply', '-auto-approve'], ['-var=percent_traffic=50']);
    expect(update.code, update.stderr).toBe(0);
    expect(update.stdout).toContain('0 added, 1 changed, 0 destroyed');
    const second = await countCanary(url, 200);
    const [low50, high50] = binomialInterval(200, 0.5, 0.999);
    expect(second.canary).toBeGreaterThanOrEqual(low50);
    expect(second.canary).toBeLessThanOrEqual(high50);

    const destroy = await tf(['destroy', '-auto-approve']);
    expect(destroy.code, destroy.stderr).toBe(0);
    expect((await new APIGatewayClient(k.clientConfig).send(new GetRestApisCommand({}))).items ?? []).toEqual([]);
    expect((await new LambdaClient(k.clientConfig).send(new ListFunctionsCommand({}))).Functions ?? []).toEqual([]);
  });
});

if (missing !== undefined) {
  describe('Terraform: the seed scenario (examples/terraform-canary)', () => {
    it('is skipped on this machine', () => announceSkip('e2e/terraform.test.ts (the seed scenario with Terraform)', missing));
  });
}
