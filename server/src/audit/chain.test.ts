import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json';
import { type AuditEventInput, type ChainedEvent, GENESIS_HASH, hashEvent, nextEvent, verifyChain } from './chain';

const T = '2026-11-23T02:00:00.000Z';
const input = (data: AuditEventInput['data'], over: Partial<AuditEventInput> = {}): AuditEventInput => ({
  ticketId: 'TICKET1',
  at: T,
  actor: { kind: 'agent', id: 'agent-7' },
  type: 'message.agent',
  data,
  ...over,
});

function chainOf(n: number, ticketId = 'TICKET1'): ChainedEvent[] {
  const out: ChainedEvent[] = [];
  for (let i = 0; i < n; i++) out.push(nextEvent(out.at(-1) ?? null, input({ n: i, body: `第${i}条` }, { ticketId })));
  return out;
}

/** A well-formed event an attacker could forge, chained after `after`, at `seq`. */
function forged(after: ChainedEvent | null, seq: number): ChainedEvent {
  const e = { ...input({ forged: true }), seq, prevHash: after?.hash ?? GENESIS_HASH };
  return { ...e, hash: hashEvent(e, e.prevHash) };
}

const renumber = (events: ChainedEvent[]) => events.map((e, i) => ({ ...e, seq: i + 1 }));

describe('canonical JSON', () => {
  it('orders keys, drops undefined properties and adds no whitespace', () => {
    expect(canonicalJson({ b: [1, { d: null, c: '到账' }], a: true, z: undefined })).toBe('{"a":true,"b":[1,{"c":"到账","d":null}]}');
  });

  it('gives one string per value whatever the key order, and survives a JSON round trip', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(JSON.parse(JSON.stringify(v)))).toBe(canonicalJson(v));
        const reversed = JSON.parse(JSON.stringify(v), (_k, x) =>
          x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).reverse()) : x,
        );
        expect(canonicalJson(reversed)).toBe(canonicalJson(v));
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', { x: Infinity }],
    ['a Date', { at: new Date(0) }],
    ['a Map', new Map()],
    ['undefined in an array', [1, undefined]],
    ['a sparse array', [1, , 3]], // eslint-disable-line no-sparse-arrays
    ['a bigint', { n: 1n }],
    ['a function', () => 1],
  ])('refuses %s', (_, v) => {
    expect(() => canonicalJson(v)).toThrow(TypeError);
  });
});

describe('hash chain', () => {
  it('starts at seq 1 from the genesis hash and links each event to the previous hash', () => {
    const [a, b] = chainOf(2);
    expect(a).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(b).toMatchObject({ seq: 2, prevHash: a!.hash });
    expect(a!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes exactly this canonical form (changing it would orphan every stored chain)', () => {
    const e = nextEvent(null, input({ body: '您好' }));
    const body =
      `{"actor":{"id":"agent-7","kind":"agent"},"at":"${T}","data":{"body":"您好"},` +
      `"prevHash":"${GENESIS_HASH}","seq":1,"ticketId":"TICKET1","type":"message.agent"}`;
    expect(e.hash).toBe(createHash('sha256').update(body, 'utf8').digest('hex'));
  });

  it('refuses timestamps that would not read back identically, other tickets’ heads and empty types', () => {
    expect(() => nextEvent(null, input({}, { at: '2026-11-23T10:00:00+08:00' }))).toThrow(/toISOString/);
    expect(() => nextEvent(null, input({}, { at: 'yesterday' }))).toThrow(/toISOString/);
    expect(() => nextEvent(chainOf(1, 'OTHER')[0]!, input({}))).toThrow(/cannot follow/);
    expect(() => nextEvent(null, input({}, { type: '' }))).toThrow(/type/);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and the empty one', () => {
    const events = chainOf(5);
    expect(verifyChain(events)).toEqual({ ok: true, events: 5, head: events[4]!.hash });
    expect(verifyChain([])).toEqual({ ok: true, events: 0, head: GENESIS_HASH });
  });

  it('finds changed data, time, actor or type at the changed event', () => {
    const events = chainOf(5);
    const tamper = (i: number, change: Partial<ChainedEvent>) => verifyChain(events.map((e, j) => (j === i ? { ...e, ...change } : e)));
    expect(tamper(2, { data: { n: 2, body: '已退款' } })).toMatchObject({ ok: false, seq: 3, reason: 'changed' });
    expect(tamper(0, { at: '2026-11-23T02:00:00.001Z' })).toMatchObject({ seq: 1, reason: 'changed' });
    expect(tamper(4, { actor: { kind: 'system', id: null } })).toMatchObject({ seq: 5, reason: 'changed' });
    expect(tamper(1, { type: 'note' })).toMatchObject({ seq: 2, reason: 'changed' });
    // An overwritten hash no longer matches the content it claims to cover.
    expect(tamper(1, { hash: 'f'.repeat(64) })).toMatchObject({ seq: 2, reason: 'changed' });
  });

  it('finds deleted events, with or without renumbering the rest', () => {
    const events = chainOf(5);
    expect(verifyChain(events.filter((e) => e.seq !== 3))).toMatchObject({ ok: false, seq: 4, reason: 'deleted' });
    expect(verifyChain(renumber(events.filter((e) => e.seq !== 3)))).toMatchObject({ seq: 3, reason: 'deleted' });
    expect(verifyChain(events.slice(1))).toMatchObject({ seq: 2, reason: 'deleted' });
  });

  it('finds reordered events', () => {
    const [a, b, c, d] = chainOf(4);
    expect(verifyChain([a!, c!, b!, d!])).toMatchObject({ ok: false, seq: 3, reason: 'reordered' });
    expect(verifyChain(renumber([a!, c!, b!, d!]))).toMatchObject({ seq: 2, reason: 'reordered' });
  });

  it('finds inserted events, even well-formed forgeries', () => {
    const [a, b, c] = chainOf(3);
    // Chained properly after a, so the break shows at the original event that follows it.
    expect(verifyChain(renumber([a!, forged(a!, 2), b!, c!]))).toMatchObject({ ok: false, seq: 3, reason: 'inserted' });
    expect(verifyChain(renumber([forged(null, 1), a!, b!, c!]))).toMatchObject({ seq: 2, reason: 'inserted' });
    expect(verifyChain([a!, b!, { ...chainOf(3, 'OTHER')[2]! }])).toMatchObject({ seq: 3, reason: 'inserted' });
  });

  it('checks sequence numbers even where links and hashes agree', () => {
    const [a, b] = chainOf(2);
    expect(verifyChain([a!, b!, forged(b!, 7)])).toMatchObject({ seq: 7, reason: 'deleted' });
  });

  it('leaves a cut-off tail or a rewritten chain to a head kept elsewhere', () => {
    const events = chainOf(4);
    const cut = verifyChain(events.slice(0, 3));
    expect(cut).toMatchObject({ ok: true });
    expect(cut.ok && cut.head).not.toBe(events[3]!.hash);
  });

  it('pins any single change to the event changed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.nat(), fc.jsonValue(), (n, pick, value) => {
        const events = chainOf(n);
        const i = pick % n;
        const data = { ...events[i]!.data, extra: value };
        const verdict = verifyChain(events.map((e, j) => (j === i ? { ...e, data } : e)));
        expect(verdict).toMatchObject({ ok: false, seq: i + 1, reason: 'changed' });
      }),
    );
  });
});
