import { app, Menu, nativeImage, Tray, type BrowserWindow, type NativeImage } from 'electron';
import { planBadge, shellLabels } from './badge';
import { drawOverlayDot, drawTrayIcon, encodePng } from './icons';

type Canvas = ReturnType<typeof drawTrayIcon>;

/** An image with 1× and 2× representations, so it stays sharp on HiDPI screens. */
function image(draw: (size: number) => Canvas, size: number): NativeImage {
  const result = nativeImage.createFromBuffer(encodePng(draw(size)), { scaleFactor: 1 });
  result.addRepresentation({ scaleFactor: 2, buffer: encodePng(draw(size * 2)) });
  return result;
}

export interface BadgeHost {
  setCount(count: number): void;
}

/**
 * The unread badge: the dock on macOS, the tray icon (and on Windows the taskbar overlay)
 * elsewhere. The tray also brings the window back and quits the app.
 */
export function createBadgeHost(options: {
  getWindow(): BrowserWindow | null;
  reveal(): void;
}): BadgeHost {
  const platform = process.platform;
  const labels = shellLabels(app.getLocale());
  const icons = { plain: image((s) => drawTrayIcon(s, false), 16), unread: image((s) => drawTrayIcon(s, true), 16) };
  const overlay = platform === 'win32' ? image(drawOverlayDot, 16) : null;
  let tray: Tray | null = null;
  if (planBadge(platform, 0).tray) {
    tray = new Tray(icons.plain);
    tray.setToolTip('Kadesk');
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: labels.open, click: () => options.reveal() },
        { type: 'separator' },
        { label: labels.quit, click: () => app.quit() },
      ]),
    );
    tray.on('click', () => options.reveal());
  }
  return {
    setCount(count) {
      const plan = planBadge(platform, count);
      if (plan.dockCount !== null) app.setBadgeCount(plan.dockCount);
      if (tray && plan.tray) {
        tray.setToolTip(plan.tray.tooltip);
        tray.setImage(plan.tray.unread ? icons.unread : icons.plain);
      }
      const window = options.getWindow();
      if (overlay && window && !window.isDestroyed()) {
        window.setOverlayIcon(plan.taskbarOverlay ? overlay : null, plan.taskbarOverlay ? labels.unread(count) : '');
      }
    },
  };
}
