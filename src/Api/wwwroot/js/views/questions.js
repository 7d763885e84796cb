// Questions: pick ready videos, type questions (one a line, each asked of every picked video) or paste
// JSONL, submit them as one QA batch, watch its progress (cancel it if need be) and read the answers,
// each with the clip that supports it.
import { api, session } from '../api.js';
import { errorLine, h, percent, sleep } from '../format.js';
import '../components/moment-link.js';

const POLL_MS = 1000;

export async function questionsView(root, query, signal) {
  const batchId = query.get('batch');
  if (batchId) return batchView(root, batchId, signal);
  if (!session.can('write')) {
    root.replaceChildren(h('h1', {}, 'Questions'), h('p', { role: 'alert' }, 'This key is read-only: submitting questions needs the write scope.'));
    return;
  }
  const page = await api('/v1/videos?status=ready&limit=100', { signal });
  const names = new Map(page.items.map(v => [v.id, v.original_name]));
  const picks = h('fieldset', { class: 'picks' }, h('legend', {}, 'Videos'),
    page.items.length ? page.items.map(v => h('label', { class: 'pick' },
      h('input', { type: 'checkbox', name: 'video', value: v.id }), ` ${v.original_name}`)) : h('p', {}, 'No ready videos yet.'));
  const text = h('textarea', { id: 'questions-text', rows: 5, placeholder: 'what colour is the circle?\nis the shape moving?' });
  const mode = h('select', { id: 'questions-mode' },
    h('option', { value: 'lines' }, 'one question a line, asked of every picked video'),
    h('option', { value: 'jsonl' }, 'JSONL: {"video_id", "question", "options"?} a line'));
  const message = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'questions', onsubmit: async e => {
    e.preventDefault();
    let body;
    if (mode.value === 'jsonl') {
      body = text.value;
    } else {
      const videos = [...picks.querySelectorAll('input:checked')].map(i => i.value);
      const questions = text.value.split('\n').map(l => l.trim()).filter(Boolean);
      if (!videos.length || !questions.length) {
        message.replaceChildren(h('p', { class: 'error', role: 'alert' }, 'Pick at least one video and type at least one question.'));
        return;
      }
      body = JSON.stringify(videos.flatMap(video_id => questions.map(question => ({ video_id, question }))));
    }
    try {
      const contentType = mode.value === 'jsonl' ? 'application/x-ndjson' : 'application/json';
      const batch = await api('/v1/qa/batches', { method: 'POST', body, contentType });
      sessionStorage.setItem('videolang.names', JSON.stringify([...names]));
      location.hash = `#/questions?batch=${batch.id}`;
    } catch (error) {
      message.replaceChildren(errorLine(error));
    }
  } },
  picks,
  h('label', { for: 'questions-mode' }, 'Format'), mode,
  h('label', { for: 'questions-text' }, 'Questions'), text,
  h('button', { type: 'submit' }, 'Ask'), message);
  root.replaceChildren(h('h1', {}, 'Questions'), form);
}

async function batchView(root, id, signal) {
  const bar = h('progress', { max: 100, value: 0, id: 'batch-progress', 'aria-label': 'questions answered' });
  const state = h('p', { id: 'batch-state', 'aria-live': 'polite' });
  const cancel = h('button', { type: 'button', id: 'batch-cancel', hidden: !session.can('write'), onclick: async () => {
    cancel.disabled = true;
    try { await api(`/v1/qa/batches/${id}/cancel`, { method: 'POST' }); } catch (error) { state.after(errorLine(error)); }
  } }, 'Cancel');
  const answers = h('ol', { class: 'answers', id: 'answers' });
  root.replaceChildren(h('h1', {}, 'Questions'), h('p', {}, h('a', { href: '#/questions' }, 'Ask more')), bar, state, cancel, answers);
  const names = new Map(JSON.parse(sessionStorage.getItem('videolang.names') || '[]'));

  let batch;
  for (;;) {
    batch = await api(`/v1/qa/batches/${id}`, { signal });
    bar.value = batch.percent;
    state.textContent = `${batch.status.replace('_', ' ')}: ${batch.answered} answered, ${batch.failed} failed, ${batch.pending} pending of ${batch.item_count}`
      + (batch.failure_reason ? ` — ${batch.failure_reason}` : '');
    if (!['queued', 'running'].includes(batch.status)) break;
    await sleep(POLL_MS);
  }
  cancel.hidden = true;
  let cursor = null;
  do {
    const page = await api(`/v1/qa/batches/${id}/items?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { signal });
    for (const item of page.items) answers.append(answerItem(item, names));
    cursor = page.next_cursor;
  } while (cursor);
}

function answerItem(item, names) {
  const name = names.get(item.video_id) || item.video_id;
  const head = h('p', { class: 'question' }, h('strong', {}, item.question), ` — ${name}`);
  if (item.status !== 'answered') return h('li', { class: 'answer' }, head, h('p', { class: 'error' }, item.error || item.status));
  const moment = document.createElement('vl-moment');
  moment.moment = { videoId: item.video_id, clip: item.clip, name, start: item.start_seconds, end: item.end_seconds, score: item.score };
  return h('li', { class: 'answer' }, head, h('p', { class: 'answer-line' }, 'Answer: ', h('strong', {}, item.answer), ` (${percent(item.score)}), from this clip:`), moment);
}
