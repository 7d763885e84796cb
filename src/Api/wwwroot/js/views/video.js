// One video: the player (the stored file, streamed with range requests), a timeline of the sampled
// clips with their thumbnails, the tags with the clip that supports each, and similar videos where the
// server offers them. Every clip, tag and time seeks the player. #/videos/ID?t=12.5 starts playing at 12.5 s.
import { answers, api, media } from '../api.js';
import { duration, h, percent, range, show, statusLabel } from '../format.js';

export async function videoView(root, id, query, signal) {
  const video = await api(`/v1/videos/${id}`, { signal });
  const clips = video.status === 'ready' ? await api(`/v1/videos/${id}/clips`, { signal }) : [];
  const player = h('video', { id: 'player', controls: true, preload: 'metadata', playsinline: true, src: media.content(id) });
  const playerError = h('div', { 'aria-live': 'polite' });
  player.addEventListener('error', () => playerError.replaceChildren(h('p', { class: 'error', role: 'alert' },
    `This browser cannot play this file (${video.metadata.container || 'unknown container'}, ${video.metadata.codec || 'unknown codec'}). `,
    h('a', { href: media.content(id), download: video.original_name }, 'Download it'), ' to watch it in a desktop player.')));
  // Where the last seek landed, for whoever checks the player (the browser tests do).
  player.addEventListener('seeked', () => { player.dataset.seekedTo = player.currentTime.toFixed(3); });
  const seek = start => {
    const play = () => { player.currentTime = start; player.play().catch(() => {}); };
    if (player.readyState >= 1) play(); else player.addEventListener('loadedmetadata', play, { once: true });
    player.focus();
  };

  const length = video.metadata.duration_seconds || Math.max(1, ...clips.map(c => c.end_seconds));
  const timeline = h('ol', { class: 'timeline', 'aria-label': 'sampled clips' }, clips.map(c =>
    h('li', {}, h('button', { type: 'button', class: 'clip', dataset: { start: c.start_seconds }, onclick: () => seek(c.start_seconds),
      'aria-label': `clip ${c.clip + 1}, ${range(c.start_seconds, c.end_seconds)}` },
    h('img', { src: media.thumbnail(id, c.clip), alt: '', width: 160, height: 90, loading: 'lazy' }),
    h('span', {}, range(c.start_seconds, c.end_seconds))))));
  // Positions through the CSSOM: the page's Content-Security-Policy refuses inline style attributes.
  const bar = h('div', { class: 'bar', 'aria-hidden': 'true' }, clips.map(c => {
    const mark = h('span', { class: 'mark' });
    mark.style.left = `${(100 * c.start_seconds / length).toFixed(2)}%`;
    mark.style.width = `${Math.max(0.5, 100 * (c.end_seconds - c.start_seconds) / length).toFixed(2)}%`;
    return mark;
  }));

  const tags = h('ul', { class: 'tag-list', id: 'tags' }, video.tags.map(t =>
    h('li', {}, h('button', { type: 'button', class: 'tag', dataset: { start: t.start_seconds }, onclick: () => seek(t.start_seconds) },
      `${t.label} ${percent(t.score)} · ${range(t.start_seconds, t.end_seconds)}`))));

  const similar = h('section', { id: 'similar', hidden: true, 'aria-labelledby': 'similar-title' });
  show(root,
    h('h1', {}, video.original_name),
    h('p', { class: 'meta' },
      h('span', { class: `status status-${video.status}` }, statusLabel[video.status]), ' · ',
      duration(video.metadata.duration_seconds), ' · ',
      [video.metadata.width && `${video.metadata.width}×${video.metadata.height}`, video.metadata.container?.split(',')[0], video.metadata.codec].filter(Boolean).join(' · ')),
    video.failure_reason ? h('p', { class: 'error', role: 'alert' }, video.failure_reason) : null,
    h('div', { class: 'player' }, player, playerError),
    clips.length ? h('section', { 'aria-labelledby': 'clips-title' }, h('h2', { id: 'clips-title' }, 'Sampled clips'), bar, timeline) : null,
    h('section', { 'aria-labelledby': 'tags-title' }, h('h2', { id: 'tags-title' }, 'Tags'),
      video.tags.length ? tags : h('p', {}, video.status === 'ready' ? 'No tags passed the threshold.' : 'Tags appear once the video is ingested.')),
    similar);

  const start = parseFloat(query.get('t'));
  if (isFinite(start)) seek(start);

  // Similar videos: shown only where the server has the endpoint and it answers.
  const found = await answers(`/v1/videos/${id}/similar`);
  const items = found && (Array.isArray(found) ? found : found.items || found.results);
  if (Array.isArray(items) && items.length && !signal.aborted) {
    similar.append(h('h2', { id: 'similar-title' }, 'Similar videos'), h('ul', { class: 'similar' }, items.map(item => {
      const other = item.video_id || item.id;
      return h('li', {}, h('a', { href: `#/videos/${other}` }, item.original_name || other, item.score == null ? '' : ` (${percent(item.score)})`));
    })));
    similar.hidden = false;
  }
}
