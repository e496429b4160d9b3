// Test fixture: a real Kanaria on a free port with in-memory state, and AWS SDK v3 clients
// pointed at it. Use `const k = useKanaria()` at the top of a describe block.
import { afterAll, beforeAll } from 'vitest';
import { startKanaria, type Kanaria } from '../../src/main.js';
import type { ConfigInput } from '../../src/config.js';

export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
export const TEST_REGION = 'us-east-1';

/** Options every SDK v3 client needs to talk to `kanaria`. */
export function clientConfig(kanaria: { url: string }, region = TEST_REGION) {
  return { endpoint: kanaria.url, region, credentials: TEST_CREDENTIALS, maxAttempts: 1 };
}

export interface KanariaFixture {
  readonly kanaria: Kanaria;
  readonly url: string;
  readonly clientConfig: ReturnType<typeof clientConfig>;
}

export function useKanaria(config: ConfigInput = {}): KanariaFixture {
  let kanaria: Kanaria | undefined;
  beforeAll(async () => {
    kanaria = await startKanaria({ port: 0, ephemeral: true, quiet: true, ...config });
  });
  afterAll(async () => {
    await kanaria?.dispose();
  });
  return {
    get kanaria() {
      if (!kanaria) throw new Error('Kanaria is not started yet (use the fixture inside tests)');
      return kanaria;
    },
    get url() {
      return this.kanaria.url;
    },
    get clientConfig() {
      return clientConfig(this.kanaria);
    },
  };
}
