import { DEFAULT_REPEAT_POLICY, type RepeatPolicy } from '../repeat/detect';
import { DEFAULT_TEAM_ASSIGNMENT, type TeamAssignment } from '../routing/assign';
import { DEFAULT_ROUTING, type RoutingConfig } from '../routing/rules';
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
}

export const DEFAULT_POLICIES: Policies = {
  routing: DEFAULT_ROUTING,
  assignment: DEFAULT_TEAM_ASSIGNMENT,
  sla: DEFAULT_SLA,
  escalations: DEFAULT_ESCALATIONS,
  repeat: DEFAULT_REPEAT_POLICY,
  peak: false,
};
