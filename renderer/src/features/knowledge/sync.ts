import { ChecklistTicksResponse, KnowledgeResponse, type ChecklistTick } from '../../../../protocol';
import { isTransient, type ApiClient, type KadeskDb } from '../../data';

// The knowledge set is small: it is fetched whole and replaces the cache, so the panel reads
// it offline. Checklist ticks are written locally first (pending) and sent when the server is
// reachable; the server keeps the latest tick per step, so sending one twice is harmless.

export async function refreshKnowledge(db: KadeskDb, api: ApiClient): Promise<void> {
  const k = await api.get('/api/knowledge', KnowledgeResponse);
  await db.transaction('rw', db.sops, db.articles, async () => {
    await db.sops.clear();
    await db.sops.bulkPut(k.sops);
    await db.articles.clear();
    await db.articles.bulkPut(k.articles);
  });
}

export async function tickItem(db: KadeskDb, conversationId: string, itemId: string, checked: boolean, now = new Date()): Promise<void> {
  await db.checklistTicks.put({ conversationId, itemId, checked, at: now.toISOString(), pending: 1 });
}

/** Lays the server's ticks over the cache; a local tick not sent yet, or newer, stays. */
export async function mergeServerTicks(db: KadeskDb, conversationId: string, ticks: readonly ChecklistTick[]): Promise<void> {
  await db.transaction('rw', db.checklistTicks, async () => {
    for (const t of ticks) {
      const local = await db.checklistTicks.get([conversationId, t.itemId]);
      if (local?.pending && Date.parse(local.at) > Date.parse(t.at)) continue;
      await db.checklistTicks.put({ conversationId, itemId: t.itemId, checked: t.checked, at: t.at, pending: 0 });
    }
  });
}

export async function pullTicks(db: KadeskDb, api: ApiClient, conversationId: string): Promise<void> {
  const res = await api.get(`/api/conversations/${encodeURIComponent(conversationId)}/checklist`, ChecklistTicksResponse);
  await mergeServerTicks(db, conversationId, res.ticks);
}

/**
 * Sends every pending tick, one request per conversation. Returns false when the server
 * could not be reached (try again later). A tick the server refuses for good (the ticket left
 * the agent's scope) stays on this workstation only, no longer pending.
 */
export async function pushTicks(db: KadeskDb, api: ApiClient): Promise<boolean> {
  const pending = await db.checklistTicks.where('pending').equals(1).toArray();
  const byConversation = new Map<string, ChecklistTick[]>();
  for (const t of pending) {
    const list = byConversation.get(t.conversationId) ?? [];
    list.push({ itemId: t.itemId, checked: t.checked, at: t.at });
    byConversation.set(t.conversationId, list);
  }
  for (const [conversationId, ticks] of byConversation) {
    try {
      const res = await api.put(`/api/conversations/${encodeURIComponent(conversationId)}/checklist`, { ticks }, ChecklistTicksResponse);
      await mergeServerTicks(db, conversationId, res.ticks);
    } catch (err) {
      if (isTransient(err)) return false;
      await db.checklistTicks
        .where('conversationId')
        .equals(conversationId)
        .modify((t) => {
          if (ticks.some((s) => s.itemId === t.itemId && s.at === t.at)) t.pending = 0;
        });
    }
  }
  return true;
}
