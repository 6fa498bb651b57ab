// Drag-and-drop (or file picker) upload of many files, one POST per file, then a live progress bar per document.
import { uploadFile } from './api.js';
import { currentCollection } from './collections.js';
import { $, h, announce, describeProgress } from './dom.js';
import { isTerminal, watch } from './progress-feed.js';

// A few uploads at a time: the browser and the server both queue the rest anyway, and the bars stay readable.
const PARALLEL_UPLOADS = 3;
let onEnded = () => {};

/** Called when a document uploaded here ends (indexed, failed or deleted), e.g. to refresh the list. */
export function onUploadEnded(handler) {
  onEnded = handler;
}

export function initUpload() {
  const zone = $('#drop-zone');
  const input = $('#file-input');
  zone.addEventListener('dragover', event => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', event => {
    event.preventDefault();
    zone.classList.remove('dragging');
    uploadAll([...event.dataTransfer.files]);
  });
  input.addEventListener('change', () => {
    uploadAll([...input.files]);
    input.value = '';
  });
  // Dropping a file anywhere else would make the browser navigate away to it.
  window.addEventListener('dragover', event => event.preventDefault());
  window.addEventListener('drop', event => event.preventDefault());
}

async function uploadAll(files) {
  if (files.length === 0) {
    return;
  }
  const collection = currentCollection();
  announce(`Uploading ${files.length} file${files.length === 1 ? '' : 's'} into ${collection}.`);
  const queue = files.map(file => ({ file, row: addRow(file) }));
  const workers = Array.from({ length: Math.min(PARALLEL_UPLOADS, queue.length) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      await uploadOne(next.file, next.row, collection);
    }
  });
  await Promise.all(workers);
}

function addRow(file) {
  const bar = h('progress', { max: 100, value: 0, 'aria-label': `Progress of ${file.name}` });
  const state = h('span', { class: 'state' }, 'waiting to upload');
  const row = h('li', { class: 'upload-item', dataset: { status: 'waiting', fileName: file.name } },
    h('div', { class: 'name' }, file.name), bar, state);
  $('#upload-list').prepend(row);
  return { row, bar, state };
}

async function uploadOne(file, view, collection) {
  view.row.dataset.status = 'uploading';
  try {
    const accepted = await uploadFile(file, collection, percent => {
      view.state.textContent = `uploading ${percent}%`;
    });
    view.row.dataset.documentId = accepted.documentId;
    const update = progress => render(view, file.name, progress);
    update({ status: accepted.status, progress: 0, chunksDone: 0, chunksTotal: null, error: null });
    if (accepted.duplicate) {
      view.state.textContent += ' (already in the collection: same bytes)';
    }
    if (!isTerminal(accepted.status)) {
      watch(accepted.documentId, update);
    }
  } catch (error) {
    view.row.dataset.status = 'rejected';
    view.state.textContent = `rejected: ${error.detail || error.title}`;
    announce(`${file.name} was rejected: ${error.detail || error.title}`);
  }
}

function render(view, fileName, update) {
  view.row.dataset.status = update.status;
  view.bar.value = update.progress ?? 0;
  view.bar.setAttribute('aria-valuetext', `${update.progress ?? 0}% ${update.status}`);
  view.state.textContent = update.error ? `${update.status}: ${update.error}` : describeProgress(update);
  if (isTerminal(update.status)) {
    announce(`${fileName} ${update.status}${update.error ? `: ${update.error}` : ''}.`);
    onEnded(update);
  }
}
