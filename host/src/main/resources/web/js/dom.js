// Small DOM helpers. Server text only ever becomes text nodes or attribute values, never markup.

const PROPERTIES = new Set(['value', 'checked', 'disabled', 'hidden', 'selected', 'required', 'readOnly', 'multiple',
  'min', 'max', 'type', 'name', 'id', 'placeholder', 'autocomplete', 'tabIndex', 'open']);

/** Creates an element: h('button', {class: 'btn', onclick: f}, 'Save'). Strings become text nodes. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false && !PROPERTIES.has(key)) {
      continue;
    }
    if (key === 'class') {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else if (key === 'for') {
      el.htmlFor = value;
    } else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.substring(2), value);
    } else if (PROPERTIES.has(key)) {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(el, child);
    } else if (child instanceof Node) {
      el.appendChild(child);
    } else {
      el.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Replaces the children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let uid = 0;
export function nextId(prefix) {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** Tells screen readers something happened. */
export function announce(text) {
  const live = document.getElementById('live');
  if (live) {
    live.textContent = '';
    setTimeout(() => { live.textContent = text; }, 30);
  }
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeShort = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export function formatInstant(iso) {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : dateTime.format(d);
}

/** An instant as two short lines: the date, and the time below it (muted). */
export function instantLines(iso) {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) {
    return iso ? String(iso) : '—';
  }
  return [h('div', { class: 'nowrap' }, dateOnly.format(d)), h('div', { class: 'small muted nowrap' }, timeShort.format(d))];
}

export function formatTime(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : timeOnly.format(d);
}

/** WHOLE_BEAN → Whole bean */
export function humanize(value) {
  if (!value) {
    return '';
  }
  const s = String(value).replace(/_/g, ' ').toLowerCase();
  return s.charAt(0).toUpperCase() + s.substring(1);
}

/** Today as YYYY-MM-DD in a time zone (the host's), shifted by some days. */
export function isoDay(zone, plusDays = 0) {
  let today;
  try {
    today = new Intl.DateTimeFormat('en-CA', { timeZone: zone || 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(new Date());
  } catch {
    today = new Date().toISOString().substring(0, 10);
  }
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d.toISOString().substring(0, 10);
}

/** A coloured badge for an enum value, e.g. a status. */
const BADGE_LABELS = { WAITING_RATE_LIMIT: 'Rate limit', CREDENTIALS_INVALID: 'Credentials invalid',
  CONNECTOR_MISSING: 'Connector missing' };

export function badge(value, extraClass) {
  const v = String(value || '').toLowerCase().replace(/_/g, '-');
  return h('span', { class: ['badge', `badge-${v}`, extraClass] }, BADGE_LABELS[value] || humanize(value));
}

/** A banner: kind is error, warning, success or info. */
export function banner(kind, title, detail, items) {
  return h('div', { class: `banner banner-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    title ? h('strong', null, title) : null,
    detail ? h('span', null, ` ${detail}`) : null,
    items && items.length ? h('ul', null, items.map((item) => h('li', null, item))) : null);
}

/** A banner for a failed call (an ApiError or anything thrown). */
export function errorBanner(error, fallbackTitle = 'Something went wrong.') {
  const problem = error && error.problem;
  if (!problem) {
    return banner('error', fallbackTitle, error && error.message ? error.message : '');
  }
  const title = problem.title && problem.title !== problem.detail ? `${problem.title}:` : '';
  return banner('error', title || fallbackTitle, problem.detail || '');
}

/** Shows `message` in a notice area (replacing what was there). */
export function notify(area, kind, title, detail) {
  replace(area, banner(kind, title, detail));
  announce(`${title || ''} ${detail || ''}`.trim());
}

/**
 * A modal confirm dialog (native <dialog>). `body` is extra content (e.g. options).
 * Resolves true when confirmed.
 */
export function confirmDialog({ title, message, body, confirmLabel = 'OK', danger = false }) {
  return new Promise((resolve) => {
    const titleId = nextId('dlg-title');
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId },
      h('form', { method: 'dialog' },
        h('h2', { id: titleId }, title),
        message ? h('p', null, message) : null,
        body || null,
        h('div', { class: 'actions' },
          h('button', { type: 'submit', value: 'cancel', class: 'btn' }, 'Cancel'),
          h('button', { type: 'submit', value: 'ok', class: danger ? 'btn btn-danger' : 'btn btn-primary' },
            confirmLabel))));
    const opener = document.activeElement;
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok');
      dialog.remove();
      if (opener && opener.isConnected) {
        opener.focus();
      }
    });
    document.body.appendChild(dialog);
    dialog.showModal();
  });
}

/** A labelled form field: label, control, hint and a slot for its error message. */
export function field({ label, control, hint, id, required = false, wide = false }) {
  const controlId = id || control.id || nextId('f');
  control.id = controlId;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const described = [hint ? hintId : null, errorId].filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', described);
  return h('div', { class: ['field', wide ? 'field-wide' : null] },
    h('label', { for: controlId }, label, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    control,
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('p', { class: 'field-error', id: errorId, hidden: true }));
}

/** Clears the error of one control (when its value changes). */
export function clearFieldError(control) {
  if (control.getAttribute('aria-invalid') === 'true') {
    control.removeAttribute('aria-invalid');
    const slot = document.getElementById(`${control.id}-error`);
    if (slot) {
      slot.textContent = '';
      slot.hidden = true;
    }
  }
}

/** Clears the field errors in a container. */
export function clearFieldErrors(container) {
  for (const el of container.querySelectorAll('[aria-invalid="true"]')) {
    el.removeAttribute('aria-invalid');
  }
  for (const el of container.querySelectorAll('.field-error')) {
    el.textContent = '';
    el.hidden = true;
  }
}

/** Puts a message under the control, marks it invalid. */
export function setFieldError(control, message) {
  control.setAttribute('aria-invalid', 'true');
  const slot = document.getElementById(`${control.id}-error`);
  if (slot) {
    slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
    slot.hidden = false;
  }
}

/** Previous / next page controls for a `{page, size, total}` list. */
export function pager(result, onPage, label = 'items') {
  const page = result.page || 1;
  // a list may cap its total (the orders: "10,000+", totalExact false); then its next link says whether more follow
  const exact = result.totalExact !== false;
  const pages = Math.max(1, Math.ceil((result.total || 0) / (result.size || 1)));
  const hasNext = exact ? page < pages : Boolean(result.next);
  const where = exact ? `Page ${page} of ${pages}` : `Page ${page}`;
  const count = exact ? `${result.total}` : `${Number(result.total).toLocaleString('en')}+`;
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', class: 'btn btn-small', disabled: page <= 1, onclick: () => onPage(page - 1) }, '‹ Previous'),
    h('span', null, `${where} · ${count} ${label}`),
    h('button', { type: 'button', class: 'btn btn-small', disabled: !hasNext, onclick: () => onPage(page + 1) }, 'Next ›'));
}

/** A table inside a horizontally scrollable wrapper. */
export function table(caption, headers, rows, className) {
  return h('div', { class: 'table-wrap' },
    h('table', { class: ['table', className] },
      caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
      h('thead', null, h('tr', null, headers.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, rows)));
}

/** The heading every view starts with; focused after navigation. */
export function viewHeading(text, ...extra) {
  return h('div', { class: 'view-head' },
    h('h1', { tabindex: '-1', class: 'view-title' }, text),
    h('div', { class: 'view-actions' }, extra));
}
