// The one error type that crosses the wire: an AWS error code, its message and, when the
// model does not declare the shape, its HTTP status. The protocol that answers decides the shape
// (x-amzn-ErrorType + JSON, `__type` JSON, or an XML ErrorResponse).

export class AwsError extends Error {
  readonly code: string;
  /** HTTP status; when undefined the protocol takes it from the model's error shape (else 400). */
  readonly status: number | undefined;
  /** Extra members of the error shape (for example Lambda's `Type`), serialized as given. */
  readonly fields: Record<string, unknown>;
  readonly senderFault: boolean;

  constructor(code: string, message: string, options: { status?: number; fields?: Record<string, unknown>; senderFault?: boolean } = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = options.status;
    this.fields = options.fields ?? {};
    this.senderFault = options.senderFault ?? (options.status === undefined || options.status < 500);
  }
}

export const isAwsError = (err: unknown): err is AwsError => err instanceof AwsError;

/** Errors the wire layer raises itself, before a service sees the request. */
export interface WireErrors {
  /** A body that is not valid JSON / form data. */
  malformed(detail: string): AwsError;
  /** A member that fails the model's constraints (`1 validation error detected: …`). */
  validation(message: string): AwsError;
  /** No operation of the service matches the request. */
  unknownOperation(detail: string): AwsError;
  /** The operation exists in the model but Kanaria does not implement it. */
  notImplemented(operation: string): AwsError;
}

/** AWS's coral validation sentence for a list of constraint failures. */
export function validationMessage(failures: string[]): string {
  const n = failures.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${failures.join('; ')}`;
}
