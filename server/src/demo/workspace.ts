import type {
  Category,
  Channel,
  ConversationStatus,
  CustomerIdentity,
  Message,
  Order,
  Priority,
  Tier,
} from '../../../protocol/entities';
import { newId } from '../../../protocol/ids';
import { previewOf } from '../sync/rows';
import {
  DEMO_AGENTS,
  type DemoAgent,
  MERCHANT_PREFIXES,
  MERCHANT_SUFFIXES,
  PRODUCTS,
  type Product,
  TEAM_KINDS,
  TEAM_NAMES,
  type TeamKind,
} from './catalog';
import type { Random } from './random';
import { CATEGORY_LABELS, NUDGES, type Story, STORIES } from './stories';

// The demo workspace as plain rows, built in memory from a seeded generator; seed.ts writes it.

export const DEMO_SIZES = { individuals: 240, merchants: 45, enterprises: 15, extraOrders: 340, conversations: 200 };
/** Resolved conversations over the past 90 days, so that reports have months of history to chart. */
export const DEMO_HISTORY = { conversations: 540, days: 90 };
// Three merchants who each raise the same order three times this week (the repeat-escalation story).
const REPEAT_SERIES = 3;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type CardKeyState = Order['cardKeys'][number]['state'];

export interface TeamSeed {
  id: string;
  kind: TeamKind;
  name: string;
}
export interface AgentSeed extends DemoAgent {
  id: string;
  teamIds: string[];
}
export interface CustomerSeed {
  id: string;
  name: string;
  tier: Tier;
  vip: boolean;
  phone: string | null;
  email: string | null;
  note: string;
  identities: CustomerIdentity[];
  createdAt: number;
}
export interface CardKeySeed {
  id: string;
  code: string;
  state: CardKeyState;
}
export interface OrderSeed {
  /** Order number (DD + China date + per-day sequence), given once all orders exist. */
  id: string;
  customerId: string;
  product: Product;
  supplier: string;
  quantity: number;
  state: Order['state'];
  createdAt: number;
  cardKeys: CardKeySeed[];
}
export interface MessageSeed {
  id: string;
  kind: Message['kind'];
  authorId: string | null;
  authorName: string;
  body: string;
  createdAt: number;
}
export interface ConversationSeed {
  id: string;
  customerId: string;
  channel: Channel;
  subject: string;
  status: ConversationStatus;
  category: Category | null;
  priority: Priority;
  teamId: string;
  assigneeId: string | null;
  orderId: string | null;
  lastMessageAt: number;
  lastMessagePreview: string;
  unreadCount: number;
  createdAt: number;
  messages: MessageSeed[];
  /** Flagged by repeat-contact detection (the third contact of a series). */
  repeat: boolean;
}
export interface DemoWorkspace {
  teams: TeamSeed[];
  agents: AgentSeed[];
  customers: CustomerSeed[];
  orders: OrderSeed[];
  conversations: ConversationSeed[];
}

const HEX = '0123456789ABCDEF';
const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const pad = (n: number, width: number) => String(n).padStart(width, '0');

const CATEGORY_WEIGHTS: Record<Category, number> = {
  delivery_delayed: 18,
  invalid_card_key: 15,
  topup_failed: 9,
  payment_fault: 9,
  order_state: 7,
  account_anomaly: 6,
  funds_security: 4,
  refund_dispute: 8,
  not_as_described: 4,
  licence_activation: 6,
  feature_malfunction: 4,
  how_to: 14,
  membership: 5,
};

const ROUTE: Record<Category, TeamKind> = {
  invalid_card_key: 'supplier',
  delivery_delayed: 'supplier',
  topup_failed: 'supplier',
  payment_fault: 'payment',
  order_state: 'tech',
  account_anomaly: 'security',
  funds_security: 'security',
  refund_dispute: 'disputes',
  not_as_described: 'disputes',
  licence_activation: 'tech',
  feature_malfunction: 'tech',
  how_to: 'general',
  membership: 'general',
};

