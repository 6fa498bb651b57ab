// The document list of the selected collection: state, progress, error, and Retry (failed) and Delete buttons.
import { getJson, send } from './api.js';
import { currentCollection } from './collections.js';
import { $, h, announce, guarded, plural, statusBadge, describeProgress } from './dom.js';
import { isTerminal, unwatch, watch } from './progress-feed.js';

const PAGE_SIZE = 25;
let page = 1;
let total = 0;
let onChanged = () => {};
let listWatches = []; // [documentId, callback] of the rows on screen, dropped when the list is drawn again

/** Called after a retry or a delete changed the collection, e.g. to refresh the collection counts. */
export function onDocumentsChanged(handler) {
  onChanged = handler;
}

export function initDocuments() {
  $('#status-filter').addEventListener('change', () => { page = 1; guarded(loadDocuments); });
  $('#refresh-documents').addEventListener('click', () => guarded(loadDocuments));
  $('#documents-prev').addEventListener('click', () => { page -= 1; guarded(loadDocuments); });
  $('#documents-next').addEventListener('click', () => { page += 1; guarded(loadDocuments); });
}

export function resetPaging() {
  page = 1;
}

export async function loadDocuments() {
  const query = new URLSearchParams({ collection: currentCollection(), page, pageSize: PAGE_SIZE });
  const status = $('#status-filter').value;
  if (status) {
    query.set('status', status);
  }
  const list = await getJson(`/api/v2/documents?${query}`);
  for (const [documentId, callback] of listWatches) {
    unwatch(documentId, callback);
  }
  listWatches = [];
  total = list.total;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  $('#documents-table tbody').replaceChildren(...list.items.map(row));
  $('#documents-empty').hidden = list.items.length > 0;
  $('#documents-page').textContent = `Page ${page} of ${pages} (${plural(total, 'document')})`;
  $('#documents-prev').disabled = page <= 1;
  $('#documents-next').disabled = page >= pages;
}

function row(document) {
  const bar = h('progress', { max: 100, value: document.progress, 'aria-label': `Progress of ${document.fileName}` });
  const state = h('td', {});
  const error = h('td', { class: 'error' }, document.error ?? '');
  const actions = h('td', { class: 'actions' });
  const tr = h('tr', { dataset: { documentId: document.documentId, status: document.status } },
    h('td', {}, document.fileName), state, h('td', {}, bar), error, actions);
  const update = progress => {
    tr.dataset.status = progress.status;
    bar.value = progress.progress ?? 0;
    renderState(state, progress);
    error.textContent = progress.error ?? '';
    renderActions(actions, document, progress.status);
  };
  renderState(state, document);
  renderActions(actions, document, document.status);
  if (!isTerminal(document.status)) {
    watch(document.documentId, update);
    listWatches.push([document.documentId, update]);
  }
  tr.update = update;
  return tr;
}

function renderState(cell, progress) {
  const detail = describeProgress(progress);
  cell.replaceChildren(statusBadge(progress.status), detail === progress.status ? '' : h('div', { class: 'muted' }, detail));
}

function renderActions(cell, document, status) {
  const retry = status === 'failed'
    ? h('button', { type: 'button', 'aria-label': `Retry ${document.fileName}`, onclick: () => retryDocument(document, cell) }, 'Retry')
    : null;
  const remove = h('button', { type: 'button', class: 'danger', 'aria-label': `Delete ${document.fileName}`, onclick: () => deleteDocument(document) }, 'Delete');
  cell.replaceChildren(...[retry, remove].filter(Boolean));
}

async function retryDocument(document, cell) {
  await guarded(async () => {
    const accepted = await send(`/api/v2/documents/${document.documentId}/retry`);
    announce(`${document.fileName}: ${accepted.replayed} dead letter(s) replayed; the document resumes.`);
    const tr = cell.closest('tr');
    tr.update({ status: 'accepted', progress: document.progress, chunksDone: document.chunksDone, chunksTotal: document.chunksTotal, error: null });
    watch(document.documentId, progress => {
      tr.update(progress);
      if (isTerminal(progress.status)) {
        onChanged();
      }
    });
  });
}

async function deleteDocument(document) {
  if (!window.confirm(`Delete ${document.fileName}? Its chunks, vectors and file are removed for good.`)) {
    return;
  }
  await guarded(async () => {
    await send(`/api/v2/documents/${document.documentId}`, 'DELETE');
    announce(`${document.fileName} deleted.`);
    await loadDocuments();
    onChanged();
  });
}
