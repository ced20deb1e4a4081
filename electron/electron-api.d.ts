// The part of Electron's API that Kadesk uses, declared to match Electron 45's own
// electron.d.ts, so the main process and the preload typecheck where the optional
// `electron` package (and its binary) could not be installed.
//
// Why this does not clash with the real package: when `electron` is installed, its
// electron.d.ts also declares `module 'electron'`, with `export =`. TypeScript merges the
// two declarations, and an `export =` wins over named exports, so every import resolves
// to Electron's real types and the code is checked against them. The clash diagnostics
// this merge raises live in declaration files, which `skipLibCheck` (already required:
// electron.d.ts does not lib-check without the DOM lib) leaves unreported.
//
// Where Electron's types say `any`, this file says `unknown`: code that compiles against
// the stricter declaration compiles against the real one too.

declare module 'electron' {
  type Event<Params extends object = object> = {
    preventDefault: () => void;
    readonly defaultPrevented: boolean;
  } & Params;

  // ---- app -------------------------------------------------------------------------

  interface App extends NodeJS.EventEmitter {
    on(
      event: 'second-instance',
      listener: (event: Event, argv: string[], workingDirectory: string, additionalData: unknown) => void,
    ): this;
    on(event: 'window-all-closed', listener: () => void): this;
    on(event: 'activate', listener: (event: Event, hasVisibleWindows: boolean) => void): this;
    on(event: 'web-contents-created', listener: (event: Event, webContents: WebContents) => void): this;
    on(event: 'open-url', listener: (event: Event, url: string) => void): this;
    on(event: 'will-quit', listener: (event: Event) => void): this;
    enableSandbox(): void;
    exit(exitCode?: number): void;
    getPath(
      name:
        | 'home'
        | 'appData'
        | 'assets'
        | 'userData'
        | 'sessionData'
        | 'temp'
        | 'exe'
        | 'module'
        | 'desktop'
        | 'documents'
        | 'downloads'
        | 'music'
        | 'pictures'
        | 'videos'
        | 'recent'
        | 'logs'
        | 'crashDumps',
    ): string;
    getLocale(): string;
    quit(): void;
    setAppUserModelId(id: string): void;
    setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
    requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean;
    setBadgeCount(count?: number): boolean;
    whenReady(): Promise<void>;
    readonly isPackaged: boolean;
  }

  // ---- windows ---------------------------------------------------------------------

  interface WebPreferences {
    allowRunningInsecureContent?: boolean;
    contextIsolation?: boolean;
    experimentalFeatures?: boolean;
    navigateOnDragDrop?: boolean;
    nodeIntegration?: boolean;
    nodeIntegrationInSubFrames?: boolean;
    nodeIntegrationInWorker?: boolean;
    preload?: string;
    safeDialogs?: boolean;
    sandbox?: boolean;
    spellcheck?: boolean;
    webSecurity?: boolean;
    webviewTag?: boolean;
  }

  interface Rectangle {
    x: number;
    y: number;
    width: number;
    height: number;
  }

  interface BrowserWindowConstructorOptions {
    x?: number;
    y?: number;
    autoHideMenuBar?: boolean;
    backgroundColor?: string;
    height?: number;
    minHeight?: number;
    minWidth?: number;
    show?: boolean;
    title?: string;
    webPreferences?: WebPreferences;
    width?: number;
  }

  class BrowserWindow extends NodeJS.EventEmitter {
    constructor(options?: BrowserWindowConstructorOptions);
    static getAllWindows(): BrowserWindow[];
    on(event: 'closed', listener: () => void): this;
    on(event: 'close', listener: (event: Event) => void): this;
    on(event: 'resize' | 'move' | 'maximize' | 'unmaximize', listener: () => void): this;
    once(event: 'ready-to-show', listener: () => void): this;
    focus(): void;
    getNormalBounds(): Rectangle;
    isDestroyed(): boolean;
    isMaximized(): boolean;
    isMinimized(): boolean;
    loadURL(url: string): Promise<void>;
    maximize(): void;
    restore(): void;
    setOverlayIcon(overlay: NativeImage | null, description: string): void;
    show(): void;
    readonly webContents: WebContents;
  }

  interface HandlerDetails {
    url: string;
    frameName: string;
    features: string;
    disposition: 'default' | 'foreground-tab' | 'background-tab' | 'new-window' | 'other';
  }

  interface WindowOpenHandlerResponse {
    action: 'allow' | 'deny';
  }

  interface WebContentsWillNavigateEventParams {
    url: string;
    isSameDocument: boolean;
    isMainFrame: boolean;
    frame: WebFrameMain | null;
  }

  type WebContentsWillRedirectEventParams = WebContentsWillNavigateEventParams;

  class WebContents extends NodeJS.EventEmitter {
    on(event: 'will-navigate', listener: (details: Event<WebContentsWillNavigateEventParams>) => void): this;
    on(event: 'will-redirect', listener: (details: Event<WebContentsWillRedirectEventParams>) => void): this;
    on(
      event: 'will-attach-webview',
      listener: (event: Event, webPreferences: WebPreferences, params: Record<string, string>) => void,
    ): this;
    setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
    send(channel: string, ...args: unknown[]): void;
  }

  class WebFrameMain extends NodeJS.EventEmitter {
    readonly parent: WebFrameMain | null;
    readonly url: string;
  }

  // ---- session, protocol -----------------------------------------------------------

