import type { Category, Priority } from '../../../protocol/entities';
import { normalise } from './features';

export interface PriorityHint {
  priority: Priority;
  /** Why, for the agent and the audit trail: `category:…` or the matched phrase. */
  reasons: string[];
}

// Account takeover and money leaving the account have a 5-minute golden time, so they jump the
// queue whatever the classifier said; a customer threatening escalation comes next.
const URGENT_CATEGORIES: ReadonlySet<Category> = new Set(['funds_security', 'account_anomaly']);
const SECURITY_PHRASES = /被盗|盗号|盗刷|异地登录|余额被|被转走|被骗|诈骗|异常转出|冻结(账户|资金)/g;
// 不急 means the opposite; 急 anywhere else (着急, 急用, 急急急) is haste.
const ESCALATION_PHRASES = /投诉|12315|消协|曝光|报警|起诉|律师|(?<!不)急|马上|立刻|尽快|赶紧|[!！]{3,}/g;
const ROUTINE_CATEGORIES: ReadonlySet<Category> = new Set(['how_to', 'membership']);

const matches = (re: RegExp, s: string) => [...new Set([...s.matchAll(re)].map((m) => m[0]))];

/** Urgency from the category and the wording; the lead maps it onto the SLA clock. */
export function priorityHint(text: string, category: Category | null): PriorityHint {
  const s = normalise(text);
  const security = matches(SECURITY_PHRASES, s);
  if ((category && URGENT_CATEGORIES.has(category)) || security.length > 0) {
    return { priority: 'urgent', reasons: [...(category && URGENT_CATEGORIES.has(category) ? [`category:${category}`] : []), ...security] };
  }
  const escalation = matches(ESCALATION_PHRASES, s);
  if (escalation.length > 0) return { priority: 'high', reasons: escalation };
  if (category && ROUTINE_CATEGORIES.has(category)) return { priority: 'low', reasons: [`category:${category}`] };
  return { priority: 'normal', reasons: [] };
}
