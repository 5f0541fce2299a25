// The mapping wizard: link shop listings to catalog products with a unit and a grind style.
import { get, post, del, isAbort, ApiError } from '../api.js';
import {
  h, replace, banner, errorBanner, notify, humanize, table, pager, debounce, nextId, clearFieldErrors, setFieldError,
  clearFieldError, confirmDialog,
  viewHeading, announce,
} from '../dom.js';

const PAGE_SIZE = 50;
const GROUP_PAGE_SIZE = 25;
const TABS = [
  { state: 'NEW', label: 'To map', editable: true },
  { state: 'UNLINKED', label: 'Unlinked', editable: true },
  { state: 'MAPPED', label: 'Mapped' },
  { state: 'IGNORED', label: 'Ignored' },
];

export async function mappingView(ctx) {
  const id = ctx.params.id;
  const [integration, units, grindStyles] = await Promise.all([
    get(`/integrations/${id}`, undefined, { signal: ctx.signal }),
    get('/catalog/units', undefined, { signal: ctx.signal }).then((r) => r.items),
    get('/catalog/grind-styles', undefined, { signal: ctx.signal }).then((r) => r.items),
  ]);

  const state = {
    tab: TABS.some((t) => t.state === ctx.query.tab) ? ctx.query.tab : 'NEW',
    q: ctx.query.q || '',
    page: 1,
    result: null,
  };
  let unlinked;  // count of UNLINKED listings (the integration's counts do not carry it)
  // listingId → {listing, group, unit, grindStyle, unitSuggested, grindSuggested, confirmed}; kept across pages and tabs
  const drafts = new Map();
  // group key → {key, name, productId, productName, suggested, reason, listingIds}
  const groups = new Map();
  const rowControls = new Map();  // listingId → {product, unit, grindStyle, row, rowError}
  const groupControls = new Map();  // group key → {product}

  const notice = h('div', { class: 'notice' });
  const tabList = h('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Listings by state' });
  const panel = h('div', { role: 'tabpanel', id: 'listing-panel', class: 'tab-panel' });
  const filter = h('input', { type: 'search', id: 'listing-filter', value: state.q, placeholder: 'Name, SKU, variant…', autocomplete: 'off' });
  const filledInfo = h('span', { class: 'muted', 'aria-live': 'polite' });
  const saveButton = h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'save-mappings', onclick: () => save() },
    'Save and finish');
  const footerMessage = h('span', { class: 'footer-message', role: 'alert' });
  const acceptAllButton = h('button', { type: 'button', class: 'btn', 'data-action': 'accept-all', onclick: acceptAll },
    'Accept all suggestions');
  const footer = h('div', { class: 'wizard-footer' }, footerMessage, filledInfo, acceptAllButton, saveButton);

  filter.addEventListener('input', debounce(() => {
    state.q = filter.value.trim();
    state.page = 1;
    load();
  }, 300));

  replace(ctx.main,
    viewHeading(`Map products — ${integration.name}`,
      h('a', { class: 'btn', href: '#/integrations' }, 'Back to integrations')),
    h('p', { class: 'lead' },
      'Link every shop variant to a product of your catalog with a unit and a grind style. Listings are grouped by '
      + 'product: choose the catalog product once per group (an existing one, or type a new name). Units and grind '
      + 'styles read from the listings are suggested (marked "suggested"); accept them per group or all at once, '
      + 'correct any row, then "Save and finish". Only accepted or edited rows are saved; the catalog variant is keyed '
      + 'by the listing\'s SKU.'),
    notice,
    tabList,
    h('div', { class: 'toolbar' },
      h('label', { for: 'listing-filter' }, 'Filter'), filter),
    panel,
    footer);

  function drawTabs() {
    const counts = integration.counts || {};
    const known = {
      NEW: counts.listingsNew, UNLINKED: unlinked, MAPPED: counts.listingsMapped, IGNORED: counts.listingsIgnored,
    };
    replace(tabList, TABS.map((t) => h('button', {
      type: 'button',
      role: 'tab',
      id: `tab-${t.state}`,
      'aria-selected': String(t.state === state.tab),
      'aria-controls': 'listing-panel',
      tabIndex: t.state === state.tab ? 0 : -1,
      'data-tab': t.state,
      class: 'tab',
      onclick: () => selectTab(t.state),
      onkeydown: (event) => {
        const i = TABS.indexOf(t);
        const next = event.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length]
          : event.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : null;
        if (next) {
          event.preventDefault();
          selectTab(next.state).then(() => tabList.querySelector(`[data-tab="${next.state}"]`).focus());
        }
      },
    }, t.label, known[t.state] !== undefined ? h('span', { class: 'tab-count' }, String(known[t.state])) : null)));
    panel.setAttribute('aria-labelledby', `tab-${state.tab}`);
  }

  async function selectTab(tab) {
    state.tab = tab;
    state.page = 1;
    await load();
  }

  async function refreshCounts() {
    try {
      const [fresh, unlinkedPage] = await Promise.all([
        get(`/integrations/${id}`, undefined, { signal: ctx.signal }),
        get(`/integrations/${id}/listings`, { state: 'UNLINKED', size: 1 }, { signal: ctx.signal }),
      ]);
      Object.assign(integration, fresh);
      unlinked = unlinkedPage.total;
    } catch (e) {
      // counts are a nicety; the table is what matters
    }
  }

  async function load() {
    ctx.replaceQuery({ tab: state.tab === 'NEW' ? '' : state.tab, q: state.q });
    drawTabs();
    const editable = TABS.find((t) => t.state === state.tab).editable;
    footer.hidden = !editable;
    try {
      const path = editable ? `/integrations/${id}/listings/suggestions` : `/integrations/${id}/listings`;
      state.result = await get(path,
        { state: state.tab, q: state.q, page: state.page, size: editable ? GROUP_PAGE_SIZE : PAGE_SIZE },
        { signal: ctx.signal });
      draw();
    } catch (e) {
      if (!isAbort(e)) {
        replace(panel, errorBanner(e, 'The listings could not be loaded.'));
      }
    }
  }

  function draw() {
    rowControls.clear();
    const { items } = state.result;
    const tab = TABS.find((t) => t.state === state.tab);
    if (!items.length) {
      const empty = state.q ? 'No listing matches the filter.' : {
        NEW: 'Nothing left to map. New shop variants show up here after a synchronization.',
        UNLINKED: 'No unlinked listing.',
        MAPPED: 'No listing is mapped yet.',
        IGNORED: 'No listing is ignored.',
      }[state.tab];
      replace(panel, h('p', { class: 'empty' }, empty));
      updateFilled();
      return;
    }
    let content;
    if (tab.editable) {
      groupControls.clear();
      content = h('div', { class: 'table-wrap' },
        h('table', { class: 'table table-wizard' },
          h('caption', { class: 'visually-hidden' }, 'Listings to map, grouped by product'),
          h('thead', null, h('tr', null, ['Shop listing', 'Unit', 'Grind style', actionsHeader()]
            .map((x) => h('th', { scope: 'col' }, x)))),
          items.map(groupBody)));
    } else if (state.tab === 'MAPPED') {
      content = table('Mapped listings', ['Shop listing', 'Product', 'Unit', 'Grind style', actionsHeader()], items.map((l) => h('tr', { 'data-listing': l.id },
        h('td', null, listingCell(l)),
        h('td', null, l.mapping ? l.mapping.productName : '—'),
        h('td', null, l.mapping ? l.mapping.unit : '—'),
        h('td', null, l.mapping ? humanize(l.mapping.grindStyle) : '—'),
        h('td', { class: 'row-actions' }, actionButton(l, 'unlink', 'Unlink', 'DELETE', 'mapping')))));
    } else {
      content = table('Ignored listings', ['Shop listing', 'Price', actionsHeader()], items.map((l) => h('tr', { 'data-listing': l.id },
        h('td', null, listingCell(l)),
        h('td', null, l.price ?? '—'),
        h('td', { class: 'row-actions' }, actionButton(l, 'include', 'Include', 'POST', 'include')))));
    }
    replace(panel, content,
      state.result.total > state.result.size
        ? pager(state.result, (page) => { state.page = page; load(); }, tab.editable ? 'products' : 'listings') : null);
    updateFilled();
  }

  function listingCell(l) {
    return h('div', { class: 'listing' },
      h('div', { class: 'strong' }, l.name || '(no name)'),
      h('div', { class: 'small muted' },
        l.variant ? `${l.variant} · ` : '',
        'SKU ', h('code', null, l.sku || '—'),
        l.price ? ` · ${l.price}` : '',
        l.active === false ? ' · inactive' : ''));
  }

  function actionButton(listing, action, label, method, path) {
    return h('button', {
      type: 'button', class: 'btn btn-small', 'data-action': action,
      'aria-label': `${label} ${listing.name || listing.sku}`,
      onclick: async () => {
        try {
          const url = `/integrations/${id}/listings/${listing.id}/${path}`;
          if (method === 'DELETE') {
            await del(url, undefined, { signal: ctx.signal });
          } else {
            await post(url, undefined, { signal: ctx.signal });
          }
          drafts.delete(listing.id);
          notify(notice, 'success', '', {
            ignore: `${listing.name || listing.sku} is ignored.`,
            include: `${listing.name || listing.sku} is back in the list to map.`,
            unlink: `${listing.name || listing.sku} is unlinked; map it again under "Unlinked".`,
          }[action]);
          await refreshCounts();
          await load();
        } catch (e) {
          if (!isAbort(e)) {
            replace(notice, errorBanner(e, 'The listing could not be changed.'));
          }
        }
      },
    }, label);
  }

  function groupBody(group) {
    const suggestion = group.product;
    const g = groups.get(group.key) || {
      key: group.key,
      name: group.name,
      productId: suggestion.id ?? null,
      productName: suggestion.name,
      suggested: true,
      reason: suggestion.reason,
    };
    g.listingIds = group.listings.map((s) => s.listing.id);
    groups.set(group.key, g);
    const controlId = `g-${groups.size}-${group.key.replace(/[^A-Za-z0-9]+/g, '-')}`.slice(0, 60);
    const product = productCombo(controlId, g, () => {
      g.suggested = false;
      // a product typed or picked for the group confirms its filled rows' product
      g.listingIds.forEach((lid) => { const d = drafts.get(lid); if (d && d.confirmed) { touchRow(d); } });
      updateFilled();
    }, `Catalog product for ${group.name}`);
    groupControls.set(group.key, { product: product.input });
    const mappable = group.listings.filter((s) => !s.listing.problem).length;
    const head = h('tr', { class: 'group-row', 'data-group': group.key },
      h('th', { scope: 'rowgroup', colspan: '2' },
        h('div', { class: 'group-name' }, group.name,
          h('span', { class: 'small muted' }, ` · ${group.listings.length} listing${group.listings.length === 1 ? '' : 's'}`)),
        h('label', { class: 'small', for: product.input.id }, 'Catalog product'),
        product.element,
        h('p', { class: 'small muted suggestion-reason' }, g.suggested ? `Suggested: ${g.reason}` : '')),
      h('td', { class: 'group-actions', colspan: '2' },
        h('button', {
          type: 'button', class: 'btn btn-small', 'data-action': 'accept-group', disabled: mappable === 0,
          'aria-label': `Accept the suggestions for ${group.name}`,
          onclick: () => acceptGroup(group.key),
        }, 'Accept suggestions')));
    return h('tbody', { class: 'group', 'data-group-body': group.key }, head, group.listings.map((s) => editableRow(s, g)));
  }

  function touchRow(draft) {
    draft.confirmed = true;
    const controls = rowControls.get(draft.listing.id);
    if (controls) {
      controls.row.classList.add('row-confirmed');
      controls.unit.classList.remove('suggested');
      controls.grindStyle.classList.remove('suggested');
      controls.state.textContent = 'accepted';
    }
    updateFilled();
  }

  function editableRow(s, g) {
    const l = s.listing;
    if (l.problem) {
      return h('tr', { class: 'row-problem', 'data-listing': l.id, 'aria-disabled': 'true' },
        h('td', null, listingCell(l), h('p', { class: 'problem' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), l.problem)),
        h('td', { colspan: '2' }),
        h('td', { class: 'row-actions' }, actionButton(l, 'ignore', 'Ignore', 'POST', 'ignore')));
    }
    let draft = drafts.get(l.id);
    if (!draft) {
      draft = {
        listing: l,
        group: g.key,
        unit: s.unit ? s.unit.value : '',
        grindStyle: s.grindStyle ? s.grindStyle.value : '',
        unitFrom: s.unit ? s.unit.source : null,
        grindFrom: s.grindStyle ? s.grindStyle.source : null,
        confirmed: false,
      };
      drafts.set(l.id, draft);
    }
    const base = `m-${l.id}`;
    const label = l.name || l.sku;
    const unit = select(`${base}-unit`, units, draft.unit, (v) => { draft.unit = v; touchRow(draft); }, (u) => u, `Unit for ${label}`);
    const grind = select(`${base}-grind`, grindStyles, draft.grindStyle, (v) => { draft.grindStyle = v; touchRow(draft); },
      humanize, `Grind style for ${label}`);
    if (!draft.confirmed) {
      if (draft.unit) unit.classList.add('suggested');
      if (draft.grindStyle) grind.classList.add('suggested');
    }
    const rowError = h('p', { class: 'field-error', id: `${base}-row-error`, hidden: true });
    const stateLabel = h('span', { class: 'small muted row-state' }, draft.confirmed ? 'accepted' : 'suggested');
    const row = h('tr', { 'data-listing': l.id, class: draft.confirmed ? 'row-confirmed' : null },
      h('td', null, listingCell(l), rowError),
      h('td', null, cellWithError(unit), draft.unitFrom ? h('p', { class: 'small muted' }, `from ${draft.unitFrom}`) : null),
      h('td', null, cellWithError(grind), draft.grindFrom ? h('p', { class: 'small muted' }, `from ${draft.grindFrom}`) : null),
      h('td', { class: 'row-actions' }, stateLabel, ' ', actionButton(l, 'ignore', 'Ignore', 'POST', 'ignore')));
    rowControls.set(l.id, { unit, grindStyle: grind, rowError, row, state: stateLabel, group: g.key });
    return row;
  }

  function acceptGroup(key) {
    const g = groups.get(key);
    g.listingIds.map((lid) => drafts.get(lid)).filter(Boolean).forEach(touchRow);
    updateFilled();
  }

  function acceptAll() {
    for (const key of groupControls.keys()) {
      acceptGroup(key);
    }
    notify(notice, 'info', 'Suggestions accepted.', 'Check the rows, then "Save and finish". Nothing is saved before.');
  }

  function cellWithError(control) {
    const error = h('p', { class: 'field-error', id: `${control.id}-error`, hidden: true });
    control.setAttribute('aria-describedby', error.id);
    return [control, error];
  }

  function select(controlId, values, current, onChange, labelOf, ariaLabel) {
    const el = h('select', { id: controlId, 'aria-label': ariaLabel },
      h('option', { value: '' }, '—'),
      values.map((v) => h('option', { value: v, selected: v === current }, labelOf(v))));
    el.addEventListener('change', () => {
      clearFieldError(el);
      onChange(el.value);
    });
    return el;
  }

  function productCombo(controlId, draft, touch, ariaLabel) {
    const listId = nextId('products');
    const input = h('input', {
      type: 'text', id: controlId, role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
      'aria-controls': listId, 'aria-label': ariaLabel, autocomplete: 'off', spellcheck: 'false',
      value: draft.productName, placeholder: 'Type a product name', class: 'combo-input',
    });
    const list = h('ul', { role: 'listbox', id: listId, class: 'combo-list', hidden: true, 'aria-label': 'Catalog products' });
    const status = h('p', { class: 'combo-status small', id: `${controlId}-status` });
    const error = h('p', { class: 'field-error', id: `${controlId}-error`, hidden: true });
    input.setAttribute('aria-describedby', `${status.id} ${error.id}`);
    let options = [];
    let active = -1;
    let sequence = 0;

    function showStatus() {
      if (draft.productId) {
        replace(status, h('span', { class: 'pill pill-existing' }, 'existing product'));
      } else if (draft.productName) {
        replace(status, h('span', { class: 'pill pill-new' }, 'new product'));
      } else {
        replace(status);
      }
    }

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function open() {
      if (!options.length) {
        close();
        return;
      }
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function highlight(index) {
      active = index;
      [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
      if (index >= 0 && list.children[index]) {
        input.setAttribute('aria-activedescendant', list.children[index].id);
        list.children[index].scrollIntoView({ block: 'nearest' });
      }
    }

    function pick(productItem) {
      draft.productId = productItem.id;
      draft.productName = productItem.name;
      input.value = productItem.name;
      close();
      showStatus();
      touch();
    }

    const search = debounce(async () => {
      const q = input.value.trim();
      const mine = ++sequence;
      if (!q) {
        options = [];
        close();
        return;
      }
      try {
        const page = await get('/products', { q, size: 8 }, { signal: ctx.signal });
        if (mine !== sequence) {
          return;
        }
        options = page.items;
        const exact = options.find((p) => p.name.toLowerCase() === q.toLowerCase());
        if (exact && !draft.productId) {
          draft.productId = exact.id;
          showStatus();
        }
        replace(list, options.map((p, i) => h('li', {
          role: 'option', id: `${listId}-${i}`, 'aria-selected': 'false', class: 'combo-option', 'data-product-id': p.id,
          onmousedown: (event) => { event.preventDefault(); pick(p); },
        }, p.name, h('span', { class: 'small muted' }, ` · ${p.variants.length} variant${p.variants.length === 1 ? '' : 's'}`))));
        if (document.activeElement === input) {
          open();
        }
      } catch (e) {
        if (!isAbort(e)) {
          options = [];
          close();
        }
      }
    }, 250);

    input.addEventListener('input', () => {
      clearFieldError(input);
      draft.productName = input.value.trim();
      draft.productId = null;
      showStatus();
      touch();
      search();
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        if (list.hidden) {
          open();
        }
        highlight(Math.min(options.length - 1, active + 1));
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        highlight(Math.max(0, active - 1));
      } else if (event.key === 'Enter' && !list.hidden && active >= 0) {
        event.preventDefault();
        pick(options[active]);
      } else if (event.key === 'Escape' && !list.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener('blur', () => setTimeout(close, 150));
    showStatus();
    return { input, element: h('div', { class: 'combo' }, input, list, status, error) };
  }

  function confirmedDrafts() {
    return [...drafts.values()].filter((d) => d.confirmed);
  }

  function updateFilled() {
    const n = confirmedDrafts().length;
    const waiting = [...rowControls.keys()].filter((lid) => drafts.get(lid) && !drafts.get(lid).confirmed).length;
    filledInfo.textContent = n
      ? `${n} row${n === 1 ? '' : 's'} to save${waiting ? ` · ${waiting} suggested, not accepted` : ''}`
      : 'Accept suggestions or edit a row to map it';
    saveButton.disabled = n === 0;
    acceptAllButton.hidden = waiting === 0;
  }

  function markRow(draft, field, message) {
    const controls = rowControls.get(draft.listing.id);
    if (!controls) {
      return false;
    }
    const target = { unit: controls.unit, grindStyle: controls.grindStyle }[field]
      || (field && field.startsWith('product') ? (groupControls.get(draft.group) || {}).product : null);
    if (target) {
      setFieldError(target, message);
    } else {
      controls.rowError.textContent = message;
      controls.rowError.hidden = false;
    }
    controls.row.classList.add('row-invalid');
    return true;
  }

  function nothingSaved(detail, items) {
    replace(notice, banner('error', 'Nothing was saved.', detail, items));
    footerMessage.textContent = `Nothing was saved: ${detail}`;
    notice.scrollIntoView({ block: 'nearest' });
    announce(`Nothing was saved. ${detail}`);
    const first = panel.querySelector('[aria-invalid="true"]');
    if (first) {
      first.focus({ preventScroll: true });
      first.scrollIntoView({ block: 'center' });
    }
  }

  async function save(acknowledgeWarnings = false) {
    const rows = confirmedDrafts();
    if (!rows.length) {
      return;
    }
    clearFieldErrors(panel);
    panel.querySelectorAll('.row-invalid').forEach((tr) => tr.classList.remove('row-invalid'));
    replace(notice);
    footerMessage.textContent = '';
    // what the host would refuse anyway, said here with what to do
    let missing = 0;
    for (const d of rows) {
      const g = groups.get(d.group);
      if (!d.unit && markRow(d, 'unit', 'Choose a unit.')) missing++;
      if (!d.grindStyle && markRow(d, 'grindStyle', 'Choose a grind style.')) missing++;
      if (g && !g.productName && markRow(d, 'product', 'Choose a catalog product or type a new name.')) missing++;
    }
    if (missing) {
      nothingSaved('Choose a unit and a grind style (and the group\'s product) in the marked rows.');
      return;
    }
    const body = {
      mappings: rows.map((d) => {
        const g = groups.get(d.group);
        return {
          listingId: d.listing.id,
          product: g.productId ? { id: g.productId } : { name: g.productName },
          unit: d.unit,
          grindStyle: d.grindStyle,
        };
      }),
    };
    if (acknowledgeWarnings) {
      body.acknowledgeWarnings = true;
    }
    saveButton.disabled = true;
    try {
      const result = await post(`/integrations/${id}/mappings`, body, { signal: ctx.signal });
      rows.forEach((d) => drafts.delete(d.listing.id));
      const n = result.items.length;
      notify(notice, 'success', `${n} listing${n === 1 ? '' : 's'} mapped.`, 'They are linked to your catalog now.');
      await refreshCounts();
      if (!unlinked && !(integration.counts || {}).listingsNew) {
        state.tab = 'MAPPED';
      }
      state.q = '';
      filter.value = '';
      state.page = 1;
      await load();
    } catch (e) {
      if (isAbort(e)) {
        return;
      }
      if (e instanceof ApiError && e.kind === 'unacknowledged-warnings') {
        const items = e.fieldErrors.map((err) => {
          const m = /^mappings\[(\d+)\]/.exec(err.field);
          const d = m ? rows[Number(m[1])] : null;
          return `${d ? (d.listing.name || d.listing.sku) : err.field}${d && d.listing.variant ? ` (${d.listing.variant})` : ''}: ${err.message}`;
        });
        const ok = await confirmDialog({
          title: 'Save units that contradict the listings?',
          message: 'These units differ from what the listings say. Save them anyway, or cancel and correct them.',
          body: h('ul', { class: 'warning-list' }, items.map((x) => h('li', null, x))),
          confirmLabel: 'Save anyway',
        });
        if (ok) {
          await save(true);
        } else {
          e.fieldErrors.forEach((err) => {
            const m = /^mappings\[(\d+)\](?:\.(\w+))?/.exec(err.field);
            if (m) markRow(rows[Number(m[1])], m[2], err.message);
          });
          nothingSaved('Correct the units that contradict their listings, or save again and confirm.');
        }
        return;
      }
      showSaveProblem(e, rows);
    } finally {
      updateFilled();
    }
  }

  function showSaveProblem(e, rows) {
    if (!(e instanceof ApiError)) {
      replace(notice, errorBanner(e));
      return;
    }
    if (e.status === 409) {
      replace(notice, banner('error', 'SKU conflict:', e.problem.detail));
      footerMessage.textContent = 'Nothing was saved: SKU conflict.';
      notice.scrollIntoView({ block: 'nearest' });
      return;
    }
    const elsewhere = [];
    for (const err of e.fieldErrors) {
      const m = /^mappings\[(\d+)\](?:\.(\w+))?/.exec(err.field);
      const draft = m ? rows[Number(m[1])] : null;
      if (!draft || !markRow(draft, m[2], err.message)) {
        const who = draft ? `${draft.listing.name || draft.listing.sku}: ` : `${err.field}: `;
        elsewhere.push(who + err.message);
      }
    }
    if (e.kind === 'validation') {
      nothingSaved('Please correct the marked rows.', elsewhere);
    } else {
      replace(notice, banner('error', `${e.problem.title || 'Error'}:`, e.problem.detail, elsewhere));
      footerMessage.textContent = 'Nothing was saved.';
    }
  }

  await refreshCounts();
  await load();
}

function actionsHeader() {
  return h('span', { class: 'visually-hidden' }, 'Actions');
}
