// Jobs (admin keys): the tenant's recent jobs with their attempts and errors, and a link to the job
// scheduler's own dashboard where the service has one.
import { api } from '../api.js';
import { h, show, statusLabel } from '../format.js';

const DASHBOARD = '/admin/jobs';

export async function jobsView(root, query, signal) {
  const status = query.get('status') || '';
  const select = h('select', { id: 'job-status', onchange: e => { location.hash = e.target.value ? `#/jobs?status=${e.target.value}` : '#/jobs'; } },
    ['', 'queued', 'running', 'retrying', 'succeeded', 'failed', 'cancelled'].map(s => h('option', { value: s, selected: s === status }, s || 'any')));
  const dashboard = h('p', { hidden: true }, h('a', { href: DASHBOARD, target: '_blank', rel: 'noopener' }, 'Open the job scheduler’s dashboard'));
  const params = new URLSearchParams({ limit: 100 });
  if (status) params.set('status', status);
  const jobs = await api(`/v1/jobs?${params}`, { signal });
  const rows = jobs.map(j => h('tr', { dataset: { status: j.status } },
    h('td', {}, j.kind === 'qa_batch' ? 'questions' : 'ingest'),
    h('td', {}, j.kind === 'ingest' ? h('a', { href: `#/videos/${j.subject_id}` }, 'video') : 'batch ' + j.subject_id.slice(0, 8)),
    h('td', {}, h('span', { class: `status status-${j.status}` }, statusLabel[j.status] || j.status)),
    h('td', {}, String(j.attempts)),
    h('td', { class: 'error-cell' }, j.last_error || ''),
    h('td', {}, new Date(j.created_at).toLocaleString())));
  show(root, h('h1', {}, 'Jobs'), dashboard,
    h('div', { class: 'filters' }, h('label', { for: 'job-status' }, 'Status'), select),
    h('div', { class: 'table-wrap' }, h('table', { id: 'jobs' },
      h('thead', {}, h('tr', {}, ['Kind', 'Subject', 'Status', 'Attempts', 'Last error', 'Created'].map(c => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows))),
    jobs.length ? null : h('p', {}, 'No jobs.'));
  // The dashboard is another engineer's (Hangfire's); show the link only where the service serves it.
  fetch(DASHBOARD, { method: 'HEAD', signal }).then(r => { dashboard.hidden = r.status === 404; }).catch(() => {});
}
