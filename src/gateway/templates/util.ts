// `$util` of API Gateway mapping templates: escapeJavaScript, parseJson, urlEncode, urlDecode,
// base64Encode, base64Decode (api-gateway-mapping-template-reference). Pure functions.

/**
 * Escapes with JavaScript string rules as Apache commons-lang's escapeJavaScript (which AWS
 * documents: "turn any regular single quotes (') into escaped ones (\')"): quotes, backslash,
 * `/`, control characters, and anything outside printable ASCII as `\uXXXX`.
 */
export function escapeJavaScript(value: unknown): string {
  if (value === undefined || value === null) return '';
  const s = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const code = s.charCodeAt(i);
    switch (ch) {
      case "'": out += "\\'"; break;
      case '"': out += '\\"'; break;
      case '\\': out += '\\\\'; break;
      case '/': out += '\\/'; break;
      case '\b': out += '\\b'; break;
      case '\f': out += '\\f'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      default:
        out += code < 0x20 || code > 0x7e ? `\\u${code.toString(16).toUpperCase().padStart(4, '0')}` : ch;
    }
  }
  return out;
}

/** application/x-www-form-urlencoded, as java.net.URLEncoder: space → `+`, keeps `A-Za-z0-9.-*_`. */
export function urlEncode(value: unknown): string {
  return encodeURIComponent(String(value ?? ''))
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

export function urlDecode(value: unknown): string {
  const s = String(value ?? '').replace(/\+/g, ' ');
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export const UTIL = {
  escapeJavaScript,
  urlEncode,
  urlDecode,
  base64Encode: (value: unknown) => Buffer.from(String(value ?? ''), 'utf8').toString('base64'),
  base64Decode: (value: unknown) => Buffer.from(String(value ?? ''), 'base64').toString('utf8'),
  /** Throws on invalid JSON: the template fails as on AWS ("Unable to transform request"). */
  parseJson: (value: unknown) => JSON.parse(String(value)),
};
