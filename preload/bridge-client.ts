import {
  BRIDGE_CHANNELS,
  BRIDGE_EVENTS,
  ConversationId,
  UpdateStatus,
  type BridgeChannel,
  type BridgeEvent,
  type BridgeHostApi,
  type KadeskBridge,
} from '../protocol/bridge';

/** ipcRenderer.invoke, narrowed to the allowlisted channels. */
export type BridgeInvoke = (channel: BridgeChannel, ...args: unknown[]) => Promise<unknown>;

/**
 * ipcRenderer.on for one of the main process's events, handing the listener the payload
 * only (never the IPC event, which would lead back to ipcRenderer). Returns the unsubscribe.
 */
export type BridgeSubscribe = (channel: BridgeEvent, listener: (payload: unknown) => void) => () => void;

type Method = keyof typeof BRIDGE_CHANNELS;

/**
 * window.kadesk: one function per bridge method, each bound to its fixed channel. The page
 * gets these functions only; it can never name a channel or reach ipcRenderer.
 */
export function createBridgeClient(invoke: BridgeInvoke, subscribe: BridgeSubscribe): KadeskBridge {
  const method = <M extends Method>(name: M) =>
    ((...args: Parameters<BridgeHostApi[M]>) => invoke(BRIDGE_CHANNELS[name], ...args)) as BridgeHostApi[M];
  const take = method('takeOpenConversation');
  return Object.freeze({
    mode: 'electron',
    serverUrl: method('serverUrl'),
    getToken: method('getToken'),
    setToken: method('setToken'),
    setBadge: method('setBadge'),
    openExternal: method('openExternal'),
    notify: method('notify'),
    // The main process shows notifications itself; no page permission is involved.
    notificationAccess: async () => 'granted' as const,
    requestNotificationAccess: async () => 'granted' as const,
    onOpenConversation(listener: (conversationId: string) => void) {
      // The event only says "something is waiting": taking it here, and once when the page
      // starts listening, opens a link that arrived before the page was ready, exactly once.
      const deliver = () => {
        take().then(
          (id) => {
            const parsed = ConversationId.safeParse(id);
            if (parsed.success) listener(parsed.data);
          },
          () => {},
        );
      };
      const unsubscribe = subscribe(BRIDGE_EVENTS.openConversation, deliver);
      deliver();
      return unsubscribe;
    },
    updateStatus: method('updateStatus'),
    onUpdateStatus(listener: (status: UpdateStatus) => void) {
      return subscribe(BRIDGE_EVENTS.updateStatus, (payload) => {
        const parsed = UpdateStatus.safeParse(payload);
        if (parsed.success) listener(parsed.data);
      });
    },
    checkForUpdate: method('checkForUpdate'),
    downloadUpdate: method('downloadUpdate'),
    installUpdate: method('installUpdate'),
    focusShortcut: method('focusShortcut'),
  });
}
