// Kanaria's Node.js bootstrap: loads the handler named by _HANDLER from LAMBDA_TASK_ROOT (CommonJS
// or ES module, async or callback style), then answers invoke frames from fd 3 on fd 4 as
// src/runtime/protocol.ts declares. console.* output becomes log frames shaped like AWS's
// ("<time>\t<requestId>\tINFO\t<text>"). Exits when Kanaria closes fd 3.
import { existsSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { pathToFileURL } from 'node:url';
import util from 'node:util';

const env = process.env;
const MAX_LINE = 256 * 1024;
const output = new net.Socket({ fd: 4, readable: false, writable: true });
const input = new net.Socket({ fd: 3, readable: true, writable: false });
let current; // the request id being served
let settle; // settles the current invocation once

const send = (frame) => output.write(`${JSON.stringify(frame)}\n`);

function log(level, args) {
  let text = util.format(...args);
  if (text.length > MAX_LINE) text = text.slice(0, MAX_LINE);
  send({ t: 'log', id: current ?? '', line: `${new Date().toISOString()}\t${current ?? 'undefined'}\t${level}\t${text}` });
}
console.log = (...a) => log('INFO', a);
console.info = (...a) => log('INFO', a);
console.warn = (...a) => log('WARN', a);
console.error = (...a) => log('ERROR', a);
console.debug = (...a) => log('DEBUG', a);
console.trace = (...a) => log('TRACE', [util.format(...a), new Error().stack.split('\n').slice(2).join('\n')]);

function errorDoc(err, errorType) {
  if (err instanceof Error) {
    const trace = (err.stack ?? '').split('\n');
    return { errorType: errorType ?? err.name ?? 'Error', errorMessage: err.message, trace };
  }
  return { errorType: errorType ?? typeof err, errorMessage: String(err), trace: [] };
}

async function loadHandler() {
  const handler = env._HANDLER ?? '';
  const slash = handler.lastIndexOf('/');
  const dot = handler.indexOf('.', slash + 1);
  if (dot < 0) throw initError('Runtime.MalformedHandlerName', new Error("Bad handler"));
  const modulePath = handler.slice(0, dot);
  const names = handler.slice(dot + 1).split('.');
  const root = env.LAMBDA_TASK_ROOT;
  const file = ['.js', '.mjs', '.cjs'].map((ext) => join(root, modulePath + ext)).find((f) => existsSync(f));
  if (!file) {
    const err = new Error(`Error: Cannot find module '${modulePath}'\nRequire stack:\n- ${import.meta.filename ?? 'bootstrap'}`);
    throw initError('Runtime.ImportModuleError', err);
  }
  let mod;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (err) {
    if (err instanceof SyntaxError) throw initError('Runtime.UserCodeSyntaxError', new Error(`${err.name}: ${err.message}`));
    if (err?.code === 'ERR_MODULE_NOT_FOUND' || err?.code === 'MODULE_NOT_FOUND') throw initError('Runtime.ImportModuleError', new Error(`Error: ${err.message}`));
    throw initError(undefined, err);
  }
  const walk = (obj) => names.reduce((o, n) => (o == null ? undefined : o[n]), obj);
  const fn = walk(mod) ?? walk(mod.default);
  if (fn === undefined) throw initError('Runtime.HandlerNotFound', new Error(`${handler} is undefined or not exported`));
  if (typeof fn !== 'function') throw initError('Runtime.HandlerNotFound', new Error(`${handler} is not a function`));
  return fn;
}

function initError(errorType, err) {
  const doc = errorDoc(err, errorType);
  if (errorType && err instanceof Error) doc.trace = [`${errorType}: ${err.message}`, ...(err.stack ?? '').split('\n').slice(1)];
  return { initError: doc };
}

function context(frame) {
  let clientContext;
  if (frame.clientContext) {
    try {
      clientContext = JSON.parse(Buffer.from(frame.clientContext, 'base64').toString('utf8'));
    } catch {
      clientContext = undefined;
    }
  }
  const ctx = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: frame.arn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: frame.id,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    identity: undefined,
    clientContext,
    getRemainingTimeInMillis: () => Math.max(0, frame.deadline - Date.now()),
  };
  return ctx;
}

