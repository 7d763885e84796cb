// Upload: drop (or choose) several files; each gets its own row with the upload's progress, then the
// server's answer (its refusal in its own words), then the ingest until the video is ready or failed.
import { api, upload } from '../api.js';
import { h, sleep, statusLabel } from '../format.js';

const POLL_MS = 1000;

export function uploadView(root, _query, signal) {
  const list = h('ul', { class: 'uploads', id: 'uploads', 'aria-label': 'uploads', 'aria-live': 'polite' });
  const input = h('input', { type: 'file', id: 'file-input', multiple: true, accept: 'video/*,.mkv,.avi,.ts,.flv', class: 'visually-hidden',
    onchange: () => { send([...input.files]); input.value = ''; } });
  const zone = h('div', { class: 'drop', id: 'drop' },
    h('p', {}, 'Drop video files here, or'),
    h('button', { type: 'button', onclick: () => input.click() }, 'Choose files…'),
    h('p', { class: 'hint' }, 'mp4/mov, matroska/webm, avi, mpegts or flv.'),
    input);
  for (const name of ['dragenter', 'dragover']) zone.addEventListener(name, e => { e.preventDefault(); zone.classList.add('over'); });
  for (const name of ['dragleave', 'drop']) zone.addEventListener(name, () => zone.classList.remove('over'));
  zone.addEventListener('drop', e => { e.preventDefault(); send([...e.dataTransfer.files]); });
  root.replaceChildren(h('h1', {}, 'Upload'), zone, list);

  function send(files) {
    for (const file of files) list.prepend(uploadRow(file, signal));
  }
}

function uploadRow(file, signal) {
  const bar = h('progress', { max: 1, value: 0, 'aria-label': `upload of ${file.name}` });
  const state = h('span', { class: 'state' }, 'uploading');
  const detail = h('div', { class: 'detail' });
  const row = h('li', { class: 'upload', dataset: { file: file.name, state: 'uploading' } }, h('span', { class: 'name' }, file.name), bar, state, detail);
  const set = (name, text) => { row.dataset.state = name; state.textContent = text; };
  (async () => {
    let video;
    try {
      video = await upload(file, fraction => { bar.value = fraction; state.textContent = `uploading ${Math.round(fraction * 100)}%`; });
    } catch (error) {
      set('refused', error.status ? `refused (${error.status})` : 'failed');
      detail.replaceChildren(h('p', { class: 'error', role: 'alert' }, error.message));
      return;
    }
    bar.value = 1;
    detail.replaceChildren(h('a', { href: `#/videos/${video.id}` }, 'open'));
    // Ingest: the card of the video says queued, ingesting, then ready (or failed with the reason).
    while (!signal.aborted) {
      set(video.status, statusLabel[video.status]);
      if (video.status === 'ready') return;
      if (video.status === 'failed') {
        detail.replaceChildren(h('p', { class: 'error', role: 'alert' }, video.failure_reason || 'Ingest failed.'));
        return;
      }
      await sleep(POLL_MS);
      try { video = await api(`/v1/videos/${video.id}`, { signal }); } catch { /* keep polling */ }
    }
  })();
  return row;
}
