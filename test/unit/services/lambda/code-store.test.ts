// The code store on disk: unpacking into place, idempotent uploads, and pruning that keeps what a
// version uses and what was uploaded moments ago (a create racing a delete of the same name).
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CodeStore } from '../../../../src/services/lambda/code/code-store.js';
import { ZipRejected } from '../../../../src/services/lambda/code/zip-check.js';
import { buildZip } from '../../../fixtures/lambda/zip.js';

describe('CodeStore', () => {
  const root = mkdtempSync(join(tmpdir(), 'kanaria-code-store-'));
  const store = new CodeStore(root);
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const age = (path: string, seconds: number) => {
    const t = new Date(Date.now() - seconds * 1000);
    utimesSync(path, t, t);
  };

  test('unpacks a package under account/region/function/<sha256>, keeping the zip beside it', async () => {
    const zip = await buildZip({ 'app.py': 'x = 1\n', 'lib/util.py': 'y = 2\n', 'run.sh': { content: '#!/bin/sh\n', mode: 0o100755 } });
    const code = await store.put('000000000000', 'us-east-1', 'fn', zip);
    const dir = store.codePath('000000000000', 'us-east-1', 'fn', code.hex);
    expect(readFileSync(join(dir, 'lib/util.py'), 'utf8')).toBe('y = 2\n');
    expect(statSync(join(dir, 'run.sh')).mode & 0o777).toBe(0o755);
    expect(readFileSync(`${dir}.zip`).equals(zip)).toBe(true);
    expect(code.size).toBe(zip.length);
    expect(await store.put('000000000000', 'us-east-1', 'fn', zip)).toEqual(code);
    expect(readdirSync(join(root, '.tmp'))).toEqual([]);
  });

  test('a refused package leaves nothing behind', async () => {
    await expect(store.put('000000000000', 'us-east-1', 'other', Buffer.from('not a zip'))).rejects.toBeInstanceOf(ZipRejected);
    expect(existsSync(join(root, '000000000000', 'us-east-1', 'other'))).toBe(false);
    expect(readdirSync(join(root, '.tmp'))).toEqual([]);
  });

  test('prune keeps used and fresh code, removes the rest, and the folder once empty', async () => {
    const a = await store.put('000000000000', 'us-east-1', 'p', await buildZip({ 'a.py': 'a' }));
    const b = await store.put('000000000000', 'us-east-1', 'p', await buildZip({ 'b.py': 'b' }));
    const c = await store.put('000000000000', 'us-east-1', 'p', await buildZip({ 'c.py': 'c' }));
    const path = (hex: string) => store.codePath('000000000000', 'us-east-1', 'p', hex);
    for (const hex of [a.hex, b.hex]) for (const p of [path(hex), `${path(hex)}.zip`]) age(p, 60);
    // b is old and unused, a is old but in use, c is fresh (an upload not committed yet).
    expect(await store.prune('000000000000', 'us-east-1', 'p', new Set([a.hex]), 10_000)).toBe(2);
    expect(existsSync(path(a.hex))).toBe(true);
    expect(existsSync(path(b.hex))).toBe(false);
    expect(existsSync(`${path(b.hex)}.zip`)).toBe(false);
    expect(existsSync(path(c.hex))).toBe(true);
    for (const p of [path(c.hex), `${path(c.hex)}.zip`]) age(p, 60);
    expect(await store.prune('000000000000', 'us-east-1', 'p', new Set(), 10_000)).toBe(0);
    expect(existsSync(join(root, '000000000000', 'us-east-1', 'p'))).toBe(false);
  });

  test('path segments come only from validated names', () => {
    expect(() => store.functionDir('000000000000', 'us-east-1', '../escape')).toThrow(/unsafe path segment/);
    expect(() => store.codePath('000000000000', 'us-east-1', 'fn', '../../x')).toThrow(/unsafe code id/);
  });
});
