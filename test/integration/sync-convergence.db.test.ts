import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponse, PushResponse, type PullRequest, type PushRequest } from '../../protocol/sync';
import { KadeskDb, SyncEngine, type SyncTransport } from '../../renderer/src/data';
import { FakeClock } from '../../renderer/src/data/testing/fake-clock';
import { acceptInbound } from '../../server/src/pipeline/inbound';
import { addCustomer, addConversation, addTeam } from '../../server/src/testing/fixtures';
import { createTestServer, type TestServer } from '../../server/src/testing/test-server';

// The client's real sync engine (Dexie on an in-memory IndexedDB) against the real server,
// through a network that drops, refuses and loses responses at random points. Whatever
// the interleaving, once the network is back the client must hold exactly the server's
// rows: every reply stored once, nothing lost, nothing left "sending".

type Action =
  | { t: 'reply'; conv: number }
  | { t: 'customer'; conv: number }
  | { t: 'pull' }
  | { t: 'push' }
  | { t: 'down' }
  | { t: 'up' }
  | { t: 'loseNextResponse' }
  | { t: 'restart' }
  | { t: 'tick' };

const CONVERSATIONS = 3;
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('reply' as const), conv: fc.nat(CONVERSATIONS - 1) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('customer' as const), conv: fc.nat(CONVERSATIONS - 1) }) },
  { weight: 2, arbitrary: fc.constant({ t: 'pull' as const }) },
  { weight: 2, arbitrary: fc.constant({ t: 'push' as const }) },
  { weight: 2, arbitrary: fc.constant({ t: 'down' as const }) },
  { weight: 2, arbitrary: fc.constant({ t: 'up' as const }) },
  { weight: 2, arbitrary: fc.constant({ t: 'loseNextResponse' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'restart' as const }) },
  { weight: 1, arbitrary: fc.constant({ t: 'tick' as const }) },
);

class FlakyNetwork {
  down = false;
  loseNext = false;
}

function transportFor(s: TestServer, token: string, net: FlakyNetwork): SyncTransport {
  const call = async <T>(url: string, payload: PullRequest | PushRequest, parse: (v: unknown) => T): Promise<T> => {
    if (net.down) throw new TypeError('network is down');
    const res = await s.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload });
    if (res.statusCode !== 200) throw new Error(`unexpected ${res.statusCode}: ${res.body}`);
    // The server did the work; the client never hears about it.
    if (net.loseNext) {
      net.loseNext = false;
      throw new TypeError('connection reset before the response arrived');
    }
    return parse(res.json());
  };
  return {
    pull: (req) => call('/api/sync/pull', req, (v) => PullResponse.parse(v)),
    push: (req) => call('/api/sync/push', req, (v) => PushResponse.parse(v)),
  };
}

describe('sync convergence under random pushes, pulls and disconnects', () => {
  let s: TestServer;
  let token: string;
  let self: { id: string; name: string };
  let run = 0;

  beforeAll(async () => {
    s = await createTestServer();
    await addTeam(s.db, 'G', 'general');
    const agent = await s.addAgent({ login: 'prop-agent', password: 'prop-secret-1', role: 'agent', teamIds: ['G'] });
    self = { id: agent.id, name: agent.name };
    token = await s.login('prop-agent', 'prop-secret-1');
  });
  afterAll(() => s.close());

  it('converges to the server state with no duplicate and no lost reply', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 25 }), async (actions) => {
        run += 1;
        const customer = await addCustomer(s.db);
        const convs: string[] = [];
        for (let i = 0; i < CONVERSATIONS; i++) convs.push(await addConversation(s.db, { customerId: customer, teamId: 'G' }));
        const net = new FlakyNetwork();
        const clock = new FakeClock();
        const db = new KadeskDb(`prop-${run}`);
        const make = () => new SyncEngine({ db, transport: transportFor(s, token, net), self, clock, random: () => 0.5 });
        let engine = make();
        engine.start();
        const sent: string[] = [];
        let customerLines = 0;

        for (const a of actions) {
          switch (a.t) {
            case 'reply': {
              const body = `回复 ${run}-${sent.length}`;
              sent.push(body);
              await engine.sendReply(convs[a.conv]!, body);
              break;
            }
            case 'customer':
              customerLines += 1;
              await acceptInbound(s.db, {
                channel: 'webchat',
                externalMessageId: `prop-${run}-${customerLines}`,
                externalUserId: `prop-visitor-${run}`,
                customerName: '测试玩家',
                body: `客户追问 ${run}-${customerLines}`,
              });
              break;
            case 'pull':
              await engine.pull();
              break;
            case 'push':
              await engine.push();
              break;
            case 'down':
              net.down = true;
              engine.networkChanged(false);
              break;
            case 'up':
              net.down = false;
              engine.networkChanged(true);
              break;
            case 'loseNextResponse':
              net.loseNext = true;
              break;
            case 'restart':
              await engine.stop();
              engine = make();
              engine.start();
              break;
            case 'tick':
              clock.advance(60_000);
              break;
          }
        }

        // The network comes back for good; the client settles.
        net.down = false;
        net.loseNext = false;
        engine.networkChanged(true);
        for (let i = 0; i < 20 && ((await db.outbox.count()) > 0 || i < 2); i++) {
          await engine.whenIdle();
          await engine.push();
          await engine.pull();
        }
        await engine.stop();

        const { rows: serverMessages } = await s.db.query<{ id: string; body: string; conversation_id: string }>(
          `SELECT m.id, m.body, m.conversation_id FROM messages m JOIN conversations c ON c.id = m.conversation_id
            WHERE c.team_id = 'G' AND m.kind <> 'system'`,
        );
        const localMessages = await db.messages.toArray();

        // No reply lost, none stored twice.
        const serverReplies = serverMessages.filter((m) => m.body.startsWith(`回复 ${run}-`)).map((m) => m.body);
        expect(serverReplies.sort()).toEqual([...sent].sort());
        // Nothing left waiting, and the client holds exactly the server's rows.
        expect(await db.outbox.count()).toBe(0);
        expect(localMessages.filter((m) => m.pending === 1 || m.failed !== null)).toEqual([]);
        const byId = (xs: Array<{ id: string; body: string }>) =>
          xs.map((m) => `${m.id}:${m.body}`).sort();
        expect(byId(localMessages)).toEqual(byId(serverMessages));
        const { rows: serverConvs } = await s.db.query<{ id: string; version: number }>(
          `SELECT id, version FROM conversations WHERE team_id = 'G'`,
        );
        const localConvs = await db.conversations.toArray();
        expect(localConvs.map((c) => `${c.id}@${c.version}`).sort()).toEqual(serverConvs.map((c) => `${c.id}@${c.version}`).sort());
        db.close();
      }),
      { numRuns: 30 },
    );
  });
});
