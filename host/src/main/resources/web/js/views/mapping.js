// The mapping wizard: link shop listings to catalog products with a unit and a grind style.
import { get, post, del, isAbort, ApiError } from '../api.js';
import {
  h, replace, banner, errorBanner, notify, humanize, table, pager, debounce, nextId, clearFieldErrors, setFieldError,
  clearFieldError,
  viewHeading, announce,
} from '../dom.js';

const PAGE_SIZE = 50;
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
  const drafts = new Map();  // listingId → {listing, productId, productName, unit, grindStyle}
  const rowControls = new Map();  // listingId → {product, unit, grindStyle, row}

  const notice = h('div', { class: 'notice' });
  const tabList = h('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Listings by state' });
  const panel = h('div', { role: 'tabpanel', id: 'listing-panel', class: 'tab-panel' });
  const filter = h('input', { type: 'search', id: 'listing-filter', value: state.q, placeholder: 'Name, SKU, variant…', autocomplete: 'off' });
  const filledInfo = h('span', { class: 'muted', 'aria-live': 'polite' });
  const saveButton = h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'save-mappings', onclick: save },
    'Save and finish');
  const footer = h('div', { class: 'wizard-footer' }, filledInfo, saveButton);

  filter.addEventListener('input', debounce(() => {
    state.q = filter.value.trim();
    state.page = 1;
    load();
  }, 300));

  replace(ctx.main,
    viewHeading(`Map products — ${integration.name}`,
      h('a', { class: 'btn', href: '#/integrations' }, 'Back to integrations')),
    h('p', { class: 'lead' },
      'Link every shop variant to a product of your catalog with a unit and a grind style. Pick an existing product '
      + 'or type a new name; the catalog variant is keyed by the listing\'s SKU. Only filled rows are saved.'),
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
      state.result = await get(`/integrations/${id}/listings`,
        { state: state.tab, q: state.q, page: state.page, size: PAGE_SIZE }, { signal: ctx.signal });
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
      content = table('Listings to map', ['Shop listing', 'Product', 'Unit', 'Grind style', actionsHeader()],
        items.map(editableRow), 'table-wizard');
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
      state.result.total > PAGE_SIZE ? pager(state.result, (page) => { state.page = page; load(); }, 'listings') : null);
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

  function editableRow(l) {
    if (l.problem) {
      return h('tr', { class: 'row-problem', 'data-listing': l.id, 'aria-disabled': 'true' },
        h('td', null, listingCell(l)),
        h('td', { colspan: '3' }, h('p', { class: 'problem' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), l.problem)),
        h('td', { class: 'row-actions' }, actionButton(l, 'ignore', 'Ignore', 'POST', 'ignore')));
    }
    const draft = drafts.get(l.id) || { listing: l, productId: null, productName: '', unit: '', grindStyle: '' };
    const base = `m-${l.id}`;
    const touch = () => {
      if (draft.productName || draft.unit || draft.grindStyle) {
        drafts.set(l.id, draft);
      } else {
        drafts.delete(l.id);
      }
      updateFilled();
    };
    const label = l.name || l.sku;
    const product = productCombo(`${base}-product`, draft, touch, `Product for ${label}`);
    const unit = select(`${base}-unit`, units, draft.unit, (v) => { draft.unit = v; touch(); }, (u) => u, `Unit for ${label}`);
    const grind = select(`${base}-grind`, grindStyles, draft.grindStyle, (v) => { draft.grindStyle = v; touch(); }, humanize,
      `Grind style for ${label}`);
    const rowError = h('p', { class: 'field-error', id: `${base}-row-error`, hidden: true });
    const row = h('tr', { 'data-listing': l.id },
      h('td', null, listingCell(l), rowError),
      h('td', null, product.element),
      h('td', null, cellWithError(unit)),
      h('td', null, cellWithError(grind)),
      h('td', { class: 'row-actions' }, actionButton(l, 'ignore', 'Ignore', 'POST', 'ignore')));
    rowControls.set(l.id, { product: product.input, unit, grindStyle: grind, rowError, row });
    return row;
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

  function filledDrafts() {
    return [...drafts.values()].filter((d) => d.productName || d.unit || d.grindStyle);
  }

  function updateFilled() {
    const n = filledDrafts().length;
    filledInfo.textContent = n ? `${n} row${n === 1 ? '' : 's'} filled` : 'Fill a row to map it';
    saveButton.disabled = n === 0;
  }

  async function save() {
    const rows = filledDrafts();
    if (!rows.length) {
      return;
    }
    clearFieldErrors(panel);
    panel.querySelectorAll('.row-invalid').forEach((tr) => tr.classList.remove('row-invalid'));
    replace(notice);
    const body = {
      mappings: rows.map((d) => ({
        listingId: d.listing.id,
        product: d.productId ? { id: d.productId } : { name: d.productName },
        unit: d.unit,
        grindStyle: d.grindStyle,
      })),
    };
    saveButton.disabled = true;
    try {
      const result = await post(`/integrations/${id}/mappings`, body, { signal: ctx.signal });
      drafts.clear();
      const n = result.items.length;
      notify(notice, 'success', `${n} listing${n === 1 ? '' : 's'} mapped.`, 'They are linked to your catalog now.');
      await refreshCounts();
      state.tab = 'MAPPED';
      state.q = '';
      filter.value = '';
      state.page = 1;
      await load();
    } catch (e) {
      if (isAbort(e)) {
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
      return;
    }
    const elsewhere = [];
    for (const err of e.fieldErrors) {
      const m = /^mappings\[(\d+)\](?:\.(\w+))?/.exec(err.field);
      const draft = m ? rows[Number(m[1])] : null;
      const controls = draft ? rowControls.get(draft.listing.id) : null;
      if (!controls) {
        const who = draft ? `${draft.listing.name || draft.listing.sku}: ` : `${err.field}: `;
        elsewhere.push(who + err.message);
        continue;
      }
      const target = { product: controls.product, unit: controls.unit, grindStyle: controls.grindStyle }[m[2]];
      if (target) {
        setFieldError(target, err.message);
      } else {
        controls.rowError.textContent = err.message;
        controls.rowError.hidden = false;
        controls.row.classList.add('row-invalid');
      }
    }
    if (e.kind === 'validation') {
      replace(notice, banner('error', 'Nothing was saved.', 'Please correct the marked rows.', elsewhere));
    } else {
      replace(notice, banner('error', `${e.problem.title || 'Error'}:`, e.problem.detail, elsewhere));
    }
    announce('Nothing was saved. Please correct the marked rows.');
    const first = panel.querySelector('[aria-invalid="true"]');
    if (first) {
      first.focus();
    }
  }

  await refreshCounts();
  await load();
}

function actionsHeader() {
  return h('span', { class: 'visually-hidden' }, 'Actions');
}
