// The fast channel to Kanaria's own bootstraps: one frame a line on two extra pipes (fd 3 towards
// the child, fd 4 back), as declared in ../protocol.ts.
import type { ChildProcess, StdioOptions } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { LineSplitter } from '../line-splitter.js';
import { encodeInvoke, MAX_FRAME_BYTES, parseChildFrame } from '../protocol.js';
import type { Channel, ChannelEvents, Invocation } from './channel.js';

export class FramedChannel implements Channel {
  private toChild: Writable | undefined;

  async prepare() {
    return { stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'] as StdioOptions, env: {} };
  }

  attach(child: ChildProcess, events: ChannelEvents): void {
    this.toChild = child.stdio[3] as Writable;
    this.toChild.on('error', () => {
      /* EPIPE after the child died: its exit is reported separately */
    });
    const fromChild = child.stdio[4] as Readable;
    const splitter = new LineSplitter({
      maxLine: MAX_FRAME_BYTES,
      onOverflow: (size) => events.fault(`the runtime sent a frame of more than ${size} bytes`),
      onLine: (line) => {
        if (line === '') return;
        const frame = parseChildFrame(line);
        if (!frame) return events.fault(`the runtime sent a malformed frame: ${line.slice(0, 200)}`);
        switch (frame.t) {
          case 'ready':
            return events.ready();
          case 'log':
            return events.log(frame.line);
          case 'result':
            return events.result(frame.id, Buffer.from(frame.payload, 'utf8'));
          case 'error':
            return events.error(frame.id, frame.errorType, Buffer.from(frame.payload, 'utf8'), frame.fatal === true);
          case 'init_error':
            return events.initError(frame.errorType, frame.payload);
        }
      },
    });
    fromChild.on('data', (chunk: Buffer) => splitter.push(chunk));
    fromChild.on('error', () => {});
  }

  send(inv: Invocation, deadline: number): void {
    this.toChild?.write(encodeInvoke({ id: inv.requestId, deadline, arn: inv.invokedArn, clientContext: inv.clientContext || undefined }, inv.payload));
  }

  close(): void {
    this.toChild?.end();
  }
}
