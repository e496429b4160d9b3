// The AWS service models Kanaria speaks, loaded from the committed copies in ./models/
// (botocore's service-2.json without prose; see scripts/extract-models.py) with the
// corrections of ./model-patches.json applied. The models are data: never edit them by hand.
import { readFileSync } from 'node:fs';

export type ServiceName = 'apigateway' | 'lambda' | 'iam' | 'sts' | 'logs';

export interface MemberRef {
  shape: string;
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  locationName?: string;
  idempotencyToken?: boolean;
  xmlFlattened?: boolean;
}

export interface Shape {
  type: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'double' | 'float' | 'boolean' | 'timestamp' | 'blob';
  members?: Record<string, MemberRef>;
  required?: string[];
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  payload?: string;
  flattened?: boolean;
  timestampFormat?: 'unixTimestamp' | 'iso8601' | 'rfc822';
  error?: { code?: string; httpStatusCode: number; senderFault?: boolean };
  exception?: boolean;
  fault?: boolean;
  streaming?: boolean;
}

export interface Operation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string; resultWrapper?: string };
  errors?: { shape: string }[];
}

export interface ServiceModel {
  metadata: {
    apiVersion: string;
    protocol: 'rest-json' | 'query' | 'json';
    endpointPrefix: string;
    signingName?: string;
    targetPrefix?: string;
    jsonVersion?: string;
    xmlNamespace?: string;
  };
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

interface JsonPatchOp {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

const cache = new Map<ServiceName, ServiceModel>();

/** The model of one service, patched and shared (callers must not mutate it). */
export function loadModel(name: ServiceName): ServiceModel {
  let model = cache.get(name);
  if (!model) {
    model = JSON.parse(readFileSync(new URL(`./models/${name}.json`, import.meta.url), 'utf8')) as ServiceModel;
    const patches = JSON.parse(readFileSync(new URL('./model-patches.json', import.meta.url), 'utf8')) as Record<string, JsonPatchOp[]>;
    for (const op of patches[name] ?? []) applyPatch(model, op);
    cache.set(name, model);
  }
  return model;
}

function applyPatch(doc: unknown, { op, path, value }: JsonPatchOp): void {
  const parts = path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = parts.pop()!;
  let node = doc as Record<string, unknown>;
  for (const part of parts) node = node[part] as Record<string, unknown>;
  if (op === 'remove') delete node[last];
  else node[last] = value;
}

export function shapeOf(model: ServiceModel, ref: { shape: string }): Shape {
  const shape = model.shapes[ref.shape];
  if (!shape) throw new Error(`model ${model.metadata.endpointPrefix} has no shape ${ref.shape}`);
  return shape;
}
