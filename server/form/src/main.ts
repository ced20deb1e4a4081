import './style.css';
import { CATEGORY_NAMES_ZH } from '../../../protocol/entities';
import { FORM_FILE_FIELD, TicketFormResponse } from '../../../protocol/forms';
import { newId } from '../../../protocol/ids';
import { type FieldErrors, fieldErrors, fileError, formatPercent, serverError } from './checks';

const ENDPOINT = '/api/forms/tickets';
const TEXT_FIELDS = ['contact', 'name', 'orderId', 'category', 'description', 'steps'] as const;

const form = document.querySelector<HTMLFormElement>('[data-testid="form"]')!;
const fileInput = document.querySelector<HTMLInputElement>('[data-testid="form-files"]')!;
const categorySelect = document.querySelector<HTMLSelectElement>('[data-testid="form-category"]')!;
const progress = document.querySelector<HTMLProgressElement>('[data-testid="form-progress"]')!;
const statusEl = document.querySelector<HTMLElement>('[data-testid="form-status"]')!;
const submitButton = document.querySelector<HTMLButtonElement>('[data-testid="form-submit"]')!;

// One id per filled-in form: resending after a network error files the ticket once.
let submissionId = newId();

for (const [value, label] of Object.entries(CATEGORY_NAMES_ZH)) categorySelect.add(new Option(label, value));

function setStatus(kind: 'info' | 'error' | 'done', text: string): void {
  statusEl.dataset.kind = kind;
  statusEl.textContent = text;
}

function showFieldErrors(errors: FieldErrors): void {
  for (const el of form.querySelectorAll<HTMLElement>('[data-error-for]')) {
    const name = el.dataset.errorFor!;
    el.textContent = errors[name] ?? '';
    const input = form.elements.namedItem(name);
    if (input instanceof HTMLElement) input.setAttribute('aria-invalid', String(Boolean(errors[name])));
  }
}

function values(): Record<string, string> {
  const data = new FormData(form);
  return Object.fromEntries([['submissionId', submissionId], ...TEXT_FIELDS.map((k) => [k, String(data.get(k) ?? '')])]);
}

/** Uploads with XMLHttpRequest: unlike fetch, it reports upload progress. */
function upload(body: FormData): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', ENDPOINT);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (ev) => {
      progress.value = formatPercent(ev.loaded, ev.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, json: xhr.response as unknown });
    xhr.onerror = () => resolve({ status: 0, json: null });
    xhr.ontimeout = xhr.onerror;
    xhr.timeout = 120_000;
    xhr.send(body);
  });
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  void submit();
});

async function submit(): Promise<void> {
  const fields = values();
  const files = [...(fileInput.files ?? [])];
  const errors: FieldErrors = { ...fieldErrors(fields) };
  const filesProblem = fileError(files);
  if (filesProblem) errors[FORM_FILE_FIELD] = filesProblem;
  showFieldErrors(errors);
  if (Object.keys(errors).length > 0) return setStatus('error', '请修改标红的内容后再提交。');

  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const f of files) body.append(FORM_FILE_FIELD, f, f.name);
  submitButton.disabled = true;
  progress.hidden = false;
  progress.value = 0;
  setStatus('info', files.length > 0 ? '正在上传…' : '正在提交…');
  try {
    const res = await upload(body);
    const ok = res.status === 200 ? TicketFormResponse.safeParse(res.json) : null;
    if (ok?.success) {
      form.reset();
      submissionId = newId();
      setStatus('done', `提交成功！您的工单号：#${ok.data.reference}\n请保存工单号，客服会尽快通过您留下的联系方式回复。`);
      return;
    }
    const problem = serverError(res.status, res.json);
    showFieldErrors(problem.fields);
    setStatus('error', problem.message);
  } finally {
    submitButton.disabled = false;
    progress.hidden = true;
  }
}
