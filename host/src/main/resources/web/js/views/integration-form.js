// Add / edit an integration: the connector's credential form plus the setup fields.
import { get, post, patch, ApiError } from '../api.js';
import {
  h, replace, banner, errorBanner, field, clearFieldError, clearFieldErrors, setFieldError, isoDay, viewHeading,
} from '../dom.js';

const BANNER_KINDS = new Set(['invalid-credentials', 'api-access-denied', 'shop-unavailable', 'sync-start-date-locked']);

// The credential form comes from the connector's descriptor (GET /connectors, plugin API 1.1): no connector has code here.
const INPUT_TYPES = { SECRET: 'password', URL: 'url', DOMAIN: 'text', TEXT: 'text' };

/** A field's kind; fields listed by a host before plugin API 1.1 have only `secret`. */
function kindOf(f) {
  return f.kind || (f.secret ? 'SECRET' : 'TEXT');
}

/** The field's pattern as a whole-value JavaScript expression, or null (none, or Java syntax JavaScript lacks). */
function patternOf(f) {
  if (!f.pattern) {
    return null;
  }
  try {
    return new RegExp(`^(?:${f.pattern})$`, 'u');
  } catch (e) {
    return null;
  }
}

/**
 * Shows a mismatch of the field's pattern next to it while the user types (after the first blur). Only a
 * help: the server checks every field again and its 422 is the authority.
 */
function watchPattern(input, f) {
  const pattern = patternOf(f);
  if (!pattern) {
    return;
  }
  let touched = false;
  const check = () => {
    clearFieldError(input);
    const raw = input.value.trim();
    const value = kindOf(f) === 'DOMAIN' ? raw.toLowerCase() : raw;
    if (value && value !== input.dataset.original && !pattern.test(value)) {
      setFieldError(input, f.hint ? `must look like ${f.hint}` : 'does not have the expected form');
    }
  };
  input.addEventListener('blur', () => {
    touched = true;
    check();
  });
  input.addEventListener('input', () => {
    if (touched) {
      check();
    }
  });
}

/**
 * @param custom another use of the new-integration form (switch-shop.js): `heading`, `submitLabel`, `intro` (a node
 *   above the form), `prefill` ({ name, customerType, syncStartDate }) and `submit(body)`, which replaces the POST and the navigation.
 */
