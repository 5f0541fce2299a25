// One order: its lines as they resolve to the catalog, totals, shop, customer, shipping address and status history.
import { get, isAbort } from '../api.js';
import {
  h, replace, badge, errorBanner, formatInstant, humanize, table, viewHeading,
} from '../dom.js';
import { attentionPill, statusSelect } from '../components/order-status.js';

export async function orderDetailView(ctx) {
  const id = ctx.params.id;
  let order;
  try {
    order = await get(`/orders/${id}`, undefined, { signal: ctx.signal });
  } catch (e) {
    if (!isAbort(e)) {
      replace(ctx.main, viewHeading('Order'), errorBanner(e, `Order ${id} could not be loaded.`),
        h('a', { class: 'btn', href: '#/orders' }, 'Back to orders'));
    }
    return;
  }
  const notice = h('div', { class: 'notice' });
  const content = h('div', { class: 'order-detail' });
  replace(ctx.main,
    viewHeading(`Order ${order.tag}`, h('a', { class: 'btn', href: '#/orders' }, 'Back to orders')),
    notice,
    content);
  draw();

  function draw() {
    // a change reloads the order: its history has the new entry
    const status = statusSelect(order, {
      id: 'detail-status',
      signal: ctx.signal,
      notice,
      changed: async () => {
        order = await get(`/orders/${id}`, undefined, { signal: ctx.signal });
        draw();
      },
    });
    replace(content,
      h('div', { class: 'detail-grid' }, orderFacts(order, status), customerFacts(order)),
      h('h2', null, 'Lines'),
      linesTable(order),
      h('h2', null, 'Status history'),
      historyTable(order));
  }
}

function orderFacts(order, status) {
  return h('section', { class: 'card', 'aria-labelledby': 'd-order' },
    h('h2', { id: 'd-order' }, 'Order'),
    h('dl', { class: 'facts' },
      h('dt', null, 'Status'), h('dd', null, status, attentionPill(order),
        order.attentionDetail ? h('p', { class: 'small warn-text' }, order.attentionDetail) : null),
      h('dt', null, 'Shop'), h('dd', { 'data-field': 'shop' }, order.shop || '—'),
      h('dt', null, 'Shop order'), h('dd', null, order.externalRef),
      h('dt', null, 'In the shop'), h('dd', { 'data-field': 'external' }, badge(order.externalState), ' ', order.externalStatus),
      h('dt', null, 'Ordered'), h('dd', null, formatInstant(order.orderDate)),
      h('dt', null, 'Total'), h('dd', { class: 'strong', 'data-field': 'total' }, order.total)));
}

function customerFacts(order) {
  const c = order.customer || {};
  const address = [c.address, [c.postalCode, c.city].filter(Boolean).join(' '), c.state, c.country]
    .filter(Boolean).map((line) => h('div', null, line));
  return h('section', { class: 'card', 'aria-labelledby': 'd-customer' },
    h('h2', { id: 'd-customer' }, 'Customer and shipping'),
    h('dl', { class: 'facts' },
      h('dt', null, 'Customer'), h('dd', { 'data-field': 'customer' }, c.name || '—'),
      h('dt', null, 'E-mail'), h('dd', null, c.email || '—'),
      h('dt', null, 'Phone'), h('dd', null, c.phone || '—'),
      h('dt', null, 'Customer type'), h('dd', null, humanize(order.customerType)),
      h('dt', null, 'Ship to'), h('dd', { 'data-field': 'address' }, address.length ? address : '—')));
}

function linesTable(order) {
  return table('Order lines', ['Shop line', 'Roasts as', 'Quantity', 'Unit price', 'Line total'], order.items.map((item, i) => h('tr',
    { 'data-line': i, class: item.product ? null : 'unmapped' },
    h('td', null, h('div', null, item.name || '—'), h('code', { class: 'small' }, item.sku || '—')),
    h('td', null, item.product
      ? [h('div', { class: 'strong' }, item.product.productName),
        h('div', { class: 'small muted' }, `${item.product.unit} · ${humanize(item.product.grindStyle)} · by ${item.product.via}`)]
      : h('p', { class: 'problem' }, h('span', { class: 'pill pill-warn' }, 'unmapped'), ' ', item.unresolved)),
    h('td', { class: 'num' }, String(item.quantity)),
    h('td', { class: 'num' }, item.unitPrice),
    h('td', { class: 'num' }, item.lineTotal))), 'table-lines');
}

function historyTable(order) {
  if (!order.history || !order.history.length) {
    return h('p', { class: 'empty' }, 'No status change recorded.');
  }
  return table('Status history', ['When', 'From', 'To', 'Why'], order.history.map((c2) => h('tr', null,
    h('td', null, formatInstant(c2.at)),
    h('td', null, c2.from ? humanize(c2.from) : '—'),
    h('td', null, humanize(c2.to)),
    h('td', null, c2.reason, c2.acknowledged ? h('span', { class: 'pill pill-warn' }, 'confirmed') : null))), 'table-history');
}
