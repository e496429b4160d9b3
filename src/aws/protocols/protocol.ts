// The contract every wire protocol fulfils: find the operation a request calls and read its
// input; write an operation's output or an error in the protocol's shape.
import type { IncomingHttpHeaders } from 'node:http';
import type { AwsError } from '../errors.js';
import type { Operation } from '../model.js';
import type { ServiceDefinition } from '../service.js';

export interface WireRequest {
  method: string;
  /** The path without the query string, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

export interface ParsedCall {
  operation: Operation;
  input: Record<string, unknown>;
}

export interface Protocol {
  parse(service: ServiceDefinition, req: WireRequest): ParsedCall;
  serialize(service: ServiceDefinition, operation: Operation, output: unknown, requestId: string): WireResponse;
  serializeError(service: ServiceDefinition, error: AwsError, requestId: string): WireResponse;
}
