// Function code on disk, inside codeDir only: `<account>/<region>/<function>/<sha256 hex>/` holds
// the unpacked package and `<sha256 hex>.zip` the upload (for GetFunction's Code.Location). A
// package is unpacked into `.tmp/` and renamed into place only once every entry is written.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type yauzl from 'yauzl';
import { BAD_ZIP, MAX_UNZIPPED_BYTES, planZip, ZipRejected, type PlannedEntry } from './zip-check.js';

export interface StoredCode {
  hex: string;
  /** base64 sha256 of the zip, as CodeSha256. */
  sha256: string;
  size: number;
}

const SEGMENT = /^[a-zA-Z0-9_-]+$/;

export class CodeStore {
  private readonly root: string;

  /** `root` may be relative (to the cwd): entries are checked against its absolute form. */
  constructor(root: string) {
    this.root = resolve(root);
  }

  functionDir(accountId: string, region: string, name: string): string {
    for (const s of [accountId, region, name]) if (!SEGMENT.test(s)) throw new Error(`unsafe path segment: ${s}`);
    return join(this.root, accountId, region, name);
  }

  codePath(accountId: string, region: string, name: string, hex: string): string {
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`unsafe code id: ${hex}`);
    return join(this.functionDir(accountId, region, name), hex);
  }

  zipPath(accountId: string, region: string, name: string, hex: string): string {
    return `${this.codePath(accountId, region, name, hex)}.zip`;
  }

  /** Checks and unpacks a package; throws ZipRejected for a package AWS would refuse. */
  async put(accountId: string, region: string, name: string, zip: Buffer): Promise<StoredCode> {
    const digest = createHash('sha256').update(zip).digest();
    const code = { hex: digest.toString('hex'), sha256: digest.toString('base64'), size: zip.length };
    const final = this.codePath(accountId, region, name, code.hex);
    if (existsSync(final)) return code;
    const plan = await planZip(zip);
    const tmp = join(this.root, '.tmp', randomUUID());
    try {
      await mkdir(tmp, { recursive: true });
      await unpack(plan.zip, plan.entries, tmp);
      await mkdir(dirname(final), { recursive: true });
      await writeFile(`${final}.zip`, zip);
      if (existsSync(final)) await rm(tmp, { recursive: true, force: true });
      else await rename(tmp, final);
    } catch (err) {
      await rm(tmp, { recursive: true, force: true });
      throw err;
    } finally {
      plan.zip.close();
    }
    return code;
  }

  /**
   * Removes a function's code folders except those in `keep` (hex ids) and those younger than
   * `minAgeMs` (an upload not committed yet); returns how many it left for being young.
   */
  async prune(accountId: string, region: string, name: string, keep: Set<string>, minAgeMs: number): Promise<number> {
    const dir = this.functionDir(accountId, region, name);
    const names = await readdir(dir).catch(() => [] as string[]);
    const now = Date.now();
    let young = 0;
    for (const n of names) {
      if (keep.has(n.replace(/\.zip$/, ''))) continue;
      const info = await stat(join(dir, n)).catch(() => undefined);
      if (info && now - info.mtimeMs < minAgeMs) young++;
      else if (info) await rm(join(dir, n), { recursive: true, force: true });
    }
    if (keep.size === 0 && young === 0) await rm(dir, { recursive: true, force: true });
    return young;
  }
}

function inside(root: string, path: string): string {
  const full = resolve(root, path);
  if (!full.startsWith(root + sep)) throw new ZipRejected(`Could not unzip uploaded file. The entry '${path}' would be written outside the function's code folder.`);
  return full;
}

/** Writes directories and files first, links last, so no write ever goes through a link. */
async function unpack(zip: yauzl.ZipFile, entries: PlannedEntry[], root: string): Promise<void> {
  let written = 0;
  // Entries that collide (a file where a folder must go) make the package unreadable, as unzip says.
  const structural = (err: NodeJS.ErrnoException) => {
    throw err instanceof ZipRejected || ['ENOTDIR', 'EEXIST', 'EISDIR'].includes(err.code ?? '') ? (err instanceof ZipRejected ? err : new ZipRejected(BAD_ZIP)) : err;
  };
  for (const e of entries.filter((x) => x.kind === 'dir')) await mkdir(inside(root, e.path), { recursive: true, mode: 0o755 }).catch(structural);
  for (const e of entries.filter((x) => x.kind === 'file')) {
    const target = inside(root, e.path);
    await mkdir(dirname(target), { recursive: true }).catch(structural);
    const source = await new Promise<NodeJS.ReadableStream>((ok, fail) =>
      zip.openReadStream(e.entry, (err, stream) => (err || !stream ? fail(new ZipRejected(BAD_ZIP)) : ok(stream))),
    );
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        written += chunk.length;
        done(written > MAX_UNZIPPED_BYTES ? new ZipRejected(`Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`) : null, chunk);
      },
    });
    await pipeline(source, counter, createWriteStream(target, { mode: e.mode })).catch((err) => {
      throw err instanceof ZipRejected ? err : new ZipRejected(BAD_ZIP);
    });
  }
  for (const e of entries.filter((x) => x.kind === 'symlink')) {
    await symlink(e.target!, inside(root, e.path)).catch(() => {
      throw new ZipRejected(BAD_ZIP);
    });
  }
}
