// Orders overview: filters, paging, status changes and the manual archive.
// Its parts live in ./orders/ (filters.js, table.js, archive.js) and ../components/order-status.js.
import { get, isAbort } from '../api.js';
import { h, replace, errorBanner, pager, viewHeading } from '../dom.js';
import { filterBar } from './orders/filters.js';
import { ordersTable } from './orders/table.js';
import { archiveTools } from './orders/archive.js';

const PAGE_SIZE = 50;

export async function ordersView(ctx) {
  const integrations = (await get('/integrations', { includeDisconnected: true }, { signal: ctx.signal })).items;
  const v = {
    ctx,
    integrations,
    filters: {
      integrationId: ctx.query.integrationId || '',
      status: ctx.query.status || '',
      from: ctx.query.from || '',
      to: ctx.query.to || '',
      q: ctx.query.q || '',
      open: ctx.query.open === 'true',
      page: Number(ctx.query.page) || 1,
    },
    selected: new Set(),
    result: null,
    notice: h('div', { class: 'notice' }),
    body: h('div'),
  };
  v.load = () => load(v);
  replace(ctx.main,
    viewHeading('Orders'),
    filterBar(v.filters, integrations, v.load),
    v.notice,
    archiveTools(v),
    v.body);
  await load(v);
}

async function load(v) {
  const { filters } = v;
  v.ctx.replaceQuery({ ...filters, open: filters.open ? 'true' : '', page: filters.page > 1 ? filters.page : '' });
  v.selected.clear();
  try {
    v.result = await get('/orders', {
      integrationId: filters.integrationId, status: filters.status, from: filters.from, to: filters.to,
      q: filters.q, open: filters.open ? 'true' : '', page: filters.page, size: PAGE_SIZE,
    }, { signal: v.ctx.signal });
    draw(v);
  } catch (e) {
    if (!isAbort(e)) {
      replace(v.body, errorBanner(e, 'The orders could not be loaded.'));
    }
  }
}

function draw(v) {
  v.updateSelection();
  if (!v.result.items.length) {
    replace(v.body, h('p', { class: 'empty' }, 'No order matches these filters.'));
    return;
  }
  replace(v.body,
    ordersTable(v, v.body),
    pager(v.result, (page) => { v.filters.page = page; load(v); }, 'orders'));
}
