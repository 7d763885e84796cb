// <vl-moment>: a moment of a video (a search result or an answer's supporting clip): its clip's
// thumbnail, the video's name, the time range and a score. Activating it opens the video there.
import { media } from '../api.js';
import { h, percent, range } from '../format.js';

class MomentLink extends HTMLElement {
  set moment(m) {
    const href = `#/videos/${m.videoId}?t=${m.start}`;
    this.replaceChildren(h('a', { class: 'moment', href, dataset: { start: m.start } },
      h('div', { class: 'thumb' }, h('img', { src: media.thumbnail(m.videoId, m.clip), alt: '', loading: 'lazy', width: 320, height: 180 })),
      h('div', { class: 'moment-body' },
        h('span', { class: 'name' }, m.name),
        h('span', { class: 'range' }, range(m.start, m.end)),
        m.score == null ? null : h('span', { class: 'score' }, `score ${percent(m.score)}`))));
  }
}

customElements.define('vl-moment', MomentLink);
