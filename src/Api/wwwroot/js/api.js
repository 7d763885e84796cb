// The API client the page uses: the key comes from the tab's session storage and goes in the
// Authorization header; a problem response becomes an ApiError carrying the server's own words.

const KEY = 'videolang.key';
const SESSION = 'videolang.session';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}.`);
    this.status = status;
    this.problem = problem;
  }
}

export const session = {
  get key() { return sessionStorage.getItem(KEY); },
  get info() { const s = sessionStorage.getItem(SESSION); return s ? JSON.parse(s) : null; },
  can(scope) { return !!this.info?.scopes?.includes(scope); },
  save(key, info) { sessionStorage.setItem(KEY, key); sessionStorage.setItem(SESSION, JSON.stringify(info)); },
  clear() { sessionStorage.removeItem(KEY); sessionStorage.removeItem(SESSION); },
};

async function problemOf(response) {
  const type = response.headers.get('content-type') || '';
  if (type.includes('json')) {
    try { return await response.json(); } catch { return null; }
  }
  const text = await response.text().catch(() => '');
  return text ? { detail: text } : null;
}

/** Calls the API; resolves to the parsed JSON (or null for 204), rejects with ApiError. */
export async function api(path, { method = 'GET', body, contentType = 'application/json', headers = {}, key = session.key, signal } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, signal };
  if (key) init.headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = contentType;
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (!response.ok) throw new ApiError(response.status, await problemOf(response));
  return response.status === 204 ? null : response.json();
}

/** Whether a GET answers 200 (used to show a section only where the server has the endpoint). */
export async function answers(path) {
  try {
    const response = await fetch(path, { headers: { Authorization: `Bearer ${session.key}`, Accept: 'application/json' } });
    return response.ok ? response.json() : null;
  } catch {
    return null;
  }
}

/** Uploads one file with progress: XMLHttpRequest, as fetch reports no upload progress. */
export function upload(file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/v1/videos');
    xhr.setRequestHeader('Authorization', `Bearer ${session.key}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Idempotency-Key', randomKey());
    xhr.upload.onprogress = e => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let json = null;
      try { json = JSON.parse(xhr.responseText); } catch { json = xhr.responseText ? { detail: xhr.responseText } : null; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(json);
      else reject(new ApiError(xhr.status, json));
    };
    xhr.onerror = () => reject(new ApiError(0, { detail: 'The upload did not reach the server (connection lost). Check the network and try again.' }));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

// crypto.randomUUID needs a secure context, and a self-hosted service is often plain http on a LAN.
function randomKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

/** The media URLs: the browser's video and image elements authenticate with the sign-in cookie. */
export const media = {
  content: id => `/v1/videos/${id}/content`,
  thumbnail: (id, clip) => `/v1/videos/${id}/clips/${clip}/thumbnail`,
};