const BASE_PRIORITY: Record<Category, Priority> = {
  invalid_card_key: 'normal',
  delivery_delayed: 'normal',
  topup_failed: 'normal',
  payment_fault: 'high',
  order_state: 'normal',
  account_anomaly: 'urgent',
  funds_security: 'urgent',
  refund_dispute: 'normal',
  not_as_described: 'normal',
  licence_activation: 'normal',
  feature_malfunction: 'normal',
  how_to: 'low',
  membership: 'low',
};
const PRIORITY_ORDER: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];

/** How long ago a conversation in each status typically started: [min, max] ms. */
const AGE: Record<ConversationStatus, [number, number]> = {
  new: [2 * MINUTE, 3 * HOUR],
  open: [20 * MINUTE, 2 * DAY],
  waiting_customer: [HOUR, 3 * DAY],
  waiting_supplier: [30 * MINUTE, 6 * HOUR],
  resolved: [DAY, 30 * DAY],
};

export function buildDemoWorkspace(rand: Random, now: number): DemoWorkspace {
  const teams = TEAM_KINDS.map((kind): TeamSeed => ({ id: newId(now - 400 * DAY), kind, name: TEAM_NAMES[kind] }));
  const teamId = (kind: TeamKind) => teams.find((t) => t.kind === kind)!.id;
  const agents = DEMO_AGENTS.map(
    (a): AgentSeed => ({ ...a, id: newId(now - 365 * DAY), teamIds: a.teams.map(teamId) }),
  );
  const customers = buildCustomers(rand, now);
  const orders = customers.map((c) => baselineOrder(rand, c, now));
  const buyers = customers.flatMap((c) => Array<CustomerSeed>(c.tier === 'individual' ? 1 : 6).fill(c));
  for (let i = 0; i < DEMO_SIZES.extraOrders; i++) orders.push(baselineOrder(rand, rand.pick(buyers), now));

  const builder = new ConversationBuilder(rand, now, teams, agents, customers, orders);
  builder.repeatSeries(REPEAT_SERIES);
  while (builder.conversations.length < DEMO_SIZES.conversations) builder.single();
  // After the rest, so that the history leaves the random draws of the inbox unchanged.
  builder.history(DEMO_HISTORY.conversations, DEMO_HISTORY.days);

  numberOrders(orders);
  for (const c of builder.conversations) builder.render(c);
  return { teams, agents, customers, orders, conversations: builder.conversations.map((c) => c.seed) };
}

function buildCustomers(rand: Random, now: number): CustomerSeed[] {
  const shopNames = rand
    .shuffle(MERCHANT_PREFIXES.flatMap((p) => MERCHANT_SUFFIXES.map((s) => `${p}${s}`)))
    .slice(0, DEMO_SIZES.merchants);
  const plan: Array<{ tier: Tier; name: string; n: number }> = [
    ...Array.from({ length: DEMO_SIZES.individuals }, (_, i) => ({ tier: 'individual' as const, name: `示例玩家${pad(i + 1, 4)}`, n: i + 1 })),
    ...shopNames.map((shop, i) => ({ tier: 'merchant' as const, name: `示例商户·${shop}`, n: i + 1 })),
    ...Array.from({ length: DEMO_SIZES.enterprises }, (_, i) => ({ tier: 'enterprise' as const, name: `演示企业客户${pad(i + 1, 2)}`, n: i + 1 })),
  ];
  return plan.map(({ tier, name, n }, index) => {
    const createdAt = now - rand.int(30, 720) * DAY - rand.int(0, DAY);
    const identities = identitiesFor(rand, tier, n, index + 1);
    const vip = rand.chance(tier === 'individual' ? 0.06 : tier === 'merchant' ? 0.2 : 0.6);
    return {
      id: newId(createdAt),
      name,
      tier,
      vip,
      phone: identities.find((i) => i.channel === 'phone')?.externalId ?? null,
      email: identities.find((i) => i.channel === 'email')?.externalId ?? null,
      note: customerNote(tier, vip),
      identities,
      createdAt,
    };
  });
}

