// The orders overview's archive tools: "Archive selected" and "Archive all orders of a shop placed before a date".
import { post, isAbort } from '../../api.js';
import { h, replace, banner, errorBanner, notify, confirmDialog, isoDay } from '../../dom.js';
import { integrationOptions } from './filters.js';

/** The toolbar; sets `v.toggle(orderId, on)` and `v.updateSelection()` for the table. */
export function archiveTools(v) {
  const archiveSelected = h('button', { type: 'button', class: 'btn', 'data-action': 'archive-selected', onclick: () => archiveChosen(v) },
    'Archive selected');
  v.updateSelection = () => {
    archiveSelected.disabled = v.selected.size === 0;
    archiveSelected.textContent = v.selected.size ? `Archive selected (${v.selected.size})` : 'Archive selected';
  };
  v.toggle = (orderId, on) => {
    if (on) {
      v.selected.add(orderId);
    } else {
      v.selected.delete(orderId);
    }
    v.updateSelection();
  };
  return h('div', { class: 'toolbar toolbar-split' },
    h('div', null, archiveSelected),
    archiveBeforeForm(v));
}

function archiveBeforeForm(v) {
  const shop = h('select', { id: 'arch-integration', 'aria-label': 'Shop whose orders to archive' },
    integrationOptions(v.integrations, 'Choose a shop…'));
  const date = h('input', { type: 'date', id: 'arch-before', 'aria-label': 'Archive orders placed before', value: isoDay(v.ctx.system.zone, -30) });
  const form = h('form', { class: 'inline-form', 'aria-label': 'Archive all orders before a date' },
    h('span', { class: 'muted' }, 'Archive all orders of'), shop,
    h('span', { class: 'muted' }, 'placed before'), date,
    h('button', { type: 'submit', class: 'btn', 'data-action': 'archive-before' }, 'Archive'));
  form.addEventListener('submit', (event) => archiveOlder(v, event, shop, date));
  if (v.filters.integrationId) {
    shop.value = v.filters.integrationId;
  }
  return form;
}

async function archiveChosen(v) {
  const ids = [...v.selected];
  if (!ids.length) {
    return;
  }
  const ok = await confirmDialog({
    title: `Archive ${ids.length} order${ids.length === 1 ? '' : 's'}?`,
    message: 'Archived orders stay readable; their status becomes Archived.',
    confirmLabel: 'Archive',
  });
  if (ok) {
    await archive(v, { ids }, (r) => `${r.archived} order${r.archived === 1 ? '' : 's'} archived.`);
  }
}

async function archiveOlder(v, event, shop, date) {
  event.preventDefault();
  const integration = v.integrations.find((i) => String(i.id) === shop.value);
  if (!integration || !date.value) {
    replace(v.notice, banner('error', '', 'Choose a shop and a date to archive its older orders.'));
    (integration ? date : shop).focus();
    return;
  }
  const ok = await confirmDialog({
    title: 'Archive older orders?',
    message: `Every order of ${integration.name} placed before ${date.value} moves to the archive.`,
    confirmLabel: 'Archive',
  });
  if (ok) {
    await archive(v, { integrationId: integration.id, orderedBefore: date.value },
      (r) => `${r.archived} order${r.archived === 1 ? '' : 's'} of ${integration.name} archived.`);
  }
}

async function archive(v, body, done) {
  try {
    const r = await post('/orders/archive', body, { signal: v.ctx.signal });
    notify(v.notice, 'success', '', done(r));
    await v.load();
  } catch (e) {
    if (!isAbort(e)) {
      replace(v.notice, errorBanner(e, 'The orders could not be archived.'));
    }
  }
}
