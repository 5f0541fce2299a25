// The mapping wizard: link shop listings to catalog products with a unit and a grind style.
// Its parts live in ./mapping/: groups.js (the editable tabs), listings.js (the read-only tabs and listing cells),
// footer.js and save.js; they share the wizard `m` built here.
import { get, isAbort } from '../api.js';
import { h, replace, errorBanner, pager, debounce, viewHeading } from '../dom.js';
import { drawTabs } from '../components/tabs.js';
import { groupsTable, acceptAll } from './mapping/groups.js';
import { emptyText, mappedTable, ignoredTable } from './mapping/listings.js';
import { wizardFooter, updateFilled } from './mapping/footer.js';
import { save } from './mapping/save.js';

const PAGE_SIZE = 50;
const GROUP_PAGE_SIZE = 25;
const TABS = [
  { state: 'NEW', label: 'To map', editable: true },
  { state: 'UNLINKED', label: 'Unlinked', editable: true },
  { state: 'MAPPED', label: 'Mapped' },
  { state: 'IGNORED', label: 'Ignored' },
];
const LEAD = 'Link every shop variant to a product of your catalog with a unit and a grind style. Listings are grouped by '
  + 'product: choose the catalog product once per group (an existing one, or type a new name). Units and grind '
  + 'styles read from the listings are suggested (marked "suggested"); accept them per group or all at once, '
  + 'correct any row, then "Save and finish". Only accepted or edited rows are saved; the catalog variant is keyed '
  + 'by the listing\'s SKU.';

export async function mappingView(ctx) {
  const id = ctx.params.id;
  const [integration, units, grindStyles] = await Promise.all([
    get(`/integrations/${id}`, undefined, { signal: ctx.signal }),
    get('/catalog/units', undefined, { signal: ctx.signal }).then((r) => r.items),
    get('/catalog/grind-styles', undefined, { signal: ctx.signal }).then((r) => r.items),
  ]);
  const m = wizard(ctx, id, integration, units, grindStyles);
  replace(ctx.main,
    viewHeading(`Map products — ${integration.name}`,
      h('a', { class: 'btn', href: '#/integrations' }, 'Back to integrations')),
    h('p', { class: 'lead' }, LEAD),
    m.notice,
    m.tabList,
    h('div', { class: 'toolbar' },
      h('label', { for: 'listing-filter' }, 'Filter'), m.filter),
    m.panel,
    m.footer.element);
  await m.refreshCounts();
  await m.load();
}

/** The wizard's state and parts, shared by the modules in ./mapping/. */
function wizard(ctx, id, integration, units, grindStyles) {
  const m = {
    ctx, id, integration, units, grindStyles,
    state: {
      tab: TABS.some((t) => t.state === ctx.query.tab) ? ctx.query.tab : 'NEW',
      q: ctx.query.q || '',
      page: 1,
      result: null,
    },
    unlinked: undefined,  // count of UNLINKED listings (the integration's counts do not carry it)
    // listingId → {listing, group, unit, grindStyle, unitFrom, grindFrom, confirmed}; kept across pages and tabs
    drafts: new Map(),
    // group key → {key, name, productId, productName, suggested, reason, listingIds}
    groups: new Map(),
    rowControls: new Map(),  // listingId → {unit, grindStyle, rowError, row, state, group}
    groupControls: new Map(),  // group key → {product}
    notice: h('div', { class: 'notice' }),
    tabList: h('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Listings by state' }),
    panel: h('div', { role: 'tabpanel', id: 'listing-panel', class: 'tab-panel' }),
  };
  m.filter = h('input', { type: 'search', id: 'listing-filter', value: m.state.q, placeholder: 'Name, SKU, variant…', autocomplete: 'off' });
  m.footer = wizardFooter(() => save(m), () => acceptAll(m));
  m.load = () => load(m);
  m.refreshCounts = () => refreshCounts(m);
  m.filter.addEventListener('input', debounce(() => {
    m.state.q = m.filter.value.trim();
    m.state.page = 1;
    load(m);
  }, 300));
  return m;
}

function showTabs(m) {
  const counts = m.integration.counts || {};
  drawTabs(m.tabList, m.panel, {
    tabs: TABS,
    selected: m.state.tab,
    counts: { NEW: counts.listingsNew, UNLINKED: m.unlinked, MAPPED: counts.listingsMapped, IGNORED: counts.listingsIgnored },
    select: async (tab) => {
      m.state.tab = tab;
      m.state.page = 1;
      await load(m);
    },
  });
}

async function refreshCounts(m) {
  try {
    const [fresh, unlinkedPage] = await Promise.all([
      get(`/integrations/${m.id}`, undefined, { signal: m.ctx.signal }),
      get(`/integrations/${m.id}/listings`, { state: 'UNLINKED', size: 1 }, { signal: m.ctx.signal }),
    ]);
    Object.assign(m.integration, fresh);
    m.unlinked = unlinkedPage.total;
  } catch (e) {
    // counts are a nicety; the table is what matters
  }
}

async function load(m) {
  const { state } = m;
  m.ctx.replaceQuery({ tab: state.tab === 'NEW' ? '' : state.tab, q: state.q });
  showTabs(m);
  const editable = TABS.find((t) => t.state === state.tab).editable;
  m.footer.element.hidden = !editable;
  try {
    const path = editable ? `/integrations/${m.id}/listings/suggestions` : `/integrations/${m.id}/listings`;
    state.result = await get(path,
      { state: state.tab, q: state.q, page: state.page, size: editable ? GROUP_PAGE_SIZE : PAGE_SIZE },
      { signal: m.ctx.signal });
    draw(m);
  } catch (e) {
    if (!isAbort(e)) {
      replace(m.panel, errorBanner(e, 'The listings could not be loaded.'));
    }
  }
}

function draw(m) {
  const { state } = m;
  m.rowControls.clear();
  const { items } = state.result;
  const tab = TABS.find((t) => t.state === state.tab);
  if (!items.length) {
    replace(m.panel, emptyText(state.tab, state.q));
    updateFilled(m);
    return;
  }
  const content = tab.editable ? groupsTable(m, items)
    : state.tab === 'MAPPED' ? mappedTable(m, items) : ignoredTable(m, items);
  replace(m.panel, content,
    state.result.total > state.result.size
      ? pager(state.result, (page) => { state.page = page; load(m); }, tab.editable ? 'products' : 'listings') : null);
  updateFilled(m);
}
