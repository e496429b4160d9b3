// Filter pattern rules: unstructured terms, phrases, exclusions, any-of, regex, and JSON patterns.
import { describe, expect, it } from 'vitest';
import { compileFilterPattern, FilterPatternError } from '../../../../../src/services/logs/rules/filter-pattern.js';
import { select } from '../../../../../src/services/logs/rules/json-filter.js';

const matching = (pattern: string | undefined, messages: string[]) => messages.filter(compileFilterPattern(pattern));

describe('text patterns', () => {
  const lines = ['ERROR timeout', 'ERROR [db] status 500', 'WARN slow', 'INFO ok', 'error lowercase', 'user-42 logged in'];

  it('matches everything when empty', () => {
    expect(matching(undefined, lines)).toEqual(lines);
    expect(matching('   ', lines)).toEqual(lines);
    expect(matching('""', lines)).toEqual(lines);
  });
  it('requires every plain term, case-sensitively', () => {
    expect(matching('ERROR', lines)).toEqual(['ERROR timeout', 'ERROR [db] status 500']);
    expect(matching('ERROR 500', lines)).toEqual(['ERROR [db] status 500']);
    expect(matching('error', lines)).toEqual(['error lowercase']);
  });
  it('matches quoted phrases whole, with escaped quotes', () => {
    expect(matching('"status 500"', lines)).toEqual(['ERROR [db] status 500']);
    expect(matching('"500 status"', lines)).toEqual([]);
    expect(matching('"say \\"hi\\""', ['say "hi"', 'say hi'])).toEqual(['say "hi"']);
  });
  it('excludes -terms and needs one of the ?terms', () => {
    expect(matching('ERROR -timeout', lines)).toEqual(['ERROR [db] status 500']);
    expect(matching('?WARN ?INFO', lines)).toEqual(['WARN slow', 'INFO ok']);
    expect(matching('?WARN ?INFO -ok', lines)).toEqual(['WARN slow']);
    expect(matching('-ERROR', ['ERROR x', 'fine'])).toEqual(['fine']);
  });
  it('matches %regex% terms', () => {
    expect(matching('%user-[0-9]+%', lines)).toEqual(['user-42 logged in']);
    expect(() => compileFilterPattern('%(%')).toThrow(FilterPatternError);
    expect(() => compileFilterPattern('"unterminated')).toThrow(FilterPatternError);
  });
  it('refuses space-delimited patterns it does not support', () => {
    expect(() => compileFilterPattern('[ip, user]')).toThrow(FilterPatternError);
  });
});

describe('JSON patterns', () => {
  const events = [
    '{"level":"ERROR","latency":250,"ok":false,"user":{"id":"u-1"},"tags":["a","b"]}',
    '{"level":"INFO","latency":20,"ok":true,"user":{"id":"x-2"},"tags":["c"],"gone":null}',
    'not json {"level":"ERROR"}',
    '"just a string"',
  ];
  it('compares strings with = and != (with * wildcards), only on present fields', () => {
    expect(matching('{ $.level = "ERROR" }', events)).toEqual([events[0]]);
    expect(matching('{$.level="INFO"}', events)).toEqual([events[1]]);
    expect(matching('{ $.level != "ERROR" }', events)).toEqual([events[1]]);
    expect(matching('{ $.user.id = "u-*" }', events)).toEqual([events[0]]);
    expect(matching('{ $.level = INFO }', events)).toEqual([events[1]]);
    expect(matching('{ $.missing != "x" }', events)).toEqual([]);
  });
  it('compares numbers', () => {
    expect(matching('{ $.latency > 100 }', events)).toEqual([events[0]]);
    expect(matching('{ $.latency <= 20 }', events)).toEqual([events[1]]);
    expect(matching('{ $.latency = 250 }', events)).toEqual([events[0]]);
    expect(matching('{ $.latency != 250 }', events)).toEqual([events[1]]);
    expect(matching('{ $.level > 1 }', events)).toEqual([]);
  });
  it('combines with && || and parentheses, and reads array elements', () => {
    expect(matching('{ $.level = "ERROR" && $.latency < 100 }', events)).toEqual([]);
    expect(matching('{ ($.level = "ERROR" && $.latency > 100) || $.ok IS TRUE }', events)).toEqual([events[0], events[1]]);
    expect(matching('{ $.tags[1] = "b" }', events)).toEqual([events[0]]);
  });
  it('supports IS TRUE/FALSE/NULL and NOT EXISTS', () => {
    expect(matching('{ $.ok IS FALSE }', events)).toEqual([events[0]]);
    expect(matching('{ $.gone IS NULL }', events)).toEqual([events[1]]);
    expect(matching('{ $.gone NOT EXISTS }', events)).toEqual([events[0]]);
  });
  it('refuses malformed JSON patterns', () => {
    for (const bad of ['{ $.level = }', '{ $.level "x" }', '{ level = "x" }', '{ $.a = "x" ', '{ $.a < "x" }', '{ $.a IS MAYBE }']) {
      expect(() => compileFilterPattern(bad), bad).toThrow(FilterPatternError);
    }
  });
  it('selects nested values', () => {
    expect(select({ a: { b: [1, { c: 'x' }] } }, '$.a.b[1].c')).toBe('x');
    expect(select({ a: 1 }, '$.a.b')).toBeUndefined();
  });
});
