// Kanaria's own settings: one strict schema for CLI flags, environment variables and the
// programmatic API, with one formatted error for anything unknown or invalid.
import { z } from 'zod';

export const ConfigSchema = z.strictObject({
  /** TCP port; 0 picks a free one. */
  port: z.number().int().min(0).max(65535).default(4566),
  host: z.string().min(1).default('127.0.0.1'),
  /** Where the SQLite state file and unpacked function code live. */
  dataDir: z.string().min(1).default('.kanaria'),
  /** Keep state in memory (and function code in a temporary folder) instead of the data directory. */
  ephemeral: z.boolean().default(false),
  accountId: z.string().regex(/^\d{12}$/, 'must be 12 digits').default('000000000000'),
  /** Region used when a request carries no SigV4 credential scope. */
  region: z.string().min(1).default('us-east-1'),
  /** Seed for the canary draws and Lambda alias routing: the same seed gives the same sequence of variants. */
  seed: z.number().int().optional(),
  /** Honour `x-kanaria-canary: always|never` on stage invocations. */
  allowCanaryHeader: z.boolean().default(false),
  /** Add `x-kanaria-variant: base|canary` to stage responses. */
  debugHeaders: z.boolean().default(false),
  /** Print nothing but errors. */
  quiet: z.boolean().default(false),
  /** API Gateway's account-level throttle per Region (AWS default 10 000 rps, burst 5 000); raise it for load tests. */
  accountRateLimit: z.number().positive().default(10_000),
  accountBurstLimit: z.number().int().min(0).default(5_000),
});

export type Config = z.output<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

export class ConfigError extends Error {
  readonly isUserError = true;
}

export function parseConfig(input: ConfigInput): Config {
  const result = ConfigSchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Settings from KANARIA_* environment variables (flags win over them). */
export function configFromEnv(env: NodeJS.ProcessEnv): ConfigInput {
  const out: ConfigInput = {};
  if (env.KANARIA_PORT) out.port = Number(env.KANARIA_PORT);
  if (env.KANARIA_HOST) out.host = env.KANARIA_HOST;
  if (env.KANARIA_DATA_DIR) out.dataDir = env.KANARIA_DATA_DIR;
  if (env.KANARIA_ACCOUNT_ID) out.accountId = env.KANARIA_ACCOUNT_ID;
  if (env.KANARIA_REGION) out.region = env.KANARIA_REGION;
  if (env.KANARIA_ACCOUNT_RATE_LIMIT) out.accountRateLimit = Number(env.KANARIA_ACCOUNT_RATE_LIMIT);
  if (env.KANARIA_ACCOUNT_BURST_LIMIT) out.accountBurstLimit = Number(env.KANARIA_ACCOUNT_BURST_LIMIT);
  return out;
}
