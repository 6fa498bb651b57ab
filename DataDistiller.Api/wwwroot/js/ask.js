// The question box: POST /api/v2/query streamed as server-sent events (delta events, then one answer event), read with
// fetch + ReadableStream because EventSource cannot POST; citations open a panel with the document, page and snippet.
import { request, send } from './api.js';
import { currentCollection } from './collections.js';
import { $, h, announce, guarded, plural } from './dom.js';

let inFlight = null;
let citations = [];
let answerId = null;

export function initAsk() {
  $('#ask-form').addEventListener('submit', event => {
    event.preventDefault();
    guarded(() => ask($('#question-input').value.trim()));
  });
  $('#question-input').addEventListener('keydown', event => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      $('#ask-form').requestSubmit();
    }
  });
  $('#citation-close').addEventListener('click', closeCitation);
  for (const button of document.querySelectorAll('.feedback button')) {
    button.addEventListener('click', () => guarded(() => rate(button)));
  }
}

async function ask(question) {
  if (!question) {
    return;
  }
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  const answer = $('#answer');
  const text = $('#answer-text');
  answer.hidden = false;
  answer.setAttribute('aria-busy', 'true');
  text.replaceChildren();
  $('#answer-meta').textContent = '';
  $('#citation-list').replaceChildren();
  closeCitation();
  resetFeedback();
  $('#ask-button').disabled = true;
  try {
    const response = await request('/api/v2/query', {
      method: 'POST', json: { question, collection: currentCollection(), stream: true }, accept: 'text/event-stream', signal: controller.signal,
    });
    for await (const event of serverSentEvents(response.body)) {
      if (event.type === 'delta') {
        text.append(JSON.parse(event.data).text);
      } else if (event.type === 'answer') {
        showAnswer(JSON.parse(event.data));
      }
    }
  } finally {
    answer.setAttribute('aria-busy', 'false');
    $('#ask-button').disabled = false;
    if (inFlight === controller) {
      inFlight = null;
    }
  }
}

/** Parses an SSE byte stream into {type, data} events (the format of the WHATWG spec: blank line ends an event). */
async function* serverSentEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      break;
    }
    buffer = (buffer + value).replace(/\r\n?/g, '\n');
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) {
          type = line.slice(6).trim();
        } else if (line.startsWith('data:')) {
          data.push(line.slice(5).replace(/^ /, ''));
        }
      }
      if (data.length > 0) {
        yield { type, data: data.join('\n') };
      }
    }
  }
}

function showAnswer(answer) {
  answerId = answer.answerId;
  citations = answer.citations;
  // The streamed text is replaced by the final one, with each [n] marker turned into a button that opens its source.
  const parts = answer.answer.split(/(\[\d+\])/);
  $('#answer-text').replaceChildren(...parts.map(part => {
    const marker = /^\[(\d+)\]$/.exec(part);
    const citation = marker && citations.find(c => c.n === Number(marker[1]));
    return citation ? citeButton(citation, `[${citation.n}]`, 'cite') : part;
  }));
  $('#citation-list').replaceChildren(...citations.map(citation => h('li', {},
    citeButton(citation, `${citation.fileName}, page ${citation.page}`, 'source'))));
  if (citations.length === 0) {
    $('#citation-list').append(h('li', { class: 'muted' }, 'No source supports an answer.'));
  }
  const degraded = answer.degraded ? ` Partial: ${answer.degraded}.` : '';
  $('#answer-meta').textContent = `Answered by ${answer.provider} with ${answer.strategy}.${degraded}`;
  announce(`Answer ready with ${plural(citations.length, 'source')}.`);
}

function citeButton(citation, label, kind) {
  return h('button', {
    type: 'button',
    class: kind,
    dataset: { n: String(citation.n) },
    'aria-label': `Source ${citation.n}: ${citation.fileName}, page ${citation.page}`,
    onclick: () => openCitation(citation),
  }, label);
}

function openCitation(citation) {
  $('#citation-title').textContent = `Source [${citation.n}]`;
  $('#citation-document').textContent = citation.fileName;
  $('#citation-page').textContent = String(citation.page);
  $('#citation-snippet').replaceChildren(h('mark', {}, citation.snippet));
  for (const button of document.querySelectorAll('#answer button[data-n]')) {
    button.classList.toggle('active', button.dataset.n === String(citation.n));
    button.setAttribute('aria-pressed', String(button.dataset.n === String(citation.n)));
  }
  const panel = $('#citation-panel');
  panel.hidden = false;
  panel.focus();
}

function closeCitation() {
  $('#citation-panel').hidden = true;
  for (const button of document.querySelectorAll('#answer button[data-n]')) {
    button.classList.remove('active');
    button.removeAttribute('aria-pressed');
  }
}

function resetFeedback() {
  for (const button of document.querySelectorAll('.feedback button')) {
    button.setAttribute('aria-pressed', 'false');
  }
}

async function rate(button) {
  if (!answerId) {
    return;
  }
  await send('/api/v2/feedback', 'POST', { answerId, rating: button.dataset.rating });
  resetFeedback();
  button.setAttribute('aria-pressed', 'true');
  announce('Thanks: your rating was recorded.');
}
