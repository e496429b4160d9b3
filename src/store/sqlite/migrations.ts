// Numbered schema migrations for the SQLite store; `PRAGMA user_version` records the last applied.
import type { Database } from 'better-sqlite3';

const MIGRATIONS: string[] = [
  // 1: documents and log events
  `CREATE TABLE documents (
     kind TEXT NOT NULL,
     id TEXT NOT NULL,
     version INTEGER NOT NULL,
     data TEXT NOT NULL,
     PRIMARY KEY (kind, id)
   ) WITHOUT ROWID;
   CREATE TABLE log_events (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     grp TEXT NOT NULL,
     stream TEXT NOT NULL,
     timestamp INTEGER NOT NULL,
     ingestion_time INTEGER NOT NULL,
     message TEXT NOT NULL
   );
   CREATE INDEX log_events_by_stream ON log_events (grp, stream, timestamp);
   CREATE INDEX log_events_by_group ON log_events (grp, timestamp);`,
];

export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let i = current; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i]);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
}
