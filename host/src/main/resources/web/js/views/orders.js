// Orders overview: filters, paging, status changes and the manual archive.
import { get, post, patch, isAbort, ApiError } from '../api.js';
import {
  h, replace, badge, banner, errorBanner, notify, instantLines, humanize, confirmDialog, table, pager, debounce,
  viewHeading, isoDay,
} from '../dom.js';

const PAGE_SIZE = 50;
const STATUSES = ['RECEIVED', 'IN_PROGRESS', 'COMPLETED', 'ARCHIVED'];
const NEXT = { RECEIVED: ['IN_PROGRESS', 'COMPLETED'], IN_PROGRESS: ['RECEIVED', 'COMPLETED'], COMPLETED: [], ARCHIVED: [] };

/** The current status and the ones it may move to; a status with nowhere to go leaves the control disabled. */
function statusChoices(select, current) {
  const choices = NEXT[current] || [];
  select.replaceChildren(...[current, ...choices].map((s) => h('option', { value: s, selected: s === current }, humanize(s))));
  select.value = current;
  select.disabled = choices.length === 0;
}

export async function ordersView(ctx) {
  const integrations = (await get('/integrations', { includeDisconnected: true }, { signal: ctx.signal })).items;
  const filters = {
    integrationId: ctx.query.integrationId || '',
    status: ctx.query.status || '',
    from: ctx.query.from || '',
    to: ctx.query.to || '',
    q: ctx.query.q || '',
    open: ctx.query.open === 'true',
    page: Number(ctx.query.page) || 1,
  };
  const selected = new Set();
  let result = null;

  const notice = h('div', { class: 'notice' });
  const body = h('div');

  const integrationOptions = (allLabel) => [
    allLabel ? h('option', { value: '' }, allLabel) : null,
    integrations.map((i) => h('option', { value: String(i.id) },
      i.status === 'DISCONNECTED' ? `${i.name} (disconnected)` : i.name)),
  ];

  const fIntegration = h('select', { id: 'f-integration', name: 'integrationId' }, integrationOptions('All shops'));
  const fStatus = h('select', { id: 'f-status', name: 'status' },
    h('option', { value: '' }, 'Any status'), STATUSES.map((s) => h('option', { value: s }, humanize(s))));
  const fFrom = h('input', { type: 'date', id: 'f-from', name: 'from' });
  const fTo = h('input', { type: 'date', id: 'f-to', name: 'to' });
  const fText = h('input', { type: 'search', id: 'f-q', name: 'q', placeholder: 'Order number, customer, e-mail, SKU', autocomplete: 'off' });
  fIntegration.value = filters.integrationId;
  fStatus.value = filters.status;
  fFrom.value = filters.from;
  fTo.value = filters.to;
  fText.value = filters.q;
  const fOpen = h('input', { type: 'checkbox', id: 'f-open', name: 'open', checked: filters.open });

  const filterForm = h('form', { class: 'filters card', role: 'search', 'aria-label': 'Filter orders' },
    filterField('Shop', fIntegration),
    filterField('Status', fStatus),
    filterField('Ordered from', fFrom),
    filterField('Ordered to', fTo),
    filterField('Search', fText, 'filter-grow'),
    h('div', { class: 'filter filter-check' }, h('label', { for: 'f-open' }, fOpen, ' Open work only'),
      h('span', { class: 'small muted' }, 'received or in progress; not cancelled, shipped or unpaid in the shop')),
    h('div', { class: 'filter-actions' },
      h('button', { type: 'submit', class: 'btn' }, 'Apply'),
      h('button', { type: 'button', class: 'btn btn-quiet', onclick: resetFilters }, 'Reset')));
  const apply = () => {
    filters.integrationId = fIntegration.value;
    filters.status = fStatus.value;
    filters.from = fFrom.value;
    filters.to = fTo.value;
    filters.q = fText.value.trim();
    filters.open = fOpen.checked;
    filters.page = 1;
    load();
  };
  filterForm.addEventListener('submit', (event) => { event.preventDefault(); apply(); });
  for (const el of [fIntegration, fStatus, fFrom, fTo, fOpen]) {
    el.addEventListener('change', apply);
  }
  fText.addEventListener('input', debounce(apply, 400));

  function resetFilters() {
    fIntegration.value = '';
    fStatus.value = '';
    fFrom.value = '';
    fTo.value = '';
    fText.value = '';
    fOpen.checked = false;
    apply();
  }

  // bulk actions
  const archiveSelected = h('button', { type: 'button', class: 'btn', 'data-action': 'archive-selected', onclick: archiveChosen },
    'Archive selected');
  const beforeIntegration = h('select', { id: 'arch-integration', 'aria-label': 'Shop whose orders to archive' },
    integrationOptions('Choose a shop…'));
  const beforeDate = h('input', { type: 'date', id: 'arch-before', 'aria-label': 'Archive orders placed before', value: isoDay(ctx.system.zone, -30) });
  const archiveBefore = h('form', { class: 'inline-form', 'aria-label': 'Archive all orders before a date' },
    h('span', { class: 'muted' }, 'Archive all orders of'), beforeIntegration,
    h('span', { class: 'muted' }, 'placed before'), beforeDate,
    h('button', { type: 'submit', class: 'btn', 'data-action': 'archive-before' }, 'Archive'));
  archiveBefore.addEventListener('submit', archiveOlder);
  if (filters.integrationId) {
    beforeIntegration.value = filters.integrationId;
  }

  replace(ctx.main,
    viewHeading('Orders'),
    filterForm,
    notice,
    h('div', { class: 'toolbar toolbar-split' },
      h('div', null, archiveSelected),
      archiveBefore),
    body);

  async function load() {
    ctx.replaceQuery({ ...filters, open: filters.open ? 'true' : '', page: filters.page > 1 ? filters.page : '' });
    selected.clear();
    try {
      result = await get('/orders', {
        integrationId: filters.integrationId, status: filters.status, from: filters.from, to: filters.to,
        q: filters.q, open: filters.open ? 'true' : '', page: filters.page, size: PAGE_SIZE,
      }, { signal: ctx.signal });
      draw();
    } catch (e) {
      if (!isAbort(e)) {
        replace(body, errorBanner(e, 'The orders could not be loaded.'));
      }
    }
  }

  function draw() {
    updateSelection();
    if (!result.items.length) {
      replace(body, h('p', { class: 'empty' }, 'No order matches these filters.'));
      return;
    }
    const all = h('input', { type: 'checkbox', 'aria-label': 'Select every order on this page' });
    all.addEventListener('change', () => {
      for (const box of body.querySelectorAll('input[data-order]:not(:disabled)')) {
        box.checked = all.checked;
        toggle(Number(box.dataset.order), all.checked);
      }
    });
    replace(body,
      table('Orders', [all, 'Tag', 'Status', 'External ref', 'Order date', 'Items', 'External status', 'Shop', 'Customer', 'Customer type'],
        result.items.map(row), 'table-orders'),
      pager(result, (page) => { filters.page = page; load(); }, 'orders'));
  }

  function row(o) {
    // an archived order is put away already: nothing to select it for
    const archived = o.status === 'ARCHIVED';
    const box = h('input', {
      type: 'checkbox', 'data-order': o.id, 'aria-label': `Select ${o.tag}`, checked: selected.has(o.id), disabled: archived,
      title: archived ? 'Archived already' : null,
    });
    box.addEventListener('change', () => toggle(o.id, box.checked));
    // the moves the API allows (OrderStatus.canMoveTo): archiving has its own button, and archived or
    // completed orders stay as they are
    const status = statusSelect(o, { signal: ctx.signal, notice });
    const c = o.customer || {};
    const place = [c.city, c.state, c.country].filter(Boolean).join(', ');
    return h('tr', { 'data-order-row': o.id, class: [archived ? 'row-archived' : null, o.attention ? 'row-attention' : null] },
      h('td', null, box),
      h('td', { class: 'strong nowrap' }, h('a', { href: `#/orders/${o.id}`, 'data-action': 'order-detail' }, o.tag)),
      h('td', null, status, attentionPill(o)),
      h('td', null, o.externalRef),
      h('td', null, instantLines(o.orderDate)),
      h('td', null, items(o)),
      h('td', null, badge(o.externalState), h('div', { class: 'small muted' }, o.externalStatus)),
      h('td', null, o.shop),
      h('td', null, h('div', { title: c.email || '' }, c.name || '—'),
        place ? h('div', { class: 'small muted' }, place) : null),
      h('td', null, humanize(o.customerType)));
  }

  function items(o) {
    return h('ul', { class: 'items' }, (o.items || []).map((item) => h('li', { class: item.mapped ? null : 'unmapped' },
      h('span', { class: 'qty' }, `${item.quantity} ×`), ' ',
      item.product
        // a mapped line shows what the roaster roasts: the catalog product, unit and grind style
        ? h('span', { class: 'resolved' }, item.product.productName,
          h('span', { class: 'small muted' }, ` · ${item.product.unit} · ${humanize(item.product.grindStyle)}`))
        : h('span', null, item.name || item.sku || 'item',
          item.sku && item.name && item.sku !== item.name ? h('code', { class: 'sku' }, item.sku) : null,
          h('span', { class: 'pill pill-warn', title: item.unresolved || 'No catalog variant yet: map this product' },
            'unmapped')))));
  }

  function toggle(orderId, on) {
    if (on) {
      selected.add(orderId);
    } else {
      selected.delete(orderId);
    }
    updateSelection();
  }

  function updateSelection() {
    archiveSelected.disabled = selected.size === 0;
    archiveSelected.textContent = selected.size ? `Archive selected (${selected.size})` : 'Archive selected';
  }

  async function archiveChosen() {
    const ids = [...selected];
    if (!ids.length) {
      return;
    }
    const ok = await confirmDialog({
      title: `Archive ${ids.length} order${ids.length === 1 ? '' : 's'}?`,
      message: 'Archived orders stay readable; their status becomes Archived.',
      confirmLabel: 'Archive',
    });
    if (!ok) {
      return;
    }
    try {
      const r = await post('/orders/archive', { ids }, { signal: ctx.signal });
      notify(notice, 'success', '', `${r.archived} order${r.archived === 1 ? '' : 's'} archived.`);
      await load();
    } catch (e) {
      if (!isAbort(e)) {
        replace(notice, errorBanner(e, 'The orders could not be archived.'));
      }
    }
  }

  async function archiveOlder(event) {
    event.preventDefault();
    const integration = integrations.find((i) => String(i.id) === beforeIntegration.value);
    if (!integration || !beforeDate.value) {
      replace(notice, banner('error', '', 'Choose a shop and a date to archive its older orders.'));
      (integration ? beforeDate : beforeIntegration).focus();
      return;
    }
    const ok = await confirmDialog({
      title: 'Archive older orders?',
      message: `Every order of ${integration.name} placed before ${beforeDate.value} moves to the archive.`,
      confirmLabel: 'Archive',
    });
    if (!ok) {
      return;
    }
    try {
      const r = await post('/orders/archive', { integrationId: integration.id, orderedBefore: beforeDate.value },
        { signal: ctx.signal });
      notify(notice, 'success', '', `${r.archived} order${r.archived === 1 ? '' : 's'} of ${integration.name} archived.`);
      await load();
    } catch (e) {
      if (!isAbort(e)) {
        replace(notice, errorBanner(e, 'The orders could not be archived.'));
      }
    }
  }

  await load();
}

