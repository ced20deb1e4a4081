import {
  CATEGORIES,
  CHANNELS,
  CONVERSATION_STATUSES,
  type Category,
  type Channel,
  type ConversationStatus,
} from '../../../protocol';
import type { LocalConversation } from './db';

// An inbox view is a set of key ranges on one compound index ending in lastMessageAt, so
// every view is read newest first, a window at a time, whatever the size of the cache.
// `inView` states the same membership as a predicate; the tests hold the two together.

export const FIXED_VIEWS = ['mine', 'unassigned', 'team', 'open', 'all', 'sla'] as const;
export type FixedView = (typeof FIXED_VIEWS)[number];
export type InboxView = FixedView | `status:${ConversationStatus}` | `channel:${Channel}` | `category:${Category}`;

export const STATUS_VIEWS = CONVERSATION_STATUSES.map((s) => `status:${s}` as const);
export const CHANNEL_VIEWS = CHANNELS.map((c) => `channel:${c}` as const);
export const CATEGORY_VIEWS = CATEGORIES.map((c) => `category:${c}` as const);
export const ALL_VIEWS: readonly InboxView[] = [...FIXED_VIEWS, ...STATUS_VIEWS, ...CHANNEL_VIEWS, ...CATEGORY_VIEWS];

export function isInboxView(value: unknown): value is InboxView {
  return typeof value === 'string' && (ALL_VIEWS as readonly string[]).includes(value);
}

/** Whose inbox: the views "mine" and "team" depend on it. */
export interface ViewContext {
  agentId: string;
  teamIds: readonly string[];
}

export interface ViewRanges {
  index: string;
  /** Leading key parts of each range; the last index part (lastMessageAt) spans the window. */
  prefixes: Array<Array<string | number>>;
}

const OPEN = 1;
const RESOLVED = 0;

export function viewRanges(view: InboxView, ctx: ViewContext): ViewRanges {
  switch (view) {
    case 'mine':
      return { index: '[active+assigneeKey+lastMessageAt]', prefixes: [[OPEN, ctx.agentId]] };
    case 'unassigned':
      return { index: '[active+assigneeKey+lastMessageAt]', prefixes: [[OPEN, '']] };
    case 'team':
      return { index: '[active+teamKey+lastMessageAt]', prefixes: ctx.teamIds.map((t) => [OPEN, t]) };
    case 'open':
      return { index: '[active+lastMessageAt]', prefixes: [[OPEN]] };
    case 'all':
      return { index: '[active+lastMessageAt]', prefixes: [[OPEN], [RESOLVED]] };
    case 'sla':
      return { index: '[active+slaRisk+lastMessageAt]', prefixes: [[OPEN, 1]] };
  }
  const [facet, value] = view.split(':') as [string, string];
  switch (facet) {
    case 'status':
      return { index: '[active+status+lastMessageAt]', prefixes: [[value === 'resolved' ? RESOLVED : OPEN, value]] };
    case 'channel':
      return { index: '[active+channel+lastMessageAt]', prefixes: [[OPEN, value]] };
    default:
      return { index: '[active+categoryKey+lastMessageAt]', prefixes: [[OPEN, value]] };
  }
}

/** Whether a stored conversation belongs to a view. History fetched from outside the sync scope never does. */
export function inView(view: InboxView, row: LocalConversation, ctx: ViewContext): boolean {
  if (row.cachedOnly) return false;
  const open = row.status !== 'resolved';
  switch (view) {
    case 'mine':
      return open && row.assigneeId === ctx.agentId;
    case 'unassigned':
      return open && row.assigneeId === null;
    case 'team':
      return open && row.teamId !== null && ctx.teamIds.includes(row.teamId);
    case 'open':
      return open;
    case 'all':
      return true;
    case 'sla':
      return open && (row.sla?.state === 'warning' || row.sla?.state === 'breached');
  }
  const [facet, value] = view.split(':') as [string, string];
  switch (facet) {
    case 'status':
      return row.status === value;
    case 'channel':
      return open && row.channel === value;
    default:
      return open && row.category === value;
  }
}
