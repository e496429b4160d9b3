// The canary choice: one uniform draw per request against the stage's `percentTraffic`, from an
// injected random source (Math.random, or a seeded generator with `kanaria start --seed N`), or,
// for sticky routing, a hash of the client's key. It does not know routes, stages or variables.

/** A uniform draw in [0, 1). */
export type RandomSource = () => number;

/**
 * True when the request goes to the canary. 0 (or less, or no canary) never does and 100 always
 * does, without a draw; in between exactly one draw decides (`draw * 100 < percent`).
 * Source: CANARY-DOC ("traffic is split at random per request") and the recorded 0/100 cases in
 * localstack tests/aws/services/apigateway/test_apigateway_canary.snapshot.json.
 */
export function isCanaryRequest(percentTraffic: number | undefined, random: RandomSource): boolean {
  if (percentTraffic === undefined || !(percentTraffic > 0)) return false;
  if (percentTraffic >= 100) return true;
  return random() * 100 < percentTraffic;
}

const FNV_PRIME = 0x01000193;
/** FNV-1a's offset basis: the state of an empty string. */
const FNV_OFFSET = 0x811c9dc5;

/** murmur3's 32-bit finaliser: every input bit moves about half the output bits. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a (32-bit) of `text`'s UTF-16 code units, continuing from `state` (a salt hashed before). */
export function fnv1a(text: string, state: number = FNV_OFFSET): number {
  let h = state;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/**
 * A client key's fixed point in [0, 100): FNV-1a from `seed`, then murmur3's finaliser so that
 * keys differing in one character land far apart. A request is a canary one when its point is
 * below `percentTraffic`; the point never moves, so a client on the canary stays there as the
 * share grows (sticky routing is Kanaria's option: AWS draws at random per request).
 */
export function stickyPoint(seed: number, key: string): number {
  return (fmix32(fnv1a(key, seed)) / 4294967296) * 100;
}

/** The draws of `kanaria start --seed N` (the same sequence on every run), else Math.random. */
export function randomSource(seed: number | undefined): RandomSource {
  return seed === undefined ? Math.random : seededRandom(seed);
}

/**
 * A seeded generator: the same seed gives the same sequence on every run and every machine.
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state), its state filled
 * from the seed by splitmix32; 2^-32 resolution is far finer than any `percentTraffic`.
 */
export function seededRandom(seed: number): RandomSource {
  let s = seed >>> 0;
  const splitmix32 = () => {
    s = (s + 0x9e3779b9) >>> 0;
    return fmix32(s);
  };
  let a = splitmix32();
  let b = splitmix32();
  let c = splitmix32();
  let d = splitmix32();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

