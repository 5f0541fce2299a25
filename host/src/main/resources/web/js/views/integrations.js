// Integrations overview: status, counts, last sync; synchronize with live progress; edit; disconnect.
// Its parts live in ./integrations/: table.js, progress.js and sync.js, sharing the overview state `v`.
import { get, isAbort } from '../api.js';
import { h, replace, errorBanner, notify, viewHeading } from '../dom.js';
import { integrationsTable, emptyState, keptList } from './integrations/table.js';
import { synchronize, disconnect, followLatestRuns } from './integrations/sync.js';

export async function integrationsView(ctx) {
  const v = overview(ctx);
  ctx.onLeave(() => {
    v.left = true;
    v.timers.forEach(clearTimeout);
  });
  replace(ctx.main,
    viewHeading('Integrations',
      h('a', { class: 'btn btn-primary', href: '#/integrations/new' }, 'Add integration')),
    v.notice,
    h('div', { class: 'toolbar' },
      h('label', { class: 'check' }, v.toggle, ' Show disconnected integrations')),
    v.body);
  try {
    for (const c of (await get('/connectors', undefined, { signal: ctx.signal })).items) {
      v.connectorNames.set(c.id, c.name);
    }
  } catch (e) {
    if (isAbort(e)) {
      return;
    }
  }
  await reload(v);
  await followLatestRuns(v);
  if (!v.left) {
    draw(v);
  }
}

/** The overview's state, shared by the modules in ./integrations/. */
function overview(ctx) {
  const v = {
    ctx,
    syncs: new Map(),      // integrationId → latest sync seen
    connectorNames: new Map(),
    timers: new Set(),
    all: [],               // every integration, disconnected ones included
    /** The rows of the table: the disconnected ones only when the box asks for them. */
    get integrations() {
      return this.toggle.checked ? this.all : this.all.filter((i) => i.status !== 'DISCONNECTED');
    },
    /** Disconnected integrations whose orders or mapped listings are still here. */
    get kept() {
      return this.all.filter((i) => i.status === 'DISCONNECTED' && keptCount(i) > 0);
    },
    left: false,
    notice: h('div', { class: 'notice' }),
    body: h('div'),
    toggle: h('input', { type: 'checkbox', id: 'show-disconnected', checked: ctx.query.disconnected === 'true' }),
  };
  if (ctx.session.flash) {
    const { kind, title, detail } = ctx.session.flash;
    ctx.session.flash = null;
    notify(v.notice, kind, title, detail);
  }
  // the list holds the disconnected integrations already: the box only redraws it
  v.toggle.addEventListener('change', () => {
    ctx.replaceQuery({ disconnected: v.toggle.checked ? 'true' : '' });
    draw(v);
  });
  v.reload = () => reload(v);
  v.draw = () => draw(v);
  v.actions = { synchronize: (i) => synchronize(v, i), disconnect: (i) => disconnect(v, i) };
  return v;
}

async function reload(v) {
  try {
    // disconnected ones always come along: the overview says what they kept even when they are hidden
    v.all = (await get('/integrations', { includeDisconnected: true, size: 200 }, { signal: v.ctx.signal })).items;
    draw(v);
  } catch (e) {
    if (!isAbort(e)) {
      replace(v.notice, errorBanner(e, 'The integrations could not be loaded.'));
    }
  }
}

function draw(v) {
  const focusedKey = document.activeElement && document.activeElement.dataset
    ? document.activeElement.dataset.key : null;
  if (!v.integrations.length) {
    replace(v.body, emptyState(v));
    return;
  }
  replace(v.body, integrationsTable(v, v.actions),
    !v.toggle.checked && v.kept.length
      ? h('div', { class: 'small muted kept-note' }, 'Also kept from disconnected integrations: ', keptList(v)) : null);
  if (focusedKey) {
    const again = v.body.querySelector(`[data-key="${CSS.escape(focusedKey)}"]`);
    if (again) {
      again.focus();
    }
  }
}

/** What a disconnected integration left behind: orders and listings still linked to the catalog. */
function keptCount(i) {
  const c = i.counts || {};
  return (c.orders ?? 0) + (c.listingsMapped ?? 0) + (c.listingsIgnored ?? 0);
}
