import type { z } from 'zod';
import {
  BRIDGE_ARGUMENTS,
  BRIDGE_CHANNELS,
  type BridgeChannel,
  type BridgeHostApi,
  type DesktopNotice,
  type ShortcutStatus,
} from '../protocol/bridge';
import { toSafeExternalUrl } from './external-links';
import type { ConversationOpener } from './open-conversation';
import { isSameOrigin } from './origin';
import type { TokenStore } from './token-store';
import type { UpdateController } from './update-controller';

export type BridgeMethod = keyof typeof BRIDGE_CHANNELS;
export type BridgeServices = BridgeHostApi;

export class BridgeRejection extends Error {
  override name = 'BridgeRejection';
}

export interface HostServices {
  serverUrl: string;
  tokens: TokenStore;
  setBadge(count: number): void;
  /** Receives only URLs that passed toSafeExternalUrl. */
  openExternal(url: string): Promise<void>;
  /** Receives only notices that passed the DesktopNotice schema. */
  notify(notice: DesktopNotice): void;
  opener: Pick<ConversationOpener, 'take'>;
  updates: Pick<UpdateController, 'status' | 'check' | 'download' | 'install'>;
  focusShortcut(): ShortcutStatus;
}

/** The main-process side of KadeskBridge. */
export function createBridgeServices(host: HostServices): BridgeServices {
  return {
    serverUrl: async () => host.serverUrl,
    getToken: () => host.tokens.get(),
    setToken: (token) => host.tokens.set(token),
    setBadge: async (count) => host.setBadge(count),
    openExternal: async (url) => {
      const safe = toSafeExternalUrl(url);
      if (safe === null) throw new BridgeRejection('Only http(s) links can be opened');
      await host.openExternal(safe);
    },
    notify: async (notice) => host.notify(notice),
    takeOpenConversation: async () => host.opener.take(),
    updateStatus: async () => host.updates.status(),
    checkForUpdate: () => host.updates.check(),
    downloadUpdate: () => host.updates.download(),
    installUpdate: async () => host.updates.install(),
    focusShortcut: async () => host.focusShortcut(),
  };
}

/** The frame that sent an IPC message, as Electron reports it (null once it has gone). */
export interface IpcSender {
  url: string;
  isMainFrame: boolean;
}

/** Only the workstation's own top-level page may use the bridge: not iframes, not other sites. */
export function isTrustedSender(sender: IpcSender | null, appOrigin: string): boolean {
  return sender !== null && sender.isMainFrame && isSameOrigin(sender.url, appOrigin);
}

export interface BridgeRoute {
  channel: BridgeChannel;
  handle(sender: IpcSender | null, args: unknown[]): Promise<unknown>;
}

/**
 * One route per BRIDGE_CHANNELS entry and no others: this list is the IPC allowlist, the
 * same one the preload uses. Renderer input is untrusted: every call's arguments are checked
 * against the shared schemas before use.
 */
export function createBridgeRoutes(services: BridgeServices, appOrigin: string): BridgeRoute[] {
  return (Object.keys(BRIDGE_CHANNELS) as BridgeMethod[]).map((method) => {
    const channel = BRIDGE_CHANNELS[method];
    const call = services[method] as (...args: unknown[]) => Promise<unknown>;
    const schema: z.ZodType<unknown[]> = BRIDGE_ARGUMENTS[method];
    return {
      channel,
      async handle(sender, args) {
        if (!isTrustedSender(sender, appOrigin)) {
          throw new BridgeRejection(`${channel} refused: sender is not the Kadesk window`);
        }
        const parsed = schema.safeParse(args);
        if (!parsed.success) throw new BridgeRejection(`${channel} refused: invalid arguments`);
        return call(...parsed.data);
      },
    };
  });
}
