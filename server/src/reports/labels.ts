import type { LiableParty } from '../../../protocol/compensation';
import { CATEGORY_NAMES_ZH, type Channel, type Priority } from '../../../protocol/entities';
import { SLA_POLICY_NAMES_ZH, UNCLASSIFIED } from '../../../protocol/reports';

// Names in the exported monthly report, which is written in Simplified Chinese for the
// team and management; the renderer has its own translations for the screen.

export const CHANNEL_ZH: Record<Channel, string> = {
  webchat: '在线客服',
  wecom: '企业微信',
  qq: 'QQ',
  email: '客服邮箱',
  phone: '客服电话',
  form: '工单',
};

export const PRIORITY_ZH: Record<Priority, string> = { low: '低', normal: '普通', high: '高', urgent: '紧急' };

export const LIABLE_ZH: Record<LiableParty, string> = { platform: '平台', supplier: '供货商', customer: '客户' };

export const policyName = (id: string): string => (SLA_POLICY_NAMES_ZH as Record<string, string>)[id] ?? id;

export const categoryName = (key: string): string =>
  key === UNCLASSIFIED ? '未分类' : (CATEGORY_NAMES_ZH[key as keyof typeof CATEGORY_NAMES_ZH] ?? key);