const IDENTITY_ODDS: Record<Tier, Partial<Record<Channel, number>>> = {
  individual: { webchat: 0.7, qq: 0.45, wecom: 0.2, email: 0.35, phone: 0.5 },
  merchant: { webchat: 0.3, qq: 0.6, wecom: 0.8, email: 0.9, phone: 0.8 },
  enterprise: { wecom: 1, email: 1, phone: 1 },
};

function identitiesFor(rand: Random, tier: Tier, n: number, customerNo: number): CustomerIdentity[] {
  const externalId: Record<Exclude<Channel, 'form'>, () => string> = {
    webchat: () => `wv_${rand.chars(HEX, 16).toLowerCase()}`,
    qq: () => rand.chars(HEX, 32),
    wecom: () => `wm${rand.chars(ALNUM, 22)}`,
    email: () =>
      tier === 'individual'
        ? `player${pad(n, 4)}@example.com`
        : tier === 'merchant'
          ? `shop${pad(n, 2)}@example.net`
          : `support@corp${pad(n, 2)}.example.org`,
    // 155-0000-xxxx: plainly not a real subscriber number.
    phone: () => `1550000${pad(customerNo, 4)}`,
  };
  const out: CustomerIdentity[] = [];
  for (const [channel, odds] of Object.entries(IDENTITY_ODDS[tier]) as Array<[Exclude<Channel, 'form'>, number]>) {
    if (rand.chance(odds)) out.push({ channel, externalId: externalId[channel]() });
  }
  if (out.length === 0) out.push({ channel: 'webchat', externalId: externalId.webchat() });
  return out;
}

function customerNote(tier: Tier, vip: boolean): string {
  if (tier === 'enterprise') return '专属客户经理：演示客服11；定制 SLA：首次响应 5 分钟，复杂问题 1 小时内解决。';
  if (tier === 'merchant') return vip ? '批量采购大户，月结对账，优先通道。' : '批量采购，按月对账。';
  return vip ? 'VIP 玩家，优先处理。' : '';
}

function quantityFor(rand: Random, tier: Tier, product: Product): number {
  if (product.delivery === 'direct') return 1;
  if (tier === 'merchant') return rand.int(2, 10);
  if (tier === 'enterprise') return rand.int(3, 12);
  return rand.chance(0.15) ? 2 : 1;
}

function productFor(rand: Random, tier: Tier, fits: (p: Product) => boolean = () => true): Product {
  const candidates = PRODUCTS.filter(fits);
  // Players mostly buy for their games; enterprises buy cards and licences in bulk, not top-ups.
  const liked = candidates.filter((p) => (tier === 'individual' ? p.game !== null : tier === 'enterprise' ? p.delivery !== 'direct' : true));
  return rand.pick(liked.length > 0 && (tier !== 'individual' || rand.chance(0.75)) ? liked : candidates);
}

function keyStateFor(rand: Random, state: Order['state']): CardKeyState {
  switch (state) {
    case 'paid':
      return 'unused';
    case 'delivering':
      return 'pending';
    case 'refunded':
    case 'failed':
      return 'invalid';
    case 'delivered':
      return rand.chance(0.75) ? 'redeemed' : 'delivered';
  }
}

function cardKeyCode(rand: Random, product: Product): string {
  const groups = product.delivery === 'licence' ? 5 : 4;
  const width = product.delivery === 'licence' ? 5 : 4;
  return Array.from({ length: groups }, () => rand.chars(ALNUM, width)).join('-');
}

