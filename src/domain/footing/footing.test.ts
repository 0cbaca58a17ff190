import { describe, expect, it } from 'vitest';
import { effectiveMode, triggerAction } from './footing';

describe('footing', () => {
  it('is emergency when any level above the school is', () => {
    expect(effectiveMode([{ scopeType: 'school', scopeKey: '1', mode: 'normal' }, { scopeType: 'region', scopeKey: '411627', mode: 'emergency' }]).mode).toBe('emergency');
    expect(effectiveMode([{ scopeType: 'school', scopeKey: '1', mode: 'normal' }]).mode).toBe('normal');
  });
  it.each([
    ['normal', true, false, 'switch'],
    ['normal', false, false, 'propose'],
    ['normal', false, true, 'none'],
    ['emergency', true, false, 'none'],
  ] as const)('%s, auto %s, pending %s → %s', (mode, auto, pending, action) => {
    expect(triggerAction(mode, auto, pending)).toBe(action);
  });
});
