import { describe, expect, it } from 'vitest';
import { drawMessages } from '../features/draws/messages';
import { gateMessages } from '../features/gate/messages';
import { inspectionMessages } from '../features/inspections/messages';
import { screeningMessages } from '../features/screening/messages';
import { taskForceMessages } from '../features/taskforces/messages';
import { testingMessages } from '../features/testing/messages';
import { coreMessages } from './core-messages';
import { fieldLabel, t } from './index';

describe('field labels', () => {
  it('come from the one registry, whatever a capability still defines', () => {
    // `kind` is a person's, a draw's and an isolation's: one general label, not "人员类别" for a draw.
    expect(fieldLabel('zh-CN', 'kind')).toBe('类别');
    expect(fieldLabel('zh-CN', 'overrideReason')).toBe('例外理由');
    expect(fieldLabel('zh-CN', 'accountId')).toBe('账号');
    expect(fieldLabel('en', 'testKind')).toBe('test kind');
    expect(t('en', 'validation.enum', { field: 'foundBy', allowed: 'check, test' })).toBe('Field how found must be one of: check, test');
  });

  it('name JSON types as users read them', () => {
    expect(t('zh-CN', 'validation.type', { field: 'accountId', type: 'integer, null' })).toBe('字段 账号 的类型不正确，应为整数或空值');
    expect(t('en', 'validation.type', { field: 'accountId', type: 'string' })).toBe('Field account must be text');
    expect(t('en', 'validation.type', { field: 'x', type: 'boolean' })).toBe('Field x must be true or false');
  });

  it('label a path segment by segment, counting list positions from 1', () => {
    expect(fieldLabel('zh-CN', 'answers.travel.0.regionCode')).toBe('作答内容 › 行程第 1 项 › 行政区划');
    expect(fieldLabel('en', 'shifts/2/startsAt')).toBe('shifts #3 › start time');
    expect(fieldLabel('zh-CN', 'subject/visitor/phone')).toBe('访客电话');
    expect(fieldLabel('en', 'nothing/0/known')).toBe('nothing #1 › known');
  });

  it('are no longer defined in the tables of the capabilities moved to the registry', () => {
    const tables = [coreMessages, drawMessages, gateMessages, inspectionMessages, screeningMessages, taskForceMessages, testingMessages];
    expect(tables.flatMap((x) => Object.keys(x)).filter((k) => k.startsWith('field.'))).toEqual([]);
  });
});
