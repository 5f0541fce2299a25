// Integrations overview: status, counts, last sync; synchronize with live progress; edit; disconnect.
import { get, post, del, isAbort } from '../api.js';
import {
  h, replace, badge, errorBanner, notify, formatInstant, formatTime, instantLines, humanize, confirmDialog, table,
  viewHeading, announce,
} from '../dom.js';

const ACTIVE = new Set(['QUEUED', 'RUNNING', 'WAITING_RATE_LIMIT']);

export async function integrationsView(ctx) {
  const showDisconnected = ctx.query.disconnected === 'true';
  const syncs = new Map();      // integrationId → latest sync seen
  const connectorNames = new Map();
  const timers = new Set();
  let integrations = [];
  let kept = [];                // disconnected integrations whose orders or mapped listings are still here
  let left = false;
  ctx.onLeave(() => {
    left = true;
    timers.forEach(clearTimeout);
  });

  const notice = h('div', { class: 'notice' });
  if (ctx.session.flash) {
    const { kind, title, detail } = ctx.session.flash;
    ctx.session.flash = null;
    notify(notice, kind, title, detail);
  }
  const body = h('div');
  const toggle = h('input', { type: 'checkbox', id: 'show-disconnected', checked: showDisconnected });
  toggle.addEventListener('change', async () => {
    ctx.replaceQuery({ disconnected: toggle.checked ? 'true' : '' });
    await reload();
  });

  replace(ctx.main,
    viewHeading('Integrations',
      h('a', { class: 'btn btn-primary', href: '#/integrations/new' }, 'Add integration')),
    notice,
    h('div', { class: 'toolbar' },
      h('label', { class: 'check' }, toggle, ' Show disconnected integrations')),
    body);

  async function reload() {
    try {
      // disconnected ones always come along: the overview says what they kept even when they are hidden
      const result = await get('/integrations', { includeDisconnected: true, size: 200 }, { signal: ctx.signal });
      integrations = toggle.checked ? result.items : result.items.filter((i) => i.status !== 'DISCONNECTED');
      kept = result.items.filter((i) => i.status === 'DISCONNECTED' && keptCount(i) > 0);
      draw();
    } catch (e) {
      if (!isAbort(e)) {
        replace(notice, errorBanner(e, 'The integrations could not be loaded.'));
      }
    }
  }

  function draw() {
    const focusedKey = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.key : null;
    if (!integrations.length) {
      replace(body, kept.length
        ? h('div', { class: 'empty card', 'data-state': 'disconnected-only' },
          h('p', null, 'No shop is connected now. What disconnected integrations imported is still here:'),
          keptList(),
          h('p', null, h('a', { href: '#/integrations/new', class: 'btn btn-primary' }, 'Connect a shop')))
        : h('div', { class: 'empty card' },
          h('p', null, 'No shop is connected yet.'),
          h('p', null, h('a', { href: '#/integrations/new', class: 'btn btn-primary' }, 'Connect your first shop'))));
      return;
    }
    replace(body, table('Integrations',
      ['Integration', 'Status', 'Listings', 'Orders', 'Last sync', 'Synchronization', 'Actions'],
      integrations.map(row), 'table-integrations'),
    !toggle.checked && kept.length
      ? h('div', { class: 'small muted kept-note' }, 'Also kept from disconnected integrations: ', keptList()) : null);
    if (focusedKey) {
      const again = body.querySelector(`[data-key="${CSS.escape(focusedKey)}"]`);
      if (again) {
        again.focus();
      }
    }
  }

  /** Each disconnected integration that kept something: its orders (linked) and mapped listings. */
  function keptList() {
    return h('ul', { class: 'kept' }, kept.map((i) => {
      const c = i.counts || {};
      return h('li', { 'data-kept': i.id },
        h('span', { class: 'strong' }, i.name), ` (${connectorNames.get(i.connector) || i.connector}), disconnected ${formatInstant(i.disconnectedAt)}: `,
        h('a', { href: `#/orders?integrationId=${i.id}` }, `${c.orders ?? 0} orders`),
        `, ${c.listingsMapped ?? 0} mapped listings`,
        c.listingsIgnored ? `, ${c.listingsIgnored} ignored` : '');
    }));
  }

  function row(i) {
    const disconnected = i.status === 'DISCONNECTED';
    const sync = syncs.get(i.id);
    const running = sync && ACTIVE.has(sync.state);
    const c = i.counts || {};
    return h('tr', { 'data-integration': i.id },
      h('td', null,
        h('div', { class: 'strong' }, i.name),
        h('div', { class: 'muted small' }, `${connectorNames.get(i.connector) || i.connector} · ${humanize(i.customerType)}`),
        h('div', { class: 'small' }, safeLink(i.shopUrl))),
      h('td', null, badge(i.status), i.statusDetail ? h('div', { class: 'small muted' }, i.statusDetail) : null),
      h('td', { class: 'counts' },
        h('span', { title: 'waiting to be mapped' }, h('b', null, String(c.listingsNew ?? 0)), ' new'),
        h('span', { title: 'linked to your catalog' }, h('b', null, String(c.listingsMapped ?? 0)), ' mapped'),
        c.listingsIgnored ? h('span', { title: 'left out' }, h('b', null, String(c.listingsIgnored)), ' ignored') : null),
      h('td', null, h('a', { href: `#/orders?integrationId=${i.id}` }, String(c.orders ?? 0))),
      h('td', null, i.lastSyncAt ? instantLines(i.lastSyncAt) : h('span', { class: 'muted' }, 'never')),
      h('td', { class: 'sync-cell', 'data-sync-for': i.id }, progress(sync)),
      h('td', { class: 'row-actions' }, disconnected ? h('span', { class: 'muted small' }, `Disconnected ${formatInstant(i.disconnectedAt)}`) : [
        h('button', {
          type: 'button', class: 'btn btn-small btn-primary', 'data-action': 'sync', 'data-key': `sync-${i.id}`,
          disabled: running, 'aria-label': `Synchronize ${i.name}`, onclick: () => synchronize(i),
        }, running ? 'Synchronizing…' : 'Synchronize'),
        h('a', {
          class: 'btn btn-small', href: `#/integrations/${i.id}/mapping`, 'data-action': 'map',
          'aria-label': `Map products of ${i.name}`,
        }, 'Map products'),
        h('a', {
          class: 'btn btn-small', href: `#/integrations/${i.id}/edit`, 'data-action': 'edit', 'aria-label': `Edit ${i.name}`,
        }, 'Edit'),
        h('a', {
          class: 'btn btn-small', href: `#/integrations/${i.id}/switch`, 'data-action': 'switch',
          'aria-label': `Switch ${i.name} to another shop`,
        }, 'Switch shop'),
        h('button', {
          type: 'button', class: 'btn btn-small btn-danger-quiet', 'data-action': 'disconnect', 'data-key': `disc-${i.id}`,
          'aria-label': `Disconnect ${i.name}`, onclick: () => disconnect(i),
        }, 'Disconnect'),
      ]));
  }

  async function synchronize(integration) {
    try {
      const sync = await post(`/integrations/${integration.id}/sync`, { scope: 'all' }, { signal: ctx.signal });
      syncs.set(integration.id, sync);
      replace(notice);
      announce(`Synchronization of ${integration.name} started.`);
      integration.status = 'SYNCING';
      draw();
      poll(integration.id, sync.syncId);
    } catch (e) {
      if (!isAbort(e)) {
        replace(notice, errorBanner(e, `${integration.name} could not be synchronized.`));
      }
    }
  }

  function poll(integrationId, syncId) {
    const timer = setTimeout(async () => {
      timers.delete(timer);
      if (left) {
        return;
      }
      try {
        const sync = await get(`/syncs/${syncId}`, undefined, { signal: ctx.signal });
        syncs.set(integrationId, sync);
        if (ACTIVE.has(sync.state)) {
          const cell = body.querySelector(`[data-sync-for="${integrationId}"]`);
          if (cell) {
            replace(cell, progress(sync));
          }
          poll(integrationId, syncId);
        } else {
          const name = (integrations.find((x) => x.id === integrationId) || {}).name || 'The integration';
          announce(sync.state === 'SUCCEEDED' ? `${name} is synchronized.` : `Synchronization of ${name} failed.`);
          await reload();
        }
      } catch (e) {
        if (!isAbort(e) && !left) {
          poll(integrationId, syncId); // a hiccup: try again in a second
        }
      }
    }, 1000);
    timers.add(timer);
  }

  async function disconnect(integration) {
    const archive = h('input', { type: 'checkbox', id: 'archive-open', checked: true });
    const ok = await confirmDialog({
      title: `Disconnect ${integration.name}?`,
      message: 'Shoplink forgets its credentials, stops its running synchronizations and deactivates its listings. '
        + 'Imported orders stay readable; your catalog and mappings are kept for a later reconnect.',
      body: h('p', null, h('label', { class: 'check' }, archive,
        ' Move its open orders (status Received) to the archive')),
      confirmLabel: 'Disconnect',
      danger: true,
    });
    if (!ok) {
      return;
    }
    try {
      const r = await del(`/integrations/${integration.id}`, { archiveOpenOrders: archive.checked ? undefined : 'false' },
        { signal: ctx.signal });
      notify(notice, 'success', `${integration.name} is disconnected.`,
        `${r.listingsDeactivated} listings deactivated, ${r.ordersArchived} orders archived, ${r.syncsStopped} synchronizations stopped.`);
      await reload();
    } catch (e) {
      if (!isAbort(e)) {
        replace(notice, errorBanner(e, `${integration.name} could not be disconnected.`));
      }
    }
  }

  try {
    for (const c of (await get('/connectors', undefined, { signal: ctx.signal })).items) {
      connectorNames.set(c.id, c.name);
    }
  } catch (e) {
    if (isAbort(e)) {
      return;
    }
  }
  await reload();
  // the latest run of each integration; keep following the ones still running
  await Promise.all(integrations.filter((x) => x.status !== 'DISCONNECTED').map(async (i) => {
    try {
      const sync = (await get(`/integrations/${i.id}/syncs`, { size: 1 }, { signal: ctx.signal })).items[0];
      if (sync && !syncs.has(i.id)) {
        syncs.set(i.id, sync);
        if (ACTIVE.has(sync.state)) {
          poll(i.id, sync.syncId);
        }
      }
    } catch {
      // the overview works without it
    }
  }));
  if (!left) {
    draw();
  }
}

