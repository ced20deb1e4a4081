import { toSafeExternalUrl } from './external-links';
import { isSameOrigin } from './origin';

export type NavigationDecision =
  | { action: 'allow' }
  | { action: 'open-external'; url: string }
  | { action: 'block' };

/**
 * What to do when a page in the app tries to navigate: it may stay on the app's own origin;
 * an ordinary web link goes to the system browser instead of replacing the workstation;
 * anything else is stopped.
 */
export function decideNavigation(targetUrl: string, appOrigin: string): NavigationDecision {
  if (isSameOrigin(targetUrl, appOrigin)) return { action: 'allow' };
  const external = toSafeExternalUrl(targetUrl);
  return external ? { action: 'open-external', url: external } : { action: 'block' };
}
