/** What agents see in place of content a channel delivers as media or structured data. */
export const PLACEHOLDER = {
  image: '[图片]',
  voice: '[语音]',
  video: '[视频]',
  file: '[文件]',
  location: '[位置]',
  link: '[链接]',
  empty: '[空消息]',
  /** A QQ group message that @mentions the service account; its replies are public in the group. */
  groupMention: '[群@]',
} as const;
