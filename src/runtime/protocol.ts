// The framed channel between Kanaria and its own bootstraps (bootstraps/node.mjs, python.py):
// one frame a line, JSON (a result may come raw, see ResultFrame), Kanaria → child on fd 3, child →
// Kanaria on fd 4. This file is the whole contract; the bootstraps implement the other side.
// Function facts travel in the environment.

/** Kanaria → child: run the handler once. `event` is spliced in as raw JSON text (see encodeInvoke). */
export interface InvokeFrame {
  t: 'invoke';
  /** The AWS request id. */
  id: string;
  /** Epoch milliseconds when the invocation times out (context.get_remaining_time_in_millis). */
  deadline: number;
  /** The ARN the caller used (qualified when invoked through a version or alias). */
  arn: string;
  /** Base64 ClientContext header as the caller sent it. */
  clientContext?: string;
  event: unknown;
}

/** Child → Kanaria: the handler module loaded; invocations may be sent. */
export interface ReadyFrame {
  t: 'ready';
}

/** Child → Kanaria: the handler could not be loaded; `payload` is the runtime's error document. */
export interface InitErrorFrame {
  t: 'init_error';
  errorType: string;
  payload: string;
}

/** Child → Kanaria: one log event written by the handler (print / console.*), without trailing newline. */
export interface LogFrame {
  t: 'log';
  id: string;
  line: string;
}

/**
 * Child → Kanaria: the handler returned; `payload` is the JSON text the runtime serialized. It is
 * sent as `R<id>\t<payload>` (see parseChildFrame): JSON.stringify and json.dumps never write a raw
 * line break, so the payload needs no escaping into a JSON string (the JSON form also parses).
 */
export interface ResultFrame {
  t: 'result';
  id: string;
  payload: string;
}

/** Child → Kanaria: the handler threw; `payload` is the runtime's error document. */
export interface ErrorFrame {
  t: 'error';
  id: string;
  errorType: string;
  payload: string;
  /** The runtime is exiting (an uncaught exception or unhandled rejection): it takes no more invocations. */
  fatal?: boolean;
}

export type ChildFrame = ReadyFrame | InitErrorFrame | LogFrame | ResultFrame | ErrorFrame;

/** A frame longer than this (a 6 MB response escaped twice, with room) is a protocol fault. */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

/**
 * Builds an invoke frame line. `eventJson` must be valid JSON (Invoke checks it); raw CR/LF can
 * only be whitespace between JSON tokens, so they are folded to spaces to keep one frame a line.
 */
export function encodeInvoke(frame: Omit<InvokeFrame, 'event' | 't'>, eventJson: string): string {
  // Written key by key (once per invocation): the same text as JSON.stringify({ t: 'invoke', ...frame }) without the spread.
  const context = frame.clientContext === undefined ? '' : `,"clientContext":${JSON.stringify(frame.clientContext)}`;
  const head = `{"t":"invoke","id":${JSON.stringify(frame.id)},"deadline":${JSON.stringify(frame.deadline)},"arn":${JSON.stringify(frame.arn)}${context}`;
  // indexOf is a memchr: several times faster than a character-class regex over a proxy event.
  const event = eventJson.includes('\n') || eventJson.includes('\r') ? eventJson.replace(/[\r\n]/g, ' ') : eventJson;
  return `${head},"event":${event}}\n`;
}

const str = (v: unknown): v is string => typeof v === 'string';

/** The fast form of a result frame: `R`, the request id, a tab, the payload's JSON text as it is. */
const RAW_RESULT = 'R';

/** Hand-written guard (no schema library on the hot path): undefined for anything malformed. */
export function parseChildFrame(line: string): ChildFrame | undefined {
  if (line.startsWith(RAW_RESULT)) {
    // Escaping a payload into a JSON string and parsing it back cost twice its size on each side
    // (a 107 KB proxy response: 0.2–0.4 ms of Kanaria's thread); this is a slice.
    const tab = line.indexOf('\t');
    return tab === -1 ? undefined : { t: 'result', id: line.slice(1, tab), payload: line.slice(tab + 1) };
  }
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!v || typeof v !== 'object') return undefined;
  switch (v.t) {
    case 'ready':
      return { t: 'ready' };
    case 'log':
      return str(v.id) && str(v.line) ? (v as unknown as LogFrame) : undefined;
    case 'result':
      return str(v.id) && str(v.payload) ? (v as unknown as ResultFrame) : undefined;
    case 'error':
      return str(v.id) && str(v.errorType) && str(v.payload) ? (v as unknown as ErrorFrame) : undefined;
    case 'init_error':
      return str(v.errorType) && str(v.payload) ? (v as unknown as InitErrorFrame) : undefined;
    default:
      return undefined;
  }
}
