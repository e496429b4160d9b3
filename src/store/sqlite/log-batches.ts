// The log events of the SQLite store, kept in batches: one row holds the events one append gave
// one stream (up to BATCH_EVENTS): their messages end to end, the messages' lengths (UTF-16 code
// units, uint32 LE) and their timestamps (float64 LE) (migration 3; JSON arrays made an append
// ~1.7 times as dear: escapes and number formatting). SQLite keeps text as UTF-8, where a lone
// surrogate cannot go; it is stored as U+FFFD, so that the lengths still add up.
// Kanaria's own writers append thousands of short lines a second; a row and two index entries
// per line cost ~7 µs of the request thread per Lambda invocation (START, END, REPORT), a row per
// batch ~2–3 (bench notes in the README). Each event keeps its own sequence number: a batch's key
// is the number of its last event, so sqlite_sequence is the high-water mark and numbers are
// never reused. Reads unpack the batches whose time span meets the query and order the events
// by (timestamp, seq), as one row an event did: oldest first, batches come in order of their first
// event, newest first in order of their last, each from an index that holds both ends (the spans
// are checked in the index; SQLite would otherwise take an index on the other end and sort every
// batch after a paging position), so that a query stops at the first batch wholly past its
// limit-th event.
import type Database from 'better-sqlite3';
import type { LogEventQuery, StoredLogEvent } from '../store.js';

/** Events in one batch row at most (a PutLogEvents call carries up to 10,000). */
const BATCH_EVENTS = 1024;

/** String.prototype.isWellFormed / toWellFormed (ES2024, in Node 20; TypeScript's ES2022 lib lacks them). */
type WellFormed = { isWellFormed(): boolean; toWellFormed(): string };
const wellFormed = (s: string) => ((s as unknown as WellFormed).isWellFormed() ? s : (s as unknown as WellFormed).toWellFormed());

interface BatchRow {
  lastSeq: number;
  count: number;
  firstTs: number;
  lastTs: number;
  ingestionTime: number;
  /** null in a batch of one (its time is firstTs). */
  times: Buffer | null;
  /** null in a batch of one (its message is all of `messages`). */
  lengths: Buffer | null;
  messages: string;
  stream: string;
}

export interface LogBatches {
  append(group: string, stream: string, events: ReadonlyArray<{ timestamp: number; message: string }>, ingestionTime: number): void;
  query(query: LogEventQuery): StoredLogEvent[];
  delete(group: string, stream?: string): void;
  /** After a rollback: ids and the sequence it created are gone. */
  forget(): void;
}

/** The smallest string greater than every string starting with `prefix`. */
export const prefixEnd = (prefix: string) => prefix + '\uffff';

