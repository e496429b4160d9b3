// What a function version's worker process is: the command for its runtime (python3.* on the
// machine's python3, nodejs* on this node, provided.* the zip's own `bootstrap`) and the clean
// environment AWS gives a sandbox, plus the function's own variables — never the host's.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Everything the runtime needs to know about one function version. */
export interface FunctionSpec {
  accountId: string;
  region: string;
  functionName: string;
  /** `$LATEST` or a published version number. */
  version: string;
  /** The unqualified function ARN. */
  functionArn: string;
  runtime: string;
  handler: string;
  memoryMb: number;
  timeoutSec: number;
  /** Absolute path of the unpacked code (LAMBDA_TASK_ROOT). */
  codePath: string;
  environment: Record<string, string>;
  logGroup: string;
  /** Changes with code or configuration: a pool built for another revision is retired. */
  revision: string;
  /** ReservedConcurrentExecutions, when set. */
  reservedConcurrency?: number;
}

export type ChannelKind = 'framed' | 'runtime-api';

export interface Launch {
  command: string;
  args: string[];
  channel: ChannelKind;
}

export type RuntimeFamily = 'python' | 'node' | 'provided';

export function runtimeFamily(runtime: string): RuntimeFamily | undefined {
  if (/^python3\.\d+$/.test(runtime)) return 'python';
  if (/^nodejs\d+\.x$/.test(runtime)) return 'node';
  if (/^provided(\.al2|\.al2023)?$/.test(runtime)) return 'provided';
  return undefined;
}

const bootstrap = (name: string) => fileURLToPath(new URL(`./bootstraps/${name}`, import.meta.url));

/** Finds the real python3 (not a pyenv/asdf shim, which needs the host's environment to work). */
export function resolvePython(): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('python3', ['-c', 'import sys; print(sys.executable)'], { timeout: 20_000 }, (err, stdout) => {
      resolve(err ? undefined : stdout.trim() || undefined);
    });
  });
}

export function launchFor(spec: FunctionSpec, python: string | undefined): Launch {
  switch (runtimeFamily(spec.runtime)) {
    case 'python':
      return { command: python ?? 'python3', args: ['-B', bootstrap('python.py')], channel: 'framed' };
    case 'node':
      return {
        command: process.execPath,
        args: [`--max-old-space-size=${Math.max(16, Math.floor(spec.memoryMb * 0.9))}`, bootstrap('node.mjs')],
        channel: 'framed',
      };
    default:
      return { command: join(spec.codePath, 'bootstrap'), args: [], channel: 'runtime-api' };
  }
}

/** The sandbox environment of AWS's managed runtimes (reserved keys last, so they always win). */
export function sandboxEnvironment(spec: FunctionSpec, logStream: string, launch: Launch, extra: Record<string, string> = {}): Record<string, string> {
  const family = runtimeFamily(spec.runtime);
  const base: Record<string, string> = {
    PATH: [dirname(launch.command), '/usr/local/bin', '/usr/bin', '/bin', '/opt/bin'].join(':'),
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    LD_LIBRARY_PATH: '/lib64:/usr/lib64:/opt/lib',
  };
  if (family === 'node') base.NODE_PATH = ['/opt/nodejs/node_modules', spec.codePath].join(':');
  return {
    ...base,
    ...spec.environment,
    _HANDLER: spec.handler,
    AWS_REGION: spec.region,
    AWS_DEFAULT_REGION: spec.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${spec.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: spec.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: spec.version,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: spec.logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: logStream,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_SESSION_TOKEN: 'test',
    LAMBDA_TASK_ROOT: spec.codePath,
    LAMBDA_RUNTIME_DIR: dirname(bootstrap('node.mjs')),
    ...extra,
  };
}
