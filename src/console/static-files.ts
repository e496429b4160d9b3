// The console's static assets (HTML, CSS, ES modules) read from ./static next to this module, in
// src/ under test and in dist/ once built. Only known file types; nothing outside the folder.
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Everything the page loads comes from this origin: no CDN, so the console works offline, and the
 * policy keeps it so. `connect-src 'self'` covers the control plane, the logs API and ours.
 */
const SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

export interface StaticFiles {
  /** Writes the asset at `relative` (`index.html`, `views/live.js`), or 404. */
  serve(relative: string, res: ServerResponse, head: boolean): Promise<void>;
}

export function createStaticFiles(root: URL = new URL('./static/', import.meta.url)): StaticFiles {
  const base = fileURLToPath(root);
  return {
    async serve(relative, res, head) {
      const type = CONTENT_TYPES[extname(relative)];
      const path = normalize(base + relative);
      if (!type || !path.startsWith(base) || relative.split('/').some((p) => p === '..' || p.startsWith('.')) || path.includes(`${sep}..${sep}`)) {
        res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: `No console asset at ${relative}` }));
        return;
      }
      let body: Buffer;
      try {
        body = await readFile(path);
      } catch {
        res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: `No console asset at ${relative}` }));
        return;
      }
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(body.length) });
      res.end(head ? undefined : body);
    },
  };
}
