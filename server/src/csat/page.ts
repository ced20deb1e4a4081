import { createHash } from 'node:crypto';
import { CSAT_COMMENT_MAX, CSAT_MAX_SCORE, CSAT_MIN_SCORE } from '../../../protocol/csat';
import { scoreLabel } from './service';

// The public survey page: server-rendered, no script, readable on a phone. Everything
// interpolated is escaped; the page's only style block is allowed by its hash.

const STYLE = `
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f4f5f7;color:#1f2329}
main{max-width:28rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.3rem;margin:0 0 .5rem}
p{line-height:1.6}
.card{background:#fff;border-radius:12px;padding:1.25rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}
fieldset{border:0;padding:0;margin:1rem 0}
legend{font-weight:600;margin-bottom:.5rem}
.scores{display:flex;flex-direction:column;gap:.5rem}
.scores label{display:flex;align-items:center;gap:.75rem;padding:.75rem;border:1px solid #d0d3d9;border-radius:8px;font-size:1rem;cursor:pointer}
.scores input{width:1.25rem;height:1.25rem}
textarea{width:100%;box-sizing:border-box;min-height:6rem;padding:.6rem;font:inherit;border:1px solid #d0d3d9;border-radius:8px}
button{width:100%;margin-top:1rem;padding:.85rem;font-size:1.05rem;border:0;border-radius:8px;background:#1664ff;color:#fff}
.error{color:#c62828;font-weight:600}
.muted{color:#646a73;font-size:.9rem}`;

export const SURVEY_PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head>
<body><main><div class="card">${body}</div></main></body></html>`;
}

export type SurveyPage =
  | { kind: 'form'; action: string; error?: string; score?: number; comment?: string }
  | { kind: 'thanks'; score: number }
  | { kind: 'already_answered' }
  | { kind: 'not_found' };

export function renderSurveyPage(p: SurveyPage): string {
  switch (p.kind) {
    case 'form': {
      const options = [];
      for (let s = CSAT_MAX_SCORE; s >= CSAT_MIN_SCORE; s--) {
        const checked = p.score === s ? ' checked' : '';
        options.push(
          `<label><input type="radio" name="score" value="${s}" required${checked}> <span>${'★'.repeat(s)} ${s} 分 · ${scoreLabel(s)}</span></label>`,
        );
      }
      return page(
        '服务满意度调查',
        `<h1>服务满意度调查</h1>
<p>您的问题已处理完毕，请为本次服务打分。</p>
${p.error ? `<p class="error" role="alert">${escapeHtml(p.error)}</p>` : ''}
<form method="post" action="${escapeHtml(p.action)}">
<fieldset><legend>您对本次服务满意吗？</legend><div class="scores">${options.join('')}</div></fieldset>
<label for="comment">意见或建议（选填，最多 ${CSAT_COMMENT_MAX} 字）</label>
<textarea id="comment" name="comment" maxlength="${CSAT_COMMENT_MAX}">${escapeHtml(p.comment ?? '')}</textarea>
<button type="submit">提交评价</button>
</form>
<p class="muted">每份问卷只能提交一次。</p>`,
      );
    }
    case 'thanks':
      return page(
        '感谢您的评价',
        `<h1>感谢您的评价！</h1><p>您给出了 ${p.score} 分（${scoreLabel(p.score)}）。我们会认真对待每一条反馈。</p><p class="muted">现在可以关闭此页面。</p>`,
      );
    case 'already_answered':
      return page('问卷已提交', '<h1>这份问卷已经提交过了</h1><p>每份问卷只能提交一次，您之前的评价已经收到，感谢支持！</p><p class="muted">如有新的问题，请通过原渠道联系客服。</p>');
    case 'not_found':
      return page('问卷不存在', '<h1>找不到这份问卷</h1><p>链接可能不完整或已失效。请检查链接是否完整复制，或通过原渠道联系客服。</p>');
  }
}
