// Deployment packages Lambda refuses, refused here the same way and with nothing written: entries
// escaping the code folder (`../`, absolute paths, symbolic links out), broken zips, 50 MB zipped
// and 250 MB unzipped limits. A link inside the package and executable bits survive unpacking.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { CreateFunctionCommand, GetFunctionCommand, LambdaClient, UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { buildZip, zipWithRawName } from '../../fixtures/lambda/zip.js';
import { createFunction, failure, invoke, ROLE } from './helpers.js';

const HANDLER = { 'app.py': 'import os\ndef handler(event, context):\n    return sorted(os.listdir("."))\n' };

/** Every file and folder under `dir`, relative. */
function tree(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => [prefix + e.name, ...(e.isDirectory() ? tree(join(dir, e.name), `${prefix}${e.name}/`) : [])]);
}

function zipStream(name: string, bytes: number): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  let left = bytes;
  const chunk = Buffer.alloc(1024 * 1024);
  zip.addReadStream(
    new Readable({
      read() {
        if (left <= 0) return this.push(null);
        const n = Math.min(left, chunk.length);
        left -= n;
        this.push(chunk.subarray(0, n));
      },
    }),
    name,
  );
  zip.end();
  return buffer(zip.outputStream);
}

describe('Lambda code safety', () => {
  // A data directory of our own, so the test can see every file Kanaria writes.
  const dataDir = mkdtempSync(join(tmpdir(), 'kanaria-code-safety-'));
  const k = useKanaria({ ephemeral: false, dataDir });
  let lambda: LambdaClient;

  beforeAll(async () => {
    lambda = new LambdaClient(k.clientConfig);
    await createFunction(lambda, 'target', 'python3.12', 'app.handler', HANDLER);
    expect((await invoke(lambda, 'target')).json).toEqual(['app.py']);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Offers `zip` as new code for `target` and as a new function; both must fail and write nothing. */
  async function refused(zip: Buffer) {
    const before = tree(dataDir);
    const err = await failure(lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'target', ZipFile: zip })));
    const created = await failure(lambda.send(new CreateFunctionCommand({ FunctionName: 'newcomer', Runtime: 'python3.12', Handler: 'app.handler', Role: ROLE, Code: { ZipFile: zip } })));
    expect({ ...created, message: created.message.replace('CreateFunction', 'UpdateFunctionCode') }).toEqual(err);
    expect(tree(dataDir)).toEqual(before);
    expect((await failure(lambda.send(new GetFunctionCommand({ FunctionName: 'newcomer' })))).name).toBe('ResourceNotFoundException');
    return err;
  }

  test('an entry with ../ is refused and nothing is written', async () => {
    const zip = await zipWithRawName('aa/evil.txt', '../evil.txt');
    const err = await refused(zip);
    expect(err).toMatchObject({ name: 'InvalidParameterValueException', status: 400 });
    expect(err.message).toBe("Could not unzip uploaded file. The entry '../evil.txt' would be written outside the function's code folder.");
    expect((await invoke(lambda, 'target')).json).toEqual(['app.py']);
  });

  test('an absolute entry is refused', async () => {
    const err = await refused(await zipWithRawName('tmp_evil.txt', '/tmp/evil.tx'));
    expect(err.message).toMatch(/^Could not unzip uploaded file\. The entry '\/tmp\/evil\.tx' has an absolute path/);
  });

  test('a symbolic link pointing outside is refused; one pointing inside is unpacked as a link', async () => {
    const out = await buildZip({ ...HANDLER, 'passwd': { content: '../../../../etc/passwd', mode: 0o120777 } });
    const err = await refused(out);
    expect(err).toMatchObject({ name: 'InvalidParameterValueException' });
    expect(err.message).toBe("Could not unzip uploaded file. The symbolic link 'passwd' points outside the function's code folder ('../../../../etc/passwd').");
    const abs = await refused(await buildZip({ ...HANDLER, 'etc': { content: '/etc', mode: 0o120777 } }));
    expect(abs.message).toContain("The symbolic link 'etc' points outside");

    const inside = await buildZip({ ...HANDLER, 'lib/data.txt': 'payload', 'data-link': { content: 'lib/data.txt', mode: 0o120777 } });
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'target', ZipFile: inside }));
    expect((await invoke(lambda, 'target')).json).toEqual(['app.py', 'data-link', 'lib']);
  });

  test('a file that is not a zip: "Could not unzip uploaded file"', async () => {
    const err = await refused(randomBytes(2048));
    expect(err).toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'Could not unzip uploaded file. Please check your file, then try to upload again.',
    });
  });

  test('more than 250 MB unzipped: InvalidParameterValueException', async () => {
    const zip = await zipStream('zeros.bin', 262_144_001);
    expect(zip.length).toBeLessThan(2 * 1024 * 1024);
    const err = await refused(zip);
    expect(err).toMatchObject({ name: 'InvalidParameterValueException', message: 'Unzipped size must be smaller than 262144000 bytes' });
  });

  test('more than 50 MB zipped: RequestEntityTooLargeException (413)', async () => {
    const zip = await buildZip({ 'noise.bin': { content: randomBytes(50 * 1024 * 1024 + 1024), compress: false } });
    expect(zip.length).toBeGreaterThan(50 * 1024 * 1024);
    const err = await refused(zip);
    expect(err).toMatchObject({ name: 'RequestEntityTooLargeException', status: 413, message: 'Request must be smaller than 69905067 bytes for the UpdateFunctionCode operation' });
    expect((await invoke(lambda, 'target')).status).toBe(200);
  });
});
