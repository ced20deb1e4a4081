import { loadCustomerCard, type KadeskDb } from '../../data';

/** The order `o` looks up: the conversation's own, or else its customer's newest; null when there is none. */
export async function orderToLookUp(db: KadeskDb, conversationId: string): Promise<string | null> {
  const conversation = await db.conversations.get(conversationId);
  if (!conversation) return null;
  if (conversation.orderId) return conversation.orderId;
  const { orders } = await loadCustomerCard(db, conversation.customerId, 1);
  return orders[0]?.id ?? null;
}
