import { useQueryClient } from '@tanstack/react-query';
import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useRef, useState, type DragEvent, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENT_STATUSES, CHANNELS, type AgentStatus, type AgentWorkload, type Team } from '../../../../protocol';
import type { LocalConversation } from '../../data';
import { uiStore } from '../../stores/ui';
import { Picker } from '../commands/Picker';
import { ChannelIcon } from '../inbox/ChannelIcon';
import { formatCountdown } from '../inbox/sla';
import { SlaBadge } from '../inbox/SlaBadge';
import { keyTargetOf } from '../shortcuts/keymap';
import { useWorkstation, type Workstation } from '../workspace/workstation';
import { clampCapacity, depthBy, loadLevel, reassignOrder, ticketsAtRisk, totalDepth, type Depth, type RiskyTicket } from './aggregate';
import { boardKeyAction, type BoardAction } from './board-keys';
import { boardStore, step, useBoard } from './board-store';
import { updateAgent, useWorkload, WORKLOAD_KEY } from './workload';
import './supervisor.css';

/** Carries a conversation id from a ticket row to an agent or team it is dropped on. */
const DRAG_TYPE = 'application/x-kadesk-conversation';

/** The board in place of the inbox panes; agents get a notice instead. */
export function SupervisorBoard() {
  const ws = useWorkstation();
  // Signing out with the board open must not open it for whoever signs in next.
  useEffect(() => () => boardStore.getState().close(), []);
  if (ws.agent.role === 'agent') return <Forbidden />;
  return <Board ws={ws} />;
}

/** The top bar's way to the board, for supervisors and admins. */
export function BoardButton() {
  const { t } = useTranslation();
  const { agent } = useWorkstation();
  const open = useBoard((s) => s.open);
  if (agent.role === 'agent') return null;
  return (
    <button type="button" aria-pressed={open} onClick={() => boardStore.getState().toggle()} data-testid="supervisor-open">
      {t('supervisor.open')} <kbd>b</kbd>
    </button>
  );
}

/**
 * Keys go to the board before the workstation's shortcuts (capture phase), so no inbox
 * shortcut acts on the conversations hidden under it. Workspace dialogs (palette, help)
 * keep their keys; a board dialog gets all but Escape, which closes it.
 */
function useBoardKeys(run: (action: BoardAction) => void): void {
  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  });
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || uiStore.getState().overlay !== null) return;
      const { dialog, zone, setDialog } = boardStore.getState();
      if (dialog) {
        if (e.key === 'Escape') {
          e.preventDefault();
          setDialog(null);
        }
        return;
      }
      const target = keyTargetOf(e.target instanceof Element ? e.target : null);
      const action = boardKeyAction({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, shiftKey: e.shiftKey, target }, zone);
      if (action === null) return;
      e.preventDefault();
      if (action !== 'block') runRef.current(action);
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}

function Forbidden() {
  const { t } = useTranslation();
  useBoardKeys((action) => action.type === 'close' && boardStore.getState().close());
  return (
    <main className="supervisor-board sv-forbidden" data-testid="supervisor-forbidden">
      <p role="alert">{t('supervisor.forbidden')}</p>
      <button type="button" onClick={() => boardStore.getState().close()} autoFocus>
        {t('supervisor.close')}
      </button>
    </main>
  );
}

/** Re-renders every few seconds so SLA standings move from "about to breach" to "breached" on time. */
function useNow(periodMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(timer);
  }, [periodMs]);
  return now;
}

type Target = { kind: 'agent'; id: string; name: string } | { kind: 'team'; id: string; name: string };

async function reassign(ws: Workstation, t: TFunction, ticket: LocalConversation, target: Target): Promise<void> {
  const subject = subjectOf(ticket);
  await ws.engine.mutate({
    name: 'conversation.assign',
    args:
      target.kind === 'agent'
        ? { conversationId: ticket.id, assigneeId: target.id }
        : { conversationId: ticket.id, assigneeId: null, teamId: target.id },
  });
  boardStore.getState().setNotice(t(target.kind === 'agent' ? 'supervisor.reassign.done' : 'supervisor.reassign.queued', { subject, target: target.name }));
}

const subjectOf = (c: LocalConversation) => c.subject || c.lastMessagePreview;