function makeOrder(
  rand: Random,
  customer: CustomerSeed,
  product: Product,
  state: Order['state'],
  createdAt: number,
  firstKeyState?: CardKeyState,
): OrderSeed {
  const quantity = quantityFor(rand, customer.tier, product);
  // A failed card order never got its keys from upstream.
  const keys = product.delivery === 'direct' || state === 'failed' ? 0 : quantity;
  return {
    id: '',
    customerId: customer.id,
    product,
    supplier: rand.pick(product.suppliers),
    quantity,
    state,
    createdAt,
    cardKeys: Array.from({ length: keys }, (_, i) => ({
      id: newId(createdAt),
      code: cardKeyCode(rand, product),
      state: i === 0 && firstKeyState ? firstKeyState : keyStateFor(rand, state),
    })),
  };
}

function baselineOrder(rand: Random, customer: CustomerSeed, now: number): OrderSeed {
  const from = Math.max(customer.createdAt, now - 90 * DAY);
  const createdAt = rand.int(from, now - 2 * DAY);
  const product = productFor(rand, customer.tier);
  const state = rand.weighted({ delivered: 88, refunded: 7, failed: product.delivery === 'direct' ? 5 : 2 });
  return makeOrder(rand, customer, product, state, createdAt);
}

/** DD + date in China + five-digit sequence of that day, in order of creation (DD2026112200001). */
function numberOrders(orders: OrderSeed[]): void {
  const perDay = new Map<string, number>();
  for (const o of [...orders].sort((a, b) => a.createdAt - b.createdAt)) {
    const day = new Date(o.createdAt + 8 * HOUR).toISOString().slice(0, 10).replaceAll('-', '');
    const seq = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, seq);
    o.id = `DD${day}${pad(seq, 5)}`;
  }
}

interface Draft {
  seed: ConversationSeed;
  story: Story;
  order: OrderSeed | null;
  product: Product;
  /** 1 for a first contact; 2 and 3 for the repeat series. */
  contact: number;
  /** How long the first answer took, for the history; otherwise like any later line. */
  firstReplyMs?: number;
}

class ConversationBuilder {
  readonly conversations: Draft[] = [];
  private readonly frontLine: AgentSeed[];

  constructor(
    private readonly rand: Random,
    private readonly now: number,
    private readonly teams: TeamSeed[],
    agents: AgentSeed[],
    private readonly customers: CustomerSeed[],
    private readonly orders: OrderSeed[],
  ) {
    this.frontLine = agents.filter((a) => a.role === 'agent');
  }

  single(): void {
    const { rand } = this;
    const category = rand.weighted(CATEGORY_WEIGHTS);
    const story = rand.pick(STORIES.filter((s) => s.category === category));
    const customer = rand.pick(this.customers.filter((c) => !story.tiers || story.tiers.includes(c.tier)));
    let status = rand.weighted<ConversationStatus>({ new: 18, open: 30, waiting_customer: 14, waiting_supplier: 10, resolved: 28 });
    if (status === 'waiting_supplier' && !story.supplierUpdate) status = 'open';
    const [minAge, maxAge] = AGE[status];
    const createdAt = this.now - rand.int(minAge, maxAge);
    this.add(story, customer, status, createdAt, this.storyOrder(story, customer, createdAt), 1);
  }

  /** The same merchant, the same order, three times this week; the third goes to the senior queue. */
  repeatSeries(count: number): void {
    const { rand } = this;
    const merchants = rand.shuffle(this.customers.filter((c) => c.tier === 'merchant')).slice(0, count);
    const stories = STORIES.filter((s) => s.order && ['delivery_delayed', 'invalid_card_key', 'order_state'].includes(s.category));
    for (const customer of merchants) {
      const story = rand.pick(stories);
      const firstAt = this.now - rand.int(5 * DAY, 6 * DAY);
      const order = this.storyOrder(story, customer, firstAt);
      this.add(story, customer, 'resolved', firstAt, order, 1);
      this.add(story, customer, 'resolved', this.now - rand.int(2 * DAY, 3 * DAY), order, 2);
      this.add(story, customer, rand.pick(['new', 'open'] as const), this.now - rand.int(10 * MINUTE, 2 * HOUR), order, 3);
    }
  }

