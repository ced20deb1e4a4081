import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../protocol/ids';
import type { AuthContext } from '../auth/context';
import { loadEvents } from '../audit/store';
import { acceptInbound } from '../pipeline/inbound';
import { push } from '../sync/push';
import { addAllTeams, addStaff, chat } from '../testing/pipeline-fixtures';
import { createTestDb, type TestDb } from '../testing/test-db';
import { classify, parseModel } from './index';
import { currentModel } from './store';

// Customers of one marketplace call its points "金豆"; the built-in model has never seen the word.
const TEXT = '金豆兑换的那个东西在哪看';

describe('category override', () => {
  let t: TestDb;
  let lead: AuthContext;
  beforeAll(async () => {
    t = await createTestDb();
    const teams = await addAllTeams(t.db);
    lead = await addStaff(t.db, 'lead', Object.values(teams), { role: 'supervisor' });
  });
  afterAll(() => t.dispose());

  it('sets the category, records it, and teaches the saved model so the next such ticket is filed right', async () => {
    const before = classify(await currentModel(t.db), TEXT).category;
    const corrected = before === 'membership' ? 'how_to' : 'membership';
    const a = await acceptInbound(t.db, chat('override-1', TEXT));

    const res = await push(t.db, lead, {
      clientId: 'ws',
      mutations: [{ id: newId(), name: 'conversation.setCategory', args: { conversationId: a.conversationId, category: corrected } }],
    });
    expect(res.results[0]).toMatchObject({ status: 'applied' });
    const { rows } = await t.db.query('SELECT category, category_confidence FROM conversations WHERE id = $1', [a.conversationId]);
    expect(rows[0]).toEqual({ category: corrected, category_confidence: null });
    const event = (await loadEvents(t.db, a.conversationId)).find((e) => e.type === 'category.overridden');
    expect(event).toMatchObject({ actor: { kind: 'agent', id: 'lead' }, data: { to: corrected, learned: { after: corrected } } });

    // Saved: a server starting afresh loads the corrected model from the database.
    const saved = await t.db.query<{ model: string }>(`SELECT model FROM classifier_models WHERE name = 'default'`);
    const reloaded = parseModel(saved.rows[0]!.model);
    expect(reloaded.overrides).toBe(1);
    expect(classify(reloaded, TEXT).category).toBe(corrected);

    const next = await acceptInbound(t.db, chat('override-2', TEXT));
    const again = await t.db.query('SELECT category FROM conversations WHERE id = $1', [next.conversationId]);
    expect(again.rows[0]).toEqual({ category: corrected });
  });
});
