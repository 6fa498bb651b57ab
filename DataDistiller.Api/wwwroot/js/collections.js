// The collection picker: the caller's collections from GET /api/v2/collections plus any new name the user types.
import { getJson } from './api.js';
import { $, h, announce, plural } from './dom.js';

const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const KEY = 'datadistiller.collection';
let current = sessionStorage.getItem(KEY) ?? 'default';
const listeners = [];

export const currentCollection = () => current;

export function onCollectionChange(listener) {
  listeners.push(listener);
}

function select(name) {
  current = name;
  sessionStorage.setItem(KEY, name);
  for (const label of document.querySelectorAll('.current-collection')) {
    label.textContent = name;
  }
  for (const listener of listeners) {
    listener(name);
  }
}

/** Reloads the list; keeps the current choice even when it holds no document yet (it is created on first upload). */
export async function loadCollections() {
  const collections = await getJson('/api/v2/collections');
  const names = new Set(collections.map(c => c.name));
  names.add(current);
  const picker = $('#collection-select');
  picker.replaceChildren(...[...names].sort().map(name => {
    const found = collections.find(c => c.name === name);
    const label = found ? `${name} (${plural(found.documents, 'document')}${found.failed ? `, ${found.failed} failed` : ''})` : `${name} (new)`;
    return h('option', { value: name, selected: name === current }, label);
  }));
  for (const label of document.querySelectorAll('.current-collection')) {
    label.textContent = current;
  }
}

export function initCollections() {
  $('#collection-select').addEventListener('change', event => select(event.target.value));
  $('#new-collection-form').addEventListener('submit', async event => {
    event.preventDefault();
    const input = $('#new-collection-name');
    const name = input.value.trim();
    if (!NAME.test(name)) {
      input.setCustomValidity("Use 1 to 64 lowercase letters, digits, '-' or '_'.");
      input.reportValidity();
      return;
    }
    input.setCustomValidity('');
    input.value = '';
    select(name);
    await loadCollections();
    announce(`Collection ${name} selected; it is created by the first upload.`);
  });
}
