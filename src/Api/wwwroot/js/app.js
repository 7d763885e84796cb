// The page's shell: sign-in, navigation by the URL's hash (#/, #/videos/ID?t=12.5, ...) and the views.
// Plain ES modules served as they are written: there is no build step, and nothing comes from another site.
import { api, session } from './api.js';
import { errorLine, h } from './format.js';
import { libraryView } from './views/library.js';
import { uploadView } from './views/upload.js';
import { videoView } from './views/video.js';
import { searchView } from './views/search.js';
import { questionsView } from './views/questions.js';
import { jobsView } from './views/jobs.js';

const main = document.getElementById('main');
let current = new AbortController();

const routes = [
  [/^\/$/, 'library', () => libraryView],
  [/^\/upload$/, 'upload', () => session.can('write') ? uploadView : readOnly('Uploading needs a key with the write scope.')],
  [/^\/videos\/([0-9a-f-]{36})$/, 'library', match => (root, query, signal) => videoView(root, match[1], query, signal)],
  [/^\/search$/, 'search', () => searchView],
  [/^\/questions$/, 'questions', () => questionsView],
  [/^\/jobs$/, 'jobs', () => session.can('admin') ? jobsView : readOnly('The jobs list needs a key with the admin scope.')],
];

function readOnly(message) {
  return root => root.replaceChildren(h('h1', {}, 'Not with this key'), h('p', { role: 'alert' }, message));
}

function signInView(root, error) {
  const input = h('input', { id: 'key', name: 'key', type: 'password', autocomplete: 'off', required: true, placeholder: 'vl_…', spellcheck: 'false' });
  const message = h('div', { 'aria-live': 'polite' }, error ? errorLine(error) : null);
  const form = h('form', { class: 'sign-in', onsubmit: async e => {
    e.preventDefault();
    const key = input.value.trim();
    message.replaceChildren(h('p', {}, 'Checking the key…'));
    try {
      const info = await api('/v1/session', { method: 'POST', key });
      session.save(key, info);
      route();
    } catch (failure) {
      message.replaceChildren(errorLine(failure));
      input.focus();
    }
  } },
  h('h1', {}, 'Sign in'),
  h('p', {}, 'Paste an API key (', h('code', {}, 'vlang keys create --tenant T --scopes read,write'), '). It is kept in this tab only, until you sign out or close it.'),
  h('label', { for: 'key' }, 'API key'), input,
  h('button', { type: 'submit' }, 'Sign in'),
  message);
  root.replaceChildren(form);
  input.focus();
}

function showChrome(signedIn) {
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('who').hidden = !signedIn;
  if (!signedIn) return;
  const info = session.info;
  const access = session.can('admin') ? 'admin' : session.can('write') ? 'read and write' : 'read only';
  document.getElementById('who-name').textContent = `${info.tenant} · ${access}`;
  document.body.dataset.access = session.can('write') ? 'write' : 'read';
  for (const link of document.querySelectorAll('[data-needs]')) link.hidden = !session.can(link.dataset.needs);
}

async function route() {
  current.abort();
  current = new AbortController();
  if (!session.key) {
    showChrome(false);
    signInView(main);
    return;
  }
  showChrome(true);
  const [path, search] = (location.hash.slice(1) || '/').split('?');
  const query = new URLSearchParams(search || '');
  for (const [pattern, nav, view] of routes) {
    const match = path.match(pattern);
    if (!match) continue;
    for (const link of document.querySelectorAll('[data-nav]')) {
      if (link.dataset.nav === nav) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
    }
    main.replaceChildren();
    try {
      await view(match)(main, query, current.signal);
    } catch (error) {
      if (error.name === 'AbortError') return;
      if (error.status === 401) { session.clear(); signInView(main, error); showChrome(false); return; }
      main.replaceChildren(errorLine(error));
    }
    return;
  }
  main.replaceChildren(h('h1', {}, 'Not found'), h('p', {}, 'There is no such page. ', h('a', { href: '#/' }, 'Go to the library.')));
}

document.getElementById('sign-out').addEventListener('click', async () => {
  await fetch('/v1/session', { method: 'DELETE' }).catch(() => {});
  session.clear();
  location.hash = '#/';
  route();
});

window.addEventListener('hashchange', route);

// Every load renews the media cookie: it may be gone (another tab signed in as someone else, or the
// browser restarted) while this tab's session storage still has the key.
if (session.key) {
  api('/v1/session', { method: 'POST' }).then(info => { session.save(session.key, info); route(); })
    .catch(error => { if (error.status === 401) session.clear(); route(); });
} else {
  route();
}
