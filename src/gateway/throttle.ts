// Request throttling as API Gateway does it: token buckets (`rateLimit` tokens per second, at most
// `burstLimit` of them, full at start), one per stage and method from `methodSettings` (a method's
// own entry, else the stage-wide `*/*`), then the account's (10 000 rps, burst 5 000).
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
// The clock is injected; buckets live as long as their limits do not change.

export interface ThrottleLimits {
  /** Tokens per second (may be fractional). */
  rateLimit: number;
  /** Bucket size. */
  burstLimit: number;
}

/** Account-level default per Region (api-gateway-execution-service-limits-table). */
export const ACCOUNT_THROTTLE: ThrottleLimits = { rateLimit: 10_000, burstLimit: 5_000 };

export class TokenBucket {
  readonly limits: ThrottleLimits;
  #tokens: number;
  #last: number;

  constructor(limits: ThrottleLimits, nowMs: number) {
    this.limits = limits;
    this.#tokens = Math.max(0, limits.burstLimit);
    this.#last = nowMs;
  }

  /** Takes one token if there is one; false means the request is throttled. */
  tryTake(nowMs: number): boolean {
    const { rateLimit, burstLimit } = this.limits;
    const elapsed = nowMs - this.#last;
    if (elapsed > 0) {
      this.#tokens = Math.min(burstLimit, this.#tokens + (elapsed / 1000) * rateLimit);
      this.#last = nowMs;
    }
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return true;
    }
    return false;
  }
}

/**
 * Buckets by key (`{accountId}/{region}` for the account, `{apiId}/{stage}/{method key}` for a
 * method). A key whose limits changed gets a fresh, full bucket; `forget(prefix)` drops the
 * buckets of a stage that went away, so the map stays as large as the configuration.
 */
export class Throttler {
  readonly #buckets = new Map<string, TokenBucket>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** True when the request may pass every bucket it is subject to. */
  allow(methodKey: string, methodLimits: ThrottleLimits | undefined, accountKey: string, accountLimits: ThrottleLimits = ACCOUNT_THROTTLE): boolean {
    const now = this.#now();
    if (methodLimits && !this.#bucket(methodKey, methodLimits, now).tryTake(now)) return false;
    return this.#bucket(accountKey, accountLimits, now).tryTake(now);
  }

  forget(prefix: string): void {
    for (const key of this.#buckets.keys()) if (key.startsWith(prefix)) this.#buckets.delete(key);
  }

  get size(): number {
    return this.#buckets.size;
  }

  #bucket(key: string, limits: ThrottleLimits, now: number): TokenBucket {
    let bucket = this.#buckets.get(key);
    if (!bucket || bucket.limits.rateLimit !== limits.rateLimit || bucket.limits.burstLimit !== limits.burstLimit) {
      bucket = new TokenBucket(limits, now);
      this.#buckets.set(key, bucket);
    }
    return bucket;
  }
}
