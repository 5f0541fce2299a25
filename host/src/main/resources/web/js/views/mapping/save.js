// "Save and finish": checks the accepted rows, posts them, and marks what the host refused in the rows.
import { post, isAbort, ApiError } from '../../api.js';
import {
  h, replace, banner, errorBanner, notify, clearFieldErrors, setFieldError, confirmDialog, announce,
} from '../../dom.js';
import { confirmedDrafts, updateFilled } from './footer.js';

const MAPPING_FIELD = /^mappings\[(\d+)\](?:\.(\w+))?/;

export async function save(m, acknowledgeWarnings = false) {
  const rows = confirmedDrafts(m);
  if (!rows.length) {
    return;
  }
  clearFieldErrors(m.panel);
  m.panel.querySelectorAll('.row-invalid').forEach((tr) => tr.classList.remove('row-invalid'));
  replace(m.notice);
  m.footer.message.textContent = '';
  // what the host would refuse anyway, said here with what to do
  if (markMissing(m, rows)) {
    nothingSaved(m, 'Choose a unit and a grind style (and the group\'s product) in the marked rows.');
    return;
  }
  m.footer.saveButton.disabled = true;
  try {
    const result = await post(`/integrations/${m.id}/mappings`, mappingsBody(m, rows, acknowledgeWarnings), { signal: m.ctx.signal });
    await saved(m, rows, result);
  } catch (e) {
    if (isAbort(e)) {
      return;
    }
    if (e instanceof ApiError && e.kind === 'unacknowledged-warnings') {
      await askAboutWarnings(m, e, rows);
      return;
    }
    showSaveProblem(m, e, rows);
  } finally {
    updateFilled(m);
  }
}

/** Marks rows without a unit, grind style or group product; the number of marks. */
function markMissing(m, rows) {
  let missing = 0;
  for (const d of rows) {
    const g = m.groups.get(d.group);
    if (!d.unit && markRow(m, d, 'unit', 'Choose a unit.')) missing++;
    if (!d.grindStyle && markRow(m, d, 'grindStyle', 'Choose a grind style.')) missing++;
    if (g && !g.productName && markRow(m, d, 'product', 'Choose a catalog product or type a new name.')) missing++;
  }
  return missing;
}

function mappingsBody(m, rows, acknowledgeWarnings) {
  const body = {
    mappings: rows.map((d) => {
      const g = m.groups.get(d.group);
      return {
        listingId: d.listing.id,
        product: g.productId ? { id: g.productId } : { name: g.productName },
        unit: d.unit,
        grindStyle: d.grindStyle,
      };
    }),
  };
  if (acknowledgeWarnings) {
    body.acknowledgeWarnings = true;
  }
  return body;
}

async function saved(m, rows, result) {
  rows.forEach((d) => m.drafts.delete(d.listing.id));
  const n = result.items.length;
  notify(m.notice, 'success', `${n} listing${n === 1 ? '' : 's'} mapped.`, 'They are linked to your catalog now.');
  await m.refreshCounts();
  if (!m.unlinked && !(m.integration.counts || {}).listingsNew) {
    m.state.tab = 'MAPPED';
  }
  m.state.q = '';
  m.filter.value = '';
  m.state.page = 1;
  await m.load();
}

/** Units that contradict their listings: save anyway after a confirmation, or mark them. */
async function askAboutWarnings(m, e, rows) {
  const items = e.fieldErrors.map((err) => {
    const match = /^mappings\[(\d+)\]/.exec(err.field);
    const d = match ? rows[Number(match[1])] : null;
    return `${d ? (d.listing.name || d.listing.sku) : err.field}${d && d.listing.variant ? ` (${d.listing.variant})` : ''}: ${err.message}`;
  });
  const ok = await confirmDialog({
    title: 'Save units that contradict the listings?',
    message: 'These units differ from what the listings say. Save them anyway, or cancel and correct them.',
    body: h('ul', { class: 'warning-list' }, items.map((x) => h('li', null, x))),
    confirmLabel: 'Save anyway',
  });
  if (ok) {
    await save(m, true);
    return;
  }
  e.fieldErrors.forEach((err) => {
    const match = MAPPING_FIELD.exec(err.field);
    if (match) markRow(m, rows[Number(match[1])], match[2], err.message);
  });
  nothingSaved(m, 'Correct the units that contradict their listings, or save again and confirm.');
}

function showSaveProblem(m, e, rows) {
  if (!(e instanceof ApiError)) {
    replace(m.notice, errorBanner(e));
    return;
  }
  if (e.status === 409) {
    replace(m.notice, banner('error', 'SKU conflict:', e.problem.detail));
    m.footer.message.textContent = 'Nothing was saved: SKU conflict.';
    m.notice.scrollIntoView({ block: 'nearest' });
    return;
  }
  const elsewhere = [];
  for (const err of e.fieldErrors) {
    const match = MAPPING_FIELD.exec(err.field);
    const draft = match ? rows[Number(match[1])] : null;
    if (!draft || !markRow(m, draft, match[2], err.message)) {
      const who = draft ? `${draft.listing.name || draft.listing.sku}: ` : `${err.field}: `;
      elsewhere.push(who + err.message);
    }
  }
  if (e.kind === 'validation') {
    nothingSaved(m, 'Please correct the marked rows.', elsewhere);
  } else {
    replace(m.notice, banner('error', `${e.problem.title || 'Error'}:`, e.problem.detail, elsewhere));
    m.footer.message.textContent = 'Nothing was saved.';
  }
}

/** Puts `message` at the row's field (unit, grindStyle, product…) or under its listing; false when not shown. */
function markRow(m, draft, field, message) {
  const controls = m.rowControls.get(draft.listing.id);
  if (!controls) {
    return false;
  }
  const target = { unit: controls.unit, grindStyle: controls.grindStyle }[field]
    || (field && field.startsWith('product') ? (m.groupControls.get(draft.group) || {}).product : null);
  if (target) {
    setFieldError(target, message);
  } else {
    controls.rowError.textContent = message;
    controls.rowError.hidden = false;
  }
  controls.row.classList.add('row-invalid');
  return true;
}

function nothingSaved(m, detail, items) {
  replace(m.notice, banner('error', 'Nothing was saved.', detail, items));
  m.footer.message.textContent = `Nothing was saved: ${detail}`;
  m.notice.scrollIntoView({ block: 'nearest' });
  announce(`Nothing was saved. ${detail}`);
  const first = m.panel.querySelector('[aria-invalid="true"]');
  if (first) {
    first.focus({ preventScroll: true });
    first.scrollIntoView({ block: 'center' });
  }
}
