// Entry point: sign-in, navigation between screens, and the wiring between the screens' modules.
import { onUnauthorized } from './api.js';
import { initAsk } from './ask.js';
import { clearToken, describeCaller, getToken, isAdmin, setToken } from './auth.js';
import { initCollections, loadCollections, onCollectionChange } from './collections.js';
import { initDeadLetters, loadDeadLetters } from './dead-letters.js';
import { initDocuments, loadDocuments, onDocumentsChanged, resetPaging } from './documents.js';
import { $, clearError, guarded } from './dom.js';
import { initExperiments, loadExperiments } from './experiments.js';
import { stopAll } from './progress-feed.js';
import { initUpload, onUploadEnded } from './upload.js';

const loaders = {
  'documents-screen': () => Promise.all([loadCollections(), loadDocuments()]),
  'ask-screen': loadCollections,
  'dead-letters-screen': loadDeadLetters,
  'experiments-screen': loadExperiments,
};

function showSignIn(message) {
  stopAll();
  $('#workspace').hidden = true;
  $('#session-tools').hidden = true;
  $('#sign-in').hidden = false;
  const notice = $('#sign-in-message');
  notice.hidden = !message;
  notice.textContent = message ?? '';
  $('#token-input').focus();
}

async function showWorkspace() {
  $('#sign-in').hidden = true;
  $('#workspace').hidden = false;
  $('#session-tools').hidden = false;
  $('#who').textContent = describeCaller();
  for (const tab of document.querySelectorAll('.admin-only')) {
    tab.hidden = !isAdmin();
  }
  await openScreen('documents-screen');
}

async function openScreen(id) {
  for (const tab of document.querySelectorAll('.tab')) {
    if (tab.dataset.screen === id) {
      tab.setAttribute('aria-current', 'page');
    } else {
      tab.removeAttribute('aria-current');
    }
  }
  for (const screen of document.querySelectorAll('.screen')) {
    screen.hidden = screen.id !== id;
  }
  clearError();
  await guarded(loaders[id]);
}

function currentScreen() {
  return document.querySelector('.tab[aria-current="page"]')?.dataset.screen;
}

function init() {
  initCollections();
  initUpload();
  initDocuments();
  initAsk();
  initDeadLetters();
  initExperiments();

  onUnauthorized(() => {
    clearToken();
    showSignIn('The server refused the token (missing, expired or invalid): sign in again.');
  });
  onCollectionChange(() => {
    resetPaging();
    if (currentScreen() === 'documents-screen') {
      guarded(loadDocuments);
    }
  });
  const refresh = () => guarded(() => Promise.all([loadCollections(), currentScreen() === 'documents-screen' ? loadDocuments() : null]));
  onUploadEnded(refresh);
  onDocumentsChanged(refresh);

  $('#sign-in-form').addEventListener('submit', async event => {
    event.preventDefault();
    setToken($('#token-input').value);
    $('#token-input').value = '';
    await showWorkspace();
  });
  $('#sign-out').addEventListener('click', () => {
    clearToken();
    showSignIn('Signed out.');
  });
  $('#error-dismiss').addEventListener('click', clearError);
  for (const tab of document.querySelectorAll('.tab')) {
    tab.addEventListener('click', () => openScreen(tab.dataset.screen));
  }

  if (getToken()) {
    showWorkspace();
  } else {
    showSignIn();
  }
}

init();