  interface OnHeadersReceivedListenerDetails {
    id: number;
    url: string;
    method: string;
    resourceType:
      | 'mainFrame'
      | 'subFrame'
      | 'stylesheet'
      | 'script'
      | 'image'
      | 'font'
      | 'object'
      | 'xhr'
      | 'ping'
      | 'cspReport'
      | 'media'
      | 'webSocket'
      | 'other';
    statusCode: number;
    responseHeaders?: Record<string, string[]>;
  }

  interface HeadersReceivedResponse {
    cancel?: boolean;
    responseHeaders?: Record<string, string | string[]>;
    statusLine?: string;
  }

  class WebRequest {
    onHeadersReceived(
      listener:
        | ((
            details: OnHeadersReceivedListenerDetails,
            callback: (headersReceivedResponse: HeadersReceivedResponse) => void,
          ) => void)
        | null,
    ): void;
  }

  interface PermissionRequest {
    isMainFrame: boolean;
    requestingUrl: string;
  }

  interface PermissionCheckHandlerHandlerDetails {
    isMainFrame: boolean;
    requestingUrl?: string;
  }

  /** Electron's permission names are a long literal union; `string` accepts all of them. */
  type Permission = string;

  class Session extends NodeJS.EventEmitter {
    static defaultSession: Session;
    setPermissionCheckHandler(
      handler:
        | ((
            webContents: WebContents | null,
            permission: Permission,
            requestingOrigin: string,
            details: PermissionCheckHandlerHandlerDetails,
          ) => boolean)
        | null,
    ): void;
    setPermissionRequestHandler(
      handler:
        | ((
            webContents: WebContents,
            permission: Permission,
            callback: (permissionGranted: boolean) => void,
            details: PermissionRequest,
          ) => void)
        | null,
    ): void;
    readonly webRequest: WebRequest;
  }

  interface Privileges {
    standard?: boolean;
    secure?: boolean;
    bypassCSP?: boolean;
    allowServiceWorkers?: boolean;
    supportFetchAPI?: boolean;
    corsEnabled?: boolean;
    stream?: boolean;
    codeCache?: boolean;
  }

  interface CustomScheme {
    scheme: string;
    privileges?: Privileges;
  }

  interface Protocol {
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
    registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void;
  }

  // ---- IPC -------------------------------------------------------------------------

  interface IpcMainInvokeEvent extends Event {
    readonly senderFrame: WebFrameMain | null;
  }

  interface IpcMain extends NodeJS.EventEmitter {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  }

  interface IpcRenderer extends NodeJS.EventEmitter {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  }

  interface ContextBridge {
    exposeInMainWorld(apiKey: string, api: unknown): void;
  }

  // ---- system services -------------------------------------------------------------

  interface OpenExternalOptions {
    activate?: boolean;
  }

  interface Shell {
    openExternal(url: string, options?: OpenExternalOptions): Promise<void>;
  }

  interface DecryptStringAsyncReturnValue {
    shouldReEncrypt: boolean;
    result: string;
  }

  interface SafeStorage {
    decryptStringAsync(encrypted: Buffer): Promise<DecryptStringAsyncReturnValue>;
    encryptStringAsync(plainText: string): Promise<Buffer>;
    getSelectedStorageBackend(): 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';
    isAsyncEncryptionAvailable(): Promise<boolean>;
  }

  interface Dialog {
    showErrorBox(title: string, content: string): void;
  }

  // ---- desktop integration ---------------------------------------------------------

  interface Display {
    id: number;
    workArea: Rectangle;
  }

  interface Screen extends NodeJS.EventEmitter {
    getAllDisplays(): Display[];
    getPrimaryDisplay(): Display;
  }

  interface AddRepresentationOptions {
    scaleFactor?: number;
    width?: number;
    height?: number;
    buffer?: Buffer;
    dataURL?: string;
  }

  interface CreateFromBufferOptions {
    width?: number;
    height?: number;
    scaleFactor?: number;
  }

  class NativeImage {
    addRepresentation(options: AddRepresentationOptions): void;
    isEmpty(): boolean;
  }

  interface NativeImageStatic {
    createFromBuffer(buffer: Buffer, options?: CreateFromBufferOptions): NativeImage;
  }

  interface MenuItemConstructorOptions {
    label?: string;
    type?: 'normal' | 'separator' | 'submenu' | 'checkbox' | 'radio' | 'header' | 'palette';
    click?: () => void;
  }

  class Menu extends NodeJS.EventEmitter {
    static buildFromTemplate(template: MenuItemConstructorOptions[]): Menu;
  }

  class Tray extends NodeJS.EventEmitter {
    constructor(image: NativeImage | string, guid?: string);
    on(event: 'click', listener: () => void): this;
    destroy(): void;
    setContextMenu(menu: Menu | null): void;
    setImage(image: NativeImage | string): void;
    setToolTip(toolTip: string): void;
  }

  interface NotificationConstructorOptions {
    title?: string;
    body?: string;
    silent?: boolean;
  }

  class Notification extends NodeJS.EventEmitter {
    static isSupported(): boolean;
    constructor(options?: NotificationConstructorOptions);
    on(event: 'click' | 'close', listener: (event: Event) => void): this;
    close(): void;
    show(): void;
  }

  interface GlobalShortcut {
    register(accelerator: string, callback: () => void): boolean;
    unregister(accelerator: string): void;
    unregisterAll(): void;
  }

  const app: App;
  const contextBridge: ContextBridge;
  const dialog: Dialog;
  const globalShortcut: GlobalShortcut;
  const ipcMain: IpcMain;
  const nativeImage: NativeImageStatic;
  const screen: Screen;
  const ipcRenderer: IpcRenderer;
  const protocol: Protocol;
  const safeStorage: SafeStorage;
  const session: typeof Session;
  const shell: Shell;
}
