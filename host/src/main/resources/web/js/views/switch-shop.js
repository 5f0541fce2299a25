// Switch shop: the new shop's setup form, the dry-run report to confirm, then the result (POST /integrations/{id}/switch).
import { get, post, isAbort } from '../api.js';
import { h, replace, banner, errorBanner, table, viewHeading, announce } from '../dom.js';
import { integrationFormView } from './integration-form.js';

export async function switchShopView(ctx) {
  const id = ctx.params.id;
  const from = await get(`/integrations/${id}`, undefined, { signal: ctx.signal });
  if (from.status === 'DISCONNECTED') {
    replace(ctx.main, viewHeading(`Switch ${from.name}`),
      banner('warning', 'This integration is disconnected.', 'Only a connected integration can be switched to another shop.'),
      h('p', null, h('a', { href: '#/integrations' }, 'Back to the integrations')));
    return;
  }
  await integrationFormView({ ...ctx, params: {} }, {
    heading: `Switch ${from.name} to another shop`,
    submitLabel: 'Check the switch',
    // the same start date (when still allowed) reads the same order window: no older orders come along
    prefill: { name: from.name, customerType: from.customerType, syncStartDate: from.syncStartDate },
    intro: banner('info', 'Nothing changes yet.',
      'Enter the new shop (e.g. ShipStation instead of Shopify). Shoplink checks the credentials and reads the new shop, '
      + 'then shows what the switch would do; you confirm on the next page.'),
    submit: async (body) => {
      const report = await post(`/integrations/${id}/switch?dryRun=true`, body, { signal: ctx.signal });
      showReport(ctx, from, report, body);
    },
  });
}

/** The dry run's report with the button that makes the switch. */
function showReport(ctx, from, report, body) {
  const notice = h('div', { class: 'notice' });
  const confirm = h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'confirm-switch' },
    `Switch to ${report.to.name} now`);
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    confirm.textContent = 'Switching…';
    try {
      const done = await post(`/integrations/${from.id}/switch`, body, { signal: ctx.signal });
      showResult(ctx, from, done);
    } catch (e) {
      if (!isAbort(e)) {
        replace(notice, errorBanner(e, 'The switch was not made; nothing changed.'));
        confirm.disabled = false;
        confirm.textContent = `Switch to ${report.to.name} now`;
      }
    }
  });
  replace(ctx.main,
    viewHeading(`Switch ${from.name}: what will happen`),
    notice,
    summary(report, false),
    h('div', { class: 'actions' },
      h('a', { class: 'btn', href: '#/integrations' }, 'Cancel'),
      h('button', { type: 'button', class: 'btn', onclick: () => ctx.navigate(`/integrations/${from.id}/switch`) }, 'Change the form'),
      confirm),
    details(report));
  announce('The switch was checked. Review the report and confirm.');
}

function showResult(ctx, from, done) {
  const next = done.integration;
  replace(ctx.main,
    viewHeading(`${from.name} is switched to ${next.name}`),
    banner('success', 'Switched.', `${from.name} is disconnected (its history is kept); its first synchronization with `
      + `${next.name} is running.`),
    summary(done, true),
    h('div', { class: 'actions' },
      h('a', { class: 'btn btn-primary', href: '#/integrations' }, 'Integrations'),
      h('a', { class: 'btn', href: `#/integrations/${next.id}/mapping`, 'data-action': 'map' }, 'Map the new products'),
      h('a', { class: 'btn', href: `#/orders?integrationId=${next.id}` }, 'Orders')),
    details(done));
  announce(`${from.name} is switched.`);
}

/** Counts and conflicts of a report, worded for the roaster. */
function summary(r, done) {
  const will = (future, past) => (done ? past : future);
  const l = r.listings;
  const o = r.orders;
  return h('div', { class: 'card', 'data-switch-summary': done ? 'done' : 'dry-run' },
    h('ul', null,
      h('li', { 'data-count': 'mapped' }, `${l.mapped} of ${l.total} products ${will('will arrive', 'arrived')} mapped `
        + 'to your catalog (their SKU is mapped already).'),
      l.ignored ? h('li', { 'data-count': 'ignored' }, `${l.ignored} ${will('stay', 'stayed')} ignored.`) : null,
      h('li', { 'data-count': 'new' }, `${l.newSkus} new SKUs ${will('will wait', 'wait')} in the mapping wizard.`),
      h('li', { 'data-count': 'linked' }, `${o.linked} of ${o.read} orders ${will('will be', 'were')} linked to orders already `
        + 'imported: same OR- tag, status and archive state.'),
      h('li', { 'data-count': 'new-orders' }, `${o.newOrders} orders ${will('will be', 'are being')} imported as new orders.`),
      o.predecessorKept ? h('li', null, `${o.predecessorKept} orders of ${r.from.name} stay as they are.`) : null),
    r.conflicts.length
      ? banner('warning', `${r.conflicts.length} conflicts are left to you:`, '', r.conflicts.map((c) => c.detail))
      : banner('info', '', 'No conflicts.'));
}

/** The listing outcomes and order links (at most the first 500 of each). */
function details(r) {
  return h('div', null,
    h('h2', null, 'Products'),
    table('Products of the new shop', ['SKU', 'Name', 'Outcome'], r.listings.items.map((i) => h('tr', null,
      h('td', null, i.sku), h('td', null, `${i.name}${i.variant ? ` – ${i.variant}` : ''}`),
      h('td', { 'data-outcome': i.outcome }, i.outcome)))),
    h('h2', null, 'Orders linked'),
    r.orders.links.length
      ? table('Orders linked', ['Tag', 'Before', 'Now', 'Status'], r.orders.links.map((x) => h('tr', null,
        h('td', null, x.tag), h('td', null, x.predecessorRef), h('td', null, x.newRef), h('td', null, x.status))))
      : h('p', { class: 'muted' }, 'None.'),
    r.listings.truncated || r.orders.truncated ? h('p', { class: 'muted small' }, 'Only the first 500 rows are shown.') : null);
}
