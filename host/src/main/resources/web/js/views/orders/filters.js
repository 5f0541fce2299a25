// The orders overview's filter bar: shop, status, dates, text and "open work only"; every change applies at once.
import { h, humanize, debounce } from '../../dom.js';

const STATUSES = ['RECEIVED', 'IN_PROGRESS', 'COMPLETED', 'ARCHIVED'];

/** The shops as options (disconnected ones marked), after an optional first "all" option. */
export function integrationOptions(integrations, allLabel) {
  return [
    allLabel ? h('option', { value: '' }, allLabel) : null,
    integrations.map((i) => h('option', { value: String(i.id) },
      i.status === 'DISCONNECTED' ? `${i.name} (disconnected)` : i.name)),
  ];
}

/** The filter form for `filters` (changed in place); `apply` runs after every change. */
export function filterBar(filters, integrations, apply) {
  const c = filterControls(filters, integrations);
  const read = () => {
    filters.integrationId = c.integration.value;
    filters.status = c.status.value;
    filters.from = c.from.value;
    filters.to = c.to.value;
    filters.q = c.text.value.trim();
    filters.open = c.open.checked;
    filters.page = 1;
    apply();
  };
  const reset = () => {
    for (const el of [c.integration, c.status, c.from, c.to, c.text]) {
      el.value = '';
    }
    c.open.checked = false;
    read();
  };
  const form = filterForm(c, reset);
  form.addEventListener('submit', (event) => { event.preventDefault(); read(); });
  for (const el of [c.integration, c.status, c.from, c.to, c.open]) {
    el.addEventListener('change', read);
  }
  c.text.addEventListener('input', debounce(read, 400));
  return form;
}

function filterControls(filters, integrations) {
  const c = {
    integration: h('select', { id: 'f-integration', name: 'integrationId' }, integrationOptions(integrations, 'All shops')),
    status: h('select', { id: 'f-status', name: 'status' },
      h('option', { value: '' }, 'Any status'), STATUSES.map((s) => h('option', { value: s }, humanize(s)))),
    from: h('input', { type: 'date', id: 'f-from', name: 'from' }),
    to: h('input', { type: 'date', id: 'f-to', name: 'to' }),
    text: h('input', { type: 'search', id: 'f-q', name: 'q', placeholder: 'Order number, customer, e-mail, SKU', autocomplete: 'off' }),
  };
  c.integration.value = filters.integrationId;
  c.status.value = filters.status;
  c.from.value = filters.from;
  c.to.value = filters.to;
  c.text.value = filters.q;
  c.open = h('input', { type: 'checkbox', id: 'f-open', name: 'open', checked: filters.open });
  return c;
}

function filterForm(c, reset) {
  return h('form', { class: 'filters card', role: 'search', 'aria-label': 'Filter orders' },
    filterField('Shop', c.integration),
    filterField('Status', c.status),
    filterField('Ordered from', c.from),
    filterField('Ordered to', c.to),
    filterField('Search', c.text, 'filter-grow'),
    h('div', { class: 'filter filter-check' }, h('label', { for: 'f-open' }, c.open, ' Open work only'),
      h('span', { class: 'small muted' }, 'received or in progress; not cancelled, shipped or unpaid in the shop')),
    h('div', { class: 'filter-actions' },
      h('button', { type: 'submit', class: 'btn' }, 'Apply'),
      h('button', { type: 'button', class: 'btn btn-quiet', onclick: reset }, 'Reset')));
}

function filterField(label, control, extraClass) {
  return h('div', { class: ['filter', extraClass] }, h('label', { for: control.id }, label), control);
}
