/**
 * Cuts the quoted history mail clients append to a reply, so the agent reads what the
 * customer wrote this time. Only reply markers count: forwarded mail (often an order
 * confirmation the customer passes on) is kept whole.
 */

// A line that starts the quoted original: Outlook/Foxmail/QQ Mail separators, Gmail, Apple
// Mail, 163/Foxmail ("在 … 写道："), Gmail in Chinese ("… 于 … 写道：").
const SEPARATOR = [
  /^-{2,}\s*(原始邮件|原始郵件|Original Message)\s*-{2,}$/i,
  /^On\b.{1,300}\bwrote:$/i,
  /^在.{1,300}写道[:：]$/,
  /^.{1,300}于.{1,100}写道[:：]$/,
];
// Outlook's header block: "发件人: …" / "From: …" followed shortly by the date line.
const HEADER_FROM = /^(发件人|From)\s*[:：]/i;
const HEADER_DATE = /^(发送时间|日期|时间|Sent|Date)\s*[:：]/i;
const RULE = /^_{10,}$/;
// Whatever follows a forward marker is the forwarded mail itself, headers included.
const FORWARD = /^(-{2,}\s*(Forwarded message|转发邮件|转发的邮件)\s*-{2,}|Begin forwarded message:|转发的邮件[:：])$/i;

function isSeparator(lines: string[], i: number): boolean {
  const line = lines[i]!.trim();
  // Long names and dates make some clients wrap the "wrote:" line in two.
  const joined = `${line} ${lines[i + 1]?.trim() ?? ''}`.trim();
  if (SEPARATOR.some((re) => re.test(line) || re.test(joined))) return true;
  if (RULE.test(line) && HEADER_FROM.test(lines[i + 1]?.trim() ?? '')) return true;
  return HEADER_FROM.test(line) && lines.slice(i + 1, i + 4).some((l) => HEADER_DATE.test(l.trim()));
}

/** `text` without the quoted history; the whole text when nothing precedes the quote. */
export function trimQuoted(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    if (FORWARD.test(lines[i]!.trim())) break;
    if (isSeparator(lines, i)) {
      end = i;
      break;
    }
  }
  // Bottom-quoted replies: the trailing run of "> " lines.
  while (end > 0 && /^\s*(>.*)?$/.test(lines[end - 1]!)) end--;
  const kept = lines.slice(0, end).join('\n').trim();
  return kept || text.trim();
}
