// Reading what a Lambda proxy integration returned: `{statusCode, headers, multiValueHeaders,
// body, isBase64Encoded}` and nothing else. Anything malformed is reported, never thrown, so bad
// handler output can never crash Kanaria. Rules recorded from AWS (reference §4.2, localstack
// test_aws_proxy_response_payload_format_validation): an unknown key, a non-object, a
// non-numeric statusCode or a non-list multiValueHeaders value are malformed; "201" is 201; no
// statusCode is 200; a header in both maps is sent as `multi, single`.

export interface ProxyResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: string;
  isBase64Encoded: boolean;
}

const KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);

/** A scalar as Jackson would coerce it into a String (booleans become `true`/`false`); else undefined. */
function scalar(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The response, or null when it is malformed. */
export function parseProxyResponse(payload: Buffer | string): ProxyResponse | null {
  let value: unknown;
  try {
    value = JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  for (const key of Object.keys(value)) if (!KEYS.has(key)) return null;

  let statusCode = 200;
  if (value.statusCode !== undefined && value.statusCode !== null) {
    const s = value.statusCode;
    const n = typeof s === 'number' ? s : typeof s === 'string' && /^\s*\d+\s*$/.test(s) ? Number(s) : NaN;
    if (!Number.isInteger(n) || n < 100 || n > 599) return null;
    statusCode = n;
  }

  const headers: Record<string, string | string[]> = {};
  const lowerToName = new Map<string, string>();
  const add = (name: string, values: string[]) => {
    const existing = lowerToName.get(name.toLowerCase());
    if (existing === undefined) {
      lowerToName.set(name.toLowerCase(), name);
      headers[name] = values.length === 1 ? values[0] : values;
    } else {
      const before = headers[existing];
      headers[existing] = [...(Array.isArray(before) ? before : [before]), ...values].join(', ');
    }
  };

  const multi = value.multiValueHeaders;
  if (multi !== undefined && multi !== null) {
    if (!isObject(multi)) return null;
    for (const [name, list] of Object.entries(multi)) {
      if (!Array.isArray(list)) return null;
      const values: string[] = [];
      for (const item of list) {
        const s = scalar(item);
        if (s === undefined) return null;
        values.push(s);
      }
      if (values.length > 0) add(name, values);
    }
  }
  const single = value.headers;
  if (single !== undefined && single !== null) {
    if (!isObject(single)) return null;
    for (const [name, v] of Object.entries(single)) {
      if (v === null) continue;
      const s = scalar(v);
      if (s === undefined) return null;
      add(name, [s]);
    }
  }

  let body = '';
  if (value.body !== undefined && value.body !== null) {
    const s = scalar(value.body);
    if (s === undefined) return null;
    body = s;
  }

  let isBase64Encoded = false;
  const b64 = value.isBase64Encoded;
  if (b64 !== undefined && b64 !== null) {
    if (typeof b64 === 'boolean') isBase64Encoded = b64;
    else if (b64 === 'true' || b64 === 'false') isBase64Encoded = b64 === 'true';
    else return null;
  }
  return { statusCode, headers, body, isBase64Encoded };
}
