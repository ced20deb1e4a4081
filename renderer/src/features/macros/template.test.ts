import { describe, expect, it } from 'vitest';
import type { OrderSupplierResponse } from '../../../../protocol';
import { hasMissingMarker, renderTemplate, variableValues, type VariableSources } from './template';

const sources = (patch: Partial<VariableSources> = {}): VariableSources => ({
  conversation: { subject: '点卡未到账' },
  customer: { name: '林小满', tier: 'individual', vip: true },
  order: { id: 'DD202611220001', product: '王者荣耀 60元点券卡', amountCents: 6000, supplier: '星河卡行', cardKeys: [{ masked: '****-7Q2M', state: 'redeemed' }] },
  agent: { name: '客服小周' },
  supplier: { kind: 'none' },
  ...patch,
});

const lookup = (state: 'healthy' | 'congested' | 'down', etaMinutes: number | null): OrderSupplierResponse =>
  ({
    orderId: 'DD202611220001',
    supplier: { id: 's1', name: '星河卡行' },
    health: { ok: true, data: { state, etaMinutes, message: null }, stale: false, fetchedAt: '2026-11-22T08:00:00Z', ageSeconds: 0, error: null },
  }) as OrderSupplierResponse;

describe('renderTemplate', () => {
  it('fills variables, spaces inside braces allowed', () => {
    const r = renderTemplate('{{customer.name}}，订单 {{ order.id }}（{{order.amount}}）', variableValues(sources()));
    expect(r.text).toBe('林小满，订单 DD202611220001（¥60.00）');
    expect(r.missing).toEqual([]);
    expect(r.segments.map((s) => s.kind)).toEqual(['value', 'text', 'value', 'text', 'value', 'text']);
  });

  it('marks missing values clearly, once per variable in the list', () => {
    const r = renderTemplate('预计{{supplier.eta}}恢复；{{supplier.eta}}；订单 {{order.id}}', variableValues(sources({ order: undefined })));
    expect(r.text).toBe('预计【待填写：预计恢复时间】恢复；【待填写：预计恢复时间】；订单 【待填写：订单号】');
    expect(r.missing).toEqual(['supplier.eta', 'order.id']);
    expect(hasMissingMarker(r.text)).toBe(true);
    expect(hasMissingMarker('预计约 15 分钟后恢复')).toBe(false);
  });

  it('puts customer-provided values in as text: no markup, no second expansion', () => {
    const evil = '<img src=x onerror=alert(1)>{{order.id}}';
    const r = renderTemplate('您好 {{customer.name}}', variableValues(sources({ customer: { name: evil, tier: 'merchant', vip: false } })));
    expect(r.text).toBe(`您好 ${evil}`);
    expect(r.segments[1]).toEqual({ kind: 'value', name: 'customer.name', text: evil });
  });

  it('treats an unknown variable as missing rather than dropping it', () => {
    expect(renderTemplate('{{customer.password}}', {}).text).toBe('【待填写：customer.password】');
  });
});

describe('variableValues', () => {
  it('takes the ETA from a congested channel', () => {
    const v = variableValues(sources({ supplier: { kind: 'answer', response: lookup('congested', 15) } }));
    expect(v['supplier.eta']).toBe('约 15 分钟后');
    expect(v['supplier.state']).toBe('通道拥堵');
    expect(v['customer.tier']).toBe('个人用户（VIP）');
    expect(v['order.cardKey']).toBe('****-7Q2M');
  });

  it('has no ETA when the channel is healthy, the supplier gave none, or the lookup failed', () => {
    expect(variableValues(sources({ supplier: { kind: 'answer', response: lookup('healthy', null) } }))['supplier.eta']).toBeNull();
    expect(variableValues(sources({ supplier: { kind: 'answer', response: lookup('down', null) } }))['supplier.eta']).toBeNull();
    const failed = variableValues(sources({ supplier: { kind: 'failed' } }));
    expect(failed['supplier.eta']).toBeNull();
    expect(failed['supplier.state']).toBeNull();
  });
});
