// Which zip entries may be unpacked: names and link targets must stay inside the code folder;
// sizes are summed from the central directory before anything is written.
import { describe, expect, test } from 'vitest';
import { BAD_ZIP, checkEntryName, checkLinkTarget, planZip, ZipRejected } from '../../../../src/services/lambda/code/zip-check.js';
import { buildZip, zipWithRawName } from '../../../fixtures/lambda/zip.js';

describe('entry names', () => {
  test.each([
    ['app.py', 'app.py'],
    ['src/handler.py', 'src/handler.py'],
    ['./src//a.py', 'src/a.py'],
    ['dir/', 'dir'],
    ['win\\style.py', 'win/style.py'],
    ['a..b/c..py', 'a..b/c..py'],
  ])('%s is unpacked as %s', (name, path) => {
    expect(checkEntryName(name)).toEqual({ path });
  });

  test('./ alone is nothing to unpack', () => {
    expect(checkEntryName('./')).toEqual({ path: undefined });
  });

  test.each(['../evil', 'a/../../evil', 'a/..', '..\\evil', '/etc/passwd', 'C:/Windows/x', 'c:evil', 'nul\0byte'])('%s is refused', (name) => {
    const { problem } = checkEntryName(name);
    expect(problem).toMatch(/^Could not unzip uploaded file\. The entry/);
  });
});

describe('symbolic link targets', () => {
  test.each([
    ['link', 'target.txt'],
    ['lib/link', '../data/x'],
    ['a/b/link', '../../c'],
    ['link', '.'],
  ])('%s → %s stays inside', (link, target) => {
    expect(checkLinkTarget(link, target)).toBeUndefined();
  });

  test.each([
    ['link', '..'],
    ['link', '../outside'],
    ['a/link', '../../x'],
    ['link', '/etc/passwd'],
    ['link', 'a/../../b'],
  ])('%s → %s leaves the code folder', (link, target) => {
    expect(checkLinkTarget(link, target)).toBe(`Could not unzip uploaded file. The symbolic link '${link}' points outside the function's code folder ('${target}').`);
  });
});

describe('planZip', () => {
  test('files, folders, links and Unix permissions', async () => {
    const zip = await buildZip({
      'bootstrap': { content: '#!/bin/sh\n', mode: 0o100755 },
      'lib/a.txt': 'aaa',
      'link': { content: 'lib/a.txt', mode: 0o120777 },
    });
    const plan = await planZip(zip);
    plan.zip.close();
    expect(plan.entries.map((e) => [e.path, e.kind, e.mode.toString(8), e.target])).toEqual([
      ['bootstrap', 'file', '755', undefined],
      ['lib/a.txt', 'file', '644', undefined],
      ['link', 'symlink', '777', 'lib/a.txt'],
    ]);
    expect(plan.unzippedBytes).toBe(10 + 3 + 9);
  });

  test('refusals: not a zip, ../ entries, links out', async () => {
    await expect(planZip(Buffer.from('PK not really'))).rejects.toThrow(new ZipRejected(BAD_ZIP));
    await expect(planZip(await zipWithRawName('xx/evil', '../evil'))).rejects.toThrow(/would be written outside/);
    await expect(planZip(await buildZip({ l: { content: '../../x', mode: 0o120777 } }))).rejects.toThrow(/points outside/);
  });
});