export function logBatches(db: Database.Database): LogBatches {
  const q = {
    insert: db.prepare('INSERT INTO log_batches (last_seq, gid, sid, count, first_ts, last_ts, ingestion_time, times, lengths, messages) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    sequence: db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'log_batches'"),
    deleteGroup: db.prepare('DELETE FROM log_batches WHERE gid = ?'),
    deleteStream: db.prepare('DELETE FROM log_batches WHERE sid = ?'),
    groupId: db.prepare<[string], { id: number }>('SELECT id FROM log_groups WHERE grp = ?'),
    addGroup: db.prepare<[string]>('INSERT INTO log_groups (grp) VALUES (?)'),
    streamId: db.prepare<[string, string], { id: number }>('SELECT id FROM log_streams WHERE grp = ? AND stream = ?'),
    addStream: db.prepare<[string, string]>('INSERT INTO log_streams (grp, stream) VALUES (?, ?)'),
  };

  // Ids and the next sequence number are remembered once read; a rollback forgets them.
  const groupIds = new Map<string, number>();
  const streamIds = new Map<string, number>();
  let nextSeq: number | undefined;

  function groupIdOf(group: string, create: boolean): number | undefined {
    let id = groupIds.get(group);
    if (id === undefined) {
      id = q.groupId.get(group)?.id ?? (create ? Number(q.addGroup.run(group).lastInsertRowid) : undefined);
      if (id !== undefined) groupIds.set(group, id);
    }
    return id;
  }
  function streamIdOf(group: string, stream: string, create: boolean): number | undefined {
    const key = `${group}\u0000${stream}`;
    let id = streamIds.get(key);
    if (id === undefined) {
      id = q.streamId.get(group, stream)?.id ?? (create ? Number(q.addStream.run(group, stream).lastInsertRowid) : undefined);
      if (id !== undefined) streamIds.set(key, id);
    }
    return id;
  }

  return {
    append(group, stream, events, ingestionTime) {
      if (events.length === 0) return;
      const gid = groupIdOf(group, true)!;
      const sid = streamIdOf(group, stream, true)!;
      let seq = nextSeq ?? (q.sequence.get()?.seq ?? 0) + 1;
      for (let start = 0; start < events.length; start += BATCH_EVENTS) {
        const end = Math.min(events.length, start + BATCH_EVENTS);
        const n = end - start;
        const times = new Float64Array(n);
        const lengths = new Uint32Array(n);
        let messages = '';
        let first = Infinity;
        let last = -Infinity;
        for (let i = 0; i < n; i++) {
          const t = events[start + i].timestamp;
          const message = wellFormed(events[start + i].message);
          times[i] = t;
          lengths[i] = message.length;
          messages += message;
          if (t < first) first = t;
          if (t > last) last = t;
        }
        const lastSeq = seq + n - 1;
        const blob = (a: ArrayBufferView) => (n === 1 ? null : Buffer.from(a.buffer, a.byteOffset, a.byteLength));
        q.insert.run(lastSeq, gid, sid, n, first, last, ingestionTime, blob(times), blob(lengths), messages);
        seq = lastSeq + 1;
      }
      nextSeq = seq;
    },

    query(query) {
      if (query.limit <= 0) return [];
      const gid = groupIdOf(query.group, false);
      if (gid === undefined) return [];
      const where: string[] = [];
      const params: Record<string, unknown> = { gid, group: query.group };
      if (query.streams?.length) {
        // Stream ids belong to the group: the stream index alone serves these (GetLogEvents).
        const sids = query.streams.map((s) => streamIdOf(query.group, s, false)).filter((id) => id !== undefined);
        if (sids.length === 0) return [];
        where.push(`b.sid IN (${sids.map((_, i) => `@s${i}`).join(', ')})`);
        sids.forEach((id, i) => (params[`s${i}`] = id));
      } else where.push('b.gid = @gid');
      if (query.streamPrefix) {
        where.push('b.sid IN (SELECT id FROM log_streams WHERE grp = @group AND stream >= @sp AND stream < @spEnd)');
        params.sp = query.streamPrefix;
        params.spEnd = prefixEnd(query.streamPrefix);
      }
      // The batches whose time span meets the query's; each event is checked again below.
      const from = Math.max(query.startTime ?? -Infinity, query.after?.timestamp ?? -Infinity);
      const to = Math.min(query.endTime ?? Infinity, query.before ? query.before.timestamp + 1 : Infinity);
      if (from > -Infinity) (where.push('b.last_ts >= @from'), (params.from = from));
      if (to < Infinity) (where.push('b.first_ts < @to'), (params.to = to));
      // Only the stop below needs an order, and only of the ends: the events are sorted themselves.
      const order = query.descending ? 'b.last_ts DESC' : 'b.first_ts ASC';
      const index = `log_batches_by_${query.streams?.length ? 'stream' : 'group'}${query.descending ? '_end' : ''}`;
      const sql =
        'SELECT b.last_seq AS lastSeq, b.count AS count, b.first_ts AS firstTs, b.last_ts AS lastTs, b.ingestion_time AS ingestionTime, b.times AS times, b.lengths AS lengths, b.messages AS messages, s.stream AS stream ' +
        `FROM log_batches b INDEXED BY ${index} JOIN log_streams s ON s.id = b.sid WHERE ${where.join(' AND ')} ORDER BY ${order}`;

      const inRange = (t: number, seq: number) =>
        t >= from &&
        t < to &&
        (!query.after || t > query.after.timestamp || seq > query.after.seq) &&
        (!query.before || t < query.before.timestamp || seq < query.before.seq);
      const sign = query.descending ? -1 : 1;
      const compare = (a: StoredLogEvent, b: StoredLogEvent) => sign * (a.timestamp - b.timestamp || a.seq - b.seq);
      let found: StoredLogEvent[] = [];
      /** The limit-th event's timestamp once that many are found: batches wholly past it are not read. */
      let bound: number | undefined;
      const cut = () => {
        found.sort(compare);
        if (found.length > query.limit) found = found.slice(0, query.limit);
        if (found.length === query.limit) bound = found[found.length - 1].timestamp;
      };
      for (const row of db.prepare(sql).iterate(params) as IterableIterator<BatchRow>) {
        if (bound !== undefined && (query.descending ? row.lastTs < bound : row.firstTs > bound)) break;
        const firstSeq = row.lastSeq - row.count + 1;
        for (let i = 0, at = 0; i < row.count; i++) {
          const timestamp = row.times ? row.times.readDoubleLE(8 * i) : row.firstTs;
          const length = row.lengths ? row.lengths.readUInt32LE(4 * i) : row.messages.length;
          at += length;
          if (!inRange(timestamp, firstSeq + i)) continue;
          found.push({ seq: firstSeq + i, group: query.group, stream: row.stream, timestamp, ingestionTime: row.ingestionTime, message: row.messages.slice(at - length, at) });
        }
        if (found.length >= query.limit * 2 || (bound === undefined && found.length >= query.limit)) cut();
      }
      cut();
      return found;
    },

    delete(group, stream) {
      const gid = groupIdOf(group, false);
      if (gid === undefined) return;
      if (stream === undefined) {
        q.deleteGroup.run(gid);
        return;
      }
      const sid = streamIdOf(group, stream, false);
      if (sid !== undefined) q.deleteStream.run(sid);
    },

    forget() {
      groupIds.clear();
      streamIds.clear();
      nextSeq = undefined;
    },
  };
}
