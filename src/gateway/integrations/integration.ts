// The contract every integration type implements, split along the chain's two steps: build the
// integration request (synchronous), then call the backend and record its answer.
import type { CompiledIntegration } from '../compile-method.js';
import type { InvocationContext } from '../context.js';

export interface Integration {
  /** Proxy types answer with the backend's response as is; the others go through integration responses. */
  readonly proxy: boolean;
  /** integrationRequest step: sets `ctx.integrationRequest` (or `ctx.proxyEvent`). */
  request(ctx: InvocationContext, integration: CompiledIntegration): void;
  /** integration step: calls the backend and sets `ctx.endpointResponse` (and `ctx.integrationStatus`). */
  invoke(ctx: InvocationContext, integration: CompiledIntegration): void | Promise<void>;
}
