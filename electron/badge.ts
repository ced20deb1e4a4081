/** What the host shows for a number of unread messages. */
export interface BadgePlan {
  /** app.setBadgeCount: the macOS dock and Linux launchers that support it; null where unsupported. */
  dockCount: number | null;
  /** Windows: a red dot over the taskbar button (Windows has no badge count). */
  taskbarOverlay: boolean;
  /** Windows and Linux have a tray icon; macOS has the dock instead. */
  tray: { tooltip: string; unread: boolean } | null;
}

export function badgeLabel(count: number): string {
  return count > 99 ? '99+' : String(count);
}

export function planBadge(platform: NodeJS.Platform, count: number): BadgePlan {
  const unread = count > 0;
  if (platform === 'darwin') return { dockCount: count, taskbarOverlay: false, tray: null };
  const tray = { tooltip: unread ? `Kadesk (${badgeLabel(count)})` : 'Kadesk', unread };
  if (platform === 'win32') return { dockCount: null, taskbarOverlay: unread, tray };
  return { dockCount: count, taskbarOverlay: false, tray };
}

export interface ShellLabels {
  open: string;
  quit: string;
  unread(count: number): string;
}

/** The few words the main process shows itself (tray menu, taskbar overlay), in the system language. */
export function shellLabels(locale: string): ShellLabels {
  if (locale.toLowerCase().startsWith('zh')) {
    return { open: '打开 Kadesk', quit: '退出 Kadesk', unread: (n) => `${badgeLabel(n)} 条未读消息` };
  }
  return { open: 'Open Kadesk', quit: 'Quit Kadesk', unread: (n) => `${badgeLabel(n)} unread messages` };
}
