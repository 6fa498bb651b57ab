// The API client: every call carries the bearer token; failures become ApiError with the ProblemDetails title and detail.
import { getToken } from './auth.js';

let unauthorized = () => {};

/** Called on any 401, so the app can send the user back to sign-in. */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = detail;
  }
}

function authHeaders(headers = {}) {
  const token = getToken();
  return token ? { ...headers, Authorization: `Bearer ${token}` } : headers;
}

// ProblemDetails (RFC 7807) or a validation problem; a 401 from the bearer handler has no body at all.
function problemOf(status, statusText, text) {
  let title = statusText || `HTTP ${status}`;
  let detail = '';
  try {
    const problem = JSON.parse(text);
    title = problem.title ?? title;
    detail = problem.detail ?? (problem.errors ? Object.values(problem.errors).flat().join(' ') : '');
  } catch {
    // not JSON: keep the status line
  }
  if (status === 401) {
    unauthorized();
  }
  return new ApiError(status, title, detail);
}

export async function request(path, { method = 'GET', json, accept = 'application/json', signal } = {}) {
  const init = { method, headers: authHeaders({ Accept: accept }), signal };
  if (json !== undefined) {
    init.body = JSON.stringify(json);
    init.headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(0, 'The server cannot be reached', 'Check that DataDistiller is running.');
  }
  if (!response.ok) {
    throw problemOf(response.status, response.statusText, await response.text());
  }
  return response;
}

export async function getJson(path) {
  return (await request(path)).json();
}

/** POST/DELETE/PUT; the JSON answer, or null for 204 and bodies that are not JSON. */
export async function send(path, method = 'POST', json = undefined) {
  const response = await request(path, { method, json });
  const type = response.headers.get('Content-Type') ?? '';
  return response.status !== 204 && type.includes('json') ? response.json() : null;
}

/**
 * Uploads one file with XMLHttpRequest, the one browser API that reports upload progress; resolves with the accepted
 * document ({documentId, fileName, status, statusUrl, duplicate}).
 */
export function uploadFile(file, collection, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v2/documents');
    for (const [name, value] of Object.entries(authHeaders({ Accept: 'application/json' }))) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.addEventListener('progress', event => {
      if (event.lengthComputable) {
        onProgress(Math.round((100 * event.loaded) / event.total));
      }
    });
    xhr.addEventListener('load', () => {
      if (xhr.status === 202) {
        resolve(JSON.parse(xhr.responseText).documents[0]);
      } else {
        reject(problemOf(xhr.status, xhr.statusText, xhr.responseText));
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'Upload failed', `${file.name} could not be sent.`)));
    const form = new FormData();
    form.append('files', file, file.name);
    form.append('collection', collection);
    xhr.send(form);
  });
}
