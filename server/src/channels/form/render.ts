import { CATEGORY_NAMES_ZH } from '../../../../protocol/entities';
import type { TicketFormFields } from '../../../../protocol/forms';

const SUBJECT_CHARS = 40;

/** The ticket subject: the category the customer chose, then the start of their description. */
export function formSubject(form: TicketFormFields): string {
  const firstLine = form.description.split('\n')[0]!.trim();
  const gist = [...firstLine].length > SUBJECT_CHARS ? `${[...firstLine].slice(0, SUBJECT_CHARS).join('')}…` : firstLine;
  return form.category ? `【${CATEGORY_NAMES_ZH[form.category]}】${gist}` : gist;
}

/** The submission as the agent reads it in the conversation: every field the customer filled in, labelled. */
export function formBody(form: TicketFormFields, contact: string): string {
  const lines = [`联系方式: ${contact}`];
  if (form.name) lines.push(`称呼: ${form.name}`);
  if (form.orderId) lines.push(`订单号: ${form.orderId}`);
  if (form.category) lines.push(`问题类型: ${CATEGORY_NAMES_ZH[form.category]}`);
  lines.push('', '问题描述:', form.description);
  if (form.steps) lines.push('', '操作步骤:', form.steps);
  return lines.join('\n');
}
