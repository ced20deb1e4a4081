import { z } from 'zod';
import { BRIDGE_CHANNELS, type BridgeChannel, type KadeskBridge } from '../protocol/bridge';
import { toSafeExternalUrl } from './external-links';
import { isSameOrigin } from './origin';
import type { TokenStore } from './token-store';

export type BridgeMethod = keyof typeof BRIDGE_CHANNELS;
export type BridgeServices = Pick<KadeskBridge, BridgeMethod>;

/** Renderer input is untrusted: every call's arguments are checked before use. */
const argumentSchemas: { [M in BridgeMethod]: z.ZodType<Parameters<KadeskBridge[M]>> } = {
  serverUrl: z.tuple([]),
  getToken: z.tuple([]),
  setToken: z.tuple([z.string().min(1).max(8192).nullable()]),
  setBadge: z.tuple([z.number().int().min(0).max(99_999)]),
  openExternal: z.tuple([z.string().min(1).max(2048)]),
};

export class BridgeRejection extends Error {
  override name = 'BridgeRejection';
}

export interface HostServices {
  serverUrl: string;
  tokens: TokenStore;
  setBadge(count: number): void;
  /** Receives only URLs that passed toSafeExternalUrl. */
  openExternal(url: string): Promise<void>;
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
 * same one the preload uses.
 */
export function createBridgeRoutes(services: BridgeServices, appOrigin: string): BridgeRoute[] {
  return (Object.keys(BRIDGE_CHANNELS) as BridgeMethod[]).map((method) => {
    const channel = BRIDGE_CHANNELS[method];
    const call = services[method] as (...args: unknown[]) => Promise<unknown>;
    return {
      channel,
      async handle(sender, args) {
        if (!isTrustedSender(sender, appOrigin)) {
          throw new BridgeRejection(`${channel} refused: sender is not the Kadesk window`);
        }
        const parsed = argumentSchemas[method].safeParse(args);
        if (!parsed.success) throw new BridgeRejection(`${channel} refused: invalid arguments`);
        return call(...parsed.data);
      },
    };
  });
}
