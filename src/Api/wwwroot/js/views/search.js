// Search: a text, answered as moments (a clip of a video, its time range and score); a moment opens
// the video playing from its start. The minimum score and the grouping are the API's own filters.
import { api } from '../api.js';
import { errorLine, h } from '../format.js';
import '../components/moment-link.js';

export async function searchView(root, query, signal) {
  const q = query.get('q') || '';
  const minScore = query.get('min_score') || '0';
  const groupBy = query.get('group_by') || 'clip';
  const input = h('input', { id: 'q', type: 'search', name: 'q', value: q, required: true, maxlength: 1000, placeholder: 'a red circle moving left' });
  const score = h('input', { id: 'min-score', type: 'number', name: 'min_score', min: 0, max: 1, step: 0.05, value: minScore });
  const group = h('select', { id: 'group-by', name: 'group_by' },
    h('option', { value: 'clip', selected: groupBy === 'clip' }, 'every matching moment'),
    h('option', { value: 'video', selected: groupBy === 'video' }, 'best moment per video'));
  const form = h('form', { class: 'search', role: 'search', onsubmit: e => {
    e.preventDefault();
    location.hash = `#/search?${new URLSearchParams({ q: input.value.trim(), min_score: score.value || '0', group_by: group.value })}`;
  } },
  h('label', { for: 'q' }, 'Search'), input,
  h('label', { for: 'min-score' }, 'Minimum score'), score,
  h('label', { for: 'group-by' }, 'Show'), group,
  h('button', { type: 'submit' }, 'Search'));
  const results = h('ol', { class: 'moments', id: 'results', 'aria-label': 'results', 'aria-busy': 'false' });
  const note = h('div', { 'aria-live': 'polite' });
  root.replaceChildren(h('h1', {}, 'Search'), form, note, results);
  input.focus();
  if (!q) return;

  results.setAttribute('aria-busy', 'true');
  note.replaceChildren(h('p', {}, 'Searching…'));
  try {
    const params = new URLSearchParams({ q, min_score: minScore, group_by: groupBy, limit: 24 });
    const found = await api(`/v1/search?${params}`, { signal });
    note.replaceChildren(h('p', {}, found.results.length ? `${found.results.length} moments for “${found.query}”` : `Nothing matched “${found.query}” at this score.`));
    for (const r of found.results) {
      const moment = document.createElement('vl-moment');
      moment.moment = { videoId: r.video_id, clip: r.clip, name: r.original_name, start: r.start_seconds, end: r.end_seconds, score: r.score };
      results.append(h('li', {}, moment));
    }
  } catch (error) {
    if (error.name !== 'AbortError') note.replaceChildren(errorLine(error));
  } finally {
    results.setAttribute('aria-busy', 'false');
  }
}
