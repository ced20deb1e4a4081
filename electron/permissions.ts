import { isSameOrigin } from './origin';

// What the workstation page may use: desktop notifications for new tickets, writing to the
// clipboard (copying order numbers and card keys) and fullscreen. Camera, microphone,
// geolocation, USB and the rest are never needed, and nothing is granted to other origins.
const GRANTED = new Set(['notifications', 'clipboard-sanitized-write', 'fullscreen']);

export function isPermissionGranted(permission: string, requestingUrl: string, appOrigin: string): boolean {
  return GRANTED.has(permission) && isSameOrigin(requestingUrl, appOrigin);
}
