// What a service hands to the wire layer: its model, its operation handlers and the errors the
// wire layer raises in its name. Handlers are plain functions of (ctx, checked input); they
// never see HTTP.
import type { AwsError, WireErrors } from './errors.js';
import type { ServiceModel, ServiceName } from './model.js';

/** Per-request facts an operation may use. */
export interface OpContext {
  service: ServiceName;
  operation: string;
  accountId: string;
  region: string;
  requestId: string;
  /** The caller's address, for logs. */
  sourceIp: string;
}

export type OperationHandler<I = any, O = any> = (ctx: OpContext, input: I) => O | Promise<O>;

export interface ServiceDefinition {
  name: ServiceName;
  model: ServiceModel;
  /** Handlers by operation name; an operation of the model without one answers `notImplemented`. */
  operations: Partial<Record<string, OperationHandler>>;
  errors: WireErrors;
  /**
   * Validation paths start with `<operation>Input.` (API Gateway: `updateStageInput.patchOperations.1.member.op`);
   * other services name the member alone (`functionName`).
   */
  validationPathPrefix: boolean;
}

/** A handler's typed signature from a generated `Operations` map. */
export type Handlers<Ops extends { [K in keyof Ops]: { input: unknown; output: unknown } }> = {
  [K in keyof Ops]?: OperationHandler<Ops[K]['input'], Ops[K]['output']>;
};

export type { AwsError };
