// An order's status as a control (the moves OrderStatus.canMoveTo allows) and its attention flag; used by the
// orders overview and the order detail.
import { patch, isAbort, ApiError } from '../api.js';
import { h, replace, errorBanner, notify, humanize, confirmDialog } from '../dom.js';

const NEXT = { RECEIVED: ['IN_PROGRESS', 'COMPLETED'], IN_PROGRESS: ['RECEIVED', 'COMPLETED'], COMPLETED: [], ARCHIVED: [] };
const ATTENTION = { CANCELLED_IN_SHOP: 'cancelled in shop', SHIPPED_BY_SHOP: 'shipped by shop', AWAITING_PAYMENT: 'awaiting payment' };

/** The current status and the ones it may move to; a status with nowhere to go leaves the control disabled. */
function statusChoices(select, current) {
  const choices = NEXT[current] || [];
  select.replaceChildren(...[current, ...choices].map((s) => h('option', { value: s, selected: s === current }, humanize(s))));
  select.value = current;
  select.disabled = choices.length === 0;
}

/** A flag for an order whose shop state contradicts its status (cancelled, shipped or unpaid in the shop). */
export function attentionPill(o) {
  if (!o.attention) {
    return null;
  }
  const label = ATTENTION[o.attention] || humanize(o.attention);
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
