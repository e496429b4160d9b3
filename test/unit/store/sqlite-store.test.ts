import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { StaleWriteError, type ChangeEvent } from '../../../src/store/store.js';

describe('sqlite store', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('keeps documents across reopening the same file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kanaria-store-'));
    dirs.push(dir);
    const a = openSqliteStore(join(dir, 'state.db'));
    a.put('k', 'x/1', { n: 1 });
    a.close();
    const b = openSqliteStore(join(dir, 'state.db'));
    expect(b.get('k', 'x/1')).toEqual({ kind: 'k', id: 'x/1', version: 1, data: { n: 1 } });
    b.close();
  });

  /**
   * Runs the built store (`npm test` builds dist/ first) in a child process: appends ~2 MB of log
   * lines (~500 pages, under SQLite's automatic checkpoint of 1000), waits up to 5 s for the
   * checkpointer thread to copy them into the database file, closes and waits for the WAL to go.
   * Answers the file's size right after the append and after the wait. `how` starts the child from
   * a file, or with `-e` and flags.
   */
  function fillInChild(dir: string, how: 'file' | 'flags'): { before: number; after: number } {
    const store = new URL('../../../dist/store/sqlite/sqlite-store.js', import.meta.url).href;
    const script = `
      import { existsSync, statSync } from 'node:fs';
      const { openSqliteStore } = await import(${JSON.stringify(store)});
      const file = ${JSON.stringify(join(dir, 'state.db'))};
      const s = openSqliteStore(file);
      const message = 'x'.repeat(1000);
      s.appendLogEvents('g', 's', Array.from({ length: 2000 }, (_, i) => ({ timestamp: i, message })), 0);
      const before = statSync(file).size;
      const deadline = Date.now() + 5000;
      while (statSync(file).size < 2_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const after = statSync(file).size;
      s.close();
      // The thread closes last and folds what is left of the WAL in.
      const walGone = Date.now() + 5000;
      while (existsSync(file + '-wal') && Date.now() < walGone) await new Promise((r) => setTimeout(r, 50));
      console.log(JSON.stringify({ before, after }));`;
    const scriptFile = join(dir, 'fill.mjs');
    writeFileSync(scriptFile, script);
    const args = how === 'file' ? [scriptFile] : ['--input-type=module', '-e', script];
    return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', timeout: 20_000 }));
  }

  // An automatic checkpoint would run inside the commit that crosses 1000 WAL pages, on the thread
  // that serves requests; the store leaves it to a worker thread (checkpointer.mjs) instead.
  it("copies a file's WAL into the database from its own thread, without waiting for 1000 pages", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kanaria-store-'));
    dirs.push(dir);
    const file = join(dir, 'state.db');
    const { before, after } = fillInChild(dir, 'file');
    expect(before).toBeLessThan(1_000_000);
    expect(after).toBeGreaterThanOrEqual(2_000_000);
    // Folded in by the thread, which closed last; nothing is lost on reopening.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const again = openSqliteStore(file);
    expect(again.queryLogEvents({ group: 'g', limit: 5000 }).length).toBe(2000);
    again.close();
  });

  // Found with the benches, which start Kanaria as `node --input-type=module -e …`: a worker thread
  // given that flag fails to start, and the checkpoints went back to the request thread.
  it('checkpoints from its own thread in a process started with flags a thread refuses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kanaria-store-'));
    dirs.push(dir);
    expect(fillInChild(dir, 'flags').after).toBeGreaterThanOrEqual(2_000_000);
  });

  it('lists by prefix in id order and deletes by prefix', () => {
    const s = openSqliteStore(':memory:');
    for (const id of ['a/2', 'a/1', 'b/1', 'a/10']) s.put('k', id, { id });
    expect(s.list('k', 'a/').map((d) => d.id)).toEqual(['a/1', 'a/10', 'a/2']);
    expect(s.deletePrefix('k', 'a/')).toBe(3);
    expect(s.list('k').map((d) => d.id)).toEqual(['b/1']);
  });

  it('refuses a write based on a stale version', () => {
    const s = openSqliteStore(':memory:');
    expect(s.put('k', 'x', { v: 1 }, 0)).toBe(1);
    expect(s.put('k', 'x', { v: 2 }, 1)).toBe(2);
    expect(() => s.put('k', 'x', { v: 3 }, 1)).toThrow(StaleWriteError);
    expect(() => s.put('k', 'y', {}, 1)).toThrow(StaleWriteError);
    expect(s.get('k', 'x')?.data).toEqual({ v: 2 });
  });

  it('rolls back a failed transaction and announces only committed changes', () => {
    const s = openSqliteStore(':memory:');
    const seen: ChangeEvent[] = [];
    s.onChange((e) => seen.push(e));
    expect(() =>
      s.transaction(() => {
        s.put('k', 'x', { v: 1 });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(s.get('k', 'x')).toBeUndefined();
    expect(seen).toEqual([]);
    s.transaction(() => {
      s.put('k', 'x', { v: 1 });
      s.put('k', 'y', { v: 2 });
      expect(seen).toEqual([]);
    });
    expect(seen.map((e) => e.id)).toEqual(['x', 'y']);
  });

  it('appends and queries log events by group, stream and time', () => {
    const s = openSqliteStore(':memory:');
    s.appendLogEvents('g', 's1', [{ timestamp: 10, message: 'a' }], 11);
    s.appendLogEvents('g', 's2', [{ timestamp: 5, message: 'b' }], 11);
    s.appendLogEvents('h', 's1', [{ timestamp: 1, message: 'c' }], 11);
    expect(s.queryLogEvents({ group: 'g', limit: 10 }).map((e) => e.message)).toEqual(['b', 'a']);
    expect(s.queryLogEvents({ group: 'g', streams: ['s1'], limit: 10 }).map((e) => e.message)).toEqual(['a']);
    expect(s.queryLogEvents({ group: 'g', startTime: 6, limit: 10 }).map((e) => e.message)).toEqual(['a']);
    expect(s.queryLogEvents({ group: 'g', streamPrefix: 's', limit: 10, descending: true }).map((e) => [e.group, e.stream, e.message])).toEqual([
      ['g', 's1', 'a'],
      ['g', 's2', 'b'],
    ]);
    expect(s.queryLogEvents({ group: 'g', streams: ['nope'], limit: 10 })).toEqual([]);
    expect(s.queryLogEvents({ group: 'nope', limit: 10 })).toEqual([]);
    s.deleteLogEvents('g', 's2');
    expect(s.queryLogEvents({ group: 'g', limit: 10 }).map((e) => e.message)).toEqual(['a']);
    s.deleteLogEvents('g');
    expect(s.queryLogEvents({ group: 'g', limit: 10 })).toEqual([]);
    expect(s.queryLogEvents({ group: 'h', limit: 10 }).map((e) => e.message)).toEqual(['c']);
  });

  it('forgets the ids a rolled-back append created', () => {
    const s = openSqliteStore(':memory:');
    expect(() =>
      s.transaction(() => {
        s.appendLogEvents('g', 's', [{ timestamp: 1, message: 'lost' }], 1);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    s.appendLogEvents('other', 'x', [{ timestamp: 1, message: 'o' }], 1);
    s.appendLogEvents('g', 's', [{ timestamp: 2, message: 'kept' }], 2);
    // The rolled-back event's sequence number is given again: it was never seen.
    expect(s.queryLogEvents({ group: 'g', limit: 10 }).map((e) => [e.seq, e.stream, e.message])).toEqual([[2, 's', 'kept']]);
    expect(s.queryLogEvents({ group: 'other', limit: 10 }).map((e) => [e.stream, e.message])).toEqual([['x', 'o']]);
  });

  // Events are stored in batches (one row per append to a stream, split at 1024 events); a query
  // reads the batches whose time span meets it and gives the events in (timestamp, seq) order, as
  // one row an event did: here across batches whose spans overlap, with limits and positions.
  it('orders events across batches whose time spans overlap, with limits and paging positions', () => {
    const s = openSqliteStore(':memory:');
    // Batch A: 1, 3, …, 2999 (1500 events: two rows); B: 2, 4, …, 20 in another stream; C: 0, 2, 4 in A's stream.
    s.appendLogEvents('g', 'a', Array.from({ length: 1500 }, (_, i) => ({ timestamp: 2 * i + 1, message: `a${2 * i + 1}` })), 100);
    s.appendLogEvents('g', 'b', Array.from({ length: 10 }, (_, i) => ({ timestamp: 2 * i + 2, message: `b${2 * i + 2}` })), 200);
    s.appendLogEvents('g', 'a', [0, 2, 4].map((t) => ({ timestamp: t, message: `c${t}` })), 300);
    const messages = (q: Partial<Parameters<typeof s.queryLogEvents>[0]>) => s.queryLogEvents({ group: 'g', limit: 10, ...q }).map((e) => e.message);

    expect(messages({ limit: 8 })).toEqual(['c0', 'a1', 'b2', 'c2', 'a3', 'b4', 'c4', 'a5']);
    expect(messages({ limit: 4, descending: true })).toEqual(['a2999', 'a2997', 'a2995', 'a2993']);
    expect(messages({ streams: ['a'], limit: 5 })).toEqual(['c0', 'a1', 'c2', 'a3', 'c4']);
    expect(messages({ startTime: 2047, endTime: 2052, limit: 100 })).toEqual(['a2047', 'a2049', 'a2051']);
    // Equal timestamps keep the order they were appended in (b2 before c2), and a position pages past either.
    const all = s.queryLogEvents({ group: 'g', limit: 5000 });
    expect(all.length).toBe(1513);
    expect(all.map((e) => e.timestamp)).toEqual([...all.map((e) => e.timestamp)].sort((x, y) => x - y));
    const b2 = all.find((e) => e.message === 'b2')!;
    expect(messages({ after: { timestamp: b2.timestamp, seq: b2.seq }, limit: 3 })).toEqual(['c2', 'a3', 'b4']);
    expect(messages({ before: { timestamp: b2.timestamp, seq: b2.seq }, limit: 3, descending: true })).toEqual(['a1', 'c0']);
    // Each event keeps its own number and its append's ingestion time.
    expect(new Set(all.map((e) => e.seq)).size).toBe(1513);
    expect(all.find((e) => e.message === 'c4')!.ingestionTime).toBe(300);
    expect(all.find((e) => e.message === 'a2999')!.stream).toBe('a');
    s.close();
  });

  // A batch keeps its messages end to end with their lengths: a message SQLite's UTF-8 would
  // change the length of (a lone surrogate) must not shift the messages after it.
  it('gives back every message of a batch as it was, NUL, emoji and tabs included; a lone surrogate as U+FFFD', () => {
    const s = openSqliteStore(':memory:');
    const messages = ['a\u0000b', '😀 emoji', 'lone \ud800 surrogate', 'tab\tnewline\n', 'é'.repeat(5), 'last'];
    s.appendLogEvents('g', 's', messages.map((message, i) => ({ timestamp: i, message })), 1);
    expect(s.queryLogEvents({ group: 'g', limit: 10 }).map((e) => e.message)).toEqual(messages.map((m) => m.replace('\ud800', '\ufffd')));
    s.close();
  });

  it('moves log events written before log groups and streams had ids, sequence numbers and all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kanaria-store-'));
    dirs.push(dir);
    const file = join(dir, 'state.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE documents (kind TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID;
      CREATE TABLE log_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, grp TEXT NOT NULL, stream TEXT NOT NULL, timestamp INTEGER NOT NULL, ingestion_time INTEGER NOT NULL, message TEXT NOT NULL);
      CREATE INDEX log_events_by_stream ON log_events (grp, stream, timestamp);
      CREATE INDEX log_events_by_group ON log_events (grp, timestamp);
      PRAGMA user_version = 1;`);
    const insert = old.prepare('INSERT INTO log_events (grp, stream, timestamp, ingestion_time, message) VALUES (?, ?, ?, ?, ?)');
    insert.run('g', 's1', 10, 11, 'a');
    insert.run('g', 's2', 5, 11, 'b');
    insert.run('h', 's1', 1, 11, 'c');
    insert.run('g', 's1', 20, 21, 'deleted');
    old.exec("DELETE FROM log_events WHERE message = 'deleted'");
    old.close();

    const s = openSqliteStore(file);
    expect(s.queryLogEvents({ group: 'g', limit: 10 }).map((e) => [e.seq, e.stream, e.timestamp, e.ingestionTime, e.message])).toEqual([
      [2, 's2', 5, 11, 'b'],
      [1, 's1', 10, 11, 'a'],
    ]);
    expect(s.queryLogEvents({ group: 'h', streams: ['s1'], limit: 10 }).map((e) => [e.seq, e.message])).toEqual([[3, 'c']]);
    // A new event never reuses a sequence number, not even a deleted event's.
    s.appendLogEvents('g', 's3', [{ timestamp: 30, message: 'new' }], 31);
    expect(s.queryLogEvents({ group: 'g', streams: ['s3'], limit: 10 }).map((e) => e.seq)).toEqual([5]);
    s.close();
  });
});
