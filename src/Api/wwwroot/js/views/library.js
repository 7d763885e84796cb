// The library: every video of the tenant, newest first, a page at a time as the grid scrolls
// (the API's cursor), filtered by status and tag.
import { api } from '../api.js';
import { errorLine, h } from '../format.js';
import '../components/video-card.js';

const PAGE = 24;

export async function libraryView(root, query, signal) {
  const status = query.get('status') || '';
  const tag = query.get('tag') || '';
  const filter = (name, value) => {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value); else next.delete(name);
    location.hash = `#/?${next}`;
  };
  const statusSelect = h('select', { id: 'filter-status', onchange: e => filter('status', e.target.value) },
    [['', 'any'], ['pending', 'queued'], ['processing', 'ingesting'], ['ready', 'ready'], ['failed', 'failed']]
      .map(([value, label]) => h('option', { value, selected: value === status }, label)));
  const tagSelect = h('select', { id: 'filter-tag', onchange: e => filter('tag', e.target.value) }, h('option', { value: '' }, 'any'));
  const grid = h('ul', { class: 'grid', id: 'library', 'aria-label': 'videos' });
  const more = h('div', { class: 'more', 'aria-live': 'polite' });
  root.replaceChildren(
    h('h1', {}, 'Library'),
    h('div', { class: 'filters' },
      h('label', { for: 'filter-status' }, 'Status'), statusSelect,
      h('label', { for: 'filter-tag' }, 'Tag'), tagSelect),
    grid, more);

  api('/v1/tags', { signal }).then(tags => {
    for (const t of tags) tagSelect.append(h('option', { value: t.label, selected: t.label === tag }, `${t.label} (${t.videos})`));
    if (tag && !tags.some(t => t.label === tag)) tagSelect.append(h('option', { value: tag, selected: true }, tag));
  }).catch(() => {});

  let cursor = null;
  let done = false;
  let loading = false;
  const load = async () => {
    if (loading || done) return;
    loading = true;
    more.replaceChildren(h('span', {}, 'Loading…'));
    try {
      const params = new URLSearchParams({ limit: PAGE });
      if (status) params.set('status', status);
      if (tag) params.set('tag', tag);
      if (cursor) params.set('cursor', cursor);
      const page = await api(`/v1/videos?${params}`, { signal });
      for (const video of page.items) {
        const card = document.createElement('vl-video-card');
        card.video = video;
        grid.append(h('li', {}, card));
      }
      cursor = page.next_cursor;
      done = !cursor;
      more.replaceChildren(done
        ? h('span', {}, grid.childElementCount === 0 ? emptyText(status, tag) : `${grid.childElementCount} videos`)
        : h('button', { type: 'button', onclick: load }, 'Load more'));
    } catch (error) {
      if (error.name !== 'AbortError') more.replaceChildren(errorLine(error));
    } finally {
      loading = false;
    }
  };
  // Infinite scroll: the next page loads as the end of the grid comes near; the button stays for keyboards.
  const observer = new IntersectionObserver(entries => { if (entries.some(e => e.isIntersecting)) load(); }, { rootMargin: '400px' });
  observer.observe(more);
  signal.addEventListener('abort', () => observer.disconnect());
  await load();
}

function emptyText(status, tag) {
  return status || tag ? 'No video matches these filters.' : 'No videos yet. Upload some.';
}
