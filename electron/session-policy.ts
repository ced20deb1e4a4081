import { protocol, type Session } from 'electron';
import { APP_SCHEME, createAppProtocolHandler } from './app-protocol';
import { withContentSecurityPolicy } from './csp';
import { isPermissionGranted } from './permissions';

export interface SessionPolicy {
  csp: string;
  appOrigin: string;
  /** Built renderer folder served on app://. */
  rendererRoot: string;
}

/** CSP on every document, least-privilege permissions, and the app:// file server. */
export function applySessionPolicy(session: Session, { csp, appOrigin, rendererRoot }: SessionPolicy): void {
  // app:// responses carry the policy themselves; this covers documents that arrive over
  // http, such as the dev server's, whatever headers they came with.
  session.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType === 'mainFrame' || details.resourceType === 'subFrame') {
      callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, csp) });
    } else {
      callback({});
    }
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl, appOrigin));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin, appOrigin),
  );
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: rendererRoot, csp }));
}
