import { describe, expect, it } from 'vitest';
import { isPermissionGranted } from './permissions';

const APP = 'app://kadesk';

describe('isPermissionGranted', () => {
  it('grants notifications and clipboard writes to the app', () => {
    expect(isPermissionGranted('notifications', 'app://kadesk/index.html', APP)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://kadesk/', APP)).toBe(true);
  });

  it('denies everything else to the app', () => {
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'usb', 'openExternal', 'unknown']) {
      expect(isPermissionGranted(permission, 'app://kadesk/', APP)).toBe(false);
    }
  });

  it('denies even harmless permissions to other origins', () => {
    expect(isPermissionGranted('notifications', 'https://evil.example/', APP)).toBe(false);
    expect(isPermissionGranted('notifications', '', APP)).toBe(false);
  });
});
