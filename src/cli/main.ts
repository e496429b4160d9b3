// The `kanaria` command. Each sub-command is one module; this file only picks it.
import { demo } from './demo.js';
import { rollout } from './rollout.js';
import { start } from './start.js';
import { traffic } from './traffic.js';
import { urls } from './urls.js';

const USAGE = `usage: kanaria <command> [options]

commands:
  start     serve the AWS APIs and stage invocations on one port (default 127.0.0.1:4566)
  demo      deploy a 90/10 canary between two functions, send traffic, promote it
  rollout   step a stage's canary up on a plan, gated on its metrics (start, status, pause, …)
  traffic   call a stage N times and report the base/canary split
  urls      print the invoke URLs of every stage a running Kanaria serves

run \`kanaria <command> --help\` for a command's options`;

export const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  start,
  demo,
  rollout,
  traffic,
  urls,
};

export async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`kanaria: unknown command '${name}'\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  try {
    process.exitCode = await command(args);
  } catch (err) {
    const e = err as Error & { isUserError?: boolean };
    console.error(e.isUserError ? `kanaria: ${e.message}` : e.stack ?? String(e));
    process.exitCode = 1;
  }
}
