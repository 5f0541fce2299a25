// Synchronize (with live progress by polling the run) and disconnect, from the integrations overview.
import { get, post, del, isAbort } from '../../api.js';
import { h, replace, errorBanner, notify, confirmDialog, announce } from '../../dom.js';
import { progress, ACTIVE } from './progress.js';

export async function synchronize(v, integration) {
  try {
    const sync = await post(`/integrations/${integration.id}/sync`, { scope: 'all' }, { signal: v.ctx.signal });
    v.syncs.set(integration.id, sync);
    replace(v.notice);
    announce(`Synchronization of ${integration.name} started.`);
    integration.status = 'SYNCING';
    v.draw();
    poll(v, integration.id, sync.syncId);
  } catch (e) {
    if (!isAbort(e)) {
      replace(v.notice, errorBanner(e, `${integration.name} could not be synchronized.`));
    }
  }
}

/** Follows a run once a second until it ends, then reloads the overview. */
function poll(v, integrationId, syncId) {
  const timer = setTimeout(async () => {
    v.timers.delete(timer);
    if (v.left) {
      return;
    }
    try {
      const sync = await get(`/syncs/${syncId}`, undefined, { signal: v.ctx.signal });
      v.syncs.set(integrationId, sync);
      if (ACTIVE.has(sync.state)) {
        const cell = v.body.querySelector(`[data-sync-for="${integrationId}"]`);
        if (cell) {
          replace(cell, progress(sync));
        }
        poll(v, integrationId, syncId);
      } else {
        const name = (v.integrations.find((x) => x.id === integrationId) || {}).name || 'The integration';
        announce(sync.state === 'SUCCEEDED' ? `${name} is synchronized.` : `Synchronization of ${name} failed.`);
        await v.reload();
      }
    } catch (e) {
      if (!isAbort(e) && !v.left) {
        poll(v, integrationId, syncId); // a hiccup: try again in a second
      }
    }
  }, 1000);
  v.timers.add(timer);
}

/** The latest run of each integration; keeps following the ones still running. */
export async function followLatestRuns(v) {
  await Promise.all(v.integrations.filter((x) => x.status !== 'DISCONNECTED').map(async (i) => {
    try {
      const sync = (await get(`/integrations/${i.id}/syncs`, { size: 1 }, { signal: v.ctx.signal })).items[0];
      if (sync && !v.syncs.has(i.id)) {
        v.syncs.set(i.id, sync);
        if (ACTIVE.has(sync.state)) {
          poll(v, i.id, sync.syncId);
        }
      }
    } catch {
      // the overview works without it
    }
  }));
}

export async function disconnect(v, integration) {
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
      { signal: v.ctx.signal });
    notify(v.notice, 'success', `${integration.name} is disconnected.`,
      `${r.listingsDeactivated} listings deactivated, ${r.ordersArchived} orders archived, ${r.syncsStopped} synchronizations stopped.`);
    await v.reload();
  } catch (e) {
    if (!isAbort(e)) {
      replace(v.notice, errorBanner(e, `${integration.name} could not be disconnected.`));
    }
  }
}