  /**
   * Resolved conversations spread over the past `days`, answered about as fast as a team
   * that mostly meets its SLA: chats within 30 s most of the time, email within hours.
   */
  history(count: number, days: number): void {
    const { rand } = this;
    for (let i = 0; i < count; i++) {
      const category = rand.weighted(CATEGORY_WEIGHTS);
      const story = rand.pick(STORIES.filter((s) => s.category === category));
      const customer = rand.pick(this.customers.filter((c) => !story.tiers || story.tiers.includes(c.tier)));
      const createdAt = this.now - rand.int(2 * DAY, days * DAY);
      const draft = this.add(story, customer, 'resolved', createdAt, this.storyOrder(story, customer, createdAt), 1);
      const chat = ['webchat', 'wecom', 'qq'].includes(draft.seed.channel);
      draft.firstReplyMs = chat
        ? rand.chance(0.85) ? rand.int(4_000, 28_000) : rand.int(31_000, 3 * MINUTE)
        : draft.seed.channel === 'email'
          ? rand.int(20 * MINUTE, 30 * HOUR)
          : rand.chance(0.9) ? rand.int(MINUTE, 9 * MINUTE) : rand.int(11 * MINUTE, 40 * MINUTE);
    }
  }

  private storyOrder(story: Story, customer: CustomerSeed, conversationAt: number): OrderSeed | null {
    if (!story.order) return null;
    const spec = story.order;
    const product = productFor(this.rand, customer.tier, (p) => spec.delivery.includes(p.delivery) && (!spec.needsGame || p.game !== null));
    const order = makeOrder(this.rand, customer, product, spec.state, conversationAt - this.rand.int(10 * MINUTE, 3 * HOUR), spec.keyState);
    this.orders.push(order);
    return order;
  }

  private add(story: Story, customer: CustomerSeed, status: ConversationStatus, createdAt: number, order: OrderSeed | null, contact: number): Draft {
    const { rand } = this;
    const escalated = contact === 3;
    const important = customer.vip || customer.tier === 'enterprise';
    const base = BASE_PRIORITY[story.category];
    const priority = escalated ? 'high' : important ? PRIORITY_ORDER[Math.min(PRIORITY_ORDER.indexOf(base) + 1, 3)]! : base;
    const toSenior = escalated || (important && priority !== 'low' && priority !== 'normal' && rand.chance(0.35));
    const team = this.teams.find((t) => t.kind === (toSenior ? 'senior' : ROUTE[story.category]))!;
    const staffed = this.frontLine.filter((a) => a.teamIds.includes(team.id));
    const channels = customer.identities.map((i) => i.channel);
    const channel: Channel = story.category !== 'how_to' && rand.chance(0.08) ? 'form' : rand.pick(channels);
    // A few brand-new conversations wait for classification.
    const category = status === 'new' && !escalated && rand.chance(0.05) ? null : story.category;
    const draft: Draft = {
      story,
      order,
      contact,
      product: order?.product ?? productFor(rand, customer.tier),
      seed: {
        id: newId(createdAt),
        customerId: customer.id,
        channel,
        subject: story.subject,
        status,
        category,
        priority,
        teamId: team.id,
        assigneeId: status === 'new' ? null : rand.pick(staffed).id,
        orderId: null,
        lastMessageAt: createdAt,
        lastMessagePreview: '',
        unreadCount: 0,
        createdAt,
        messages: [],
        repeat: escalated,
      },
    };
    this.conversations.push(draft);
    return draft;
  }

