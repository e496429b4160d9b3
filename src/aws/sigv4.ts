// Reads the credential scope of an AWS Signature V4 request (`Credential=AKID/date/region/service/aws4_request`),
// from the Authorization header or a presigned query string. Signatures are not verified.
import type { IncomingHttpHeaders } from 'node:http';

export interface CredentialScope {
  accessKeyId: string;
  region: string;
  service: string;
}

const SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

export function credentialScope(headers: IncomingHttpHeaders, query?: URLSearchParams): CredentialScope | undefined {
  const auth = headers.authorization;
  const m = auth ? SCOPE.exec(auth) : undefined;
  if (m) return { accessKeyId: m[1], region: m[2], service: m[3] };
  const credential = query?.get('X-Amz-Credential');
  if (credential) {
    const [accessKeyId, , region, service] = credential.split('/');
    if (region && service) return { accessKeyId, region, service };
  }
  return undefined;
}
