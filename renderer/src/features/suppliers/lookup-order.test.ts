import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Conversation, Order } from '../../../../protocol';
import { KadeskDb } from '../../data';
import { fromServer } from '../../data/optimistic';
import { orderToLookUp } from './lookup-order';

let db: KadeskDb;
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 8, minute)).toISOString();

function conversation(id: string, customerId: string, orderId: string | null): Conversation {
  return {
    id,
    version: 1,
    deletedAt: null,
    customerId,
    channel: 'webchat',
    subject: '点卡显示已使用但没到账',
    status: 'open',
    category: 'delivery_delayed',
    categoryConfidence: null,
    priority: 'normal',
    repeat: false,
    sla: null,
    teamId: null,
    assigneeId: null,
    orderId,
    lastMessageAt: at(30),
    lastMessagePreview: '',
    unreadCount: 0,
    createdAt: at(30),
    updatedAt: at(30),
  };
}

function order(id: string, customerId: string, minute: number): Order {
  return {
    id,
    version: 1,
    deletedAt: null,
    customerId,
    product: '王者荣耀 60元点券卡',
    game: '王者荣耀',
    supplier: '示例供应商·华东卡源',
    amountCents: 6000,
    state: 'delivering',
    cardKeys: [],
    createdAt: at(minute),
  };
}

describe('the order a supplier lookup checks', () => {
  it('is the conversation’s own order, else the customer’s newest, else none', async () => {
    db = new KadeskDb('lookup-order-test');
    await db.conversations.bulkPut(
      [conversation('with-order', 'cu-1', 'DD-OLD'), conversation('without', 'cu-1', null), conversation('no-orders', 'cu-2', null)].map((c) =>
        fromServer(c, undefined),
      ),
    );
    await db.orders.bulkPut([order('DD-OLD', 'cu-1', 1), order('DD-NEW', 'cu-1', 20), order('DD-OTHER', 'cu-3', 25)]);

    expect(await orderToLookUp(db, 'with-order')).toBe('DD-OLD');
    expect(await orderToLookUp(db, 'without')).toBe('DD-NEW');
    expect(await orderToLookUp(db, 'no-orders')).toBeNull();
    expect(await orderToLookUp(db, 'unknown')).toBeNull();
  });
});
