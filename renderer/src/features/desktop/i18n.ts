// Desktop shell: notifications, updates, the focus shortcut. `desktopEn` must have exactly these keys.
export const desktopZhCN = {
  notice: {
    assigned: '新会话分配给你',
    assignedMany: '{{count}} 个会话分配给你',
    mention: '{{name}} 在备注中提到了你',
    slaWarning: 'SLA 即将超时',
    slaBreached: 'SLA 已超时',
  },
  update: {
    disabled: '这个版本不自动更新（浏览器版、开发版，或没有配置更新地址）。',
    checking: '正在检查更新…',
    upToDate: 'Kadesk 已是最新版本。',
    available: 'Kadesk {{version}} 可以更新了。',
    download: '下载更新',
    downloading: '正在下载 Kadesk {{version}}：{{percent}}%（{{done}} / {{total}} MB）',
    ready: 'Kadesk {{version}} 已下载好。重启即可完成更新；不重启的话，退出时会自动安装。',
    install: '重启并更新',
    checkFailed: '检查更新失败：{{message}}。请检查网络或更新地址，稍后重试。',
    downloadFailed: '下载更新失败：{{message}}。请检查网络后重试。',
    installFailed: '安装更新失败：{{message}}。请退出 Kadesk 后重新打开，或联系管理员。',
    retry: '重试',
  },
  notifications: {
    prompt: '开启桌面通知：新分配给你的会话、@提及和 SLA 预警会及时提醒你。',
    enable: '开启通知',
    denied: '浏览器已拒绝桌面通知。如需提醒，请在浏览器的网站设置中允许本站通知。',
  },
  shortcut: {
    taken: '全局快捷键 {{accelerator}} 已被其他程序占用，未能注册。可在 settings.json 的 focusShortcut 中换一个。',
    invalid: '全局快捷键 “{{accelerator}}” 无效，未能注册。请在 settings.json 的 focusShortcut 中改为如 CommandOrControl+Shift+K 的组合。',
  },
  dismiss: '关闭',
  commands: {
    checkUpdate: '检查更新',
    downloadUpdate: '下载更新',
    installUpdate: '重启并安装更新',
    enableNotifications: '开启桌面通知',
  },
};

export const desktopEn: typeof desktopZhCN = {
  notice: {
    assigned: 'New conversation assigned to you',
    assignedMany: '{{count}} conversations assigned to you',
    mention: '{{name}} mentioned you in a note',
    slaWarning: 'SLA about to be missed',
    slaBreached: 'SLA missed',
  },
  update: {
    disabled: 'This copy does not update itself (browser mode, a development build, or no update address configured).',
    checking: 'Checking for updates…',
    upToDate: 'Kadesk is up to date.',
    available: 'Kadesk {{version}} is available.',
    download: 'Download update',
    downloading: 'Downloading Kadesk {{version}}: {{percent}}% ({{done}} / {{total}} MB)',
    ready: 'Kadesk {{version}} is downloaded. Restart to finish updating; otherwise it installs when you quit.',
    install: 'Restart and update',
    checkFailed: 'Could not check for updates: {{message}}. Check the network or the update address and try again later.',
    downloadFailed: 'Could not download the update: {{message}}. Check the network and try again.',
    installFailed: 'Could not install the update: {{message}}. Quit and reopen Kadesk, or ask your administrator.',
    retry: 'Try again',
  },
  notifications: {
    prompt: 'Turn on desktop notifications to hear about new assignments, @mentions and SLA warnings.',
    enable: 'Turn on',
    denied: 'The browser blocked desktop notifications. To get them, allow notifications for this site in the browser settings.',
  },
  shortcut: {
    taken: 'The global shortcut {{accelerator}} is used by another program and was not registered. Choose another as focusShortcut in settings.json.',
    invalid: 'The global shortcut "{{accelerator}}" is not valid and was not registered. Set focusShortcut in settings.json to a combination such as CommandOrControl+Shift+K.',
  },
  dismiss: 'Dismiss',
  commands: {
    checkUpdate: 'Check for updates',
    downloadUpdate: 'Download update',
    installUpdate: 'Restart and install update',
    enableNotifications: 'Turn on desktop notifications',
  },
};
