// The setup part of the integration form: connector, name, customer type, shop URL and sync start date.
import { h, field } from '../../dom.js';

/**
 * The controls, filled from the integration edited (`f.integration`) or from `prefill`; registered in `f.controls`
 * under the API's field names. Sets `f.locked` when the start date can no longer change.
 */
export function setupControls(f, connectors, prefill) {
  const editing = Boolean(f.integration);
  const c = f.controls;
  c.connector = connectorSelect(connectors, f.integration);
  c.name = h('input', { type: 'text', name: 'name', required: true, maxlength: '200', autocomplete: 'off' });
  c.customerType = h('select', { name: 'customerType', required: true },
    editing ? null : h('option', { value: '' }, 'Choose…'),
    h('option', { value: 'WHOLESALE' }, 'Wholesale'),
    h('option', { value: 'RETAIL' }, 'Retail'));
  c.shopUrl = h('input', { type: 'url', name: 'shopUrl', required: true, placeholder: 'https://shop.example.com', autocomplete: 'off' });
  c.syncStartDate = h('input', { type: 'date', name: 'syncStartDate', required: true, min: f.earliest, max: f.today });
  f.locked = editing && f.integration.syncStartDateLocked;
  if (f.locked) {
    c.syncStartDate.disabled = true;
    c.syncStartDate.min = '';
    c.syncStartDate.max = '';
  }
  if (editing) {
    c.name.value = f.integration.name;
    c.customerType.value = f.integration.customerType;
    c.shopUrl.value = f.integration.shopUrl;
    c.syncStartDate.value = f.integration.syncStartDate;
  } else {
    c.name.value = prefill?.name || '';
    c.customerType.value = prefill?.customerType || '';
    const start = prefill?.syncStartDate;
    c.syncStartDate.value = start && start >= f.earliest && start <= f.today ? start : f.earliest;
  }
}

function connectorSelect(connectors, integration) {
  const select = h('select', { name: 'connector', required: true, disabled: Boolean(integration) },
    connectors.map((c) => h('option', { value: c.id }, `${c.name} (${c.version})`)));
  if (integration) {
    if (!connectors.some((c) => c.id === integration.connector)) {
      select.appendChild(h('option', { value: integration.connector }, `${integration.connector} (plugin not loaded)`));
    }
    select.value = integration.connector;
  }
  return select;
}

/** The labelled setup fields with their hints. */
export function setupFields(f) {
  const c = f.controls;
  const editing = Boolean(f.integration);
  return h('div', { class: 'grid' },
    field({ label: 'Connector', control: c.connector, id: 'connector', required: true,
      hint: editing ? 'The connector of an integration cannot change; connect the shop again for another one.' : null }),
    field({ label: 'Custom name', control: c.name, id: 'name', required: true,
      hint: 'Labels where products and orders came from, e.g. "Main store".' }),
    field({ label: 'Customer type', control: c.customerType, id: 'customerType', required: true,
      hint: 'Every order of this integration inherits it.' }),
    field({ label: 'Shop URL', control: c.shopUrl, id: 'shopUrl', required: true,
      hint: 'The address of the shop, e.g. https://shop.example.com. One shop can be connected once.' }),
    field({ label: 'Sync start date', control: c.syncStartDate, id: 'syncStartDate', required: true,
      hint: f.locked
        ? 'Locked: the start date cannot change once the first synchronization has started.'
        : `Orders placed and products created on or after this day are imported. At most 30 days back (${f.earliest} to ${f.today}, ${f.zone}); it is locked after the first synchronization.` }));
}
