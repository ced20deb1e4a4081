import { DEFAULT_REPEAT_POLICY, type RepeatPolicy } from '../repeat/detect';
import { DEFAULT_TEAM_ASSIGNMENT, type TeamAssignment } from '../routing/assign';
import { DEFAULT_ROUTING, type RoutingConfig } from '../routing/rules';
import { ALWAYS_OPEN, BusinessCalendar } from '../sla/calendar';
import { DEFAULT_ESCALATIONS, type EscalationRule } from '../sla/escalation';
import { DEFAULT_SLA, type SlaConfig } from '../sla/policy';

/** The workspace's ticket rules. The brief's defaults until admins can edit them. */
export interface Policies {
  routing: RoutingConfig;
  assignment: TeamAssignment;
  sla: SlaConfig;
  escalations: readonly EscalationRule[];
  repeat: RepeatPolicy;
  /** Peak mode (a promotion floods the queue) loosens the SLA targets that have a peak figure. */
  peak: boolean;
  /** Office hours and holidays for SLA targets on the business clock (email, default tickets, disputes). */
  calendar: BusinessCalendar;
}

/**
 * The workspace calendar from KADESK_BUSINESS_CALENDAR (JSON, e.g. Monday–Friday 09:00–18:00
 * in Asia/Shanghai with the public holidays); round the clock when unset.
 */
export function workspaceCalendar(json: string | undefined): BusinessCalendar {
  if (!json?.trim()) return ALWAYS_OPEN;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('KADESK_BUSINESS_CALENDAR is not valid JSON');
  }
  const parsed = BusinessCalendar.safeParse(value);
  if (!parsed.success) {
    throw new Error(`KADESK_BUSINESS_CALENDAR is not a calendar: ${parsed.error.issues.map((i) => `${i.path.join('.') || '/'} ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export const DEFAULT_POLICIES: Policies = {
  routing: DEFAULT_ROUTING,
  assignment: DEFAULT_TEAM_ASSIGNMENT,
  sla: DEFAULT_SLA,
  escalations: DEFAULT_ESCALATIONS,
  repeat: DEFAULT_REPEAT_POLICY,
  peak: false,
  // Read once at start, like the rest of the server's settings; every SLA clock uses it.
  calendar: workspaceCalendar(process.env.KADESK_BUSINESS_CALENDAR),
};
