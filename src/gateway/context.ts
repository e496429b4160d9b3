// The state of one stage invocation, filled in by the chain's steps in order (chain.ts). Each
// field names the step that sets it; a step reads only what earlier steps set. One object per
// request with every field present from the start, so V8 keeps one shape.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LambdaInvoker } from '../services/lambda/invoker.js';
import type { LogSink } from '../telemetry/log-sink.js';
import type { CompiledMethod } from './compile-method.js';
import type { CompiledStage, MethodSettingsView, StageVariant, Variant } from './compile-stage.js';
import type { GatewayError } from './gateway-responses.js';
import type { InvokeTarget } from './invoke-url.js';
import type { RandomSource } from './canary.js';
import type { StageRegistry } from './stage-registry.js';
import type { StageVariables } from './stage-variables.js';
import type { ThrottleLimits, Throttler } from './throttle.js';
import type { HttpClient } from './integrations/http-client.js';

/** What every invocation shares: the gateway's collaborators and options (one per Kanaria). */
export interface GatewayServices {
  registry: StageRegistry;
  invoker: LambdaInvoker;
  http: HttpClient;
  logSink: LogSink;
  throttler: Throttler;
  /** The account-level bucket's limits (AWS's default unless configured). */
  accountThrottle: ThrottleLimits;
  random: RandomSource;
  /** Epoch milliseconds. */
  now(): number;
  /** A monotonic clock in milliseconds (latencies). */
  monotonic(): number;
  /** The stream name execution and access log events go to (one per Kanaria process, as AWS does per host). */
  logStream: string;
  allowCanaryHeader: boolean;
  debugHeaders: boolean;
  /** Kanaria's own console for failures that are Kanaria's bugs, never the user's. */
  logError(line: string): void;
}

export interface InvocationRequest {
  readonly httpMethod: string;
  /** The path after the stage, as sent (not decoded, trailing slash kept), at least `/`. */
  path: string;
  /** Decoded query parameters, every value in order. */
  readonly multiValueQuery: Record<string, string[]>;
  /** The raw query string (without `?`), for HTTP_PROXY forwarding. */
  rawQuery: string;
  /** Request headers, names as the client spelt them, each with its values. */
  readonly multiValueHeaders: Record<string, string[]>;
  body: Buffer;
  sourceIp: string;
  /** The Host header (the proxy event's `domainName`). */
  host: string;
}

/** What an integration is asked to do, after mapping (set by integrationRequest). */
export interface IntegrationRequest {
  /** The URI with stage variables and path parameters rendered. */
  uri: string;
  httpMethod: string;
  headers: Record<string, string>;
  query: Record<string, string[]>;
  body: Buffer;
}

/** What the integration answered (set by integration). */
export interface EndpointResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** For Lambda (AWS): the function's `errorMessage` when it failed, for integration response selection. */
  errorMessage?: string;
}

/** The answer to the client (set by integrationResponse / methodResponse, or renderGatewayError). */
export interface InvocationResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer | string;
}

export class InvocationContext {
  readonly services: GatewayServices;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Front door: which API, stage and path the URL names. */
  readonly target: InvokeTarget;
  /** Front door: `$context.requestId` (a UUID) and `extendedRequestId`. */
  readonly requestId: string;
  readonly extendedRequestId: string;
  /** Front door: epoch ms of arrival (`requestTimeEpoch`), and the monotonic start for latency. */
  readonly requestTimeEpoch: number;
  readonly startedAt: number;

  /** parseRequest */
  request: InvocationRequest | undefined = undefined;

  /** routeRequest: the stage, the variant drawn, and what that variant serves. */
  stage: CompiledStage | undefined = undefined;
  variant: Variant = 'base';
  deployment: StageVariant | undefined = undefined;
  stageVariables: StageVariables | null = null;
  method: CompiledMethod | undefined = undefined;
  pathParameters: Record<string, string> | null = null;
  settings: MethodSettingsView | undefined = undefined;

  /** integrationRequest */
  integrationRequest: IntegrationRequest | undefined = undefined;
  /** integrationRequest: the Lambda event of an AWS_PROXY integration (JSON text). */
  proxyEvent: string | undefined = undefined;

  /** integration: the backend's answer, its status and how long it took (-1: none or timed out). */
  endpointResponse: EndpointResponse | undefined = undefined;
  integrationLatency = -1;
  integrationStatus: number | undefined = undefined;
  integrationError: string | undefined = undefined;

  /** integrationResponse, methodResponse, or renderGatewayError. */
  response: InvocationResponse | undefined = undefined;
  /** renderGatewayError: the failure being answered. */
  error: GatewayError | undefined = undefined;

  /** Any step: execution log lines at INFO and at ERROR level, kept only when the stage logs (null until the first). */
  logLines: { level: 'INFO' | 'ERROR'; message: string }[] | null = null;

  /** recordTelemetry: when the answer was ready. */
  responseLatency = -1;

  constructor(services: GatewayServices, req: IncomingMessage, res: ServerResponse, target: InvokeTarget, requestId: string, extendedRequestId: string) {
    this.services = services;
    this.req = req;
    this.res = res;
    this.target = target;
    this.requestId = requestId;
    this.extendedRequestId = extendedRequestId;
    this.requestTimeEpoch = services.now();
    this.startedAt = services.monotonic();
  }

  /** Adds an execution log line when the method's logging level asks for it (cheap no-op otherwise). */
  log(level: 'INFO' | 'ERROR', message: string | (() => string)): void {
    const configured = this.settings?.loggingLevel;
    if (configured === undefined || configured === 'OFF') return;
    if (level === 'INFO' && configured !== 'INFO') return;
    (this.logLines ??= []).push({ level, message: typeof message === 'function' ? message() : message });
  }
}