export async function integrationFormView(ctx, custom) {
  const editing = Boolean(ctx.params.id) && !custom;
  const [connectorPage, integration] = await Promise.all([
    get('/connectors', undefined, { signal: ctx.signal }),
    editing ? get(`/integrations/${ctx.params.id}`, undefined, { signal: ctx.signal }) : Promise.resolve(null),
  ]);
  const connectors = connectorPage.items;
  const zone = ctx.system.zone;
  const today = isoDay(zone);
  const earliest = isoDay(zone, -30);

  const notice = h('div', { class: 'notice' });
  const controls = {};  // field path → control

  if (!editing && !connectors.length) {
    replace(ctx.main, viewHeading('Add integration'),
      banner('warning', 'No connector is loaded.',
        'Drop a connector plugin archive into the plugins folder of Shoplink; the Plugins page shows what was found and why a plugin failed.'),
      h('p', null, h('a', { href: '#/plugins' }, 'Open the Plugins page')));
    return;
  }

  // --- controls ---
  const connectorSelect = h('select', { name: 'connector', required: true, disabled: editing },
    connectors.map((c) => h('option', { value: c.id }, `${c.name} (${c.version})`)));
  if (editing) {
    if (!connectors.some((c) => c.id === integration.connector)) {
      connectorSelect.appendChild(h('option', { value: integration.connector }, `${integration.connector} (plugin not loaded)`));
    }
    connectorSelect.value = integration.connector;
  }
  controls.connector = connectorSelect;

  const nameInput = h('input', { type: 'text', name: 'name', required: true, maxlength: '200', autocomplete: 'off' });
  controls.name = nameInput;

  const customerType = h('select', { name: 'customerType', required: true },
    editing ? null : h('option', { value: '' }, 'Choose…'),
    h('option', { value: 'WHOLESALE' }, 'Wholesale'),
    h('option', { value: 'RETAIL' }, 'Retail'));
  controls.customerType = customerType;

  const shopUrl = h('input', { type: 'url', name: 'shopUrl', required: true, placeholder: 'https://shop.example.com', autocomplete: 'off' });
  controls.shopUrl = shopUrl;

  const startDate = h('input', { type: 'date', name: 'syncStartDate', required: true, min: earliest, max: today });
  controls.syncStartDate = startDate;
  const locked = editing && integration.syncStartDateLocked;
  if (locked) {
    startDate.disabled = true;
    startDate.min = '';
    startDate.max = '';
  }

  if (editing) {
    nameInput.value = integration.name;
    customerType.value = integration.customerType;
    shopUrl.value = integration.shopUrl;
    startDate.value = integration.syncStartDate;
  } else {
    nameInput.value = custom?.prefill?.name || '';
    customerType.value = custom?.prefill?.customerType || '';
    const start = custom?.prefill?.syncStartDate;
    startDate.value = start && start >= earliest && start <= today ? start : earliest;
  }

  const credentialBox = h('fieldset', { class: 'fieldset' });

  function drawCredentials() {
    for (const key of Object.keys(controls).filter((k) => k.startsWith('credentials.'))) {
      delete controls[key];
    }
    const connector = connectors.find((c) => c.id === connectorSelect.value);
    const fields = connector ? connector.fields
      : Object.keys(integration ? integration.credentials : {}).map((name) => ({ name, label: name, required: true, secret: true }));
    const help = (f) => f.help || null;
    replace(credentialBox,
      h('legend', null, `${connector ? connector.name : connectorSelect.value} credentials`),
      editing ? h('p', { class: 'hint' }, 'Leave a field empty to keep the stored value. New keys are checked with the shop before they replace the old ones.') : null,
      h('div', { class: 'grid' }, fields.map((f) => {
        const stored = editing ? (integration.credentials || {})[f.name] : undefined;
        const kind = kindOf(f);
        const secret = f.secret || kind === 'SECRET';
        const input = h('input', {
          type: secret ? 'password' : INPUT_TYPES[kind] || 'text',
          name: `credentials.${f.name}`,
          required: f.required && !editing,
          autocomplete: secret ? 'new-password' : 'off',
          autocapitalize: 'off',
          spellcheck: 'false',
          placeholder: editing && stored ? `unchanged (${stored})` : (f.hint || ''),
        });
        if (editing && !secret && stored) {
          input.value = stored;
        }
        input.dataset.original = editing && !secret && stored ? stored : '';
        watchPattern(input, f);
        controls[`credentials.${f.name}`] = input;
        return field({ label: f.label, control: input, required: f.required && !editing, id: `cred-${f.name}`, hint: help(f) });
      })));
  }
  connectorSelect.addEventListener('change', drawCredentials);
  drawCredentials();

  const submit = h('button', { type: 'submit', class: 'btn btn-primary' },
    custom?.submitLabel || (editing ? 'Save changes' : 'Connect shop'));
  const form = h('form', { class: 'card form', novalidate: true },
    h('div', { class: 'grid' },
      field({ label: 'Connector', control: connectorSelect, id: 'connector', required: true,
        hint: editing ? 'The connector of an integration cannot change; connect the shop again for another one.' : null }),
      field({ label: 'Custom name', control: nameInput, id: 'name', required: true,
        hint: 'Labels where products and orders came from, e.g. "Main store".' }),
      field({ label: 'Customer type', control: customerType, id: 'customerType', required: true,
        hint: 'Every order of this integration inherits it.' }),
      field({ label: 'Shop URL', control: shopUrl, id: 'shopUrl', required: true,
        hint: 'The address of the shop, e.g. https://shop.example.com. One shop can be connected once.' }),
      field({ label: 'Sync start date', control: startDate, id: 'syncStartDate', required: true,
        hint: locked
          ? 'Locked: the start date cannot change once the first synchronization has started.'
          : `Orders placed and products created on or after this day are imported. At most 30 days back (${earliest} to ${today}, ${zone}); it is locked after the first synchronization.` })),
    credentialBox,
    h('div', { class: 'actions' },
      h('a', { class: 'btn', href: '#/integrations' }, 'Cancel'),
      submit));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    replace(notice);
    const body = editing ? changes() : creation();
    if (editing && !Object.keys(body).length) {
      replace(notice, banner('info', '', 'Nothing changed.'));
      return;
    }
    submit.disabled = true;
    const label = submit.textContent;
    submit.textContent = 'Checking with the shop…';
    try {
      if (custom) {
        await custom.submit(body);
        return;
      }
      const saved = editing ? await patch(`/integrations/${integration.id}`, body) : await post('/integrations', body);
      ctx.session.flash = {
        kind: 'success',
        title: editing ? `${saved.name} is saved.` : `${saved.name} is connected.`,
        detail: editing ? '' : 'Press Synchronize to import its products and orders.',
      };
      ctx.navigate('/integrations');
    } catch (e) {
      showProblem(e);
    } finally {
      submit.disabled = false;
      submit.textContent = label;
    }
  });

  function creation() {
    const credentials = {};
    for (const [key, control] of Object.entries(controls)) {
      if (key.startsWith('credentials.')) {
        credentials[key.substring('credentials.'.length)] = control.value;
      }
    }
    return {
      connector: connectorSelect.value,
      name: nameInput.value.trim(),
      customerType: customerType.value,
      shopUrl: shopUrl.value.trim(),
      credentials,
      syncStartDate: startDate.value,
    };
  }

  function changes() {
    const body = {};
    if (nameInput.value.trim() !== integration.name) {
      body.name = nameInput.value.trim();
    }
    if (customerType.value !== integration.customerType) {
      body.customerType = customerType.value;
    }
    if (shopUrl.value.trim() !== integration.shopUrl) {
      body.shopUrl = shopUrl.value.trim();
    }
    if (!locked && startDate.value !== integration.syncStartDate) {
      body.syncStartDate = startDate.value;
    }
    const credentials = {};
    for (const [key, control] of Object.entries(controls)) {
      if (key.startsWith('credentials.') && control.value !== '' && control.value !== control.dataset.original) {
        credentials[key.substring('credentials.'.length)] = control.value;
      }
    }
    if (Object.keys(credentials).length) {
      body.credentials = credentials;
    }
    return body;
  }

  function showProblem(e) {
    if (!(e instanceof ApiError)) {
      replace(notice, errorBanner(e));
      return;
    }
    const unmatched = [];
    for (const err of e.fieldErrors) {
      const control = controls[err.field];
      if (control) {
        setFieldError(control, err.message);
      } else {
        unmatched.push(`${err.field}: ${err.message}`);
      }
    }
    if (BANNER_KINDS.has(e.kind) || e.status >= 500 || e.status === 409) {
      const titles = {
        'invalid-credentials': 'The shop rejected the credentials.',
        'api-access-denied': 'This shop account has no API access.',
        'shop-unavailable': 'The shop cannot be reached.',
      };
      replace(notice, banner('error', titles[e.kind] || `${e.problem.title || 'Error'}:`, e.problem.detail, unmatched));
    } else if (e.kind === 'validation') {
      replace(notice, banner('error', 'Please correct the marked fields.', '', unmatched));
    } else {
      replace(notice, errorBanner(e));
    }
    const firstInvalid = form.querySelector('[aria-invalid="true"]');
    if (firstInvalid) {
      firstInvalid.focus();
    } else {
      notice.tabIndex = -1;
      notice.focus();
    }
  }

  replace(ctx.main,
    viewHeading(custom?.heading || (editing ? `Edit ${integration.name}` : 'Add integration')),
    custom?.intro || null,
    notice,
    form);
}