function Board({ ws }: { ws: Workstation }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const now = useNow(5000);
  const workload = useWorkload(true);
  const live = useLiveQuery(
    async () => ({
      // Unresolved tickets only: the [active+lastMessageAt] range, never the whole history.
      tickets: await ws.db.conversations.where('[active+lastMessageAt]').between([1, Dexie.minKey], [1, Dexie.maxKey]).toArray(),
      teams: (await ws.db.teams.toArray()).filter((team) => team.deletedAt === null),
      names: new Map((await ws.db.agents.toArray()).map((a) => [a.id, a.name])),
    }),
    [ws.db],
  );
  const board = useBoard((s) => s);
  const agents = useMemo(() => workload.data?.agents ?? [], [workload.data]);
  const tickets = useMemo(() => live?.tickets ?? [], [live]);
  const teams = useMemo(() => live?.teams ?? [], [live]);
  const risky = useMemo(() => ticketsAtRisk(tickets, now), [tickets, now]);
  const teamName = (id: string) => teams.find((team) => team.id === id)?.name ?? t('supervisor.depth.noTeam');

  const ticketIds = risky.map((r) => r.ticket.id);
  const agentIds = agents.map((a) => a.agentId);
  const selectedTicket = risky.find((r) => r.ticket.id === board.ticketId)?.ticket ?? null;
  const selectedAgent = agents.find((a) => a.agentId === board.agentId) ?? null;

  const saveAgent = async (agent: AgentWorkload, change: { status?: AgentStatus; capacity?: number }) => {
    try {
      const saved = await updateAgent(ws.api, agent.agentId, change);
      boardStore
        .getState()
        .setNotice(t('supervisor.saved', { name: saved.name, status: t(`agentStatus.${saved.status}`), capacity: saved.capacity }));
    } catch (err) {
      boardStore.getState().setNotice(t('supervisor.saveFailed', { name: agent.name, message: err instanceof Error ? err.message : String(err) }), true);
    }
    await client.invalidateQueries({ queryKey: WORKLOAD_KEY });
  };

  const run = (action: BoardAction) => {
    const s = boardStore.getState();
    const zone = s.zone;
    switch (action.type) {
      case 'close':
        return s.close();
      case 'switchZone':
        return s.setZone(action.zone);
      case 'move':
        return zone === 'tickets' ? s.select('tickets', step(ticketIds, s.ticketId, action.delta)) : s.select('agents', step(agentIds, s.agentId, action.delta));
      case 'reassign':
        if (selectedTicket) s.setDialog({ type: 'reassign', conversationId: selectedTicket.id });
        return;
      case 'openTicket': {
        const id = zone === 'tickets' ? selectedTicket?.id : selectedAgent?.oldestWaiting?.conversationId;
        if (!id) return;
        s.close();
        uiStore.getState().open(id);
        return;
      }
      case 'status':
        if (selectedAgent) s.setDialog({ type: 'agentStatus', agentId: selectedAgent.agentId });
        return;
      case 'capacity':
        if (selectedAgent) s.setDialog({ type: 'capacity', agentId: selectedAgent.agentId });
        return;
      case 'capacityStep': {
        if (!selectedAgent) return;
        const capacity = clampCapacity(selectedAgent.capacity + action.delta);
        if (capacity !== selectedAgent.capacity) void saveAgent(selectedAgent, { capacity });
        return;
      }
    }
  };
  useBoardKeys(run);

  // Nothing in the hidden panes keeps focus: keys land on the board.
  useEffect(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  }, []);

  const onDrop = (target: Target) => (e: DragEvent) => {
    const id = e.dataTransfer.getData(DRAG_TYPE);
    const ticket = tickets.find((c) => c.id === id);
    e.preventDefault();
    if (ticket) void reassign(ws, t, ticket, target);
  };

  const total = totalDepth(tickets, now);
  const updatedAt = workload.dataUpdatedAt ? new Date(workload.dataUpdatedAt).toLocaleTimeString(i18n.language) : null;

  return (
    <main className="supervisor-board" data-testid="supervisor-board" aria-label={t('supervisor.title')}>
      <header className="sv-head">
        <h1>{t('supervisor.title')}</h1>
        {updatedAt && <span className="sv-muted">{t('supervisor.updatedAt', { time: updatedAt })}</span>}
        <span className="spacer" />
        <button type="button" onClick={() => boardStore.getState().close()} data-testid="supervisor-close">
          {t('supervisor.close')} <kbd>Esc</kbd>
        </button>
      </header>

      <section className="sv-totals" aria-label={t('supervisor.title')}>
        {(['open', 'unassigned', 'atRisk', 'breached'] as const).map((k) => (
          <div key={k} className={`sv-total sv-total-${k}`} data-testid={`sv-total-${k}`} data-value={total[k]}>
            <span className="sv-total-value">{total[k]}</span>
            <span className="sv-total-label">{t(`supervisor.totals.${k}`)}</span>
          </div>
        ))}
      </section>

      <section className="sv-depths">
        <DepthTable
          title={t('supervisor.depth.byChannel')}
          group="channel"
          rows={depthBy(tickets, (c) => c.channel, now, CHANNELS)}
          label={(key) => <ChannelIcon channel={key as (typeof CHANNELS)[number]} />}
        />
        <DepthTable
          title={t('supervisor.depth.byTeam')}
          hint={t('supervisor.depth.dropOnTeam')}
          group="team"
          rows={depthBy(tickets, (c) => c.teamId ?? '', now, teams.map((team) => team.id))}
          label={(key) => (key === '' ? t('supervisor.depth.noTeam') : teamName(key))}
          onDrop={(key) => (key === '' ? undefined : onDrop({ kind: 'team', id: key, name: teamName(key) }))}
        />
        <DepthTable
          title={t('supervisor.depth.byCategory')}
          group="category"
          rows={depthBy(tickets, (c) => c.category ?? '', now)}
          label={(key) => (key === '' ? t('supervisor.depth.noCategory') : t(`category.${key as NonNullable<LocalConversation['category']>}`))}
        />
      </section>

      <section className="sv-lists">
        <RiskList
          risky={risky}
          active={board.zone === 'tickets'}
          selectedId={selectedTicket?.id ?? null}
          assigneeName={(id) => live?.names.get(id) ?? id}
          teamName={teamName}
        />
        <AgentTable
          agents={agents}
          teams={teams}
          active={board.zone === 'agents'}
          selectedId={selectedAgent?.agentId ?? null}
          state={workload.isPending ? 'loading' : workload.isError ? 'failed' : 'ready'}
          error={workload.error instanceof Error ? workload.error.message : ''}
          retry={() => void workload.refetch()}
          now={now}
          onDrop={(a) => onDrop({ kind: 'agent', id: a.agentId, name: a.name })}
        />
      </section>

      <footer className="sv-foot">
        <p className={board.notice?.error ? 'sv-notice is-error' : 'sv-notice'} role="status" data-testid="sv-notice">
          {board.notice?.text}
        </p>
        <ul className="sv-keys" aria-label={t('supervisor.keys.title')}>
          {(['move', 'zone', 'reassign', 'openTicket', 'status', 'capacity', 'close'] as const).map((k) => (
            <li key={k}>{t(`supervisor.keys.${k}`)}</li>
          ))}
        </ul>
      </footer>

      {board.dialog?.type === 'reassign' && (
        <ReassignPicker
          ticket={tickets.find((c) => c.id === (board.dialog as { conversationId: string }).conversationId) ?? null}
          agents={agents}
          teams={teams}
          onPick={(ticket, target) => void reassign(ws, t, ticket, target)}
        />
      )}
      {board.dialog?.type === 'agentStatus' && selectedAgent && (
        <StatusPicker agent={selectedAgent} onPick={(status) => void saveAgent(selectedAgent, { status })} />
      )}
      {board.dialog?.type === 'capacity' && selectedAgent && (
        <CapacityDialog agent={selectedAgent} onSave={(capacity) => void saveAgent(selectedAgent, { capacity })} />
      )}
    </main>
  );
}