function finish(id, err, result) {
  if (current !== id) return;
  settle = undefined;
  if (err === undefined) {
    let payload;
    try {
      payload = JSON.stringify(result === undefined ? null : result) ?? 'null';
    } catch (e) {
      return finish(id, Object.assign(new Error(`Unable to stringify response body: ${e.message}`), { name: 'Runtime.MarshalError' }));
    }
    // The raw form (protocol.ts): JSON.stringify never writes a raw line break.
    output.write(`R${id}\t${payload}\n`);
  } else {
    const doc = errorDoc(err);
    log('ERROR', ['Invoke Error \t%s', JSON.stringify({ errorType: doc.errorType, errorMessage: doc.errorMessage, stack: doc.trace })]);
    send({ t: 'error', id, errorType: doc.errorType, payload: JSON.stringify(doc) });
  }
  current = undefined;
}

function invoke(handler, frame) {
  const id = frame.id;
  current = id;
  settle = (err, result) => finish(id, err, result);
  const ctx = context(frame);
  const callback = (err, result) => finish(id, err ?? undefined, result);
  ctx.done = callback;
  ctx.succeed = (result) => finish(id, undefined, result);
  ctx.fail = (err) => finish(id, err ?? new Error('handled'));
  try {
    const r = handler(frame.event, ctx, callback);
    if (r && typeof r.then === 'function') r.then((v) => finish(id, undefined, v), (e) => finish(id, e ?? new Error('rejected')));
    else if (handler.length < 3) finish(id, undefined, r);
  } catch (err) {
    finish(id, err);
  }
}

function crash(errorType, err) {
  if (settle) {
    const doc = errorDoc(err, errorType);
    log('ERROR', ['Uncaught Exception \t%s', JSON.stringify({ errorType: doc.errorType, errorMessage: doc.errorMessage, stack: doc.trace })]);
    send({ t: 'error', id: current, errorType: doc.errorType, payload: JSON.stringify(doc), fatal: true });
  }
  output.end(() => process.exit(129));
}
process.on('uncaughtException', (err) => crash(undefined, err));
process.on('unhandledRejection', (reason) => {
  // AWS reports the reason as text: {"errorType":"Runtime.UnhandledPromiseRejection","errorMessage":"Error: …"}
  const err = new Error(String(reason));
  err.stack = `Runtime.UnhandledPromiseRejection: ${err.message}\n${(reason?.stack ?? '').split('\n').slice(1).join('\n')}`;
  crash('Runtime.UnhandledPromiseRejection', err);
});

let handler;
try {
  handler = await loadHandler();
} catch (e) {
  const doc = e?.initError ?? errorDoc(e);
  log('ERROR', ['Uncaught Exception \t%s', JSON.stringify({ errorType: doc.errorType, errorMessage: doc.errorMessage, stack: doc.trace })]);
  send({ t: 'init_error', errorType: doc.errorType, payload: JSON.stringify(doc) });
}

const decoder = new StringDecoder('utf8');
let pending = [];
input.on('data', (chunk) => {
  let text = decoder.write(chunk);
  let nl;
  while ((nl = text.indexOf('\n')) >= 0) {
    const line = pending.length ? pending.join('') + text.slice(0, nl) : text.slice(0, nl);
    pending = [];
    text = text.slice(nl + 1);
    const frame = JSON.parse(line);
    if (frame.t === 'invoke' && handler) invoke(handler, frame);
  }
  if (text) pending.push(text);
});
input.on('end', () => process.exit(0));
input.on('error', () => process.exit(0));
if (handler) send({ t: 'ready' });
