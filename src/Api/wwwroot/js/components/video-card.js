// <vl-video-card>: one video of the library: thumbnail, name, duration, status (with the reason when it
// failed) and tags. It reads the video's details itself, and again every two seconds while it is queued
// or ingesting, so a card turns ready without reloading the grid.
import { api, media } from '../api.js';
import { duration, h, sleep, statusLabel } from '../format.js';

const POLL_MS = 2000;

class VideoCard extends HTMLElement {
  #video;
  #alive = false;
  #image; // kept across renders, so a card that polls does not reload (and flash) its thumbnail

  set video(video) { this.#video = video; if (this.isConnected) this.#render(); }
  get video() { return this.#video; }

  connectedCallback() {
    this.#alive = true;
    this.#render();
    this.#follow();
  }

  disconnectedCallback() { this.#alive = false; }

  async #follow() {
    const id = this.#video.id;
    try {
      for (;;) {
        const details = await api(`/v1/videos/${id}`);
        if (!this.#alive) return;
        this.#video = details;
        this.#render();
        if (details.status === 'ready' || details.status === 'failed') return;
        await sleep(POLL_MS);
        if (!this.#alive) return;
      }
    } catch {
      // The grid still shows what the list said; the video page shows the error.
    }
  }

  #render() {
    const v = this.#video;
    if (v.status === 'ready') this.#image ??= h('img', { src: media.thumbnail(v.id, 0), alt: '', loading: 'lazy', width: 320, height: 180 });
    const thumb = v.status === 'ready' ? this.#image : h('span', { class: 'placeholder', 'aria-hidden': 'true' }, statusLabel[v.status] || v.status);
    const tags = v.tags ? v.tags.slice(0, 6).map(t => h('li', { class: 'tag' }, t.label)) : [];
    this.replaceChildren(h('a', { class: 'card', href: `#/videos/${v.id}`, dataset: { status: v.status } },
      h('div', { class: 'thumb' }, thumb, h('span', { class: 'duration' }, duration(v.metadata?.duration_seconds))),
      h('div', { class: 'card-body' },
        h('span', { class: 'name' }, v.original_name),
        h('span', { class: `status status-${v.status}` }, statusLabel[v.status] || v.status),
        v.failure_reason ? h('span', { class: 'reason' }, v.failure_reason) : null,
        h('ul', { class: 'tags', 'aria-label': 'tags' }, tags))));
  }
}

customElements.define('vl-video-card', VideoCard);
