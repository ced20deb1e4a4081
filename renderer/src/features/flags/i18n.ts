// Flags the inbound pipeline sets on a conversation. `flagsEn` must have exactly these keys.
export const flagsZhCN = {
  groupMention: '群@',
  groupMentionTitle: '客户在群里 @ 了客服：10 分钟内跟进',
};

export const flagsEn: typeof flagsZhCN = {
  groupMention: 'Group @',
  groupMentionTitle: 'The customer @mentioned support in a group: follow up within 10 minutes',
};