const closeDialog = () => boardStore.getState().setDialog(null);

function acceptsTicket(e: DragEvent): boolean {
  if (!e.dataTransfer.types.includes(DRAG_TYPE)) return false;
  e.preventDefault();
  e.dataTransfer.dropEffect = 'move';
  return true;
}

interface DepthProps {
  title: string;
  hint?: string;
  group: 'channel' | 'team' | 'category';
  rows: Depth[];
  label(key: string): ReactNode;
  onDrop?(key: string): ((e: DragEvent) => void) | undefined;
}

function DepthTable({ title, hint, group, rows, label, onDrop }: DepthProps) {
  const { t } = useTranslation();
  const [over, setOver] = useState<string | null>(null);
  return (
    <table className="sv-depth" data-testid={`sv-depth-${group}`} title={hint}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col" />
          {(['open', 'unassigned', 'atRisk', 'breached'] as const).map((k) => (
            <th key={k} scope="col">
              {t(`supervisor.totals.${k}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => {
          const drop = onDrop?.(d.key);
          return (
            <tr
              key={d.key}
              data-testid="sv-depth-row"
              data-key={d.key}
              data-open={d.open}
              className={over === d.key ? 'is-drop-target' : undefined}
              onDragOver={drop ? (e) => acceptsTicket(e) && setOver(d.key) : undefined}
              onDragLeave={drop ? () => setOver(null) : undefined}
              onDrop={
                drop
                  ? (e) => {
                      setOver(null);
                      drop(e);
                    }
                  : undefined
              }
            >
              <th scope="row">{label(d.key)}</th>
              <td data-testid="sv-open">{d.open}</td>
              <td data-testid="sv-unassigned">{d.unassigned}</td>
              <td className={d.atRisk > 0 ? 'sv-warn' : undefined}>{d.atRisk}</td>
              <td className={d.breached > 0 ? 'sv-danger' : undefined}>{d.breached}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

interface RiskProps {
  risky: Array<RiskyTicket<LocalConversation>>;
  active: boolean;
  selectedId: string | null;
  assigneeName(id: string): string;
  teamName(id: string): string;
}

function RiskList({ risky, active, selectedId, assigneeName, teamName }: RiskProps) {
  const { t } = useTranslation();
  useEffect(() => {
    if (selectedId) document.querySelector(`[data-testid="sv-risk-item"][data-id="${CSS.escape(selectedId)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  return (
    <section className={active ? 'sv-panel is-active' : 'sv-panel'} onClick={() => boardStore.getState().setZone('tickets')}>
      <h2>{t('supervisor.risk.title')}</h2>
      {risky.length === 0 ? (
        <p className="sv-muted" data-testid="sv-risk-empty">
          {t('supervisor.risk.empty')}
        </p>
      ) : (
        <ul className="sv-risk-list" role="listbox" aria-label={t('supervisor.risk.title')} data-testid="sv-risk-list">
          {risky.map(({ ticket, standing }) => (
            <li
              key={ticket.id}
              role="option"
              aria-selected={ticket.id === selectedId}
              className={`sv-risk sv-${standing}${ticket.id === selectedId ? ' is-selected' : ''}`}
              data-testid="sv-risk-item"
              data-id={ticket.id}
              data-standing={standing}
              draggable
              onDragStart={(e) => {
                e.dataTransfer.setData(DRAG_TYPE, ticket.id);
                e.dataTransfer.effectAllowed = 'move';
              }}
              onClick={() => boardStore.getState().select('tickets', ticket.id)}
              onDoubleClick={() => boardStore.getState().setDialog({ type: 'reassign', conversationId: ticket.id })}
            >
              <ChannelIcon channel={ticket.channel} />
              <span className="sv-risk-subject">{subjectOf(ticket)}</span>
              <SlaBadge sla={ticket.sla} />
              <span className="sv-muted">
                {ticket.teamId ? teamName(ticket.teamId) : t('supervisor.depth.noTeam')} ·{' '}
                <span data-testid="sv-risk-assignee">{ticket.assigneeId ? assigneeName(ticket.assigneeId) : t('supervisor.risk.unassigned')}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface AgentProps {
  agents: AgentWorkload[];
  teams: Team[];
  active: boolean;
  selectedId: string | null;
  state: 'loading' | 'failed' | 'ready';
  error: string;
  retry(): void;
  now: number;
  onDrop(agent: AgentWorkload): (e: DragEvent) => void;
}

function AgentTable({ agents, teams, active, selectedId, state, error, retry, now, onDrop }: AgentProps) {
  const { t } = useTranslation();
  const [over, setOver] = useState<string | null>(null);
  const teamNames = (ids: string[]) => ids.map((id) => teams.find((team) => team.id === id)?.name ?? id).join('、');
  const select = (a: AgentWorkload) => boardStore.getState().select('agents', a.agentId);
  return (
    <section className={active ? 'sv-panel is-active' : 'sv-panel'} onClick={() => boardStore.getState().setZone('agents')}>
      <h2>{t('supervisor.agents.title')}</h2>
      {state === 'loading' && <p className="sv-muted">{t('supervisor.agents.loading')}</p>}
      {state === 'failed' && (
        <p className="sv-notice is-error" role="alert">
          {t('supervisor.agents.failed', { message: error })}{' '}
          <button type="button" onClick={retry}>
            {t('supervisor.agents.retry')}
          </button>
        </p>
      )}
      {agents.length > 0 && (
        <table className="sv-agents" data-testid="sv-agents">
          <thead>
            <tr>
              <th scope="col">{t('supervisor.agents.name')}</th>
              <th scope="col">{t('supervisor.agents.status')}</th>
              <th scope="col">{t('supervisor.agents.load')}</th>
              <th scope="col">{t('supervisor.agents.waiting')}</th>
              <th scope="col">{t('supervisor.agents.oldest')}</th>
            </tr>
          </thead>
          <tbody>
            {agents.map((a) => {
              const level = loadLevel(a.openLoad, a.capacity);
              const oldest = a.oldestWaiting;
              return (
                <tr
                  key={a.agentId}
                  aria-selected={a.agentId === selectedId}
                  className={[a.agentId === selectedId ? 'is-selected' : '', over === a.agentId ? 'is-drop-target' : ''].join(' ').trim() || undefined}
                  data-testid="sv-agent"
                  data-agent-id={a.agentId}
                  data-login={a.login}
                  onClick={() => select(a)}
                  onDragOver={(e) => acceptsTicket(e) && setOver(a.agentId)}
                  onDragLeave={() => setOver(null)}
                  onDrop={(e) => {
                    setOver(null);
                    onDrop(a)(e);
                  }}
                >
                  <th scope="row">
                    {a.name}
                    {a.role === 'supervisor' && <span className="chip">{t('supervisor.agents.supervisor')}</span>}
                    <span className="sv-muted sv-teams">{teamNames(a.teamIds)}</span>
                  </th>
                  <td>
                    <button
                      type="button"
                      className={`chip sv-status sv-status-${a.status}`}
                      data-testid="sv-agent-status"
                      data-status={a.status}
                      onClick={() => {
                        select(a);
                        boardStore.getState().setDialog({ type: 'agentStatus', agentId: a.agentId });
                      }}
                    >
                      {t(`agentStatus.${a.status}`)}
                    </button>
                  </td>
                  <td>
                    <button
                      type="button"
                      className={`sv-load sv-load-${level}`}
                      data-testid="sv-agent-load"
                      data-load={a.openLoad}
                      data-capacity={a.capacity}
                      onClick={() => {
                        select(a);
                        boardStore.getState().setDialog({ type: 'capacity', agentId: a.agentId });
                      }}
                    >
                      <span className="sv-bar" aria-hidden="true">
                        <span style={{ width: `${Math.min(100, a.capacity === 0 ? 100 : (a.openLoad / a.capacity) * 100)}%` }} />
                      </span>
                      {t('supervisor.agents.loadLabel', { load: a.openLoad, capacity: a.capacity })}
                    </button>
                  </td>
                  <td>{a.waitingLoad}</td>
                  <td>
                    {oldest ? (
                      <button
                        type="button"
                        className="sv-link"
                        onClick={() => {
                          boardStore.getState().close();
                          uiStore.getState().open(oldest.conversationId);
                        }}
                      >
                        {oldest.subject || oldest.conversationId}
                        <span className="sv-muted"> · {t('supervisor.agents.waitedFor', { time: formatCountdown(now - Date.parse(oldest.since)) })}</span>
                      </button>
                    ) : (
                      <span className="sv-muted">{t('supervisor.agents.none')}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ReassignPicker({
  ticket,
  agents,
  teams,
  onPick,
}: {
  ticket: LocalConversation | null;
  agents: AgentWorkload[];
  teams: Team[];
  onPick(ticket: LocalConversation, target: Target): void;
}) {
  const { t } = useTranslation();
  const items = useMemo(() => {
    if (!ticket) return [];
    const people = reassignOrder(
      agents.filter((a) => a.agentId !== ticket.assigneeId),
      ticket.teamId,
    ).map((a) => ({
      id: `agent:${a.agentId}`,
      label: a.name,
      detail: t('supervisor.reassign.agentDetail', { status: t(`agentStatus.${a.status}`), load: a.openLoad, capacity: a.capacity }),
      keywords: a.login,
    }));
    const queues = teams
      .filter((team) => team.id !== ticket.teamId)
      .map((team) => ({ id: `team:${team.id}`, label: t('supervisor.reassign.team', { team: team.name }), detail: t('supervisor.reassign.teamDetail'), keywords: team.kind }));
    return [...people, ...queues];
  }, [ticket, agents, teams, t]);
  if (!ticket) return null;
  return (
    <Picker
      title={t('supervisor.reassign.title', { subject: subjectOf(ticket) })}
      placeholder={t('supervisor.reassign.placeholder')}
      items={items}
      testId="sv-reassign-picker"
      onClose={closeDialog}
      onPick={(id) => {
        closeDialog();
        const [kind, targetId] = id.split(':') as ['agent' | 'team', string];
        const name = kind === 'agent' ? agents.find((a) => a.agentId === targetId)?.name : teams.find((team) => team.id === targetId)?.name;
        onPick(ticket, { kind, id: targetId, name: name ?? targetId });
      }}
    />
  );
}

function StatusPicker({ agent, onPick }: { agent: AgentWorkload; onPick(status: AgentStatus): void }) {
  const { t } = useTranslation();
  const items = useMemo(() => AGENT_STATUSES.map((s) => ({ id: s, label: t(`agentStatus.${s}`), keywords: s })), [t]);
  return (
    <Picker
      title={t('supervisor.statusPicker.title', { name: agent.name })}
      placeholder={t('supervisor.statusPicker.placeholder')}
      items={items}
      testId="sv-status-picker"
      onClose={closeDialog}
      onPick={(id) => {
        closeDialog();
        if (id !== agent.status) onPick(id as AgentStatus);
      }}
    />
  );
}

function CapacityDialog({ agent, onSave }: { agent: AgentWorkload; onSave(capacity: number): void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(String(agent.capacity));
  const [invalid, setInvalid] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(value.trim());
    // Refuse rather than round: a typo should not quietly set another capacity.
    if (value.trim() === '' || !Number.isInteger(n) || n !== clampCapacity(n)) return setInvalid(true);
    closeDialog();
    if (n !== agent.capacity) onSave(n);
  };
  return (
    <div className="overlay" onClick={closeDialog}>
      <form
        className="dialog sv-capacity"
        role="dialog"
        aria-modal="true"
        aria-label={t('supervisor.capacity.title', { name: agent.name })}
        onClick={(e) => e.stopPropagation()}
        onSubmit={submit}
        data-testid="sv-capacity-dialog"
      >
        <h2>{t('supervisor.capacity.title', { name: agent.name })}</h2>
        <label>
          {t('supervisor.capacity.label')}
          <input
            type="number"
            min={0}
            max={100}
            step={1}
            value={value}
            autoFocus
            onFocus={(e) => e.target.select()}
            onChange={(e) => {
              setValue(e.target.value);
              setInvalid(false);
            }}
            aria-invalid={invalid}
            data-testid="sv-capacity-input"
          />
        </label>
        {invalid && (
          <p className="sv-notice is-error" role="alert">
            {t('supervisor.capacity.invalid')}
          </p>
        )}
        <div className="sv-dialog-actions">
          <button type="button" onClick={closeDialog}>
            {t('supervisor.capacity.cancel')}
          </button>
          <button type="submit" className="primary" data-testid="sv-capacity-save">
            {t('supervisor.capacity.save')}
          </button>
        </div>
      </form>
    </div>
  );
}

