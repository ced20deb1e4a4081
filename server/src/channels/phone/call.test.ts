import { describe, expect, it } from 'vitest';
import { CallRecord, customerNumber, formatDuration, renderCall } from './call';
import { phoneConfigFromEnv } from './config';
import { normalizePhone } from './number';

const call = (over: Record<string, unknown> = {}) =>
  CallRecord.parse({
    callId: 'call-0001',
    direction: 'in',
    caller: '138 0000 0001',
    callee: '400-000-0000',
    startedAt: '2026-11-22T06:03:05Z',
    durationSec: 192,
    ...over,
  });

describe('phone numbers', () => {
  it('spell one number one way', () => {
    for (const n of ['13800000001', '+86 138-0000-0001', '008613800000001', '(+86) 138 0000 0001']) expect(normalizePhone(n)).toBe('+8613800000001');
    expect(normalizePhone('010-6000-0000')).toBe('01060000000');
    expect(normalizePhone('4000000000')).toBe('4000000000');
    expect(normalizePhone('call me')).toBeNull();
    expect(normalizePhone('12')).toBeNull();
  });
});

describe('call records as conversation text', () => {
  it('formats talk time', () => {
    expect(formatDuration(0)).toBe('0秒');
    expect(formatDuration(45)).toBe('45秒');
    expect(formatDuration(192)).toBe('3分12秒');
    expect(formatDuration(3723)).toBe('1小时2分3秒');
    expect(formatDuration(3600)).toBe('1小时0分0秒');
  });

  it('renders an answered call with its time in Beijing, agent, recording and notes', () => {
    const c = call({ recordingUrl: 'https://rec.example.com/r/0001.mp3', agentLogin: 'agent01', notes: ' 客户询问点卡到账 ' });
    expect(customerNumber(c)).toBe('+8613800000001');
    expect(renderCall(c, '王五')).toBe('📞 来电 3分12秒 · 2026/11/22 14:03:05 · 客服 王五 · 录音: https://rec.example.com/r/0001.mp3 · 备注: 客户询问点卡到账');
  });

  it('tells missed calls, callbacks and other outbound calls apart', () => {
    expect(renderCall(call({ durationSec: 0 }), null)).toBe('📞 未接来电 · 2026/11/22 14:03:05');
    const back = call({ direction: 'out', caller: '4000000000', callee: '13800000001', callback: true });
    expect(customerNumber(back)).toBe('+8613800000001');
    expect(renderCall(back, null)).toMatch(/^📞 回拨 3分12秒/);
    expect(renderCall(call({ direction: 'out', durationSec: 0, callback: true }), null)).toMatch(/^📞 回拨未接通/);
    expect(renderCall(call({ direction: 'out' }), null)).toMatch(/^📞 去电 3分12秒/);
  });

  it('refuses records with unsafe or malformed fields', () => {
    const bad = (over: Record<string, unknown>) => CallRecord.safeParse({ ...call(), ...over }).success;
    expect(bad({ recordingUrl: 'javascript:alert(1)' })).toBe(false);
    expect(bad({ recordingUrl: 'ftp://rec.example.com/a.mp3' })).toBe(false);
    expect(bad({ direction: 'sideways' })).toBe(false);
    expect(bad({ caller: 'unknown' })).toBe(false);
    expect(bad({ durationSec: -1 })).toBe(false);
    expect(bad({ startedAt: 'yesterday' })).toBe(false);
    expect(bad({ callId: 'a b' })).toBe(false);
  });
});

describe('phone settings from the environment', () => {
  it('is off until the shared secret is set, and refuses a short one without echoing it', () => {
    expect(phoneConfigFromEnv({})).toBeNull();
    expect(phoneConfigFromEnv({ KADESK_PHONE_SECRET: 'call-platform-secret-0001' })).toEqual({ secret: 'call-platform-secret-0001' });
    expect(() => phoneConfigFromEnv({ KADESK_PHONE_SECRET: 'short-0001' })).toThrow(/KADESK_PHONE_SECRET 格式不对/);
    expect(() => phoneConfigFromEnv({ KADESK_PHONE_SECRET: 'short-0001' })).not.toThrow(/short-0001/);
  });
});
