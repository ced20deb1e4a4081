import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { BINDINGS } from '../shortcuts/keymap';
import { mayRun, refusal, runnableBy, type Viewer } from './access';
import { commandCatalog } from './catalog';
import type { Command } from './command';

const agent: Viewer = { role: 'agent', maySecure: false };
const securityAgent: Viewer = { role: 'agent', maySecure: true };
const supervisor: Viewer = { role: 'supervisor', maySecure: true };
const admin: Viewer = { role: 'admin', maySecure: true };

const keysFor = (viewer: Viewer) => runnableBy(BINDINGS, viewer).flatMap((b) => b.keys);
const t = ((key: string) => key) as unknown as TFunction;
const paletteIds = (viewer: Viewer) => runnableBy(commandCatalog(t, t), viewer).map((e) => e.id);
const id = (command: Command) => JSON.stringify(command);

describe('command access', () => {
  it('leaves the board, reports and security keys out of an agent’s shortcut list', () => {
    const keys = keysFor(agent);
    for (const k of ['b', 'R', 'F', 'T']) expect(keys).not.toContain(k);
    for (const k of ['j', 'r', 'e', 'a', 'c', 'D', 'o', 'M', '?']) expect(keys).toContain(k);
    // In the keymap's order.
    expect(keys).toEqual(BINDINGS.flatMap((b) => b.keys).filter((k) => !['b', 'R', 'F', 'T'].includes(k)));
  });

  it('gives an agent of a security team the security keys, and supervisors and admins every key', () => {
    expect(keysFor(securityAgent)).toEqual(expect.arrayContaining(['F', 'T']));
    expect(keysFor(securityAgent)).not.toContain('b');
    expect(keysFor(supervisor)).toEqual(BINDINGS.flatMap((b) => b.keys));
    expect(keysFor(admin)).toEqual(BINDINGS.flatMap((b) => b.keys));
  });

  it('offers the palette entries by role: proactive notice and reports to leads, the knowledge editor to admins', () => {
    const proactive = id({ type: 'overlay', overlay: 'proactive' });
    const reports = id({ type: 'overlay', overlay: 'reports' });
    const board = id({ type: 'supervisor' });
    const editor = id({ type: 'knowledge', action: 'editor' });
    const macros = id({ type: 'macros', action: { do: 'edit' } });
    for (const restricted of [proactive, reports, board, editor]) expect(paletteIds(agent)).not.toContain(restricted);
    // Agents keep their personal macros' editor.
    expect(paletteIds(agent)).toContain(macros);
    expect(paletteIds(supervisor)).toEqual(expect.arrayContaining([proactive, reports, board, macros]));
    expect(paletteIds(supervisor)).not.toContain(editor);
    expect(paletteIds(admin)).toEqual(commandCatalog(t, t).map((e) => e.id));
  });

  it('says who a refused command is for with the notice its own screen shows', () => {
    expect(refusal({ type: 'supervisor' }, agent)).toBe('supervisor.forbidden');
    expect(refusal({ type: 'overlay', overlay: 'reports' }, agent)).toBe('reports.onlyLeads');
    expect(refusal({ type: 'overlay', overlay: 'proactive' }, agent)).toBe('proactive.onlyLeads');
    expect(refusal({ type: 'knowledge', action: 'editor' }, supervisor)).toBe('knowledge.adminOnly');
    expect(refusal({ type: 'case', action: { do: 'freeze' } }, agent)).toBe('security.notAllowed');
    expect(refusal({ type: 'case', action: { do: 'freeze' } }, securityAgent)).toBeNull();
    expect(refusal({ type: 'overlay', overlay: 'help' }, agent)).toBeNull();
    expect(mayRun({ type: 'case', action: { do: 'transactions' } }, agent)).toBe(false);
    expect(mayRun({ type: 'act', action: { type: 'resolve' } }, agent)).toBe(true);
  });
});