  /** Writes the messages once order numbers exist, and the inbox fields that follow from them. */
  render(d: Draft): void {
    const { rand } = this;
    const c = d.seed;
    const customer = this.customers.find((x) => x.id === c.customerId)!;
    const agent = this.frontLine.find((a) => a.id === c.assigneeId) ?? null;
    const team = this.teams.find((t) => t.id === c.teamId)!;
    const amountCents = d.order ? d.product.priceCents * d.order.quantity : d.product.priceCents;
    const vars: Record<string, string> = {
      order: d.order?.id ?? '',
      product: d.product.name,
      game: d.product.game ?? d.product.name,
      amount: (amountCents / 100).toFixed(2).replace(/\.00$/, ''),
      tail: d.order?.cardKeys[0]?.code.slice(-4) ?? '',
      agent: agent?.name ?? '客服',
      eta: String(rand.int(2, 6) * 5),
    };
    const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
    const s = d.story;
    const lines: Array<{ kind: Message['kind']; body: string }> = [];
    const say = (kind: Message['kind'], text: string) => lines.push({ kind, body: fill(text) });

    const opening = d.contact === 2 ? `上次的问题又出现了：${s.opening}` : d.contact === 3 ? `这周第三次找你们了！${s.opening}` : s.opening;
    say('customer', opening);
    if (d.contact === 3) say('system', `同一客户本周第 3 次反映同一问题，已升级至${team.name}优先处理。`);
    switch (c.status) {
      case 'new':
        if (d.contact !== 3 && rand.chance(0.4) && c.category) {
          say('system', `系统已自动分类为「${CATEGORY_LABELS[c.category]}」，转入${team.name}。`);
        } else {
          say('customer', s.detail);
        }
        if (rand.chance(0.25)) say('customer', rand.pick(NUDGES));
        break;
      case 'open':
        say('agent', s.ack);
        if (rand.chance(0.5)) say('customer', s.detail);
        break;
      case 'waiting_customer':
        say('agent', s.ack);
        if (rand.chance(0.5)) say('customer', s.detail);
        say('agent', s.ask);
        break;
      case 'waiting_supplier':
        say('agent', s.ack);
        say('agent', s.supplierUpdate ?? s.ask);
        if (rand.chance(0.4)) say('customer', rand.pick(NUDGES));
        break;
      case 'resolved':
        say('agent', s.ack);
        if (rand.chance(0.5)) say('customer', s.detail);
        say('agent', s.resolution);
        if (s.note) say('note', s.note);
        if (rand.chance(0.7)) say('customer', s.thanks);
        break;
    }

    let at = c.createdAt;
    const firstReply = lines.findIndex((l) => l.kind === 'agent');
    const times = lines.map((l, i) => {
      if (i > 0) at += i === firstReply && d.firstReplyMs !== undefined ? d.firstReplyMs : l.kind === 'customer' ? rand.int(2 * MINUTE, 30 * MINUTE) : rand.int(20_000, 8 * MINUTE);
      return at;
    });
    // Never in the future: a conversation that started minutes ago is slid back as a whole.
    const overshoot = Math.max(0, times[times.length - 1]! - (this.now - 30_000));
    c.messages = lines.map((l, i) => {
      const createdAt = times[i]! - overshoot;
      const author =
        l.kind === 'customer'
          ? { authorId: customer.id, authorName: customer.name }
          : l.kind === 'system'
            ? { authorId: null, authorName: '系统' }
            : { authorId: agent?.id ?? null, authorName: agent?.name ?? '客服' };
      return { id: newId(createdAt), kind: l.kind, ...author, body: l.body, createdAt };
    });
    c.createdAt = c.messages[0]!.createdAt;
    const last = c.messages[c.messages.length - 1]!;
    c.lastMessageAt = last.createdAt;
    c.lastMessagePreview = previewOf(last.body);
    c.orderId = d.order?.id ?? null;
    // Customer lines since the agent last wrote; a resolved conversation has been read.
    const lastAgentLine = c.messages.findLastIndex((m) => m.kind === 'agent' || m.kind === 'note');
    c.unreadCount =
      c.status === 'resolved' ? 0 : c.messages.slice(lastAgentLine + 1).filter((m) => m.kind === 'customer').length;
  }
}
