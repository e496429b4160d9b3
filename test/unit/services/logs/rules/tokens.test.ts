// Token rules: GetLogEvents f/… b/… tokens, event ids, sequence tokens, opaque tokens.
import { describe, expect, it } from 'vitest';
import { eventId, eventsToken, isOffset, isPosition, opaqueToken, readEventsToken, readOpaqueToken, sequenceToken, START } from '../../../../../src/services/logs/rules/tokens.js';

describe('GetLogEvents tokens', () => {
  it('write AWS\'s f/<56 digits>/s form and read back the same position', () => {
    const token = eventsToken('f', { timestamp: 1_767_225_600_123, seq: 42 });
    expect(token).toMatch(/^f\/\d{56}\/s$/);
    expect(readEventsToken(token)).toEqual({ direction: 'f', position: { timestamp: 1_767_225_600_123, seq: 42 } });
    expect(readEventsToken(eventsToken('b', START))).toEqual({ direction: 'b', position: START });
  });
  it('are deterministic, so an unchanged position gives the identical token', () => {
    expect(eventsToken('f', { timestamp: 5, seq: 6 })).toBe(eventsToken('f', { timestamp: 5, seq: 6 }));
  });
  it('refuse anything else', () => {
    for (const bad of ['f/1', 'x/' + '0'.repeat(56) + '/s', 'f/' + '0'.repeat(55) + '/s', '', 'f/' + '9'.repeat(56)]) expect(readEventsToken(bad), bad).toBeUndefined();
  });
});

describe('ids and opaque tokens', () => {
  it('event ids and sequence tokens are 56 digits', () => {
    expect(eventId({ timestamp: 1, seq: 2 })).toMatch(/^\d{56}$/);
    expect(eventId({ timestamp: 1, seq: 2 })).not.toBe(eventId({ timestamp: 1, seq: 3 }));
    expect(sequenceToken(7)).toBe('0'.repeat(55) + '7');
  });
  it('opaque tokens carry a value for one scope only', () => {
    const token = opaqueToken('filter:g', { timestamp: 3, seq: 4 });
    expect(readOpaqueToken('filter:g', token, isPosition)).toEqual({ timestamp: 3, seq: 4 });
    expect(readOpaqueToken('filter:other', token, isPosition)).toBeUndefined();
    expect(readOpaqueToken('filter:g', opaqueToken('filter:g', 5), isPosition)).toBeUndefined();
    expect(readOpaqueToken('groups', opaqueToken('groups', 5), isOffset)).toBe(5);
    expect(readOpaqueToken('groups', 'not base64 json', isOffset)).toBeUndefined();
  });
});
