// A minimal client for Kanaria's restJson1 services (API Gateway, Lambda) used by CLI commands
// such as `kanaria demo`: JSON in, JSON out, AWS errors turned into one readable line. Kanaria
// accepts any credentials, so requests carry only a SigV4-style scope naming the service.

export class AwsCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export type RestService = 'apigateway' | 'lambda';

export async function awsRest<T = any>(endpoint: string, service: RestService, method: string, path: string, body?: unknown, region = 'us-east-1'): Promise<T> {
  const res = await fetch(new URL(path, endpoint), {
    method,
    headers: {
      'content-type': 'application/json',
      authorization: `AWS4-HMAC-SHA256 Credential=kanaria/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) {
    let message = text;
    try {
      const parsed = JSON.parse(text);
      message = parsed.message ?? parsed.Message ?? text;
    } catch {
      /* keep the raw text */
    }
    throw new AwsCallError(res.status, res.headers.get('x-amzn-errortype') ?? `HTTP ${res.status}`, message);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}
