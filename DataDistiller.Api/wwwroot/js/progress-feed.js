// Live document progress: the WebSocket /api/v2/ws when it opens, else polling each watched document every second.
import { getToken } from './auth.js';
import { ApiError, getJson } from './api.js';

const TERMINAL = new Set(['indexed', 'failed', 'deleted']);
const POLL_MS = 1000;
const RECONNECT_MIN_MS = 1000;
const RECONNECT_MAX_MS = 30000;
const watchers = new Map(); // documentId -> Set of callbacks
let socket = null;
let mode = 'idle'; // idle | connecting | socket | polling
let pollTimer = null;
let polling = false;
let pausedUntil = 0;
let reconnectDelay = RECONNECT_MIN_MS;

export const isTerminal = status => TERMINAL.has(status);

/** Calls onUpdate({documentId, status, progress, chunksDone, chunksTotal, error}) on every change until the document ends. */
export function watch(documentId, onUpdate) {
  if (!watchers.has(documentId)) {
    watchers.set(documentId, new Set());
  }
  watchers.get(documentId).add(onUpdate);
  if (mode === 'socket') {
    sendFrame({ type: 'subscribe', documents: [documentId] });
  } else if (mode === 'polling') {
    startPolling();
  } else if (mode === 'idle') {
    connect();
  }
}

/** Stops one watch, e.g. when its row leaves the page. */
export function unwatch(documentId, onUpdate) {
  const callbacks = watchers.get(documentId);
  callbacks?.delete(onUpdate);
  if (callbacks?.size === 0) {
    watchers.delete(documentId);
    sendFrame({ type: 'unsubscribe', documents: [documentId] });
  }
}

/** Stops every watch, e.g. on sign-out. */
export function stopAll() {
  watchers.clear();
  const closing = socket;
  socket = null;
  closing?.close();
  stopPolling();
  mode = 'idle';
}

// The OpenAPI document (always served, no token needed) says whether this server has the WebSocket route: trying a
// socket the server lacks would log a handshake error in the browser console on every page load.
async function serverHasWebSocket() {
  try {
    const response = await fetch('/openapi/v1.json', { headers: { Accept: 'application/json' } });
    return response.ok && Boolean((await response.json()).paths?.['/api/v2/ws']);
  } catch {
    return false;
  }
}

async function connect() {
  mode = 'connecting';
  if (!(await serverHasWebSocket())) {
    fallBackToPolling();
    return;
  }
  const url = new URL('/api/v2/ws', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = getToken();
  if (token) {
    // Browsers cannot set headers on a WebSocket, so the token travels as the query parameter the server accepts.
    url.searchParams.set('access_token', token);
  }
  let current;
  try {
    current = new WebSocket(url);
  } catch {
    fallBackToPolling();
    return;
  }
  socket = current;
  // Each handler checks it still belongs to the live socket: after a sign-out and a new sign-in, the old socket's late
  // close must not tear down the new one.
  current.addEventListener('open', () => {
    if (socket !== current) {
      return;
    }
    mode = 'socket';
    reconnectDelay = RECONNECT_MIN_MS;
    stopPolling();
    sendFrame({ type: 'subscribe', documents: [...watchers.keys()] });
  });
  current.addEventListener('message', event => {
    if (socket === current) {
      onFrame(event.data);
    }
  });
  // Refused (a proxy without WebSocket support) or dropped (server restart): polling keeps the bars moving meanwhile, and
  // the socket is tried again with backoff; on reopening, the subscribe brings every watched document's current state.
  current.addEventListener('close', () => {
    if (socket !== current) {
      return;
    }
    socket = null;
    fallBackToPolling();
    setTimeout(() => {
      if (mode === 'polling' && socket === null && watchers.size > 0) {
        connect();
      }
    }, reconnectDelay);
    reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX_MS);
  });
}

// The server takes at most this many document ids per frame.
const MAX_DOCUMENTS_PER_FRAME = 100;

function sendFrame(frame) {
  if (socket?.readyState !== WebSocket.OPEN) {
    return;
  }
  for (let start = 0; start < frame.documents.length; start += MAX_DOCUMENTS_PER_FRAME) {
    socket.send(JSON.stringify({ ...frame, documents: frame.documents.slice(start, start + MAX_DOCUMENTS_PER_FRAME) }));
  }
}

function onFrame(text) {
  let frame;
  try {
    frame = JSON.parse(text);
  } catch {
    return;
  }
  if (frame.type === 'progress') {
    deliver(frame);
  } else if (frame.type === 'error') {
    console.warn('Progress feed:', frame.message);
  }
}

function deliver(update) {
  const callbacks = watchers.get(update.documentId);
  if (!callbacks) {
    return;
  }
  for (const callback of callbacks) {
    callback(update);
  }
  if (isTerminal(update.status)) {
    watchers.delete(update.documentId);
    sendFrame({ type: 'unsubscribe', documents: [update.documentId] });
  }
}

function fallBackToPolling() {
  mode = 'polling';
  startPolling();
}

function stopPolling() {
  clearInterval(pollTimer);
  pollTimer = null;
}

function startPolling() {
  if (pollTimer === null && watchers.size > 0) {
    pollTimer = setInterval(pollOnce, POLL_MS);
    pollOnce();
  }
}

async function pollOnce() {
  if (polling || Date.now() < pausedUntil) {
    return;
  }
  polling = true;
  try {
    await Promise.all([...watchers.keys()].map(async id => {
      try {
        deliver(await getJson(`/api/v2/documents/${id}`));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          deliver({ documentId: id, status: 'deleted', progress: 0, chunksDone: 0, chunksTotal: null, error: null });
        } else if (error instanceof ApiError && error.status === 429) {
          // Rate-limited (one GET per document per second adds up): wait a few ticks rather than keep hammering.
          pausedUntil = Date.now() + 5 * POLL_MS;
        }
        // Anything else is transient: the next tick asks again.
      }
    }));
  } finally {
    polling = false;
    if (watchers.size === 0) {
      stopPolling();
    }
  }
}
