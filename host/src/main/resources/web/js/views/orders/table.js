// The orders overview's table: a row an order with its selection box, status control, lines and customer.
import { h, badge, instantLines, humanize, table } from '../../dom.js';
import { attentionPill, statusSelect } from '../../components/order-status.js';

const HEADERS = ['Tag', 'Status', 'External ref', 'Order date', 'Items', 'External status', 'Shop', 'Customer', 'Customer type'];

/** The table of `v.result`; a box (un)selects an order through `v.toggle(orderId, on)`. */
export function ordersTable(v, body) {
  const all = h('input', { type: 'checkbox', 'aria-label': 'Select every order on this page' });
  all.addEventListener('change', () => {
    for (const box of body.querySelectorAll('input[data-order]:not(:disabled)')) {
      box.checked = all.checked;
      v.toggle(Number(box.dataset.order), all.checked);
    }
  });
  return table('Orders', [all, ...HEADERS], v.result.items.map((o) => row(v, o)), 'table-orders');
}

function row(v, o) {
  // an archived order is put away already: nothing to select it for
  const archived = o.status === 'ARCHIVED';
  const box = h('input', {
    type: 'checkbox', 'data-order': o.id, 'aria-label': `Select ${o.tag}`, checked: v.selected.has(o.id), disabled: archived,
    title: archived ? 'Archived already' : null,
  });
  box.addEventListener('change', () => v.toggle(o.id, box.checked));
  // the moves the API allows (OrderStatus.canMoveTo): archiving has its own button, and archived or
  // completed orders stay as they are
  const status = statusSelect(o, { signal: v.ctx.signal, notice: v.notice });
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
    h('span', { class: 'qty' }, `${item.quantity} ×`), ' ', line(item))));
}

function line(item) {
  // a mapped line shows what the roaster roasts: the catalog product, unit and grind style
  if (item.product) {
    return h('span', { class: 'resolved' }, item.product.productName,
      h('span', { class: 'small muted' }, ` · ${item.product.unit} · ${humanize(item.product.grindStyle)}`));
  }
  return h('span', null, item.name || item.sku || 'item',
    item.sku && item.name && item.sku !== item.name ? h('code', { class: 'sku' }, item.sku) : null,
    h('span', { class: 'pill pill-warn', title: item.unresolved || 'No catalog variant yet: map this product' },
      'unmapped'));
}
