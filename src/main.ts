// Composition root: config → store → services → front doors → listener. No other module wires
// objects together, and nothing lives at module level, so two instances can run side by side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatcher, type Services } from './aws/dispatch.js';
import { createConsoleDoor } from './console/index.js';
import { randomSource } from './gateway/canary.js';
import { createGateway } from './gateway/index.js';
import { parseConfig, type Config, type ConfigInput } from './config.js';
import { listen, type FrontDoor } from './listener.js';
import { createLogger, type Logger } from './log.js';
import { createRollouts, createRolloutsDoor } from './rollouts/index.js';
import { createApigatewayService } from './services/apigateway/index.js';
import { createIamService } from './services/iam/index.js';
import { createLambda } from './services/lambda/index.js';
import { createLogsService } from './services/logs/index.js';
import { createStsService } from './services/sts/index.js';
import { createLogSink } from './telemetry/log-sink.js';
import { createMetrics } from './telemetry/metrics.js';
import { openSqliteStore } from './store/sqlite/sqlite-store.js';
import type { Store } from './store/store.js';

export interface Kanaria {
  config: Config;
  /** `http://host:port` of the listener. */
  url: string;
  port: number;
  store: Store;
  log: Logger;
  dispose(): Promise<void>;
}

export async function startKanaria(input: ConfigInput = {}): Promise<Kanaria> {
  const config = parseConfig(input);
  const log = createLogger(config.quiet);
  const store = openSqliteStore(config.ephemeral ? ':memory:' : join(config.dataDir, 'state.db'));

  const logSink = createLogSink(store);
  // Function code is unpacked inside the data directory, or a temporary folder when ephemeral.
  const codeDir = config.ephemeral ? mkdtempSync(join(tmpdir(), 'kanaria-code-')) : join(config.dataDir, 'code');
  // `--seed` makes alias routing draws repeat too (their own generator, the gateway has another).
  const lambda = createLambda({ store, logs: logSink, codeDir, log, random: randomSource(config.seed) });

  const services: Services = {
    apigateway: createApigatewayService({ store }),
    lambda: lambda.service,
    iam: createIamService({ store }),
    sts: createStsService(),
    logs: createLogsService({ store, sink: logSink }),
  };
  const metrics = createMetrics();
  const gateway = createGateway({ store, invoker: lambda.invoker, logSink, metrics, options: config, log });
  // The gateway's doors claim /_kanaria/stages and /_kanaria/metrics; the console claims only
  // /_kanaria/ itself and /_kanaria/console/…, so the order between them does not matter.
  const doors: FrontDoor[] = [...gateway.doors, createConsoleDoor({ metrics, accountId: config.accountId, region: config.region })];
  // Progressive rollouts change stages through API Gateway's own UpdateStage handler (in-process)
  // and claim /_kanaria/rollouts; rollouts left in progress by an earlier run resume here.
  const rollouts = createRollouts({ store, apigateway: services.apigateway!, lambda: lambda.service, invoker: lambda.invoker, metrics, accountId: config.accountId, region: config.region, logError: log.error });
  doors.push(createRolloutsDoor(rollouts));
  const dispatch = createDispatcher(services, { accountId: config.accountId, defaultRegion: config.region, log: log.error });

  /** Stops everything but the listener, in the reverse order of creation. */
  async function stopParts(): Promise<void> {
    rollouts.dispose();
    gateway.dispose();
    await lambda.dispose();
    logSink.dispose();
    store.close();
    if (config.ephemeral) rmSync(codeDir, { recursive: true, force: true });
  }

  let listener;
  try {
    listener = await listen(doors, dispatch, config.host, config.port, (err) => log.error(`request failed: ${(err as Error)?.stack ?? err}`));
  } catch (err) {
    await stopParts();
    throw err;
  }
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${listener.port}`;

  let disposed = false;
  return {
    config,
    url,
    port: listener.port,
    store,
    log,
    async dispose() {
      if (disposed) return;
      disposed = true;
      await listener.close();
      await stopParts();
    },
  };
}
