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
    quit(): void;
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

  interface BrowserWindowConstructorOptions {
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
    once(event: 'ready-to-show', listener: () => void): this;
    focus(): void;
    isDestroyed(): boolean;
    isMinimized(): boolean;
    loadURL(url: string): Promise<void>;
    restore(): void;
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

  const app: App;
  const contextBridge: ContextBridge;
  const dialog: Dialog;
  const ipcMain: IpcMain;
  const ipcRenderer: IpcRenderer;
  const protocol: Protocol;
  const safeStorage: SafeStorage;
  const session: typeof Session;
  const shell: Shell;
}
