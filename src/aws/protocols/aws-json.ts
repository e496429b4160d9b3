// awsJson1.1 (CloudWatch Logs): POST /, the operation named by `X-Amz-Target: <prefix>.<Op>`,
// input and output as JSON bodies, errors as `{"__type": code, "message": …}`.
import type { AwsError } from '../errors.js';
import type { Operation } from '../model.js';
import { shapeOf } from '../model.js';
import { stringifyJson, writeValue } from '../shapes.js';
import type { ServiceDefinition } from '../service.js';
import { errorMembers, errorStatus, parseJsonBody, readInput, wireCode } from './common.js';
import type { ParsedCall, Protocol, WireRequest, WireResponse } from './protocol.js';

const contentType = (service: ServiceDefinition) => `application/x-amz-json-${service.model.metadata.jsonVersion ?? '1.1'}`;

export const awsJson: Protocol = {
  parse(service: ServiceDefinition, req: WireRequest): ParsedCall {
    const target = String(req.headers['x-amz-target'] ?? '');
    const name = target.slice(target.indexOf('.') + 1);
    const operation = service.model.operations[name];
    if (!operation || !target.startsWith(`${service.model.metadata.targetPrefix}.`)) throw service.errors.unknownOperation(target || '(no X-Amz-Target)');
    const shape = operation.input ? shapeOf(service.model, operation.input) : undefined;
    return { operation, input: readInput(service, operation, shape, parseJsonBody(service, req.body), {}, []) };
  },

  serialize(service: ServiceDefinition, operation: Operation, output: unknown, requestId: string): WireResponse {
    const body = operation.output && output ? writeValue(service.model, operation.output, output, { timestamps: 'epoch-seconds' }) : {};
    return { status: 200, headers: { 'x-amzn-RequestId': requestId, 'Content-Type': contentType(service) }, body: stringifyJson(body) };
  },

  serializeError(service: ServiceDefinition, error: AwsError, requestId: string): WireResponse {
    return {
      status: errorStatus(service, error),
      headers: { 'x-amzn-RequestId': requestId, 'Content-Type': contentType(service) },
      body: JSON.stringify({ __type: wireCode(service, error), ...errorMembers(service, error) }),
    };
  },
};
