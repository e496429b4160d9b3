// Gateway responses: every failure of a stage invocation is a GatewayError of one
// GatewayResponseType, with that type's default status, and is rendered in one place
// (`renderGatewayResponse`): `{"message": …}` plus `x-amzn-ErrorType`. Customised gateway
// responses (PutGatewayResponse) are not applied yet: the defaults below always answer.
// Statuses: https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html

export type GatewayResponseType =
  | 'ACCESS_DENIED'
  | 'API_CONFIGURATION_ERROR'
  | 'AUTHORIZER_CONFIGURATION_ERROR'
  | 'AUTHORIZER_FAILURE'
  | 'BAD_REQUEST_BODY'
  | 'BAD_REQUEST_PARAMETERS'
  | 'DEFAULT_4XX'
  | 'DEFAULT_5XX'
  | 'EXPIRED_TOKEN'
  | 'INTEGRATION_FAILURE'
  | 'INTEGRATION_TIMEOUT'
  | 'INVALID_API_KEY'
  | 'INVALID_SIGNATURE'
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'QUOTA_EXCEEDED'
  | 'REQUEST_TOO_LARGE'
  | 'RESOURCE_NOT_FOUND'
  | 'THROTTLED'
  | 'UNAUTHORIZED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'WAF_FILTERED';

interface GatewayResponseDefault {
  /** null for DEFAULT_4XX / DEFAULT_5XX, which have no status of their own. */
  status: number | null;
  /** The `x-amzn-ErrorType` header. */
  errorType: string;
}

/**
 * Default status and error type per response type. Error types seen on real responses:
 * MissingAuthenticationTokenException (403), ForbiddenException (403 "Forbidden"),
 * AccessDeniedException, InvalidSignatureException (repost.aws api-gateway-troubleshoot-403-forbidden);
 * InternalServerErrorException on 500/502/504 and TooManyRequestsException on 429 (curl captures
 * of execute-api responses).
 */
export const GATEWAY_RESPONSES: Record<GatewayResponseType, GatewayResponseDefault> = {
  ACCESS_DENIED: { status: 403, errorType: 'AccessDeniedException' },
  API_CONFIGURATION_ERROR: { status: 500, errorType: 'InternalServerErrorException' },
  AUTHORIZER_CONFIGURATION_ERROR: { status: 500, errorType: 'InternalServerErrorException' },
  AUTHORIZER_FAILURE: { status: 500, errorType: 'InternalServerErrorException' },
  BAD_REQUEST_BODY: { status: 400, errorType: 'BadRequestException' },
  BAD_REQUEST_PARAMETERS: { status: 400, errorType: 'BadRequestException' },
  DEFAULT_4XX: { status: null, errorType: 'BadRequestException' },
  DEFAULT_5XX: { status: null, errorType: 'InternalServerErrorException' },
  EXPIRED_TOKEN: { status: 403, errorType: 'InvalidSignatureException' },
  INTEGRATION_FAILURE: { status: 504, errorType: 'InternalServerErrorException' },
  INTEGRATION_TIMEOUT: { status: 504, errorType: 'InternalServerErrorException' },
  INVALID_API_KEY: { status: 403, errorType: 'ForbiddenException' },
  INVALID_SIGNATURE: { status: 403, errorType: 'InvalidSignatureException' },
  MISSING_AUTHENTICATION_TOKEN: { status: 403, errorType: 'MissingAuthenticationTokenException' },
  QUOTA_EXCEEDED: { status: 429, errorType: 'LimitExceededException' },
  REQUEST_TOO_LARGE: { status: 413, errorType: 'RequestTooLongException' },
  RESOURCE_NOT_FOUND: { status: 404, errorType: 'NotFoundException' },
  THROTTLED: { status: 429, errorType: 'TooManyRequestsException' },
  UNAUTHORIZED: { status: 401, errorType: 'UnauthorizedException' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, errorType: 'UnsupportedMediaTypeException' },
  WAF_FILTERED: { status: 403, errorType: 'ForbiddenException' },
};

export interface GatewayErrorOptions {
  /** A status other than the type's default (a Lambda failure is a 502 DEFAULT_5XX). */
  status?: number;
  errorType?: string;
  /** Execution log lines written (at ERROR level) before `Method completed with status: …`. */
  logLines?: string[];
}

/** A failed stage invocation. Throw a subclass; `renderGatewayResponse` turns it into the answer. */
export abstract class GatewayError extends Error {
  abstract readonly type: GatewayResponseType;
  readonly logLines: string[];
  readonly #status: number | undefined;
  readonly #errorType: string | undefined;

  constructor(message: string, options: GatewayErrorOptions = {}) {
    super(message);
    this.#status = options.status;
    this.#errorType = options.errorType;
    this.logLines = options.logLines ?? [];
  }

  get status(): number {
    const fallback = this.type.startsWith('DEFAULT_4') ? 400 : 500;
    return this.#status ?? GATEWAY_RESPONSES[this.type].status ?? fallback;
  }

  get errorType(): string {
    return this.#errorType ?? GATEWAY_RESPONSES[this.type].errorType;
  }
}

export class AccessDenied extends GatewayError { readonly type = 'ACCESS_DENIED'; }
export class ApiConfigurationError extends GatewayError { readonly type = 'API_CONFIGURATION_ERROR'; }
export class BadRequestBody extends GatewayError { readonly type = 'BAD_REQUEST_BODY'; }
export class BadRequestParameters extends GatewayError { readonly type = 'BAD_REQUEST_PARAMETERS'; }
export class Default4xx extends GatewayError { readonly type = 'DEFAULT_4XX'; }
export class Default5xx extends GatewayError { readonly type = 'DEFAULT_5XX'; }
export class IntegrationFailure extends GatewayError { readonly type = 'INTEGRATION_FAILURE'; }
export class IntegrationTimeout extends GatewayError { readonly type = 'INTEGRATION_TIMEOUT'; }
export class MissingAuthenticationToken extends GatewayError { readonly type = 'MISSING_AUTHENTICATION_TOKEN'; }
export class RequestTooLarge extends GatewayError { readonly type = 'REQUEST_TOO_LARGE'; }
export class ResourceNotFound extends GatewayError { readonly type = 'RESOURCE_NOT_FOUND'; }
export class Throttled extends GatewayError { readonly type = 'THROTTLED'; }
export class UnsupportedMediaType extends GatewayError { readonly type = 'UNSUPPORTED_MEDIA_TYPE'; }

/** The common messages, spelled once. */
export const MESSAGES = {
  internal: 'Internal server error',
  missingToken: 'Missing Authentication Token',
  forbidden: 'Forbidden',
  throttled: 'Too Many Requests',
  timeout: 'Endpoint request timed out',
  unsupportedMediaType: 'Unsupported Media Type',
  tooLarge: 'Request Too Long',
} as const;

export interface RenderedGatewayResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The default template is `{"message":$context.error.messageString}`, compact; the 5XX answers
 * captured from real APIs carry a space (`{"message": "Internal server error"}`, content-length
 * 36; `{"message": "Endpoint request timed out"}`, 41), so 5XX bodies keep it.
 */
export function renderGatewayResponse(error: GatewayError): RenderedGatewayResponse {
  const status = error.status;
  const message = JSON.stringify(error.message);
  return {
    status,
    headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': error.errorType },
    body: status >= 500 ? `{"message": ${message}}` : `{"message":${message}}`,
  };
}
