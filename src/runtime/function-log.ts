// One worker's log stream in /aws/lambda/{name}: START / handler lines / END / REPORT per
// invocation, as AWS writes them, through the batched LogSink. Keeps the last 4 KB of the current
// invocation for `LogType: Tail` and stops forwarding a runaway invocation's output at a cap.
import { randomBytes } from 'node:crypto';
import type { LogSink, LogStreamWriter } from '../telemetry/log-sink.js';
import type { Scope } from '../services/logs/state.js';

export const TAIL_BYTES = 4096;
/** Handler output forwarded per invocation before Kanaria stops copying it (memory stays bounded). */
export const LOG_CAP_BYTES = 1024 * 1024;

export interface ReportFields {
  durationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  initDurationMs?: number;
  status?: 'timeout' | 'error';
  errorType?: string;
}

/** AWS's stream name: `2024/01/31/[$LATEST]` + 32 hex digits, dated when the sandbox starts. */
export function logStreamName(version: string, at: Date): string {
  const d = at.toISOString();
  return `${d.slice(0, 4)}/${d.slice(5, 7)}/${d.slice(8, 10)}/[${version}]${randomBytes(16).toString('hex')}`;
}

export function reportLine(requestId: string, r: ReportFields): string {
  let line =
    `REPORT RequestId: ${requestId}\tDuration: ${r.durationMs.toFixed(2)} ms\tBilled Duration: ${Math.max(1, Math.ceil(r.durationMs))} ms` +
    `\tMemory Size: ${r.memorySizeMb} MB\tMax Memory Used: ${r.maxMemoryUsedMb} MB`;
  if (r.initDurationMs !== undefined) line += `\tInit Duration: ${r.initDurationMs.toFixed(2)} ms`;
  if (r.status === 'timeout') line += '\tStatus: timeout';
  else if (r.status === 'error') line += `\tStatus: error\tError Type: ${r.errorType}`;
  return `${line}\t`;
}

export class FunctionLog {
  private tail = '';
  private forwarded = 0;
  private truncated = false;
  private readonly out: LogStreamWriter;

  constructor(
    sink: LogSink,
    scope: Scope,
    readonly group: string,
    readonly stream: string,
  ) {
    this.out = sink.stream(scope, group, stream);
  }

  start(requestId: string, version: string): void {
    this.tail = '';
    this.forwarded = 0;
    this.truncated = false;
    this.emit(`START RequestId: ${requestId} Version: ${version}`);
  }

  /** A line of handler output (or of the runtime, outside any invocation). */
  write(line: string): void {
    this.forwarded += line.length + 1;
    if (this.forwarded > LOG_CAP_BYTES) {
      if (!this.truncated) {
        this.truncated = true;
        this.emit(`[Kanaria] log output of this invocation truncated after ${LOG_CAP_BYTES} bytes`);
      }
      return;
    }
    this.emit(line);
  }

  /** Writes END and REPORT; returns the invocation's last 4 KB of log text. */
  finish(requestId: string, report: ReportFields): string {
    this.emit(`END RequestId: ${requestId}`);
    this.emit(reportLine(requestId, report));
    const tail = this.tail;
    this.tail = '';
    // A UTF-16 code unit is at most 3 UTF-8 bytes: a short tail is returned without encoding it.
    if (tail.length * 3 <= TAIL_BYTES) return tail;
    const bytes = Buffer.from(tail, 'utf8');
    return bytes.length <= TAIL_BYTES ? tail : bytes.subarray(bytes.length - TAIL_BYTES).toString('utf8');
  }

  private emit(line: string): void {
    const message = `${line}\n`;
    this.tail += message;
    if (this.tail.length > TAIL_BYTES * 4) this.tail = this.tail.slice(-TAIL_BYTES * 2);
    this.out.write(Date.now(), message);
  }
}
