// The errors the Lambda runtime itself reports (as opposed to errors a handler throws, which the
// bootstraps format): one factory each, giving the errorType and the document Invoke returns.
// Texts follow AWS's current runtimes, e.g. `{"errorType":"Sandbox.Timedout","errorMessage":
// "RequestId: … Error: Task timed out after 3.00 seconds"}` and REPORT `Status: timeout`.

export interface RuntimeFault {
  errorType: string;
  payload: string;
  /** How the REPORT line ends: `timeout`, or `error` with this errorType. */
  status: 'timeout' | 'error';
}

const fault = (errorType: string, errorMessage: string, status: RuntimeFault['status'] = 'error'): RuntimeFault => ({
  errorType,
  payload: JSON.stringify({ errorType, errorMessage }),
  status,
});

/** Why a worker process ended, in the words Go's os/exec uses (AWS's runtime is written in Go). */
export function exitReason(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `signal: ${SIGNAL_NAMES[signal] ?? signal}`;
  return `exit status ${code ?? 0}`;
}

const SIGNAL_NAMES: Partial<Record<NodeJS.Signals, string>> = {
  SIGKILL: 'killed',
  SIGABRT: 'aborted',
  SIGSEGV: 'segmentation fault',
  SIGTERM: 'terminated',
  SIGINT: 'interrupt',
  SIGBUS: 'bus error',
  SIGILL: 'illegal instruction',
  SIGFPE: 'floating point exception',
};

export const RUNTIME_FAULTS = {
  timedOut: (requestId: string, timeoutSeconds: number) =>
    fault('Sandbox.Timedout', `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`, 'timeout'),
  outOfMemory: (requestId: string) => fault('Runtime.OutOfMemory', `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`),
  exited: (requestId: string, code: number | null, signal: NodeJS.Signals | null) =>
    code === 0 && !signal
      ? fault('Runtime.ExitError', `RequestId: ${requestId} Error: Runtime exited without providing a reason`)
      : fault('Runtime.ExitError', `RequestId: ${requestId} Error: Runtime exited with error: ${exitReason(code, signal)}`),
  invalidEntrypoint: (requestId: string, path: string, reason: string) =>
    fault('Runtime.InvalidEntrypoint', `RequestId: ${requestId} Error: fork/exec ${path}: ${reason}`),
  initTimedOut: (requestId: string, seconds: number) =>
    fault('Runtime.Unknown', `RequestId: ${requestId} Error: Runtime failed to start: the init phase took longer than ${seconds.toFixed(2)} seconds`),
  responseTooLarge: (limit: number) =>
    fault('Function.ResponseSizeTooLarge', `Response payload size exceeded maximum allowed payload size (${limit} bytes).`),
  protocol: (requestId: string, detail: string) => fault('Runtime.Unknown', `RequestId: ${requestId} Error: ${detail}`),
} as const;

/** A pool or function at its concurrency limit: the service answers TooManyRequestsException. */
export class ThrottledError extends Error {
  constructor(readonly reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' | 'ConcurrentInvocationLimitExceeded') {
    super('Rate Exceeded.');
  }
}

/** The function version's pool was shut down (Kanaria is stopping). */
export class PoolClosedError extends Error {
  constructor() {
    super('The function runtime is shutting down');
  }
}
