import { describe, expect, it } from 'vitest';
import { defaultClassifier } from '../classify';
import type { RouteFacts } from '../routing/rules';
import { classifyOpening, placeTicket } from './decide';
import { DEFAULT_POLICIES } from './policies';

const model = defaultClassifier();
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-22T02:00:00Z');
const facts = (over: Partial<RouteFacts> = {}): RouteFacts => ({
  category: 'delivery_delayed',
  tier: 'individual',
  vip: false,
  channel: 'webchat',
  groupMention: false,
  ...over,
});

describe('pipeline decisions', () => {
  it('files the brief’s first story with its order number', () => {
    const c = classifyOpening(model, ['我买的王者荣耀点卡显示已使用但没到账，订单号 DD202611220001']);
    expect(c).toMatchObject({ category: 'delivery_delayed', orderRefs: ['DD202611220001'], priority: 'normal' });
    expect(c.confidence).toBeGreaterThan(0.9);
  });

  it('leaves a message that says too little unclassified', () => {
    expect(classifyOpening(model, ['你好'])).toMatchObject({ category: null, confidence: null });
  });

  it('takes what the customer stated on a form over the guess, first among the order numbers', () => {
    const c = classifyOpening(model, ['订单 DD202611220002 的激活码用不了'], { category: 'licence_activation', orderId: ' dd202611220001 ' });
    expect(c).toMatchObject({ category: 'licence_activation', confidence: null, orderRefs: ['DD202611220001', 'DD202611220002'] });
  });

  it('never routes below the urgency the words show', () => {
    const p = placeTicket(DEFAULT_POLICIES, facts(), 'urgent', [], { id: 'n', createdAt: NOW, category: 'delivery_delayed', orderIds: [] });
    expect(p.route).toMatchObject({ team: 'supplier', priority: 'urgent' });
  });

  it('sends the third contact about one order within a week to the senior queue, one step higher', () => {
    const prior = [
      { id: 'a', createdAt: NOW - 3 * DAY, category: 'delivery_delayed' as const, orderIds: ['DD1'] },
      { id: 'b', createdAt: NOW - DAY, category: null, orderIds: ['DD1'] },
      { id: 'old', createdAt: NOW - 8 * DAY, category: 'delivery_delayed' as const, orderIds: ['DD1'] },
    ];
    const p = placeTicket(DEFAULT_POLICIES, facts({ tier: 'merchant' }), 'normal', prior, {
      id: 'n',
      createdAt: NOW,
      category: 'topup_failed',
      orderIds: ['DD1'],
    });
    expect(p.repeat).toMatchObject({ repeat: true, earlier: ['a', 'b'] });
    expect(p.route).toMatchObject({ team: 'senior', priority: 'urgent' });
  });
});
