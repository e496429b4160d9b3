// The running Kanaria that `kanaria urls` and `kanaria rollout` talk to, and what they say when
// none answers there.
import { ConfigError } from '../config.js';

/** `--endpoint`, else $KANARIA_ENDPOINT, else the default port on this machine. */
export const endpointOf = (flag: string | undefined): string => flag ?? process.env.KANARIA_ENDPOINT ?? 'http://127.0.0.1:4566';

/** The error for a request to `endpoint` that got no answer at all (fetch's TypeError, its cause). */
export function unreachable(endpoint: string, err: unknown): ConfigError {
  const e = err as Error & { cause?: Error };
  return new ConfigError(`no Kanaria answers at ${endpoint} (${e.cause?.message ?? e.message}); start one with \`kanaria start\``);
}
