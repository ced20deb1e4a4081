import './style.css';
import { newId } from '../../../protocol/ids';
import { WidgetServerFrame, WidgetSessionResponse, type WidgetClientFrame } from '../../../protocol/widget';
import { type PendingSend, WidgetConversation } from './conversation';

const TOKEN_KEY = 'kadesk.widget.token';
const PENDING_KEY = 'kadesk.widget.pending';
const MAX_BACKOFF_MS = 5000;

const log = document.querySelector<HTMLOListElement>('[data-testid="widget-log"]')!;
const form = document.querySelector<HTMLFormElement>('[data-testid="widget-form"]')!;
const input = document.querySelector<HTMLTextAreaElement>('[data-testid="widget-input"]')!;
const stateEl = document.querySelector<HTMLElement>('[data-testid="widget-state"]')!;

const savedPending = (): PendingSend[] => {
  try {
    return JSON.parse(localStorage.getItem(PENDING_KEY) ?? '[]') as PendingSend[];
  } catch {
    return [];
  }
};
const conversation = new WidgetConversation(savedPending());
let socket: WebSocket | null = null;
let backoff = 500;

function setState(state: 'connecting' | 'online' | 'offline'): void {
  stateEl.dataset.state = state;
  stateEl.textContent = { connecting: '连接中…', online: '客服在线', offline: '网络已断开，恢复后自动发送' }[state];
}

function bubble(kind: string, who: string, body: string, pending: boolean, id: string): HTMLLIElement {
  const li = document.createElement('li');
  li.className = `msg msg--${kind}`;
  li.dataset.testid = 'widget-message';
  li.dataset.kind = kind;
  li.dataset.id = id;
  li.dataset.pending = pending ? '1' : '0';
  const name = document.createElement('span');
  name.className = 'msg__who';
  name.textContent = who;
  // Text only: nothing a message says is ever parsed as markup.
  li.append(name, document.createTextNode(body));
  return li;
}

function render(): void {
  localStorage.setItem(PENDING_KEY, JSON.stringify(conversation.unacknowledged()));
  const items = conversation.ordered().map((m) => bubble(m.kind, m.kind === 'customer' ? '我' : m.authorName, m.body, false, m.id));
  for (const p of conversation.unacknowledged()) items.push(bubble('customer', '我', p.body, true, p.clientMessageId));
  log.replaceChildren(...items);
  log.scrollTop = log.scrollHeight;
}

function send(frame: WidgetClientFrame): void {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
}

async function session(): Promise<string> {
  const res = await fetch('/api/widget/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ visitorToken: localStorage.getItem(TOKEN_KEY) ?? undefined }),
  });
  if (!res.ok) throw new Error(`session ${res.status}`);
  const s = WidgetSessionResponse.parse(await res.json());
  localStorage.setItem(TOKEN_KEY, s.visitorToken);
  return s.visitorToken;
}

async function connect(): Promise<void> {
  setState('connecting');
  let token: string;
  try {
    token = await session();
  } catch {
    return retry();
  }
  const url = new URL('/api/widget/ws', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(url);
  socket = ws;
  ws.onopen = () => {
    backoff = 500;
    setState('online');
    send({ type: 'hello', visitorToken: token });
    // The server dedupes by client message id, so resending after a drop is safe.
    for (const p of conversation.unacknowledged()) send({ type: 'send', ...p });
  };
  ws.onmessage = (ev) => {
    const parsed = WidgetServerFrame.safeParse(JSON.parse(String(ev.data)));
    if (!parsed.success) return;
    const frame = parsed.data;
    if (frame.type === 'history') conversation.merge(frame.messages);
    else if (frame.type === 'message') conversation.merge([frame.message]);
    else if (frame.type === 'ack') conversation.acknowledge(frame.clientMessageId, frame.message);
    render();
  };
  ws.onclose = () => {
    if (socket === ws) socket = null;
    retry();
  };
}

function retry(): void {
  setState('offline');
  setTimeout(() => void connect(), backoff);
  backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const body = input.value.trim();
  if (!body) return;
  const pending = { clientMessageId: newId(), body };
  conversation.queue(pending);
  input.value = '';
  render();
  send({ type: 'send', ...pending });
});

input.addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
    ev.preventDefault();
    form.requestSubmit();
  }
});

render();
void connect();
