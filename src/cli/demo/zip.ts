// Builds a Lambda deployment zip in memory from files on disk (yazl).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import yazl from 'yazl';

/** Zips `files` (absolute paths) at the root of the archive, as `archive_file` would. */
export function zipFiles(files: string[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const file of files) zip.addBuffer(readFileSync(file), basename(file), { mtime: new Date(315532800000), mode: 0o100644 });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}
