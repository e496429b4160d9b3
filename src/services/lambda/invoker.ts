// The narrow interface other parts of Kanaria (the API Gateway data plane, rollout hooks) use
// to run a Lambda function. The Lambda service implements it; callers never reach into the
// runtime or the function records.

export interface InvokeRequest {
  accountId: string;
  region: string;
  /** A function name, partial ARN or full ARN, optionally ending in `:qualifier`. */
  functionName: string;
  /** A version number, alias name or `$LATEST`; wins over a qualifier in `functionName`. */
  qualifier?: string;
  /**
   * The event: bytes that must hold JSON (checked, as the Invoke API does), or JSON text the
   * caller serialised itself with JSON.stringify (the gateway's proxy event), which is taken as
   * it is: only its size is checked, so an event is not parsed again just to be sent on.
   */
  payload: Buffer | string;
  /**
   * Set when a service principal calls (API Gateway): the function's resource policy must allow
   * `lambda:InvokeFunction` to this principal for this source ARN, else AccessDeniedException.
   */
  caller?: { principal: string; sourceArn: string };
}

export interface InvokeResult {
  /** The Invoke API's status code (200 for RequestResponse). */
  statusCode: number;
  /** What the handler returned (JSON text), or the error document when `functionError` is set. */
  payload: Buffer;
  /** `Unhandled` when the handler threw, timed out or its process died. */
  functionError?: 'Unhandled' | 'Handled';
  /** The version that ran (`$LATEST`, `1`, …), as in X-Amz-Executed-Version. */
  executedVersion: string;
  requestId: string;
  /** The last 4 KB of the invocation's log lines (START … REPORT), for `LogType: Tail`. */
  logTail: string;
  durationMs: number;
}

/**
 * Runs a function synchronously (RequestResponse). Throws AwsError for what the Invoke API
 * answers as an error: ResourceNotFoundException (no such function or qualifier),
 * AccessDeniedException (caller not allowed by the resource policy), TooManyRequestsException
 * (concurrency limit), ResourceConflictException (function not Active).
 */
export interface LambdaInvoker {
  invoke(request: InvokeRequest): Promise<InvokeResult>;
}
