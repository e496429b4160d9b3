// How a worker talks to its process: Kanaria's framed pipes (node, python) or the AWS Lambda
// Runtime API over HTTP (provided.*). A channel turns the process's messages into these events.
import type { ChildProcess, StdioOptions } from 'node:child_process';

export interface Invocation {
  requestId: string;
  /** The event as JSON text (already checked to be JSON). */
  payload: string;
  /** The ARN the caller invoked (qualified through a version or alias). */
  invokedArn: string;
  clientContext?: string;
}

export interface ChannelEvents {
  ready(): void;
  initError(errorType: string, payload: string): void;
  log(line: string): void;
  result(requestId: string, payload: Buffer): void;
  /** `fatal`: the process is exiting and must not be given another invocation. */
  error(requestId: string, errorType: string, payload: Buffer, fatal?: boolean): void;
  /** The process broke the protocol; the worker kills it. */
  fault(detail: string): void;
}

export interface Channel {
  /** The stdio the process needs and the variables that tell it where Kanaria is. */
  prepare(): Promise<{ stdio: StdioOptions; env: Record<string, string> }>;
  attach(child: ChildProcess, events: ChannelEvents): void;
  send(inv: Invocation, deadline: number): void;
  close(): void;
}

/** The largest synchronous response AWS returns; its error message quotes this number. */
export const MAX_RESPONSE_BYTES = 6291556;
