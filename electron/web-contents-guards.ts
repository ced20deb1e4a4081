import type { WebContents } from 'electron';
import { toSafeExternalUrl } from './external-links';
import { decideNavigation } from './navigation';

/**
 * Applied to every WebContents the app creates: no new windows (links go to the system
 * browser), no navigation away from the app, no <webview>.
 */
export function guardWebContents(
  contents: WebContents,
  appOrigin: string,
  openExternal: (url: string) => void,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    const safe = toSafeExternalUrl(url);
    if (safe) openExternal(safe);
    return { action: 'deny' };
  });

  const guardNavigation = (event: { url: string; preventDefault(): void }) => {
    const decision = decideNavigation(event.url, appOrigin);
    if (decision.action === 'allow') return;
    event.preventDefault();
    if (decision.action === 'open-external') openExternal(decision.url);
  };
  contents.on('will-navigate', guardNavigation);
  contents.on('will-redirect', guardNavigation);

  contents.on('will-attach-webview', (event) => event.preventDefault());
}
