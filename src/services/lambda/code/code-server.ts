// Serves stored deployment packages for GetFunction's Code.Location (AWS gives a presigned S3
// URL; Kanaria gives a loopback URL). Started on the first GetFunction, closed on dispose.
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CodeStore } from './code-store.js';

export interface CodeServer {
  url(accountId: string, region: string, name: string, hex: string): Promise<string>;
  close(): void;
}

const PATH = /^\/code\/(\d{12})\/([a-z0-9-]+)\/([a-zA-Z0-9_-]+)\/([0-9a-f]{64})\.zip$/;

export function createCodeServer(code: CodeStore): CodeServer {
  let started: Promise<{ server: Server; base: string }> | undefined;

  function start() {
    return (started ??= new Promise((resolve, reject) => {
      const server = createServer((req, res) => {
        const m = PATH.exec((req.url ?? '').split('?')[0]);
        const file = m && code.zipPath(m[1], m[2], m[3], m[4]);
        if (req.method !== 'GET' || !file || !existsSync(file)) {
          res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/zip' });
        createReadStream(file).pipe(res);
      });
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.unref();
        resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
      });
    }));
  }

  return {
    async url(accountId, region, name, hex) {
      const { base } = await start();
      return `${base}/code/${accountId}/${region}/${name}/${hex}.zip`;
    },
    close() {
      void started?.then(({ server }) => {
        server.close();
        server.closeAllConnections();
      });
    },
  };
}
