// The credential part of the integration form, drawn from the connector's descriptor (GET /connectors, plugin API
// 1.1): no connector has code here.
import { h, replace, field, clearFieldError, setFieldError } from '../../dom.js';

const INPUT_TYPES = { SECRET: 'password', URL: 'url', DOMAIN: 'text', TEXT: 'text' };
const PREFIX = 'credentials.';

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
 * Draws the fields of the chosen connector into `box` and registers their inputs in `controls` under
 * `credentials.<name>` (the field paths of the API's errors). `integration` is the one edited, or null.
 */
export function drawCredentials(box, controls, connectors, connectorId, integration) {
  for (const key of Object.keys(controls).filter((k) => k.startsWith(PREFIX))) {
    delete controls[key];
  }
  const editing = Boolean(integration);
  const connector = connectors.find((c) => c.id === connectorId);
  const fields = connector ? connector.fields
    : Object.keys(integration ? integration.credentials : {}).map((name) => ({ name, label: name, required: true, secret: true }));
  replace(box,
    h('legend', null, `${connector ? connector.name : connectorId} credentials`),
    editing ? h('p', { class: 'hint' }, 'Leave a field empty to keep the stored value. New keys are checked with the shop before they replace the old ones.') : null,
    h('div', { class: 'grid' }, fields.map((f) => {
      const input = credentialInput(f, editing ? (integration.credentials || {})[f.name] : undefined, editing);
      controls[`${PREFIX}${f.name}`] = input;
      return field({ label: f.label, control: input, required: f.required && !editing, id: `cred-${f.name}`, hint: f.help || null });
    })));
}

function credentialInput(f, stored, editing) {
  const kind = kindOf(f);
  const secret = f.secret || kind === 'SECRET';
  const input = h('input', {
    type: secret ? 'password' : INPUT_TYPES[kind] || 'text',
    name: `${PREFIX}${f.name}`,
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
  return input;
}

/** The credentials typed: all of them, or (`changedOnly`) those that differ from the stored values. */
export function credentialValues(controls, changedOnly) {
  const credentials = {};
  for (const [key, control] of Object.entries(controls)) {
    if (key.startsWith(PREFIX) && (!changedOnly || control.value !== '' && control.value !== control.dataset.original)) {
      credentials[key.substring(PREFIX.length)] = control.value;
    }
  }
  return credentials;
}
