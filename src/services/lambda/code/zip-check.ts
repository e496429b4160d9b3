// Reads a deployment package's central directory and decides, before anything is written, whether
// it may be unpacked: a real zip, at most 250 MB unzipped, no entry or symbolic link that leads out
// of the code folder. Texts start as AWS's ("Could not unzip uploaded file. …").
import { posix } from 'node:path';
import yauzl from 'yauzl';

export const MAX_ZIPPED_BYTES = 50 * 1024 * 1024;
export const MAX_UNZIPPED_BYTES = 262_144_000;
const MAX_LINK_TARGET = 4096;
const UNZIP = 'Could not unzip uploaded file.';
export const BAD_ZIP = `${UNZIP} Please check your file, then try to upload again.`;

/** The package is refused; the message goes to the caller as InvalidParameterValueException. */
export class ZipRejected extends Error {}

export interface PlannedEntry {
  /** Normalised relative POSIX path inside the code folder. */
  path: string;
  kind: 'file' | 'dir' | 'symlink';
  /** Permission bits to give the file (from the zip's Unix attributes, else 0644). */
  mode: number;
  size: number;
  entry: yauzl.Entry;
  /** For symlinks: where the link points. */
  target?: string;
}

export interface ZipPlan {
  zip: yauzl.ZipFile;
  entries: PlannedEntry[];
  unzippedBytes: number;
}

/** Why an entry name may not be unpacked, or its normalised path (undefined for `./`). */
export function checkEntryName(raw: string): { path?: string; problem?: string } {
  const name = raw.replace(/\\/g, '/');
  if (name.includes('\0')) return { problem: `${UNZIP} The entry name '${raw}' contains a NUL character.` };
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return { problem: `${UNZIP} The entry '${raw}' has an absolute path; entries must stay inside the function's code folder.` };
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) return { problem: `${UNZIP} The entry '${raw}' would be written outside the function's code folder.` };
  return { path: parts.length ? parts.join('/') : undefined };
}

/** Why a symbolic link at `linkPath` pointing to `target` is refused, if it is. */
export function checkLinkTarget(linkPath: string, target: string): string | undefined {
  const resolved = posix.normalize(posix.join(posix.dirname(linkPath), target.replace(/\\/g, '/')));
  if (target.startsWith('/') || /^[a-zA-Z]:/.test(target) || resolved === '..' || resolved.startsWith('../')) {
    return `${UNZIP} The symbolic link '${linkPath}' points outside the function's code folder ('${target}').`;
  }
  return undefined;
}

function kindOf(entry: yauzl.Entry, path: string): { kind: PlannedEntry['kind']; mode: number } {
  const unix = entry.versionMadeBy >> 8 === 3 ? entry.externalFileAttributes >>> 16 : 0;
  const type = unix & 0o170000;
  if (type === 0o120000) return { kind: 'symlink', mode: 0o777 };
  if (type === 0o040000 || path.endsWith('/')) return { kind: 'dir', mode: 0o755 };
  const perms = unix & 0o777;
  return { kind: 'file', mode: perms ? perms | 0o400 : 0o644 };
}

function readSmall(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  return new Promise((resolve, reject) => {
    if (entry.uncompressedSize > MAX_LINK_TARGET) return reject(new ZipRejected(BAD_ZIP));
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(new ZipRejected(BAD_ZIP));
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      stream.on('error', () => reject(new ZipRejected(BAD_ZIP)));
    });
  });
}

function openZip(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) reject(new ZipRejected(BAD_ZIP));
      else resolve(zip);
    });
  });
}

function readEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', () => reject(new ZipRejected(BAD_ZIP)));
    zip.readEntry();
  });
}

export async function planZip(buffer: Buffer): Promise<ZipPlan> {
  const zip = await openZip(buffer);
  const raw = await readEntries(zip);
  const entries: PlannedEntry[] = [];
  let unzippedBytes = 0;
  for (const entry of raw) {
    const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
    const checked = checkEntryName(name);
    if (checked.problem) throw new ZipRejected(checked.problem);
    if (!checked.path) continue;
    const { kind, mode } = kindOf(entry, name);
    if (entry.isEncrypted()) throw new ZipRejected(BAD_ZIP);
    unzippedBytes += entry.uncompressedSize;
    entries.push({ path: checked.path, kind, mode, size: entry.uncompressedSize, entry });
  }
  if (unzippedBytes > MAX_UNZIPPED_BYTES) throw new ZipRejected(`Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`);
  for (const e of entries) {
    if (e.kind !== 'symlink') continue;
    e.target = await readSmall(zip, e.entry);
    const problem = checkLinkTarget(e.path, e.target);
    if (problem) throw new ZipRejected(problem);
  }
  return { zip, entries, unzippedBytes };
}
