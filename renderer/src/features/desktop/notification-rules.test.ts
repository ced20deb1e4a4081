import { describe, expect, it } from 'vitest';
import { DesktopNotice } from '../../../../protocol';
import {
  decideNotices,
  MAX_SEPARATE_ASSIGNMENTS,
  mentions,
  toDesktopNotice,
  type NoticeText,
  type WatchedConversation,
  type WatchedNote,
} from './notification-rules';

const ME = { id: 'agent-li', name: '李雷', login: 'agent01' };
const id = (n: number) => `01JD6Q2V3X4Y5Z6A7B8C9D0E${String(n).padStart(2, '0')}`;

function conv(n: number, patch: Partial<WatchedConversation> = {}): WatchedConversation {
  return { id: id(n), subject: `点卡充值未到账 #${n}`, slaState: 'ok', assignedLocally: false, ...patch };
}

function note(n: number, body: string, patch: Partial<WatchedNote> = {}): WatchedNote {
  return { id: `note-${n}`, conversationId: id(1), authorId: 'agent-wang', authorName: '王五', body, ...patch };
}

function run(steps: Array<{ mine?: WatchedConversation[]; notes?: WatchedNote[] }>) {
  let memory = null as Parameters<typeof decideNotices>[0];
  const all = [];
  for (const step of steps) {
    const result = decideNotices(memory, { mine: step.mine ?? [], notes: step.notes ?? [] }, ME);
    memory = result.memory;
    all.push(result.notices);
  }
  return all;
}

describe('decideNotices', () => {
  it('stays quiet on the first look, however much is already there', () => {
    const [first] = run([{ mine: [conv(1, { slaState: 'breached' })], notes: [note(1, '@李雷 看一下')] }]);
    expect(first).toEqual([]);
  });

  it('notifies a conversation newly assigned to me, once', () => {
    const [, second, third] = run([{ mine: [conv(1)] }, { mine: [conv(1), conv(2)] }, { mine: [conv(1), conv(2)] }]);
    expect(second).toEqual([{ kind: 'assigned', conversation: conv(2), others: 0 }]);
    expect(third).toEqual([]);
  });

  it('does not notify what I assigned to myself', () => {
    const [, second] = run([{ mine: [] }, { mine: [conv(2, { assignedLocally: true })] }]);
    expect(second).toEqual([]);
  });

  it('notifies again when a conversation comes back after being reassigned away', () => {
    const steps = run([{ mine: [conv(1)] }, { mine: [] }, { mine: [conv(1)] }]);
    expect(steps[2]).toHaveLength(1);
  });

  it('folds a bulk reassignment into one notice', () => {
    const many = Array.from({ length: MAX_SEPARATE_ASSIGNMENTS + 2 }, (_, i) => conv(i + 1));
    const [, second] = run([{ mine: [] }, { mine: many }]);
    expect(second).toEqual([{ kind: 'assigned', conversation: many[0], others: many.length - 1 }]);
    const few = many.slice(0, MAX_SEPARATE_ASSIGNMENTS);
    expect(run([{ mine: [] }, { mine: few }])[1]).toHaveLength(MAX_SEPARATE_ASSIGNMENTS);
  });

  it('notifies an SLA turning to warning and then to breached, not staying there or easing', () => {
    const steps = run([
      { mine: [conv(1)] },
      { mine: [conv(1, { slaState: 'warning' })] },
      { mine: [conv(1, { slaState: 'warning' })] },
      { mine: [conv(1, { slaState: 'breached' })] },
      { mine: [conv(1, { slaState: 'paused' })] },
      { mine: [conv(1, { slaState: 'breached' })] },
    ]);
    expect(steps.map((s) => s.map((n) => n.kind))).toEqual([
      [],
      ['sla-warning'],
      [],
      ['sla-breached'],
      [],
      ['sla-breached'],
    ]);
  });

  it('goes straight to breached from ok, and says only "assigned" for a late ticket handed over', () => {
    expect(run([{ mine: [conv(1)] }, { mine: [conv(1, { slaState: 'breached' })] }])[1]?.map((n) => n.kind)).toEqual([
      'sla-breached',
    ]);
    expect(run([{ mine: [] }, { mine: [conv(1, { slaState: 'breached' })] }])[1]?.map((n) => n.kind)).toEqual(['assigned']);
  });

  it('notifies a colleague mentioning me in a new note, not my own notes or old ones', () => {
    const old = note(1, '@李雷 这单之前处理过');
    const steps = run([
      { notes: [old] },
      {
        notes: [
          old,
          note(2, '@李雷 客户又来了，卡密显示已使用'),
          note(3, '@李雷 我自己记一下', { authorId: ME.id }),
          note(4, '@韩梅梅 请跟进'),
        ],
      },
    ]);
    expect(steps[1]).toEqual([{ kind: 'mention', conversationId: id(1), note: note(2, '@李雷 客户又来了，卡密显示已使用') }]);
  });
});

describe('mentions', () => {
  it('finds a Chinese name running into the text and a login standing alone', () => {
    expect(mentions('@李雷请看一下', ME)).toBe(true);
    expect(mentions('麻烦 @agent01 跟进', ME)).toBe(true);
    expect(mentions('麻烦 @agent01，谢谢', ME)).toBe(true);
  });

  it('ignores other logins that start the same, and names without @', () => {
    expect(mentions('@agent012 请跟进', ME)).toBe(false);
    expect(mentions('李雷 请看一下', ME)).toBe(false);
    expect(mentions('@agent012 和 @agent01', ME)).toBe(true);
  });
});

const TEXT: NoticeText = {
  assigned: (s) => ({ title: '新会话分配给你', body: s }),
  assignedMany: (n, s) => ({ title: `${n} 个会话分配给你`, body: s }),
  mention: (a, b) => ({ title: `${a} 在备注中提到了你`, body: b }),
  slaWarning: (s) => ({ title: 'SLA 即将超时', body: s }),
  slaBreached: (s) => ({ title: 'SLA 已超时', body: s }),
};

describe('toDesktopNotice', () => {
  it('words each reason and points at its conversation', () => {
    expect(toDesktopNotice({ kind: 'assigned', conversation: conv(1), others: 4 }, TEXT)).toEqual({
      kind: 'assigned',
      conversationId: id(1),
      title: '5 个会话分配给你',
      body: '点卡充值未到账 #1',
    });
    expect(toDesktopNotice({ kind: 'sla-breached', conversation: conv(2) }, TEXT)).toMatchObject({
      kind: 'sla-breached',
      conversationId: id(2),
      title: 'SLA 已超时',
    });
  });

  it('flattens and clips a long note to the bridge limits', () => {
    const long = note(9, `@李雷\n\n${'卡密'.repeat(300)}`, { conversationId: id(7) });
    const notice = toDesktopNotice({ kind: 'mention', conversationId: id(7), note: long }, TEXT);
    expect(notice.conversationId).toBe(id(7));
    expect(notice.body.length).toBeLessThanOrEqual(200);
    expect(notice.body.startsWith('@李雷 卡密')).toBe(true);
    // What the main process will accept.
    expect(DesktopNotice.safeParse(notice).success).toBe(true);
  });
});
