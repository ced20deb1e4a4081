import type { Category } from '../../../protocol/entities';
import { newId } from '../../../protocol/ids';
import { nextEvent } from '../audit/chain';
import { TICKET_EVENT } from '../conversations/events';
import type { Sql } from '../db/db';
import { insertRows } from './bulk-insert';
import { Random } from './random';
import type { ConversationSeed, DemoWorkspace } from './workspace';

// What the demo's resolved conversations left behind, as the live system records it: the
// resolution in each ticket's audit chain, the 先行赔付 granted on some, and the satisfaction
// surveys sent afterwards. Reports chart these.

const HISTORY_SEED = 20261123;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Platform-fault causes the demo compensates, and who pays in the end. */
const COMPENSATED: Partial<Record<Category, { cause: string; liable: 'supplier' | 'platform' }>> = {
  invalid_card_key: { cause: '上游误发已使用卡密', liable: 'supplier' },
  delivery_delayed: { cause: '供货商通道拥堵，到账超时', liable: 'supplier' },
  topup_failed: { cause: '上游充值接口故障', liable: 'supplier' },
  payment_fault: { cause: '支付通道重复扣款', liable: 'platform' },
  order_state: { cause: '订单状态同步异常', liable: 'platform' },
};

const COMMENTS: Record<number, readonly string[]> = {
  1: ['等了太久，问题也没说清楚。'],
  2: ['处理得慢，希望改进。'],
  3: ['问题解决了，但来回问了好几次。'],
  4: ['客服态度不错，解决得挺快。'],
  5: ['很快就补发了，点赞！', '客服非常耐心，谢谢。', '处理及时，满意。'],
};

/** The resolution is the agent's last answer; a customer's thanks may come after it. */
const resolvedAt = (c: ConversationSeed) => c.messages.findLast((m) => m.kind === 'agent')?.createdAt ?? c.lastMessageAt;

export async function recordDemoHistory(tx: Sql, ws: DemoWorkspace, now: number): Promise<void> {
  const rand = new Random(HISTORY_SEED);
  const resolved = ws.conversations.filter((c) => c.status === 'resolved');
  const agentName = new Map(ws.agents.map((a) => [a.id, a.name]));
  const orders = new Map(ws.orders.map((o) => [o.id, o]));

  // Each demo ticket's chain starts here, so the events are chained in memory and inserted in bulk
  // (appendEvents per ticket would take seconds at start-up).
  const events = resolved.map((c) =>
    nextEvent(null, {
      ticketId: c.id,
      at: new Date(resolvedAt(c)).toISOString(),
      actor: { kind: 'agent', id: c.assigneeId },
      type: TICKET_EVENT.status,
      data: { from: 'open', to: 'resolved' },
    }),
  );
  await insertRows(
    tx,
    'ticket_events',
    ['ticket_id', 'seq', 'at', 'actor_id', 'actor_kind', 'type', 'data', 'prev_hash', 'hash'],
    events.map((e) => [e.ticketId, e.seq, new Date(e.at), e.actor.id, e.actor.kind, e.type, JSON.stringify(e.data), e.prevHash, e.hash]),
  );

  const compensations: unknown[][] = [];
  for (const c of resolved) {
    const paid = c.category ? COMPENSATED[c.category] : undefined;
    const order = c.orderId ? orders.get(c.orderId) : undefined;
    if (!paid || !order || !rand.chance(0.4)) continue;
    const kind = rand.weighted({ coupon: 5, refund: 3, reissue: 2 });
    const amountCents = kind === 'coupon' ? rand.pick([500, 1000, 2000]) : order.product.priceCents * order.quantity;
    const at = resolvedAt(c) - rand.int(MINUTE, 10 * MINUTE);
    // Supplier-liable amounts of past months have been settled; this month's are pending.
    const settlement = paid.liable === 'platform' ? 'not_applicable' : now - at > 30 * 24 * HOUR ? 'settled' : 'pending';
    compensations.push([
      newId(at),
      newId(at),
      kind,
      c.id,
      order.id,
      c.customerId,
      amountCents,
      paid.cause,
      paid.liable === 'supplier' ? order.supplier : null,
      paid.liable,
      settlement,
      kind === 'coupon' ? `CP${rand.chars('0123456789ABCDEF', 12)}` : null,
      c.assigneeId,
      agentName.get(c.assigneeId ?? '') ?? '系统',
      new Date(at),
    ]);
  }
  await insertRows(
    tx,
    'compensations',
    [
      'id', 'request_id', 'kind', 'conversation_id', 'order_id', 'customer_id', 'amount_cents', 'cause', 'supplier', 'liable',
      'settlement_status', 'coupon_code', 'created_by', 'created_by_name', 'created_at',
    ],
    compensations,
  );

  const surveys: unknown[][] = [];
  for (const c of resolved) {
    if (!rand.chance(0.8)) continue;
    const sentAt = resolvedAt(c) + rand.int(MINUTE, 5 * MINUTE);
    const answeredAt = sentAt + rand.int(3 * MINUTE, 8 * HOUR);
    const score = rand.chance(0.6) && answeredAt < now ? Number(rand.weighted({ 5: 52, 4: 24, 3: 11, 2: 7, 1: 6 })) : null;
    surveys.push([
      newId(sentAt),
      c.id,
      c.customerId,
      c.assigneeId,
      c.channel,
      rand.chars('0123456789abcdef', 64),
      new Date(sentAt),
      score,
      score !== null && rand.chance(0.4) ? rand.pick(COMMENTS[score]!) : null,
      score === null ? null : new Date(answeredAt),
    ]);
  }
  await insertRows(
    tx,
    'csat_surveys',
    ['id', 'conversation_id', 'customer_id', 'agent_id', 'channel', 'token_hash', 'sent_at', 'score', 'comment', 'answered_at'],
    surveys,
  );
}
