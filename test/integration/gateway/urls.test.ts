// `kanaria urls` against a running Kanaria: every stage with its three invoke URLs, each of
// which answers; and a clear error when nothing listens.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchStages, urls } from '../../../src/cli/urls.js';
import { useKanaria } from '../../helpers/kanaria.js';
import { apigateway, createApi, deploy, mockMethod, rawRequest } from './api.js';

describe('kanaria urls', () => {
  const k = useKanaria();
  afterEach(() => vi.restoreAllMocks());

  it('prints the host-style, path-style and legacy URL of every stage, and each one answers', async () => {
    const api = await createApi(apigateway(k), 'urls-api');
    await mockMethod(api, '/', '{"stage": "$context.stage"}');
    await deploy(api, 'dev');
    const canary = await deploy(api, 'dev', { canary: { percentTraffic: 25 } });
    await deploy(api, 'prod');

    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    expect(await urls(['--endpoint', k.url])).toBe(0);
    const text = printed.join('\n');
    const port = k.kanaria.port;
    for (const stage of ['dev', 'prod']) {
      expect(text).toContain(`http://${api.apiId}.execute-api.localhost:${port}/${stage}/`);
      expect(text).toContain(`${k.url}/_aws/execute-api/${api.apiId}/${stage}/`);
      expect(text).toContain(`${k.url}/restapis/${api.apiId}/${stage}/_user_request_/`);
    }
    expect(text).toContain(`urls-api (${api.apiId}) stage dev [deployment `);
    expect(text).toContain(`canary 25% → ${canary}]`);

    const stages = (await fetchStages(k.url)).filter((s) => s.restApiId === api.apiId);
    expect(stages.map((s) => s.stageName)).toEqual(['dev', 'prod']);
    for (const s of stages) {
      for (const url of [s.urls.path, s.urls.legacy]) {
        const res = await fetch(url);
        expect(await res.json(), url).toEqual({ stage: s.stageName });
      }
      const host = new URL(s.urls.host);
      const res = await rawRequest(k, { path: host.pathname, headers: { host: host.host } });
      expect(JSON.parse(res.text)).toEqual({ stage: s.stageName });
    }
  });

  it('says clearly when no Kanaria answers', async () => {
    await expect(urls(['--endpoint', 'http://127.0.0.1:9'])).rejects.toThrow(/^no Kanaria answers at http:\/\/127\.0\.0\.1:9 .*kanaria start/);
  });
});
