import type { SandboxPreset, SandboxScenario } from '../../../../protocol/suppliers';

// What the sandbox supplier does: its channel state, how slowly it answers, and how many of
// the next requests fail. Presets cover the cases the product cares about.

export const PRESETS: Record<SandboxPreset, SandboxScenario> = {
  healthy: { channel: 'healthy', etaMinutes: null, delayMs: 0, failNext: 0 },
  // Acceptance story 1: congested, recovery in about 15 minutes.
  congested: { channel: 'congested', etaMinutes: 15, delayMs: 0, failNext: 0 },
  down: { channel: 'down', etaMinutes: 60, delayMs: 0, failNext: 0 },
  // Slower than the default 3 s supplier timeout.
  slow: { channel: 'healthy', etaMinutes: null, delayMs: 5_000, failNext: 0 },
  errors: { channel: 'healthy', etaMinutes: null, delayMs: 0, failNext: 5 },
};

export const scenarioOf = (s: SandboxPreset | SandboxScenario): SandboxScenario => (typeof s === 'string' ? PRESETS[s] : s);

export interface Step {
  /** Answer 503 instead of the contract's answer. */
  fail: boolean;
  delayMs: number;
  /** The scenario for the request after this one. */
  next: SandboxScenario;
}

/** What one request meets: an error burst is used up one request at a time. */
export function step(s: SandboxScenario): Step {
  return s.failNext > 0 ? { fail: true, delayMs: s.delayMs, next: { ...s, failNext: s.failNext - 1 } } : { fail: false, delayMs: s.delayMs, next: s };
}

const NOTE: Record<SandboxScenario['channel'], string | null> = {
  healthy: null,
  congested: '上游充值通道拥堵，订单排队处理中',
  down: '上游通道维护中，暂停出卡',
};

export function healthOf(s: SandboxScenario) {
  return { state: s.channel, etaMinutes: s.channel === 'healthy' ? null : s.etaMinutes, message: NOTE[s.channel] };
}
