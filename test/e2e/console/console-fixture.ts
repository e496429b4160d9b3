// Shared steps of the console tests: an API with a MOCK method built through the SDK (its answer
// names the variant: stage variable `v`, `$context.deploymentId`, `$context.isCanaryRequest`),
// the focused element and the stage JSON the page shows, and a keyboard helper that tabs to an element.
import type { Page } from 'playwright-core';
import type { KanariaFixture } from '../../helpers/kanaria.js';
import { apigateway, createApi, method, type TestApi } from '../../integration/gateway/api.js';

export const VARIANT_TEMPLATE = '{"v": "$stageVariables.v", "deploymentId": "$context.deploymentId", "isCanary": "$context.isCanaryRequest", "requestId": "$context.requestId"}';

/** A REST API whose `GET /` (MOCK) tells which variant answered. No deployment yet. */
export async function variantApi(k: KanariaFixture, name: string): Promise<TestApi> {
  const api = await createApi(apigateway(k), name);
  await method(api, {
    path: '/',
    httpMethod: 'GET',
    integration: { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } },
    responses: [{ statusCode: '200', responseTemplates: { 'application/json': VARIANT_TEMPLATE } }],
  });
  return api;
}

/** The stage JSON the page shows (the panel filled from GetStage after each change). */
export async function pageStageJson(page: Page): Promise<Record<string, unknown>> {
  return JSON.parse((await page.locator('#stage-json').textContent()) ?? 'null');
}

/** The id of the element that has the focus ('' when none has one). */
export const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/**
 * Presses Tab until the focused element matches `selector`; returns the ids (or tag names) of
 * the elements focused on the way, so a test can check the focus order. Fails after `max`.
 */
export async function tabTo(page: Page, selector: string, max = 80, key = 'Tab'): Promise<string[]> {
  const visited: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const { id, matches } = await page.evaluate((sel) => {
      const el = document.activeElement as HTMLElement | null;
      return { id: el?.id || el?.tagName.toLowerCase() || '', matches: Boolean(el?.matches(sel)) };
    }, selector);
    visited.push(id);
    if (matches) return visited;
  }
  throw new Error(`${selector} was not reached in ${max} presses of ${key}; focus went through ${visited.join(', ')}`);
}

/** Waits until the page has re-rendered the stage JSON after an action (it reads GetStage again). */
export async function waitForStageJson(page: Page, predicate: (stage: Record<string, any>) => boolean, timeout = 5000): Promise<Record<string, any>> {
  const deadline = Date.now() + timeout;
  let last: Record<string, any> = {};
  while (Date.now() < deadline) {
    const text = await page.locator('#stage-json').textContent().catch(() => null);
    if (text) {
      last = JSON.parse(text);
      if (predicate(last)) return last;
    }
    await page.waitForTimeout(25);
  }
  throw new Error(`the stage JSON on the page never matched; last seen ${JSON.stringify(last)}`);
}
