// What every CloudWatch Logs operation receives: the wire layer's per-request facts plus the
// store, a clock, and the account/region scope its state is keyed by.
import type { OpContext } from '../../aws/service.js';
import type { Store } from '../../store/store.js';
import type { Scope } from './state.js';

export interface LogsContext extends OpContext {
  store: Store;
  scope: Scope;
  /** Milliseconds since the epoch (injected so tests can pin time). */
  now(): number;
}

export type LogsOperation<I, O> = (ctx: LogsContext, input: I) => O;
