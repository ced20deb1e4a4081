import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SendSurveyResponse } from '../../../protocol/csat';
import { newId } from '../../../protocol/ids';
import { loadEvents } from '../audit/store';
import { type CaseWorld, caseWorld } from '../casework/testing';
import { runSurveyJobs } from './jobs';

const PUBLIC_URL = 'https://help.example.com';

describe('satisfaction surveys', () => {
  let w: CaseWorld;
  beforeAll(async () => {
    w = await caseWorld();
  });
  afterAll(() => w.close());

  const sendSurvey = (token: string, conversationId: string) =>
    w.call<SendSurveyResponse>(token, 'POST', `/api/conversations/${conversationId}/survey`);
  const setStatus = (conversationId: string, status: string) =>
    w.call<{ results: Array<{ status: string }> }>(w.tokens.agent, 'POST', '/api/sync/push', {
      clientId: 'ws-csat',
      mutations: [{ id: newId(), name: 'conversation.setStatus', args: { conversationId, status } }],
    });
  const surveysOf = async (conversationId: string) =>
    (
      await w.s.db.query<{ id: string; score: number | null; comment: string | null; answered_at: Date | null; agent_id: string | null; channel: string }>(
        'SELECT id, score, comment, answered_at, agent_id, channel FROM csat_surveys WHERE conversation_id = $1 ORDER BY sent_at, id',
        [conversationId],
      )
    ).rows;
  const messagesOf = async (conversationId: string) =>
    (
      await w.s.db.query<{ kind: string; author_name: string; body: string }>(
        'SELECT kind, author_name, body FROM messages WHERE conversation_id = $1 ORDER BY created_at, id',
        [conversationId],
      )
    ).rows;
  const tokenIn = (body: string) => /\/survey\/([A-Za-z0-9_-]+)/.exec(body)![1]!;
  const latestToken = async (conversationId: string) => {
    const invites = (await messagesOf(conversationId)).filter((m) => m.body.includes('/survey/'));
    return tokenIn(invites.at(-1)!.body);
  };
  const jobsOf = async (conversationId: string) =>
    (await w.s.db.query<{ attempts: number }>('SELECT attempts FROM csat_jobs WHERE conversation_id = $1', [conversationId])).rows;
  const page = (method: 'GET' | 'POST', token: string, form?: string) =>
    w.s.app.inject({
      method,
      url: `/survey/${token}`,
      ...(form === undefined ? {} : { payload: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    });

  it('sends one survey on request as an agent reply with a link, and returns the open one when asked again', async () => {
    const { conversationId } = await w.addCase();
    const first = await sendSurvey(w.tokens.agent, conversationId);
    expect(first.status).toBe(202);
    const again = await sendSurvey(w.tokens.supervisor, conversationId);
    expect(again).toEqual({ status: 202, body: { surveyId: first.body.surveyId } });

    const surveys = await surveysOf(conversationId);
    expect(surveys).toEqual([expect.objectContaining({ id: first.body.surveyId, channel: 'webchat', score: null, answered_at: null })]);
    const invites = (await messagesOf(conversationId)).filter((m) => m.body.includes('/survey/'));
    // Kind 'agent': the path every channel's outbound delivery carries to the customer.
    expect(invites).toEqual([{ kind: 'agent', author_name: '满意度调查', body: expect.stringMatching(/http:\/\/127\.0\.0\.1:0\/survey\/[A-Za-z0-9_-]{43}/) }]);
    // Only the hash is stored.
    const stored = await w.s.db.query<{ token_hash: string }>('SELECT token_hash FROM csat_surveys WHERE id = $1', [first.body.surveyId]);
    expect(stored.rows[0]!.token_hash).not.toContain(tokenIn(invites[0]!.body));
    expect((await loadEvents(w.s.db, conversationId)).filter((e) => e.type === 'csat.sent')).toHaveLength(1);
  });

  it('checks the caller and the conversation scope', async () => {
    const { conversationId } = await w.addCase();
    expect((await w.s.app.inject({ method: 'POST', url: `/api/conversations/${conversationId}/survey` })).statusCode).toBe(401);
    const outsider = await w.call(w.tokens.outsider, 'POST', `/api/conversations/${conversationId}/survey`);
    expect(outsider.status).toBe(404);
    expect((await w.call(w.tokens.agent, 'POST', '/api/conversations/NOPE/survey')).status).toBe(404);
    expect(await surveysOf(conversationId)).toEqual([]);
  });

  it('sends a survey once per resolution through the job queued by the status change', async () => {
    const { conversationId } = await w.addCase();
    await w.s.db.write((tx) => tx.query('UPDATE conversations SET assignee_id = $2 WHERE id = $1', [conversationId, w.agentId]));
    expect((await setStatus(conversationId, 'resolved')).body.results).toEqual([expect.objectContaining({ status: 'applied' })]);
    // Queued with the resolution; nothing sent until the worker runs (a crash here loses nothing).
    expect(await jobsOf(conversationId)).toHaveLength(1);
    expect(await surveysOf(conversationId)).toEqual([]);

    await runSurveyJobs(w.s.db, PUBLIC_URL);
    await runSurveyJobs(w.s.db, PUBLIC_URL);
    expect(await jobsOf(conversationId)).toEqual([]);
    expect(await surveysOf(conversationId)).toEqual([expect.objectContaining({ agent_id: w.agentId })]);
    expect(await latestToken(conversationId)).toBeTruthy();
    expect((await messagesOf(conversationId)).at(-1)!.body).toContain(`${PUBLIC_URL}/survey/`);
    // Still resolved: the invitation does not reopen the ticket.
    const status = await w.s.db.query<{ status: string }>('SELECT status FROM conversations WHERE id = $1', [conversationId]);
    expect(status.rows[0]!.status).toBe('resolved');

    // Reopened and resolved again while the first survey is unanswered: its link still serves.
    await setStatus(conversationId, 'open');
    await setStatus(conversationId, 'resolved');
    await runSurveyJobs(w.s.db, PUBLIC_URL);
    expect(await surveysOf(conversationId)).toHaveLength(1);

    // Answered, then resolved again: a new resolution, a new survey.
    expect((await page('POST', await latestToken(conversationId), 'score=4')).statusCode).toBe(200);
    await setStatus(conversationId, 'open');
    await setStatus(conversationId, 'resolved');
    await runSurveyJobs(w.s.db, PUBLIC_URL);
    expect((await surveysOf(conversationId)).map((s) => s.score)).toEqual([4, null]);
  });

  it('sends nothing for a resolution undone before the job ran', async () => {
    const { conversationId } = await w.addCase();
    await setStatus(conversationId, 'resolved');
    await setStatus(conversationId, 'open');
    await runSurveyJobs(w.s.db, PUBLIC_URL);
    expect(await jobsOf(conversationId)).toEqual([]);
    expect(await surveysOf(conversationId)).toEqual([]);
  });

  it('keeps a failed job whole and sends it exactly once on the next run', async () => {
    const { conversationId } = await w.addCase();
    await setStatus(conversationId, 'resolved');
    // A fault between writing the survey and finishing the job (the message insert fails).
    await w.s.db.exec(`CREATE FUNCTION csat_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated fault'; END $$;
      CREATE TRIGGER csat_test_fail BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION csat_test_fail();`);
    try {
      await runSurveyJobs(w.s.db, PUBLIC_URL);
    } finally {
      await w.s.db.exec('DROP TRIGGER csat_test_fail ON messages; DROP FUNCTION csat_test_fail();');
    }
    expect(await surveysOf(conversationId)).toEqual([]);
    expect(await jobsOf(conversationId)).toEqual([{ attempts: 1 }]);

    await runSurveyJobs(w.s.db, PUBLIC_URL);
    expect(await surveysOf(conversationId)).toHaveLength(1);
    expect((await messagesOf(conversationId)).filter((m) => m.body.includes('/survey/'))).toHaveLength(1);
    expect(await jobsOf(conversationId)).toEqual([]);
  });

  it('takes one answer on the public page and shows it to the agent', async () => {
    const { conversationId } = await w.addCase();
    const { surveyId } = (await sendSurvey(w.tokens.agent, conversationId)).body;
    const token = await latestToken(conversationId);

    const form = await page('GET', token);
    expect(form.statusCode).toBe(200);
    expect(form.headers['content-type']).toContain('text/html');
    expect(form.headers['content-security-policy']).toContain("default-src 'none'");
    expect(form.headers['referrer-policy']).toBe('no-referrer');
    expect(form.body).toContain('name="score"');

    const bad = await page('POST', token, `score=9&comment=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请选择 1 到 5 分');
    expect(bad.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(bad.body).not.toContain('<script>alert');
    const tooLong = await page('POST', token, `score=3&comment=${'好'.repeat(501)}`);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('留言太长');

    const ok = await page('POST', token, `score=2&comment=${encodeURIComponent('  等了太久才补发  ')}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('感谢您的评价');
    expect(await surveysOf(conversationId)).toEqual([
      expect.objectContaining({ id: surveyId, score: 2, comment: '等了太久才补发', answered_at: expect.any(Date) }),
    ]);
    expect((await messagesOf(conversationId)).at(-1)).toEqual({
      kind: 'system',
      author_name: '满意度调查',
      body: '客户满意度评价：★★☆☆☆ 2 分（不满意）\n客户留言：等了太久才补发',
    });
    const answered = (await loadEvents(w.s.db, conversationId)).filter((e) => e.type === 'csat.answered');
    expect(answered.map((e) => e.data)).toEqual([{ surveyId, score: 2, comment: '等了太久才补发' }]);

    const twice = await page('POST', token, 'score=5');
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('已经提交过了');
    expect((await page('GET', token)).body).toContain('已经提交过了');
    expect((await surveysOf(conversationId))[0]!.score).toBe(2);
  });

  it('answers unknown and malformed tokens with a not-found page', async () => {
    for (const token of ['x'.repeat(43), 'short', '%3Cb%3E']) {
      const get = await page('GET', token);
      expect(get.statusCode).toBe(404);
      expect(get.body).toContain('找不到这份问卷');
      expect((await page('POST', token, 'score=5')).statusCode).toBe(404);
    }
  });
});

describe('the survey worker in a running server', () => {
  let w: CaseWorld;
  beforeAll(async () => {
    w = await caseWorld({ config: { pipeline: { process: true, sweepMs: 60_000 } } });
  });
  afterAll(() => w.close());

  it('sends the survey when the resolution commits, without waiting for a sweep', async () => {
    const { conversationId } = await w.addCase();
    await w.call(w.tokens.agent, 'POST', '/api/sync/push', {
      clientId: 'ws-csat',
      mutations: [{ id: newId(), name: 'conversation.setStatus', args: { conversationId, status: 'resolved' } }],
    });
    await expect
      .poll(async () => (await w.s.db.query('SELECT 1 FROM csat_surveys WHERE conversation_id = $1', [conversationId])).rows.length, { timeout: 5000 })
      .toBe(1);
  });
});
