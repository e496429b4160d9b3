// The WAL checkpointer of a file store, in a worker thread with its own SQLite connection: it copies
// the write-ahead log back into the database every `intervalMs`, so the main thread, whose
// connection has automatic checkpoints turned off, never spends its time on that copy or on its
// fsyncs (about half the cost of each log insert there). PASSIVE checkpoints never wait for
// locks: a busy moment is simply caught up at the next tick. Plain JavaScript, so it loads the
// same way from src/ (tests) and dist/ (copied by the build).
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { file, intervalMs } = workerData;
const db = new Database(file);
db.pragma('busy_timeout = 0');

const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // SQLITE_BUSY or a database being closed: the next tick tries again.
  }
};

const timer = setInterval(checkpoint, intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
