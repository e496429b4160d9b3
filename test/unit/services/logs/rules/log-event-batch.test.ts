// PutLogEvents batch rules: order, span and size refusals; too-old, expired and too-new reports.
import { describe, expect, it } from 'vitest';
import { checkLogEventBatch, NOT_CHRONOLOGICAL, SPANS_TOO_LONG } from '../../../../../src/services/logs/rules/log-event-batch.js';
import { invalidRetentionMessage, isRetentionInDays, RETENTION_DAYS } from '../../../../../src/services/logs/rules/retention.js';

const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ev = (timestamp: number, message = 'm') => ({ timestamp, message });

describe('checkLogEventBatch', () => {
  it('accepts a chronological batch (equal timestamps allowed)', () => {
    expect(checkLogEventBatch([ev(NOW - 2), ev(NOW - 1), ev(NOW - 1)], NOW)).toEqual({ accepted: [ev(NOW - 2), ev(NOW - 1), ev(NOW - 1)] });
  });
  it('refuses out-of-order and over-24-hour batches', () => {
    expect(checkLogEventBatch([ev(NOW), ev(NOW - 1)], NOW)).toEqual({ problem: NOT_CHRONOLOGICAL });
    expect(checkLogEventBatch([ev(NOW - DAY - 1), ev(NOW)], NOW)).toEqual({ problem: SPANS_TOO_LONG });
    expect(checkLogEventBatch([ev(NOW - DAY), ev(NOW)], NOW)).toEqual({ accepted: [ev(NOW - DAY), ev(NOW)] });
  });
  it('counts 26 bytes per event against the 1,048,576-byte limit, in UTF-8', () => {
    const exact = 1_048_576 - 26;
    expect(checkLogEventBatch([ev(NOW, 'a'.repeat(exact))], NOW)).toEqual({ accepted: [ev(NOW, 'a'.repeat(exact))] });
    expect(checkLogEventBatch([ev(NOW, 'a'.repeat(exact + 1))], NOW)).toEqual({ problem: 'Upload too large: 1048577 bytes exceeds limit of 1048576' });
    expect(checkLogEventBatch([ev(NOW, 'é'.repeat(exact / 2 + 1))], NOW)).toMatchObject({ problem: expect.stringMatching(/^Upload too large: 1048578 bytes/) });
  });
  it('reports events more than 14 days old or 2 hours ahead, keeping the rest', () => {
    const out = checkLogEventBatch([ev(NOW - 14 * DAY - 2), ev(NOW - 14 * DAY - 1), ev(NOW - 14 * DAY)], NOW);
    expect(out).toEqual({ accepted: [ev(NOW - 14 * DAY)], rejected: { tooOldLogEventEndIndex: 1 } });
    expect(checkLogEventBatch([ev(NOW), ev(NOW + 2 * HOUR + 1), ev(NOW + 3 * HOUR)], NOW)).toEqual({ accepted: [ev(NOW)], rejected: { tooNewLogEventStartIndex: 1 } });
  });
  it('reports events older than the retention as expired', () => {
    expect(checkLogEventBatch([ev(NOW - 3 * DAY), ev(NOW - 3 * DAY + 1), ev(NOW - 2 * DAY)], NOW, 3)).toEqual({
      accepted: [ev(NOW - 3 * DAY), ev(NOW - 3 * DAY + 1), ev(NOW - 2 * DAY)],
    });
    expect(checkLogEventBatch([ev(NOW - 3 * DAY - 1), ev(NOW - 3 * DAY + 1)], NOW, 3)).toEqual({ accepted: [ev(NOW - 3 * DAY + 1)], rejected: { expiredLogEventEndIndex: 0 } });
  });
});

describe('retention', () => {
  it('accepts exactly the periods AWS offers', () => {
    expect(RETENTION_DAYS).toHaveLength(22);
    expect([1, 7, 14, 365, 3653].every(isRetentionInDays)).toBe(true);
    expect([0, 2, 10, 366, 3654, -1].some(isRetentionInDays)).toBe(false);
    expect(invalidRetentionMessage(2)).toBe(
      "1 validation error detected: Value '2' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]",
    );
  });
});