/** A flag for an order whose shop state contradicts its status (cancelled, shipped or unpaid in the shop). */
export function attentionPill(o) {
  if (!o.attention) {
    return null;
  }
  const label = { CANCELLED_IN_SHOP: 'cancelled in shop', SHIPPED_BY_SHOP: 'shipped by shop', AWAITING_PAYMENT: 'awaiting payment' }[o.attention]
    || humanize(o.attention);
  return h('div', null, h('span', { class: 'pill pill-warn', 'data-attention': o.attention, title: o.attentionDetail }, label));
}

/**
 * The order's status as a control offering the moves it may make; a choice is saved at once (asking first where the
 * shop's state needs it), said in `notice`, and `changed` (if given) runs with the updated order.
 */
export function statusSelect(order, { id, signal, notice, changed }) {
  const select = h('select', { id, 'aria-label': `Status of ${order.tag}`, 'data-status-for': order.id, class: 'status-select' });
  statusChoices(select, order.status);
  select.addEventListener('change', async () => {
    select.disabled = true;
    try {
      const updated = await changeOrderStatus(order, select.value, signal);
      if (updated) {
        order.status = updated.status;
        if (changed) {
          await changed(updated);
        }
        notify(notice, 'success', '', `${order.tag} is now ${humanize(updated.status)}.`);
      }
    } catch (e) {
      if (!isAbort(e)) {
        replace(notice, errorBanner(e, `The status of ${order.tag} could not be changed.`));
      }
    } finally {
      statusChoices(select, order.status); // the new status, or back to the old one when cancelled or refused
    }
  });
  return select;
}

/**
 * PATCHes an order's status; when the shop's state needs an acknowledgement (409 unacknowledged-warnings), asks the
 * user and repeats with it. Resolves with the order, or null when the user cancelled.
 */
async function changeOrderStatus(order, status, signal) {
  try {
    return await patch(`/orders/${order.id}`, { status }, { signal });
  } catch (e) {
    if (!(e instanceof ApiError) || e.kind !== 'unacknowledged-warnings') {
      throw e;
    }
    const ok = await confirmDialog({
      title: `Change ${order.tag} to ${humanize(status)}?`,
      message: `${e.fieldErrors.map((x) => x.message).join('; ') || e.problem.detail}.`,
      confirmLabel: `Change to ${humanize(status)}`,
      danger: order.attention === 'CANCELLED_IN_SHOP',
    });
    return ok ? patch(`/orders/${order.id}`, { status, acknowledgeWarnings: true }, { signal }) : null;
  }
}

function filterField(label, control, extraClass) {
  return h('div', { class: ['filter', extraClass] }, h('label', { for: control.id }, label), control);
}
