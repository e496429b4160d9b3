// What every IAM operation receives: the wire layer's per-request facts plus the service's own
// dependencies (the store and a clock). IAM is a global service: state is keyed by account only.
import type { OpContext } from '../../aws/service.js';
import type { Store } from '../../store/store.js';

export interface IamContext extends OpContext {
  store: Store;
  /** Milliseconds since the epoch (injected so tests can pin time). */
  now(): number;
  /** Random bytes for entity ids (injected so tests can make them predictable). */
  randomBytes(size: number): Buffer;
}

export type IamOperation<I, O> = (ctx: IamContext, input: I) => O;