/** What a disconnected integration left behind: orders and listings still linked to the catalog. */
function keptCount(i) {
  const c = i.counts || {};
  return (c.orders ?? 0) + (c.listingsMapped ?? 0) + (c.listingsIgnored ?? 0);
}

/** The live state of one sync run. */
function progress(sync) {
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
  switch (sync.state) {
    case 'QUEUED':
      return h('div', { class: 'sync', 'data-state': sync.state }, badge('QUEUED'), ' waiting for a worker…');
    case 'RUNNING':
      return h('div', { class: 'sync', 'data-state': sync.state },
        h('div', null, badge('RUNNING'), ` ${humanize(sync.phase)}: `, counts), bar);
    case 'WAITING_RATE_LIMIT': {
      const seconds = sync.waitUntil ? Math.max(0, Math.round((new Date(sync.waitUntil) - Date.now()) / 1000)) : null;
      return h('div', { class: 'sync', 'data-state': sync.state },
        h('div', null, badge('WAITING_RATE_LIMIT', 'badge-warning'),
          sync.waitUntil ? ` waiting ${seconds} s for the shop's rate limit (continues at ${formatTime(sync.waitUntil)})`
            : ' waiting for the shop\'s rate limit; continuing soon'),
        h('div', { class: 'small muted' }, `${humanize(sync.phase)}: `, counts), bar);
    }
    case 'SUCCEEDED':
      return h('div', { class: 'sync', 'data-state': sync.state }, badge('SUCCEEDED'), ' ',
        h('span', { class: 'sync-progress', 'data-pages': p.pagesDone, 'data-items': p.items }, `${items} in ${p.pagesDone} pages`));
    case 'FAILED':
      return h('div', { class: 'sync', 'data-state': sync.state }, badge('FAILED'),
        h('div', { class: 'small error-text' }, sync.error || 'The synchronization failed.'));
    default:
      return h('span', null, humanize(sync.state));
  }
}

/** Seconds as "40 s" or "3 min 5 s". */
function duration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
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

