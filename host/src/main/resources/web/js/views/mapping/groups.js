// The mapping wizard's editable tabs (To map, Unlinked): a group a product, a row a shop variant.
import { h, humanize, notify, clearFieldError } from '../../dom.js';
import { productCombo } from '../../components/product-combo.js';
import { listingCell, actionButton, actionsHeader } from './listings.js';
import { updateFilled } from './footer.js';

export function groupsTable(m, items) {
  m.groupControls.clear();
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'table table-wizard' },
      h('caption', { class: 'visually-hidden' }, 'Listings to map, grouped by product'),
      h('thead', null, h('tr', null, ['Shop listing', 'Unit', 'Grind style', actionsHeader()]
        .map((x) => h('th', { scope: 'col' }, x)))),
      items.map((group) => groupBody(m, group))));
}

/** The group's draft: its catalog product as suggested, or as the user chose it (kept across pages and tabs). */
function groupDraft(m, group) {
  const suggestion = group.product;
  const g = m.groups.get(group.key) || {
    key: group.key,
    name: group.name,
    productId: suggestion.id ?? null,
    productName: suggestion.name,
    suggested: true,
    reason: suggestion.reason,
  };
  g.listingIds = group.listings.map((s) => s.listing.id);
  m.groups.set(group.key, g);
  return g;
}

function groupBody(m, group) {
  const g = groupDraft(m, group);
  const controlId = `g-${m.groups.size}-${group.key.replace(/[^A-Za-z0-9]+/g, '-')}`.slice(0, 60);
  const product = productCombo(controlId, g, () => {
    g.suggested = false;
    // a product typed or picked for the group confirms its filled rows' product
    g.listingIds.forEach((lid) => { const d = m.drafts.get(lid); if (d && d.confirmed) { touchRow(m, d); } });
    updateFilled(m);
  }, `Catalog product for ${group.name}`, m.ctx.signal);
  m.groupControls.set(group.key, { product: product.input });
  const mappable = group.listings.filter((s) => !s.listing.problem).length;
  const head = h('tr', { class: 'group-row', 'data-group': group.key },
    h('th', { scope: 'rowgroup', colspan: '2' },
      h('div', { class: 'group-name' }, group.name,
        h('span', { class: 'small muted' }, ` · ${group.listings.length} listing${group.listings.length === 1 ? '' : 's'}`)),
      h('label', { class: 'small', for: product.input.id }, 'Catalog product'),
      product.element,
      h('p', { class: 'small muted suggestion-reason' }, g.suggested ? `Suggested: ${g.reason}` : '')),
    h('td', { class: 'group-actions', colspan: '2' },
      h('button', {
        type: 'button', class: 'btn btn-small', 'data-action': 'accept-group', disabled: mappable === 0,
        'aria-label': `Accept the suggestions for ${group.name}`,
        onclick: () => acceptGroup(m, group.key),
      }, 'Accept suggestions')));
  return h('tbody', { class: 'group', 'data-group-body': group.key }, head, group.listings.map((s) => editableRow(m, s, g)));
}

/** A row the user accepted or edited: it is saved with the next "Save and finish". */
function touchRow(m, draft) {
  draft.confirmed = true;
  const controls = m.rowControls.get(draft.listing.id);
  if (controls) {
    controls.row.classList.add('row-confirmed');
    controls.unit.classList.remove('suggested');
    controls.grindStyle.classList.remove('suggested');
    controls.state.textContent = 'accepted';
  }
  updateFilled(m);
}

function rowDraft(m, s, g) {
  const l = s.listing;
  let draft = m.drafts.get(l.id);
  if (!draft) {
    draft = {
      listing: l,
      group: g.key,
      unit: s.unit ? s.unit.value : '',
      grindStyle: s.grindStyle ? s.grindStyle.value : '',
      unitFrom: s.unit ? s.unit.source : null,
      grindFrom: s.grindStyle ? s.grindStyle.source : null,
      confirmed: false,
    };
    m.drafts.set(l.id, draft);
  }
  return draft;
}

function problemRow(m, l) {
  return h('tr', { class: 'row-problem', 'data-listing': l.id, 'aria-disabled': 'true' },
    h('td', null, listingCell(l), h('p', { class: 'problem' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), l.problem)),
    h('td', { colspan: '2' }),
    h('td', { class: 'row-actions' }, actionButton(m, l, 'ignore', 'Ignore', 'POST', 'ignore')));
}

function editableRow(m, s, g) {
  const l = s.listing;
  if (l.problem) {
    return problemRow(m, l);
  }
  const draft = rowDraft(m, s, g);
  const base = `m-${l.id}`;
  const label = l.name || l.sku;
  const unit = select(`${base}-unit`, m.units, draft.unit, (v) => { draft.unit = v; touchRow(m, draft); }, (u) => u, `Unit for ${label}`);
  const grind = select(`${base}-grind`, m.grindStyles, draft.grindStyle, (v) => { draft.grindStyle = v; touchRow(m, draft); },
    humanize, `Grind style for ${label}`);
  if (!draft.confirmed) {
    if (draft.unit) unit.classList.add('suggested');
    if (draft.grindStyle) grind.classList.add('suggested');
  }
  const rowError = h('p', { class: 'field-error', id: `${base}-row-error`, hidden: true });
  const stateLabel = h('span', { class: 'small muted row-state' }, draft.confirmed ? 'accepted' : 'suggested');
  const row = h('tr', { 'data-listing': l.id, class: draft.confirmed ? 'row-confirmed' : null },
    h('td', null, listingCell(l), rowError),
    h('td', null, cellWithError(unit), draft.unitFrom ? h('p', { class: 'small muted' }, `from ${draft.unitFrom}`) : null),
    h('td', null, cellWithError(grind), draft.grindFrom ? h('p', { class: 'small muted' }, `from ${draft.grindFrom}`) : null),
    h('td', { class: 'row-actions' }, stateLabel, ' ', actionButton(m, l, 'ignore', 'Ignore', 'POST', 'ignore')));
  m.rowControls.set(l.id, { unit, grindStyle: grind, rowError, row, state: stateLabel, group: g.key });
  return row;
}

function acceptGroup(m, key) {
  const g = m.groups.get(key);
  g.listingIds.map((lid) => m.drafts.get(lid)).filter(Boolean).forEach((d) => touchRow(m, d));
  updateFilled(m);
}

export function acceptAll(m) {
  for (const key of m.groupControls.keys()) {
    acceptGroup(m, key);
  }
  notify(m.notice, 'info', 'Suggestions accepted.', 'Check the rows, then "Save and finish". Nothing is saved before.');
}

function cellWithError(control) {
  const error = h('p', { class: 'field-error', id: `${control.id}-error`, hidden: true });
  control.setAttribute('aria-describedby', error.id);
  return [control, error];
}

function select(controlId, values, current, onChange, labelOf, ariaLabel) {
  const el = h('select', { id: controlId, 'aria-label': ariaLabel },
    h('option', { value: '' }, '—'),
    values.map((v) => h('option', { value: v, selected: v === current }, labelOf(v))));
  el.addEventListener('change', () => {
    clearFieldError(el);
    onChange(el.value);
  });
  return el;
}
