import {
  TEMPLATE_VARIABLE,
  type Agent,
  type Conversation,
  type Customer,
  type MacroVariable,
  type Order,
  type OrderSupplierResponse,
} from '../../../../protocol';

// Filling a macro's {{variables}}. Values are plain text put in as they are: a customer
// name containing "<b>" or "{{order.id}}" stays exactly that text (never markup, never
// expanded again), and the preview shows it through React text nodes.

/** Chinese names of the variables, for the editor and for the markers of missing values. */
export const VARIABLE_LABELS_ZH: Record<MacroVariable, string> = {
  'customer.name': '客户称呼',
  'customer.tier': '客户类型',
  'order.id': '订单号',
  'order.product': '商品名称',
  'order.amount': '订单金额',
  'order.cardKey': '卡密（掩码）',
  'supplier.name': '供应商',
  'supplier.state': '通道状态',
  'supplier.eta': '预计恢复时间',
  'agent.name': '客服姓名',
  'ticket.subject': '工单标题',
};

/** A value that could not be filled: the marker stays in the text until the agent edits it. */
export const MISSING_OPEN = '【待填写：';
export const missingMarker = (name: string): string =>
  `${MISSING_OPEN}${(VARIABLE_LABELS_ZH as Record<string, string>)[name] ?? name}】`;
export const hasMissingMarker = (text: string): boolean => text.includes(MISSING_OPEN);

/** Filled values by variable; absent or null means unavailable. */
export type VariableValues = Partial<Record<MacroVariable, string | null>>;

export type Segment = { kind: 'text'; text: string } | { kind: 'value'; name: string; text: string } | { kind: 'missing'; name: string; text: string };

export interface Rendered {
  text: string;
  segments: Segment[];
  /** Variables without a value, in order of first use. */
  missing: string[];
}

/** The template with every variable replaced by its value or by a missing-value marker. */
export function renderTemplate(template: string, values: VariableValues): Rendered {
  const segments: Segment[] = [];
  const missing: string[] = [];
  let last = 0;
  for (const m of template.matchAll(TEMPLATE_VARIABLE)) {
    if (m.index > last) segments.push({ kind: 'text', text: template.slice(last, m.index) });
    const name = m[1]!;
    const value = (values as Record<string, string | null | undefined>)[name];
    if (value === undefined || value === null || value.trim() === '') {
      segments.push({ kind: 'missing', name, text: missingMarker(name) });
      if (!missing.includes(name)) missing.push(name);
    } else {
      segments.push({ kind: 'value', name, text: value });
    }
    last = m.index + m[0].length;
  }
  if (last < template.length) segments.push({ kind: 'text', text: template.slice(last) });
  return { text: segments.map((s) => s.text).join(''), segments, missing };
}

const TIER_ZH: Record<Customer['tier'], string> = { individual: '个人用户', merchant: '商户', enterprise: '企业客户' };
const STATE_ZH = { healthy: '通道正常', congested: '通道拥堵', down: '通道中断' } as const;

export const yuan = (cents: number): string => `¥${(cents / 100).toFixed(2)}`;

/** The supplier lookup as the preview got it: an answer, a failure (offline, error), or not asked. */
export type SupplierLookup = { kind: 'answer'; response: OrderSupplierResponse } | { kind: 'failed' } | { kind: 'none' };

export interface VariableSources {
  conversation: Pick<Conversation, 'subject'>;
  customer: Pick<Customer, 'name' | 'tier' | 'vip'> | undefined;
  order: Pick<Order, 'id' | 'product' | 'amountCents' | 'supplier' | 'cardKeys'> | undefined;
  agent: Pick<Agent, 'name'>;
  supplier: SupplierLookup;
}

/**
 * Every variable's value from what the workstation knows. The supplier's ETA exists only
 * while its channel is congested or down and it gave one; otherwise it stays missing and
 * the agent writes it.
 */
export function variableValues(s: VariableSources): VariableValues {
  const health = s.supplier.kind === 'answer' && s.supplier.response.health.ok ? s.supplier.response.health.data : null;
  const eta = health && health.state !== 'healthy' && health.etaMinutes !== null ? `约 ${health.etaMinutes} 分钟后` : null;
  return {
    'customer.name': s.customer?.name ?? null,
    'customer.tier': s.customer ? `${TIER_ZH[s.customer.tier]}${s.customer.vip ? '（VIP）' : ''}` : null,
    'order.id': s.order?.id ?? null,
    'order.product': s.order?.product ?? null,
    'order.amount': s.order ? yuan(s.order.amountCents) : null,
    'order.cardKey': s.order?.cardKeys[0]?.masked ?? null,
    'supplier.name': s.order?.supplier ?? null,
    'supplier.state': health ? STATE_ZH[health.state] : null,
    'supplier.eta': eta,
    'agent.name': s.agent.name,
    'ticket.subject': s.conversation.subject || null,
  };
}
