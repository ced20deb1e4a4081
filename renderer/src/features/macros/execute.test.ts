import { describe, expect, it } from 'vitest';
import type { MacroAction } from '../../../../protocol';
import { ApiRequestError, type MutationInput } from '../../data';
import { executePlan, type RunDeps } from './execute';
import { planMacro } from './plan';
import type { Conversation } from '../../../../protocol';

const conv = { id: 'C1', status: 'open', priority: 'normal', assigneeId: 'A1', teamId: 'T1', orderId: 'DD1', unreadCount: 0 } as Conversation;
const actions: MacroAction[] = [
  { type: 'reply', body: '预计约 15 分钟后恢复' },
  { type: 'coupon', amountCents: 500, cause: '到账延迟' },
  { type: 'status', status: 'waiting_supplier' },
  { type: 'survey' },
];
const plan = planMacro({ runId: 'RUN01', conversation: conv, selfId: 'A1', actions, texts: new Map([[0, '预计约 15 分钟后恢复']]) });

function deps(online: boolean, fail: (path: string) => Error | null = () => null) {
  const calls: Array<{ path: string; body: unknown }> = [];
  const queued: MutationInput[][] = [];
  const seen = new Set<string>();
  const d: RunDeps = {
    api: {
      post: (async (path: string, body: unknown) => {
        calls.push({ path, body });
        const err = fail(path);
        if (err) throw err;
        if (path.endsWith('/survey')) return { surveyId: 'S1' };
        const requestId = (body as { requestId: string }).requestId;
        const replayed = seen.has(requestId);
        seen.add(requestId);
        return { compensation: { couponCode: 'CP0000AAAA11' }, replayed };
      }) as RunDeps['api']['post'],
    },
    engine: {
      getStatus: () => ({ online, syncing: false, pulled: 0, lastError: null, lastSyncedAt: null }),
      mutateAll: async (inputs) => {
        queued.push([...inputs]);
        return inputs.map((_, i) => `m${i}`);
      },
    },
  };
  return { d, calls, queued };
}

describe('executePlan', () => {
  it('offline: refuses a macro with network steps before calling anything or queueing', async () => {
    const { d, calls, queued } = deps(false);
    expect(await executePlan(plan, d)).toEqual({ kind: 'refused', refusal: { kind: 'offline' } });
    expect(calls).toEqual([]);
    expect(queued).toEqual([]);
  });

  it('online: grants, sends the survey, then queues reply and status together', async () => {
    const { d, calls, queued } = deps(true);
    const steps: number[] = [];
    const result = await executePlan(plan, d, (o) => steps.push(o.index));
    expect(result).toMatchObject({ kind: 'done', queued: 2 });
    expect(steps).toEqual([1, 3]);
    expect(calls.map((c) => c.path)).toEqual(['/api/compensations', '/api/conversations/C1/survey']);
    expect(queued).toHaveLength(1);
    expect(queued[0]!.map((m) => m.name)).toEqual(['message.send', 'conversation.setStatus']);
  });

  it('stops at a refused grant with nothing queued; the retry of the same run replays the grant', async () => {
    let surveyDown = true;
    const { d, calls, queued } = deps(true, (path) =>
      path.endsWith('/survey') && surveyDown ? new ApiRequestError('network', null, 'network', 'fetch failed') : null,
    );
    const first = await executePlan(plan, d);
    expect(first).toMatchObject({ kind: 'stopped', outcomes: [{ index: 1, ok: true, replayed: false }, { index: 3, ok: false, network: true }] });
    expect(queued).toEqual([]);

    surveyDown = false;
    const again = await executePlan(plan, d);
    expect(again).toMatchObject({ kind: 'done', outcomes: [{ index: 1, ok: true, replayed: true }, { index: 3, ok: true }] });
    const couponIds = calls.filter((c) => c.path === '/api/compensations').map((c) => (c.body as { requestId: string }).requestId);
    expect(couponIds).toEqual(['RUN01-1', 'RUN01-1']);
    expect(queued).toHaveLength(1);
  });

  it('reports a server refusal as such, not as a network failure', async () => {
    const { d } = deps(true, (path) => (path === '/api/compensations' ? new ApiRequestError('http', 403, 'over_limit', '客服每张工单优惠券上限 ¥20.00') : null));
    const result = await executePlan(plan, d);
    expect(result).toMatchObject({ kind: 'stopped', outcomes: [{ index: 1, ok: false, network: false, message: '客服每张工单优惠券上限 ¥20.00' }] });
  });
});
