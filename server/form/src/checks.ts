import { z } from 'zod';
import { FORM_LIMITS, TicketFormFields } from '../../../protocol/forms';

/** The first problem with each field, keyed by field name ("screenshots" for the files). */
export type FieldErrors = Partial<Record<string, string>>;

export interface ChosenFile {
  name: string;
  size: number;
  type: string;
}

const MiB = 1024 * 1024;
const ACCEPTED: readonly string[] = FORM_LIMITS.fileTypes;

/** Problems with the chosen files, found before uploading; the server checks again by content. */
export function fileError(files: readonly ChosenFile[]): string | null {
  if (files.length > FORM_LIMITS.maxFiles) return `最多上传 ${FORM_LIMITS.maxFiles} 个文件`;
  const wrongType = files.find((f) => !ACCEPTED.includes(f.type));
  if (wrongType) return `“${wrongType.name}” 不是图片或 PDF`;
  const tooBig = files.find((f) => f.size > FORM_LIMITS.maxFileBytes);
  if (tooBig) return `“${tooBig.name}” 超过 ${FORM_LIMITS.maxFileBytes / MiB} MB`;
  return null;
}

/** The fields' problems, by the same rules the server applies. */
export function fieldErrors(values: Record<string, string>): FieldErrors {
  const parsed = TicketFormFields.safeParse(values);
  if (parsed.success) return {};
  return Object.fromEntries(Object.entries(z.flattenError(parsed.error).fieldErrors).map(([k, msgs]) => [k, msgs?.[0]]));
}

const ServerError = z.object({
  error: z.object({ message: z.string(), details: z.record(z.string(), z.array(z.string())).optional() }),
});

/** What to tell the customer when the server refused the form: its own words when it sent them. */
export function serverError(status: number, body: unknown): { message: string; fields: FieldErrors } {
  const parsed = ServerError.safeParse(body);
  if (!parsed.success) return { message: `提交失败（${status || '网络错误'}），请稍后重试`, fields: {} };
  const details = parsed.data.error.details ?? {};
  return { message: parsed.data.error.message, fields: Object.fromEntries(Object.entries(details).map(([k, msgs]) => [k, msgs[0]])) };
}

export const formatPercent = (loaded: number, total: number): number => (total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0);
