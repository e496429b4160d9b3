// awsQuery (IAM, STS): form-encoded `Action=…&Version=…` requests with members flattened as
// `Name.member.1.Key`, XML responses wrapped in `<OpResponse><OpResult>`, and XML ErrorResponse.
import type { AwsError } from '../errors.js';
import type { Operation, ServiceModel, Shape } from '../model.js';
import { shapeOf } from '../model.js';
import { toIso8601 } from '../shapes.js';
import type { ServiceDefinition } from '../service.js';
import { errorMembers, errorStatus, readInput, wireCode } from './common.js';
import type { ParsedCall, Protocol, WireRequest, WireResponse } from './protocol.js';

/** The form parameters of a request: the body when it is form-encoded, else the query string. */
export function queryParams(req: WireRequest): URLSearchParams {
  const type = String(req.headers['content-type'] ?? '');
  if (req.body.length > 0 && (type === '' || type.startsWith('application/x-www-form-urlencoded'))) return new URLSearchParams(req.body.toString('utf8'));
  return req.query;
}

/** Rebuilds the nested value of `shape` from flattened keys under `prefix`. */
function unflatten(model: ServiceModel, shape: Shape, params: URLSearchParams, prefix: string): unknown {
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const key = prefix ? `${prefix}.${member.locationName ?? name}` : member.locationName ?? name;
        const value = unflatten(model, shapeOf(model, member), params, key);
        if (value !== undefined) out[member.locationName ?? name] = value;
      }
      return Object.keys(out).length > 0 || prefix === '' ? out : undefined;
    }
    case 'list': {
      const base = shape.flattened ? `${prefix}.` : `${prefix}.member.`;
      const items: unknown[] = [];
      for (let i = 1; ; i++) {
        const item = unflatten(model, shapeOf(model, shape.member!), params, `${base}${i}`);
        if (item === undefined) break;
        items.push(item);
      }
      if (items.length === 0 && params.has(prefix)) return []; // `Name=` sends an empty list
      return items.length > 0 ? items : undefined;
    }
    case 'map': {
      const out: Record<string, unknown> = {};
      for (let i = 1; params.has(`${prefix}.entry.${i}.key`); i++) {
        out[params.get(`${prefix}.entry.${i}.key`)!] = unflatten(model, shapeOf(model, shape.value!), params, `${prefix}.entry.${i}.value`);
      }
      return Object.keys(out).length > 0 ? out : undefined;
    }
    default:
      return params.get(prefix) ?? undefined;
  }
}

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

function toXml(model: ServiceModel, ref: { shape: string }, value: unknown): string {
  const shape = shapeOf(model, ref);
  switch (shape.type) {
    case 'structure': {
      let out = '';
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const v = (value as Record<string, unknown>)[name];
        if (v === undefined || v === null) continue;
        const tag = member.locationName ?? name;
        const memberShape = shapeOf(model, member);
        if (memberShape.type === 'list' && memberShape.flattened) {
          for (const item of v as unknown[]) out += `<${tag}>${toXml(model, memberShape.member!, item)}</${tag}>`;
        } else out += `<${tag}>${toXml(model, member, v)}</${tag}>`;
      }
      return out;
    }
    case 'list':
      return (value as unknown[]).map((item) => `<member>${toXml(model, shape.member!, item)}</member>`).join('');
    case 'map':
      return Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${toXml(model, shape.value!, v)}</value></entry>`)
        .join('');
    case 'timestamp':
      return toIso8601(value);
    case 'blob':
      return Buffer.isBuffer(value) ? value.toString('base64') : Buffer.from(String(value)).toString('base64');
    default:
      return escapeXml(String(value));
  }
}

const xmlResponse = (status: number, requestId: string, body: string): WireResponse => ({
  status,
  headers: { 'x-amzn-RequestId': requestId, 'Content-Type': 'text/xml' },
  body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
});

export const awsQuery: Protocol = {
  parse(service: ServiceDefinition, req: WireRequest): ParsedCall {
    const params = queryParams(req);
    const action = params.get('Action');
    const operation = action ? service.model.operations[action] : undefined;
    if (!operation) throw service.errors.unknownOperation(action ?? '');
    const shape = operation.input ? shapeOf(service.model, operation.input) : undefined;
    const flat = shape ? (unflatten(service.model, shape, params, '') as Record<string, unknown>) : {};
    return { operation, input: readInput(service, operation, shape, flat, {}, []) };
  },

  serialize(service: ServiceDefinition, operation: Operation, output: unknown, requestId: string): WireResponse {
    const ns = service.model.metadata.xmlNamespace ?? '';
    const result =
      operation.output && output
        ? `<${operation.output.resultWrapper ?? `${operation.name}Result`}>${toXml(service.model, operation.output, output)}</${operation.output.resultWrapper ?? `${operation.name}Result`}>`
        : '';
    return xmlResponse(
      200,
      requestId,
      `<${operation.name}Response xmlns="${ns}">${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation.name}Response>`,
    );
  },

  serializeError(service: ServiceDefinition, error: AwsError, requestId: string): WireResponse {
    const ns = service.model.metadata.xmlNamespace ?? '';
    const message = String(errorMembers(service, error).message ?? error.message);
    return xmlResponse(
      errorStatus(service, error),
      requestId,
      `<ErrorResponse xmlns="${ns}"><Error><Type>${error.senderFault ? 'Sender' : 'Receiver'}</Type><Code>${escapeXml(wireCode(service, error))}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    );
  },
};
