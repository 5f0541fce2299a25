// The integrations overview's table, its empty states and the note on what disconnected integrations kept.
import { h, badge, formatInstant, instantLines, humanize, table } from '../../dom.js';
import { progress, ACTIVE } from './progress.js';

const HEADERS = ['Integration', 'Status', 'Listings', 'Orders', 'Last sync', 'Synchronization', 'Actions'];

/** `actions` has `synchronize(i)` and `disconnect(i)`. */
export function integrationsTable(v, actions) {
  return table('Integrations', HEADERS, v.integrations.map((i) => row(v, i, actions)), 'table-integrations');
}

export function emptyState(v) {
  if (v.kept.length) {
    return h('div', { class: 'empty card', 'data-state': 'disconnected-only' },
      h('p', null, 'No shop is connected now. What disconnected integrations imported is still here:'),
      keptList(v),
      h('p', null, h('a', { href: '#/integrations/new', class: 'btn btn-primary' }, 'Connect a shop')));
  }
  return h('div', { class: 'empty card' },
    h('p', null, 'No shop is connected yet.'),
    h('p', null, h('a', { href: '#/integrations/new', class: 'btn btn-primary' }, 'Connect your first shop')));
}

/** Each disconnected integration that kept something: its orders (linked) and mapped listings. */
export function keptList(v) {
  return h('ul', { class: 'kept' }, v.kept.map((i) => {
    const c = i.counts || {};
    return h('li', { 'data-kept': i.id },
      h('span', { class: 'strong' }, i.name), ` (${v.connectorNames.get(i.connector) || i.connector}), disconnected ${formatInstant(i.disconnectedAt)}: `,
      h('a', { href: `#/orders?integrationId=${i.id}` }, `${c.orders ?? 0} orders`),
      `, ${c.listingsMapped ?? 0} mapped listings`,
      c.listingsIgnored ? `, ${c.listingsIgnored} ignored` : '');
  }));
}

function row(v, i, actions) {
  const c = i.counts || {};
  return h('tr', { 'data-integration': i.id },
    h('td', null,
      h('div', { class: 'strong' }, i.name),
      h('div', { class: 'muted small' }, `${v.connectorNames.get(i.connector) || i.connector} · ${humanize(i.customerType)}`),
      h('div', { class: 'small' }, safeLink(i.shopUrl))),
    h('td', null, badge(i.status), i.statusDetail ? h('div', { class: 'small muted' }, i.statusDetail) : null),
    h('td', { class: 'counts' },
      h('span', { title: 'waiting to be mapped' }, h('b', null, String(c.listingsNew ?? 0)), ' new'),
      h('span', { title: 'linked to your catalog' }, h('b', null, String(c.listingsMapped ?? 0)), ' mapped'),
      c.listingsIgnored ? h('span', { title: 'left out' }, h('b', null, String(c.listingsIgnored)), ' ignored') : null),
    h('td', null, h('a', { href: `#/orders?integrationId=${i.id}` }, String(c.orders ?? 0))),
    h('td', null, i.lastSyncAt ? instantLines(i.lastSyncAt) : h('span', { class: 'muted' }, 'never')),
    h('td', { class: 'sync-cell', 'data-sync-for': i.id }, progress(v.syncs.get(i.id))),
    h('td', { class: 'row-actions' }, i.status === 'DISCONNECTED'
      ? h('span', { class: 'muted small' }, `Disconnected ${formatInstant(i.disconnectedAt)}`)
      : rowActions(v, i, actions)));
}

function rowActions(v, i, actions) {
  const sync = v.syncs.get(i.id);
  const running = sync && ACTIVE.has(sync.state);
  return [
    h('button', {
      type: 'button', class: 'btn btn-small btn-primary', 'data-action': 'sync', 'data-key': `sync-${i.id}`,
      disabled: running, 'aria-label': `Synchronize ${i.name}`, onclick: () => actions.synchronize(i),
    }, running ? 'Synchronizing…' : 'Synchronize'),
    link(`#/integrations/${i.id}/mapping`, 'map', `Map products of ${i.name}`, 'Map products'),
    link(`#/integrations/${i.id}/edit`, 'edit', `Edit ${i.name}`, 'Edit'),
    link(`#/integrations/${i.id}/switch`, 'switch', `Switch ${i.name} to another shop`, 'Switch shop'),
    h('button', {
      type: 'button', class: 'btn btn-small btn-danger-quiet', 'data-action': 'disconnect', 'data-key': `disc-${i.id}`,
      'aria-label': `Disconnect ${i.name}`, onclick: () => actions.disconnect(i),
    }, 'Disconnect'),
  ];
}

function link(href, action, ariaLabel, text) {
  return h('a', { class: 'btn btn-small', href, 'data-action': action, 'aria-label': ariaLabel }, text);
}

/** A link to the shop, only for http(s) addresses. */
function safeLink(address) {
  try {
    const u = new URL(address);
    if (u.protocol === 'http:' || u.protocol === 'https:') {
      return h('a', { href: u.href, target: '_blank', rel: 'noopener noreferrer' }, u.host + (u.pathname === '/' ? '' : u.pathname));
    }
  } catch {
    // not a URL: show it as text
  }
  return String(address || '');
}
