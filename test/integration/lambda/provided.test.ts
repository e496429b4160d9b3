// Custom runtimes (provided.al2023): the zip's own `bootstrap` talks to the AWS Lambda Runtime API
// served by Kanaria, unchanged from what runs on AWS — a shell script with curl (as in AWS's
// custom-runtime tutorial) and a Node.js script; plus init errors and broken entry points.
import { LambdaClient } from '@aws-sdk/client-lambda';
import { beforeAll, describe, expect, test } from 'vitest';
import { useKanaria } from '../../helpers/kanaria.js';
import { announceSkip, hasTool } from '../../helpers/tools.js';
import { createFunction, invoke } from './helpers.js';

const SHELL_BOOTSTRAP = `#!/bin/bash
set -eu
echo "shell bootstrap starting"
API="http://\${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
while true; do
  HEADERS="$(mktemp)"
  EVENT=$(curl -sS -LD "$HEADERS" "$API/invocation/next")
  REQUEST_ID=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)
  rm -f "$HEADERS"
  echo "handling $REQUEST_ID"
  if echo "$EVENT" | grep -q '"fail"'; then
    curl -sS -H "Lambda-Runtime-Function-Error-Type: Custom.Failure" -d '{"errorMessage":"asked to fail","errorType":"Custom.Failure"}' "$API/invocation/$REQUEST_ID/error" > /dev/null
  else
    curl -sS -d "{\\"shell\\":true,\\"handler\\":\\"$_HANDLER\\",\\"event\\":$EVENT}" "$API/invocation/$REQUEST_ID/response" > /dev/null
  fi
done
`;

const NODE_BOOTSTRAP = `#!/usr/bin/env node
const http = require('http');
const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
const call = (method, path, body) => new Promise((resolve, reject) => {
  const req = http.request({ host, port, method, path: '/2018-06-01/runtime' + path }, (res) => {
    let data = '';
    res.on('data', (c) => (data += c));
    res.on('end', () => resolve({ headers: res.headers, body: data }));
  });
  req.on('error', reject);
  req.end(body);
});
(async () => {
  for (;;) {
    const next = await call('GET', '/invocation/next');
    const id = next.headers['lambda-runtime-aws-request-id'];
    const out = {
      node: true,
      event: JSON.parse(next.body),
      arn: next.headers['lambda-runtime-invoked-function-arn'],
      deadlineAhead: Number(next.headers['lambda-runtime-deadline-ms']) > Date.now(),
      fn: process.env.AWS_LAMBDA_FUNCTION_NAME,
    };
    console.log('answering', id);
    await call('POST', '/invocation/' + id + '/response', JSON.stringify(out));
  }
})();
`;

const INIT_FAILS = `#!/bin/sh
curl -sS -H "Lambda-Runtime-Function-Error-Type: Runtime.NoHandler" -d '{"errorMessage":"no handler configured","errorType":"Runtime.NoHandler"}' "http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/init/error" > /dev/null
sleep 60
`;

describe('provided.* custom runtimes over the Runtime API', () => {
  const k = useKanaria();
  let lambda: LambdaClient;
  const shellReady = hasTool('bash') && hasTool('curl');
  if (!shellReady) announceSkip('provided.test.ts shell bootstraps', 'bash and curl');

  beforeAll(() => {
    lambda = new LambdaClient(k.clientConfig);
  });

  test.skipIf(!shellReady)('a shell bootstrap using curl answers, fails with its own error type, and logs', async () => {
    await createFunction(lambda, 'shell_runtime', 'provided.al2023', 'function.handler', { bootstrap: { content: SHELL_BOOTSTRAP, mode: 0o100755 } });
    const ok = await invoke(lambda, 'shell_runtime', { hello: 'world' }, { LogType: 'Tail' });
    expect(ok.functionError).toBeUndefined();
    expect(ok.json).toEqual({ shell: true, handler: 'function.handler', event: { hello: 'world' } });
    expect(ok.log).toContain(`handling ${ok.requestId}\n`);
    expect(ok.log).toMatch(/Init Duration/);
    const again = await invoke(lambda, 'shell_runtime', { n: 2 });
    expect(again.json.event).toEqual({ n: 2 });
    const failed = await invoke(lambda, 'shell_runtime', { fail: true });
    expect(failed.functionError).toBe('Unhandled');
    expect(failed.json).toEqual({ errorMessage: 'asked to fail', errorType: 'Custom.Failure' });
    expect((await invoke(lambda, 'shell_runtime', { after: 'failure' })).json.event).toEqual({ after: 'failure' });
  });

  test('a Node.js script bootstrap gets the request headers AWS sends', async () => {
    await createFunction(lambda, 'node_runtime', 'provided.al2', 'ignored', { bootstrap: { content: NODE_BOOTSTRAP, mode: 0o100755 } });
    const r = await invoke(lambda, 'node_runtime', { x: 1 });
    expect(r.json).toEqual({ node: true, event: { x: 1 }, arn: 'arn:aws:lambda:us-east-1:000000000000:function:node_runtime', deadlineAhead: true, fn: 'node_runtime' });
  });

  test.skipIf(!shellReady)('a bootstrap reporting /init/error: the invocation gets its error', async () => {
    await createFunction(lambda, 'init_fails', 'provided.al2023', 'x', { bootstrap: { content: INIT_FAILS, mode: 0o100755 } });
    const r = await invoke(lambda, 'init_fails', {}, { LogType: 'Tail' });
    expect(r.functionError).toBe('Unhandled');
    expect(r.json).toEqual({ errorMessage: 'no handler configured', errorType: 'Runtime.NoHandler' });
    expect(r.log).toContain('Status: error\tError Type: Runtime.NoHandler');
  });

  test('a bootstrap that is missing or not executable: Runtime.InvalidEntrypoint', async () => {
    await createFunction(lambda, 'no_bootstrap', 'provided.al2023', 'x', { 'README.txt': 'nothing to run' });
    const missing = await invoke(lambda, 'no_bootstrap');
    expect(missing.functionError).toBe('Unhandled');
    expect(missing.json.errorType).toBe('Runtime.InvalidEntrypoint');
    expect(missing.json.errorMessage).toMatch(/^RequestId: \S+ Error: fork\/exec \S+\/bootstrap: no such file or directory$/);

    await createFunction(lambda, 'not_executable', 'provided.al2023', 'x', { bootstrap: { content: '#!/bin/sh\n', mode: 0o100644 } });
    const denied = await invoke(lambda, 'not_executable');
    expect(denied.json.errorMessage).toMatch(/bootstrap: permission denied$/);
  });
});
