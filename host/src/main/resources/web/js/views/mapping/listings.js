// The mapping wizard's read-only tabs (Mapped, Ignored), the empty text, and what every listing row shows.
import { del, post, isAbort } from '../../api.js';
import { h, replace, errorBanner, notify, humanize, table } from '../../dom.js';

const EMPTY = {
  NEW: 'Nothing left to map. New shop variants show up here after a synchronization.',
  UNLINKED: 'No unlinked listing.',
  MAPPED: 'No listing is mapped yet.',
  IGNORED: 'No listing is ignored.',
};

export function emptyText(tab, q) {
  return h('p', { class: 'empty' }, q ? 'No listing matches the filter.' : EMPTY[tab]);
}

export function mappedTable(m, items) {
  return table('Mapped listings', ['Shop listing', 'Product', 'Unit', 'Grind style', actionsHeader()], items.map((l) => h('tr', { 'data-listing': l.id },
    h('td', null, listingCell(l)),
    h('td', null, l.mapping ? l.mapping.productName : '—'),
    h('td', null, l.mapping ? l.mapping.unit : '—'),
    h('td', null, l.mapping ? humanize(l.mapping.grindStyle) : '—'),
    h('td', { class: 'row-actions' }, actionButton(m, l, 'unlink', 'Unlink', 'DELETE', 'mapping')))));
}

export function ignoredTable(m, items) {
  return table('Ignored listings', ['Shop listing', 'Price', actionsHeader()], items.map((l) => h('tr', { 'data-listing': l.id },
    h('td', null, listingCell(l)),
    h('td', null, l.price ?? '—'),
    h('td', { class: 'row-actions' }, actionButton(m, l, 'include', 'Include', 'POST', 'include')))));
}

export function listingCell(l) {
  return h('div', { class: 'listing' },
    h('div', { class: 'strong' }, l.name || '(no name)'),
    h('div', { class: 'small muted' },
      l.variant ? `${l.variant} · ` : '',
      'SKU ', h('code', null, l.sku || '—'),
      l.price ? ` · ${l.price}` : '',
      l.active === false ? ' · inactive' : ''));
}

export function actionsHeader() {
  return h('span', { class: 'visually-hidden' }, 'Actions');
}

const DONE = {
  ignore: (name) => `${name} is ignored.`,
  include: (name) => `${name} is back in the list to map.`,
  unlink: (name) => `${name} is unlinked; map it again under "Unlinked".`,
};

/** Ignore, include or unlink one listing, then reload the tab. */
export function actionButton(m, listing, action, label, method, path) {
  return h('button', {
    type: 'button', class: 'btn btn-small', 'data-action': action,
    'aria-label': `${label} ${listing.name || listing.sku}`,
    onclick: async () => {
      try {
        const url = `/integrations/${m.id}/listings/${listing.id}/${path}`;
        if (method === 'DELETE') {
          await del(url, undefined, { signal: m.ctx.signal });
        } else {
          await post(url, undefined, { signal: m.ctx.signal });
        }
        m.drafts.delete(listing.id);
        notify(m.notice, 'success', '', DONE[action](listing.name || listing.sku));
        await m.refreshCounts();
        await m.load();
      } catch (e) {
        if (!isAbort(e)) {
          replace(m.notice, errorBanner(e, 'The listing could not be changed.'));
        }
      }
    },
  }, label);
}
