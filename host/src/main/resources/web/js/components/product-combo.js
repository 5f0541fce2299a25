// The catalog product combobox (ARIA 1.2 combobox with a listbox): pick an existing product or type a new name.
import { get, isAbort } from '../api.js';
import { h, replace, debounce, nextId, clearFieldError } from '../dom.js';

/**
 * `draft` carries `productId` and `productName` and is changed in place; `touch` runs after every change by the user.
 * Returns `{input, element}`.
 */
export function productCombo(controlId, draft, touch, ariaLabel, signal) {
  const c = comboElements(controlId, draft, ariaLabel);
  Object.assign(c, { draft, touch, signal, options: [], active: -1, sequence: 0 });
  const search = debounce(() => searchProducts(c), 250);
  c.input.addEventListener('input', () => {
    clearFieldError(c.input);
    draft.productName = c.input.value.trim();
    draft.productId = null;
    showStatus(c);
    touch();
    search();
  });
  c.input.addEventListener('keydown', (event) => onKey(c, event));
  c.input.addEventListener('blur', () => setTimeout(() => close(c), 150));
  showStatus(c);
  return { input: c.input, element: h('div', { class: 'combo' }, c.input, c.list, c.status, c.error) };
}

function comboElements(controlId, draft, ariaLabel) {
  const listId = nextId('products');
  const input = h('input', {
    type: 'text', id: controlId, role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
    'aria-controls': listId, 'aria-label': ariaLabel, autocomplete: 'off', spellcheck: 'false',
    value: draft.productName, placeholder: 'Type a product name', class: 'combo-input',
  });
  const list = h('ul', { role: 'listbox', id: listId, class: 'combo-list', hidden: true, 'aria-label': 'Catalog products' });
  const status = h('p', { class: 'combo-status small', id: `${controlId}-status` });
  const error = h('p', { class: 'field-error', id: `${controlId}-error`, hidden: true });
  input.setAttribute('aria-describedby', `${status.id} ${error.id}`);
  return { listId, input, list, status, error };
}

function showStatus(c) {
  if (c.draft.productId) {
    replace(c.status, h('span', { class: 'pill pill-existing' }, 'existing product'));
  } else if (c.draft.productName) {
    replace(c.status, h('span', { class: 'pill pill-new' }, 'new product'));
  } else {
    replace(c.status);
  }
}

function close(c) {
  c.list.hidden = true;
  c.input.setAttribute('aria-expanded', 'false');
  c.input.removeAttribute('aria-activedescendant');
  c.active = -1;
}

function open(c) {
  if (!c.options.length) {
    close(c);
    return;
  }
  c.list.hidden = false;
  c.input.setAttribute('aria-expanded', 'true');
}

function highlight(c, index) {
  c.active = index;
  [...c.list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
  if (index >= 0 && c.list.children[index]) {
    c.input.setAttribute('aria-activedescendant', c.list.children[index].id);
    c.list.children[index].scrollIntoView({ block: 'nearest' });
  }
}

function pick(c, productItem) {
  c.draft.productId = productItem.id;
  c.draft.productName = productItem.name;
  c.input.value = productItem.name;
  close(c);
  showStatus(c);
  c.touch();
}

function onKey(c, event) {
  if (event.key === 'ArrowDown') {
    event.preventDefault();
    if (c.list.hidden) {
      open(c);
    }
    highlight(c, Math.min(c.options.length - 1, c.active + 1));
  } else if (event.key === 'ArrowUp') {
    event.preventDefault();
    highlight(c, Math.max(0, c.active - 1));
  } else if (event.key === 'Enter' && !c.list.hidden && c.active >= 0) {
    event.preventDefault();
    pick(c, c.options[c.active]);
  } else if (event.key === 'Escape' && !c.list.hidden) {
    event.preventDefault();
    close(c);
  }
}

async function searchProducts(c) {
  const q = c.input.value.trim();
  const mine = ++c.sequence;
  if (!q) {
    c.options = [];
    close(c);
    return;
  }
  try {
    const page = await get('/products', { q, size: 8 }, { signal: c.signal });
    if (mine !== c.sequence) {
      return;
    }
    showOptions(c, q, page.items);
  } catch (e) {
    if (!isAbort(e)) {
      c.options = [];
      close(c);
    }
  }
}

function showOptions(c, q, items) {
  c.options = items;
  const exact = items.find((p) => p.name.toLowerCase() === q.toLowerCase());
  if (exact && !c.draft.productId) {
    c.draft.productId = exact.id;
    showStatus(c);
  }
  replace(c.list, items.map((p, i) => h('li', {
    role: 'option', id: `${c.listId}-${i}`, 'aria-selected': 'false', class: 'combo-option', 'data-product-id': p.id,
    onmousedown: (event) => { event.preventDefault(); pick(c, p); },
  }, p.name, h('span', { class: 'small muted' }, ` · ${p.variants.length} variant${p.variants.length === 1 ? '' : 's'}`))));
  if (document.activeElement === c.input) {
    open(c);
  }
}
