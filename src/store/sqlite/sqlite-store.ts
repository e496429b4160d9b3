// The embedded Store: one SQLite file (WAL mode) under the data directory, or an in-memory
// database for `--ephemeral`. Statements are prepared once; writes inside a transaction are
// announced to change listeners only after the transaction commits.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChangeEvent, Doc, LogEventQuery, LogEventRow, Store, StoredLogEvent } from '../store.js';
import { StaleWriteError } from '../store.js';
import { migrate } from './migrations.js';

/** Rows per INSERT statement of log events (5 parameters each, far under SQLite's limit). */
const APPEND_CHUNK = 64;

interface DocRow {
  kind: string;
  id: string;
  version: number;
  data: string;
}

/** The smallest string greater than every string starting with `prefix`. */
const prefixEnd = (prefix: string) => prefix + '\uffff';

export function openSqliteStore(file: string | ':memory:'): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const q = {
    get: db.prepare<[string, string], DocRow>('SELECT kind, id, version, data FROM documents WHERE kind = ? AND id = ?'),
    listAll: db.prepare<[string], DocRow>('SELECT kind, id, version, data FROM documents WHERE kind = ? ORDER BY id'),
    listPrefix: db.prepare<[string, string, string], DocRow>('SELECT kind, id, version, data FROM documents WHERE kind = ? AND id >= ? AND id < ? ORDER BY id'),
    version: db.prepare<[string, string], { version: number }>('SELECT version FROM documents WHERE kind = ? AND id = ?'),
    upsert: db.prepare('INSERT INTO documents (kind, id, version, data) VALUES (@kind, @id, @version, @data) ON CONFLICT (kind, id) DO UPDATE SET version = @version, data = @data'),
    delete: db.prepare('DELETE FROM documents WHERE kind = ? AND id = ?'),
    idsPrefix: db.prepare<[string, string, string], { id: string }>('SELECT id FROM documents WHERE kind = ? AND id >= ? AND id < ?'),
    deletePrefix: db.prepare('DELETE FROM documents WHERE kind = ? AND id >= ? AND id < ?'),
    deleteGroupEvents: db.prepare('DELETE FROM log_events WHERE grp = ?'),
    deleteStreamEvents: db.prepare('DELETE FROM log_events WHERE grp = ? AND stream = ?'),
  };

  const listeners = new Set<(e: ChangeEvent) => void>();
  let pending: ChangeEvent[] = [];
  let depth = 0;

  const toDoc = <T>(row: DocRow): Doc<T> => ({ kind: row.kind, id: row.id, version: row.version, data: JSON.parse(row.data) as T });

  function announce(event: ChangeEvent): void {
    if (depth > 0) pending.push(event);
    else for (const l of listeners) l(event);
  }

  const runInTransaction = db.transaction((fn: () => unknown) => fn());

  // Log events go in with multi-row INSERTs of up to APPEND_CHUNK rows: Kanaria's own log
  // writers flush thousands of rows a second, and one statement per row costs about half as much
  // again per row. One prepared statement per chunk size, made on first use.
  const appendStatements = new Map<number, Database.Statement>();
  function appendStatement(rows: number): Database.Statement {
    let stmt = appendStatements.get(rows);
    if (!stmt) {
      stmt = db.prepare(`INSERT INTO log_events (grp, stream, timestamp, ingestion_time, message) VALUES ${Array(rows).fill('(?, ?, ?, ?, ?)').join(', ')}`);
      appendStatements.set(rows, stmt);
    }
    return stmt;
  }

  const store: Store = {
    get<T>(kind: string, id: string) {
      const row = q.get.get(kind, id);
      return row ? toDoc<T>(row) : undefined;
    },
    list<T>(kind: string, prefix?: string) {
      const rows = prefix ? q.listPrefix.all(kind, prefix, prefixEnd(prefix)) : q.listAll.all(kind);
      return rows.map((r) => toDoc<T>(r));
    },
    put<T>(kind: string, id: string, data: T, expectedVersion?: number) {
      return store.transaction(() => {
        const current = q.version.get(kind, id)?.version ?? 0;
        if (expectedVersion !== undefined && current !== expectedVersion) throw new StaleWriteError(kind, id);
        const version = current + 1;
        q.upsert.run({ kind, id, version, data: JSON.stringify(data) });
        announce({ kind, id, data });
        return version;
      });
    },
    delete(kind: string, id: string) {
      return store.transaction(() => {
        const deleted = q.delete.run(kind, id).changes > 0;
        if (deleted) announce({ kind, id, data: undefined });
        return deleted;
      });
    },
    deletePrefix(kind: string, prefix: string) {
      return store.transaction(() => {
        const ids = q.idsPrefix.all(kind, prefix, prefixEnd(prefix));
        q.deletePrefix.run(kind, prefix, prefixEnd(prefix));
        for (const { id } of ids) announce({ kind, id, data: undefined });
        return ids.length;
      });
    },
    transaction<R>(fn: () => R): R {
      if (depth > 0) return fn();
      depth++;
      let result: R;
      try {
        result = runInTransaction(fn) as R;
      } catch (err) {
        pending = [];
        throw err;
      } finally {
        depth--;
      }
      const events = pending;
      pending = [];
      for (const e of events) for (const l of listeners) l(e);
      return result;
    },
    appendLogEvents(rows: LogEventRow[]) {
      if (rows.length === 0) return;
      store.transaction(() => {
        for (let start = 0; start < rows.length; start += APPEND_CHUNK) {
          const end = Math.min(rows.length, start + APPEND_CHUNK);
          const values: unknown[] = new Array((end - start) * 5);
          for (let i = start, k = 0; i < end; i++, k += 5) {
            const row = rows[i];
            values[k] = row.group;
            values[k + 1] = row.stream;
            values[k + 2] = row.timestamp;
            values[k + 3] = row.ingestionTime;
            values[k + 4] = row.message;
          }
          appendStatement(end - start).run(values);
        }
      });
    },
    queryLogEvents(query: LogEventQuery): StoredLogEvent[] {
      const where = ['grp = @group'];
      const params: Record<string, unknown> = { group: query.group, limit: query.limit };
      if (query.streams?.length) {
        where.push(`stream IN (${query.streams.map((_, i) => `@s${i}`).join(', ')})`);
        query.streams.forEach((s, i) => (params[`s${i}`] = s));
      }
      if (query.streamPrefix) {
        where.push('stream >= @sp AND stream < @spEnd');
        params.sp = query.streamPrefix;
        params.spEnd = prefixEnd(query.streamPrefix);
      }
      if (query.startTime !== undefined) (where.push('timestamp >= @startTime'), (params.startTime = query.startTime));
      if (query.endTime !== undefined) (where.push('timestamp < @endTime'), (params.endTime = query.endTime));
      if (query.afterSeq !== undefined) (where.push('seq > @afterSeq'), (params.afterSeq = query.afterSeq));
      if (query.beforeSeq !== undefined) (where.push('seq < @beforeSeq'), (params.beforeSeq = query.beforeSeq));
      if (query.after) (where.push('(timestamp > @afterTs OR (timestamp = @afterTs AND seq > @afterPos))'), (params.afterTs = query.after.timestamp), (params.afterPos = query.after.seq));
      if (query.before) (where.push('(timestamp < @beforeTs OR (timestamp = @beforeTs AND seq < @beforePos))'), (params.beforeTs = query.before.timestamp), (params.beforePos = query.before.seq));
      const order = query.descending ? 'DESC' : 'ASC';
      const sql = `SELECT seq, grp AS "group", stream, timestamp, ingestion_time AS ingestionTime, message FROM log_events WHERE ${where.join(' AND ')} ORDER BY timestamp ${order}, seq ${order} LIMIT @limit`;
      return db.prepare(sql).all(params) as StoredLogEvent[];
    },
    deleteLogEvents(group: string, stream?: string) {
      if (stream === undefined) q.deleteGroupEvents.run(group);
      else q.deleteStreamEvents.run(group, stream);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      db.close();
    },
  };
  return store;
}
