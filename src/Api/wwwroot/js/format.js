// Small formatting and DOM helpers shared by the views.

export function duration(seconds) {
  if (seconds == null || !isFinite(seconds)) return '–';
  const s = Math.max(0, seconds);
  const m = Math.floor(s / 60);
  return `${m}:${(s - m * 60).toFixed(1).padStart(4, '0')}`;
}

export const range = (start, end) => `${duration(start)}–${duration(end)}`;

export const percent = score => `${Math.round(score * 100)}%`;

export const statusLabel = {
  pending: 'queued', processing: 'ingesting', ready: 'ready', failed: 'failed',
  queued: 'queued', running: 'running', retrying: 'retrying', succeeded: 'succeeded', cancelled: 'cancelled',
};

/** Builds an element: h('a', {href: '#/'}, 'text', child). Text is always set as text, never as HTML. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Replaces an element's children, leaving out the null and false of optional parts (replaceChildren would print "null"). */
export const show = (root, ...children) => root.replaceChildren(...children.flat().filter(c => c != null && c !== false));

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** A line saying what went wrong, in the server's words, read out by screen readers. */
export const errorLine = error => h('p', { class: 'error', role: 'alert' }, error.message || String(error));
