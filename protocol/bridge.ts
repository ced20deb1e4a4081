import { z } from 'zod';
import { ID_PATTERN } from './ids';

// The one API the renderer sees for host services. In Electron the preload exposes it as
// `window.kadesk`; in a plain browser the renderer builds an equivalent browser-mode bridge.
// Everything that crosses from the renderer to the main process is checked against the
// schemas below: the renderer shows customer content, so its calls are treated as untrusted.

export const ConversationId = z.string().regex(ID_PATTERN);

export const DESKTOP_NOTICE_KINDS = ['assigned', 'mention', 'sla-warning', 'sla-breached'] as const;
/** A native notification the renderer asks for; clicking it opens the conversation. */
export const DesktopNotice = z.object({
  kind: z.enum(DESKTOP_NOTICE_KINDS),
  conversationId: ConversationId,
  title: z.string().min(1).max(200),
  body: z.string().max(500),
});
export type DesktopNotice = z.infer<typeof DesktopNotice>;

/** Where auto-update stands, as the update banner shows it. */
export const UpdateStatus = z.discriminatedUnion('phase', [
  /** No feed configured, a development build, or a host without updates (browser mode). */
  z.object({ phase: z.literal('disabled') }),
  z.object({ phase: z.literal('idle') }),
  z.object({ phase: z.literal('checking') }),
  z.object({ phase: z.literal('up-to-date'), checkedAt: z.string() }),
  z.object({ phase: z.literal('available'), version: z.string() }),
  z.object({
    phase: z.literal('downloading'),
    version: z.string(),
    percent: z.number().min(0).max(100),
    transferred: z.number().nonnegative(),
    total: z.number().nonnegative(),
    bytesPerSecond: z.number().nonnegative(),
  }),
  z.object({ phase: z.literal('ready'), version: z.string() }),
  z.object({ phase: z.literal('error'), during: z.enum(['check', 'download', 'install']), message: z.string() }),
]);
export type UpdateStatus = z.infer<typeof UpdateStatus>;

/** The global focus shortcut: whether the OS gave it to Kadesk, and why not. */
export const ShortcutStatus = z.object({
  /** null when the shortcut is turned off. */
  accelerator: z.string().nullable(),
  registered: z.boolean(),
  failure: z.enum(['invalid', 'taken']).nullable(),
});
export type ShortcutStatus = z.infer<typeof ShortcutStatus>;

export type Unsubscribe = () => void;

export type NotificationAccess = 'granted' | 'denied' | 'prompt' | 'unsupported';

export interface KadeskBridge {
  readonly mode: 'electron' | 'browser';
  /** Base URL of the Kadesk server, without a trailing slash. */
  serverUrl(): Promise<string>;
  /** Session token kept by the host (safeStorage in Electron). */
  getToken(): Promise<string | null>;
  setToken(token: string | null): Promise<void>;
  /** Unread count for the dock/tray badge; a no-op where the host has none. */
  setBadge(count: number): Promise<void>;
  /** Opens an http(s) link outside the app. */
  openExternal(url: string): Promise<void>;
  /** Shows a system notification; clicking it focuses the window and opens the conversation. */
  notify(notice: DesktopNotice): Promise<void>;
  /** Whether notify() can show anything. Electron always can; a browser asks the agent first. */
  notificationAccess(): Promise<NotificationAccess>;
  /** Asks for permission (a browser needs a click to ask); answers the resulting access. */
  requestNotificationAccess(): Promise<NotificationAccess>;
  /** Conversations to open: from kadesk:// links and notification clicks, each delivered once. */
  onOpenConversation(listener: (conversationId: string) => void): Unsubscribe;
  updateStatus(): Promise<UpdateStatus>;
  onUpdateStatus(listener: (status: UpdateStatus) => void): Unsubscribe;
  checkForUpdate(): Promise<void>;
  downloadUpdate(): Promise<void>;
  /** Quits, installs the downloaded update and starts the new version. */
  installUpdate(): Promise<void>;
  focusShortcut(): Promise<ShortcutStatus>;
}

/** What the main process serves: one method per invoke channel. */
export type BridgeHostApi = Omit<
  KadeskBridge,
  'mode' | 'onOpenConversation' | 'onUpdateStatus' | 'notificationAccess' | 'requestNotificationAccess'
> & {
  /** The conversation waiting to be opened (then forgotten), or null. */
  takeOpenConversation(): Promise<string | null>;
};

/** IPC channels the preload may invoke; the main process checks the same list. */
export const BRIDGE_CHANNELS = {
  serverUrl: 'kadesk:server-url',
  getToken: 'kadesk:token-get',
  setToken: 'kadesk:token-set',
  setBadge: 'kadesk:badge-set',
  openExternal: 'kadesk:open-external',
  notify: 'kadesk:notify',
  takeOpenConversation: 'kadesk:open-conversation-take',
  updateStatus: 'kadesk:update-status',
  checkForUpdate: 'kadesk:update-check',
  downloadUpdate: 'kadesk:update-download',
  installUpdate: 'kadesk:update-install',
  focusShortcut: 'kadesk:focus-shortcut',
} as const satisfies Record<keyof BridgeHostApi, string>;
export type BridgeChannel = (typeof BRIDGE_CHANNELS)[keyof typeof BRIDGE_CHANNELS];

/**
 * Messages the main process sends to the window. `openConversation` carries nothing: the
 * preload answers it by taking the pending conversation, so a link that arrives before the
 * page listens is kept, not lost, and is opened once.
 */
export const BRIDGE_EVENTS = {
  openConversation: 'kadesk:open-conversation',
  updateStatus: 'kadesk:update-status-changed',
} as const;
export type BridgeEvent = (typeof BRIDGE_EVENTS)[keyof typeof BRIDGE_EVENTS];

/** Argument lists of the invoke channels, checked in the main process before any use. */
export const BRIDGE_ARGUMENTS = {
  serverUrl: z.tuple([]),
  getToken: z.tuple([]),
  setToken: z.tuple([z.string().min(1).max(8192).nullable()]),
  setBadge: z.tuple([z.number().int().min(0).max(99_999)]),
  openExternal: z.tuple([z.string().min(1).max(2048)]),
  notify: z.tuple([DesktopNotice]),
  takeOpenConversation: z.tuple([]),
  updateStatus: z.tuple([]),
  checkForUpdate: z.tuple([]),
  downloadUpdate: z.tuple([]),
  installUpdate: z.tuple([]),
  focusShortcut: z.tuple([]),
} satisfies Record<keyof typeof BRIDGE_CHANNELS, z.ZodType>;

declare global {
  interface Window {
    kadesk?: KadeskBridge;
  }
}
