// Pieces shared by the protocols: reading a JSON body, running the model checks on an input,
// and finding an error's status and members in the model.
import { AwsError, validationMessage } from '../errors.js';
import type { Operation, Shape } from '../model.js';
import { checkRequired, readStructure, WireTypeError, type Path } from '../shapes.js';
import type { ServiceDefinition } from '../service.js';

export function parseJsonBody(service: ServiceDefinition, body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw service.errors.malformed((err as Error).message);
  }
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw service.errors.malformed('the body must be a JSON object');
  return value as Record<string, unknown>;
}

export function inputPath(service: ServiceDefinition, operation: Operation): Path {
  return service.validationPathPrefix ? `${operation.name.charAt(0).toLowerCase()}${operation.name.slice(1)}Input` : '';
}

/**
 * Reads the body members of `shape` from a JSON object, merges `bound` (members taken from the
 * URI, query string and headers), and raises the service's errors for type or constraint failures.
 */
export function readInput(
  service: ServiceDefinition,
  operation: Operation,
  shape: Shape | undefined,
  body: Record<string, unknown>,
  bound: Record<string, unknown>,
  failures: string[],
): Record<string, unknown> {
  if (!shape) return {};
  const path = inputPath(service, operation);
  let input: Record<string, unknown>;
  try {
    input = { ...readStructure(service.model, shape, body, path, { failures }), ...bound };
  } catch (err) {
    if (err instanceof WireTypeError) throw service.errors.malformed(err.message);
    throw err;
  }
  checkRequired(shape, input, path, failures);
  if (failures.length > 0) throw service.errors.validation(validationMessage(failures));
  return input;
}

/** The code on the wire: the model's `error.code` (IAM's `NoSuchEntity`) or the shape name. */
export function wireCode(service: ServiceDefinition, error: AwsError): string {
  return service.model.shapes[error.code]?.error?.code ?? error.code;
}

/** The HTTP status of an error: the thrower's, else the model's error shape, else 400/500. */
export function errorStatus(service: ServiceDefinition, error: AwsError): number {
  if (error.status !== undefined) return error.status;
  const shape = service.model.shapes[error.code];
  if (shape?.error?.httpStatusCode) return shape.error.httpStatusCode;
  return error.senderFault ? 400 : 500;
}

/** The error's members as the model names them (`message` or `Message`, Lambda's `Type`). */
export function errorMembers(service: ServiceDefinition, error: AwsError, messageKey = 'message'): Record<string, unknown> {
  const shape = service.model.shapes[error.code];
  const names = Object.keys(shape?.members ?? {});
  const key = names.find((n) => n.toLowerCase() === 'message') ?? messageKey;
  const out: Record<string, unknown> = {};
  if (names.includes('Type')) out.Type = error.senderFault ? 'User' : 'Service';
  out[key] = error.message;
  return { ...out, ...error.fields };
}
