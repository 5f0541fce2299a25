// The live state of one sync run, as shown in the integrations overview.
import { h, badge, formatTime, humanize } from '../../dom.js';

export const ACTIVE = new Set(['QUEUED', 'RUNNING', 'WAITING_RATE_LIMIT']);

export function progress(sync) {
  if (!sync) {
    return h('span', { class: 'muted' }, '—');
  }
  const p = sync.progress || {};
  const pages = p.pagesTotal ? `page ${p.pagesDone} of ${p.pagesTotal}` : `${p.pagesDone} pages`;
  const items = `${p.items} items`;
  const left = p.secondsLeft != null ? ` · about ${duration(p.secondsLeft)} left` : '';
  const counts = h('span', { class: 'sync-progress', 'data-pages': p.pagesDone, 'data-items': p.items }, `${pages} · ${items}${left}`);
  const bar = p.pagesTotal
    ? h('progress', { max: p.pagesTotal, value: p.pagesDone, 'aria-label': 'Pages synchronized' })
    : h('progress', { 'aria-label': 'Synchronizing' });
  const state = (...children) => h('div', { class: 'sync', 'data-state': sync.state }, ...children);
  switch (sync.state) {
    case 'QUEUED':
      return state(badge('QUEUED'), ' waiting for a worker…');
    case 'RUNNING':
      return state(h('div', null, badge('RUNNING'), ` ${humanize(sync.phase)}: `, counts), bar);
    case 'WAITING_RATE_LIMIT':
      return state(rateLimitLine(sync), h('div', { class: 'small muted' }, `${humanize(sync.phase)}: `, counts), bar);
    case 'SUCCEEDED':
      return state(badge('SUCCEEDED'), ' ',
        h('span', { class: 'sync-progress', 'data-pages': p.pagesDone, 'data-items': p.items }, `${items} in ${p.pagesDone} pages`));
    case 'FAILED':
      return state(badge('FAILED'), h('div', { class: 'small error-text' }, sync.error || 'The synchronization failed.'));
    default:
      return h('span', null, humanize(sync.state));
  }
}

function rateLimitLine(sync) {
  const seconds = sync.waitUntil ? Math.max(0, Math.round((new Date(sync.waitUntil) - Date.now()) / 1000)) : null;
  return h('div', null, badge('WAITING_RATE_LIMIT', 'badge-warning'),
    sync.waitUntil ? ` waiting ${seconds} s for the shop's rate limit (continues at ${formatTime(sync.waitUntil)})`
      : ' waiting for the shop\'s rate limit; continuing soon');
}

/** Seconds as "40 s" or "3 min 5 s". */
function duration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
}
