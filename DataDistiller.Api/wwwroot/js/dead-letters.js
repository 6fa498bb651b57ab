// Admin: dead letters (GET /api/v2/admin/dlq): inspect, replay one, replay all, discard.
import { getJson, send } from './api.js';
import { $, h, announce, guarded, formatTime } from './dom.js';

export function initDeadLetters() {
  $('#dlq-refresh').addEventListener('click', () => guarded(loadDeadLetters));
  $('#dlq-replay-all').addEventListener('click', () => guarded(async () => {
    const result = await send('/api/v2/admin/dlq/replay');
    announce(`${result.replayed} dead letter(s) replayed.`);
    await loadDeadLetters();
  }));
}

export async function loadDeadLetters() {
  const list = await getJson('/api/v2/admin/dlq?page=1&pageSize=100');
  $('#dlq-table tbody').replaceChildren(...list.items.map(row));
  $('#dlq-empty').hidden = list.items.length > 0;
  $('#dlq-replay-all').disabled = list.items.length === 0;
}

function row(letter) {
  const name = `dead letter of ${letter.documentId ?? letter.key}`;
  return h('tr', { dataset: { letterId: letter.id } },
    h('td', {}, letter.topic),
    h('td', {}, letter.documentId ?? h('span', { class: 'muted' }, 'none')),
    h('td', { class: 'error' }, h('strong', {}, letter.errorType), ': ', letter.reason),
    h('td', { class: 'num' }, String(letter.attempts)),
    h('td', {}, formatTime(letter.lastFailedAt)),
    h('td', { class: 'actions' },
      h('button', { type: 'button', 'aria-label': `Inspect ${name}`, onclick: () => guarded(() => inspect(letter.id)) }, 'Inspect'),
      h('button', { type: 'button', 'aria-label': `Replay ${name}`, onclick: () => guarded(() => replay(letter)) }, 'Replay'),
      h('button', { type: 'button', class: 'danger', 'aria-label': `Discard ${name}`, onclick: () => guarded(() => discard(letter)) }, 'Discard')));
}

async function inspect(id) {
  const letter = await getJson(`/api/v2/admin/dlq/${id}`);
  const fields = [
    ['Id', letter.id], ['Topic', letter.topic], ['Key', letter.key], ['Document', letter.documentId ?? 'none'],
    ['Error', letter.errorType], ['Reason', letter.reason], ['Attempts', String(letter.attempts)],
    ['First failed', formatTime(letter.firstFailedAt)], ['Last failed', formatTime(letter.lastFailedAt)],
  ];
  $('#dlq-detail-fields').replaceChildren(...fields.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
  let payload = letter.payload;
  try {
    payload = JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    // not JSON (a poison message): shown as it came
  }
  $('#dlq-payload').textContent = payload;
  const detail = $('#dlq-detail');
  detail.hidden = false;
  detail.focus();
}

async function replay(letter) {
  await send(`/api/v2/admin/dlq/${letter.id}/replay`);
  announce(`Dead letter replayed onto ${letter.topic}; its document resumes.`);
  $('#dlq-detail').hidden = true;
  await loadDeadLetters();
}

async function discard(letter) {
  if (!window.confirm('Discard this dead letter for good? Its document stays failed.')) {
    return;
  }
  await send(`/api/v2/admin/dlq/${letter.id}`, 'DELETE');
  announce('Dead letter discarded.');
  $('#dlq-detail').hidden = true;
  await loadDeadLetters();
}
