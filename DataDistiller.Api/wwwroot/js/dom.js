// Small DOM helpers shared by the screens: element building, the error banner and screen-reader announcements.
import { ApiError } from './api.js';

/** h('button', {type: 'button', onclick}, 'text', child…); attributes starting with "on" become listeners. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name in element && typeof value !== 'string') {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  element.append(...children.flat().filter(child => child !== null && child !== undefined && child !== false));
  return element;
}

export const $ = selector => document.querySelector(selector);

export function showError(error) {
  // An aborted request was replaced on purpose; a 401 already sent the user back to sign-in with its own message.
  if (error?.name === 'AbortError' || error?.status === 401) {
    return;
  }
  const apiError = error instanceof ApiError ? error : new ApiError(0, 'Something went wrong', String(error?.message ?? error));
  $('#error-title').textContent = apiError.title;
  $('#error-detail').textContent = apiError.detail;
  $('#error-banner').hidden = false;
}

export function clearError() {
  $('#error-banner').hidden = true;
}

/** Runs an async action and shows its failure in the banner instead of losing it in the console. */
export async function guarded(action) {
  try {
    clearError();
    return await action();
  } catch (error) {
    showError(error);
    return undefined;
  }
}

export function announce(message) {
  const announcer = $('#announcer');
  announcer.textContent = '';
  // A new text node in the next frame, so screen readers announce the same message twice in a row too.
  requestAnimationFrame(() => { announcer.textContent = message; });
}

export function formatTime(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

export function statusBadge(status) {
  return h('span', { class: `status status-${status}` }, status);
}

/** "embedding 3/10 chunks" or just the status. */
export function describeProgress({ status, chunksDone, chunksTotal }) {
  return chunksTotal && status !== 'indexed' ? `${status} ${chunksDone}/${chunksTotal} chunks` : status;
}

/** "1 document", "2 documents". */
export function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
