// The framed channel's contract and the pieces around it: invoke frames, the child-frame guard,
// line splitting with a bounded buffer, AWS's REPORT line and stream names, exit reasons.
import { describe, expect, test } from 'vitest';
import { exitReason, RUNTIME_FAULTS } from '../../../src/runtime/errors.js';
import { logStreamName, reportLine } from '../../../src/runtime/function-log.js';
import { LineSplitter } from '../../../src/runtime/line-splitter.js';
import { encodeInvoke, parseChildFrame } from '../../../src/runtime/protocol.js';
import { Histogram, summarize } from '../../../src/telemetry/metrics-histogram.js';

describe('frames', () => {
  test('an invoke frame is one line carrying the event verbatim', () => {
    const line = encodeInvoke({ id: 'r1', deadline: 5, arn: 'arn:x' }, '{\n  "a": [1,\r\n 2],\n  "s": "x\\ny"\n}');
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toMatch(/[\r\n]/);
    expect(JSON.parse(line)).toEqual({ t: 'invoke', id: 'r1', deadline: 5, arn: 'arn:x', event: { a: [1, 2], s: 'x\ny' } });
  });

  test('child frames are checked by hand; anything malformed is rejected', () => {
    expect(parseChildFrame('{"t":"ready"}')).toEqual({ t: 'ready' });
    expect(parseChildFrame('{"t":"result","id":"r","payload":"{}"}')).toEqual({ t: 'result', id: 'r', payload: '{}' });
    expect(parseChildFrame('{"t":"error","id":"r","errorType":"E","payload":"{}"}')?.t).toBe('error');
    expect(parseChildFrame('{"t":"log","id":"","line":"x"}')?.t).toBe('log');
    expect(parseChildFrame('{"t":"init_error","errorType":"E","payload":"{}"}')?.t).toBe('init_error');
    // The raw result form: the payload after the first tab, as it is (tabs inside it included).
    expect(parseChildFrame('Rr1\t{"body":"a\\"\tb"}')).toEqual({ t: 'result', id: 'r1', payload: '{"body":"a\\"\tb"}' });
    expect(parseChildFrame('Rr1\t')).toEqual({ t: 'result', id: 'r1', payload: '' });
    for (const bad of ['', 'nope', 'Rno-tab', '[]', 'null', '{"t":"result","id":"r"}', '{"t":"result","id":1,"payload":"x"}', '{"t":"unknown"}']) {
      expect(parseChildFrame(bad)).toBeUndefined();
    }
  });
});

describe('LineSplitter', () => {
  test('lines across chunks, several per chunk, multi-byte characters split between chunks', () => {
    const lines: string[] = [];
    const s = new LineSplitter({ maxLine: 100, onLine: (l) => lines.push(l) });
    const text = Buffer.from('héllo\nwor');
    s.push(text.subarray(0, 2));
    s.push(text.subarray(2));
    s.push(Buffer.from('ld\nthree\nfour'));
    s.end();
    expect(lines).toEqual(['héllo', 'world', 'three', 'four']);
  });

  test('an endless line is handed over in pieces (output) or dropped as overflow (frames)', () => {
    const pieces: string[] = [];
    const out = new LineSplitter({ maxLine: 10, onLine: (l) => pieces.push(l) });
    out.push(Buffer.from('x'.repeat(25)));
    expect(pieces.every((p) => p.length <= 25)).toBe(true);
    expect(pieces.join('').length).toBeGreaterThanOrEqual(11);

    const lines: string[] = [];
    const overflows: number[] = [];
    const frames = new LineSplitter({ maxLine: 10, onLine: (l) => lines.push(l), onOverflow: (n) => overflows.push(n) });
    frames.push(Buffer.from('y'.repeat(8)));
    frames.push(Buffer.from('y'.repeat(8)));
    frames.push(Buffer.from('yyy\nnext\n'));
    expect(overflows).toEqual([16]);
    expect(lines).toEqual(['next']);
  });
});

describe('log lines and faults in AWS\'s words', () => {
  test('REPORT', () => {
    expect(reportLine('id1', { durationMs: 1.234, memorySizeMb: 128, maxMemoryUsedMb: 40 })).toBe(
      'REPORT RequestId: id1\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\t',
    );
    expect(reportLine('id2', { durationMs: 3000.4, memorySizeMb: 128, maxMemoryUsedMb: 73, initDurationMs: 402.04, status: 'timeout' })).toBe(
      'REPORT RequestId: id2\tDuration: 3000.40 ms\tBilled Duration: 3001 ms\tMemory Size: 128 MB\tMax Memory Used: 73 MB\tInit Duration: 402.04 ms\tStatus: timeout\t',
    );
    expect(reportLine('id3', { durationMs: 5, memorySizeMb: 128, maxMemoryUsedMb: 128, status: 'error', errorType: 'Runtime.OutOfMemory' })).toContain(
      '\tStatus: error\tError Type: Runtime.OutOfMemory\t',
    );
  });

  test('stream names', () => {
    expect(logStreamName('$LATEST', new Date('2024-03-05T23:59:00Z'))).toMatch(/^2024\/03\/05\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(logStreamName('7', new Date('2024-03-05T00:00:00Z'))).toMatch(/^2024\/03\/05\/\[7\][0-9a-f]{32}$/);
  });

  test('faults', () => {
    expect(JSON.parse(RUNTIME_FAULTS.timedOut('r', 5).payload)).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: 'RequestId: r Error: Task timed out after 5.00 seconds' });
    expect(RUNTIME_FAULTS.exited('r', 0, null).payload).toContain('Runtime exited without providing a reason');
    expect(exitReason(1, null)).toBe('exit status 1');
    expect(exitReason(null, 'SIGKILL')).toBe('signal: killed');
    expect(exitReason(null, 'SIGABRT')).toBe('signal: aborted');
    expect(exitReason(null, 'SIGSEGV')).toBe('signal: segmentation fault');
  });

  test('latency summaries (the pool\'s wait and run times)', () => {
    const h = new Histogram();
    for (let i = 1; i <= 100; i++) h.record(i);
    const s = summarize(h);
    expect(s.count).toBe(100);
    expect(s.p50).toBeGreaterThan(45);
    expect(s.p50).toBeLessThan(56);
    expect(s.p99).toBeLessThanOrEqual(100);
    expect(s.max).toBe(100);
  });
});
