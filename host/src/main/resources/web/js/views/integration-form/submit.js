// What the integration form sends (the whole new integration, or only the changes) and how a refusal is shown.
import { ApiError } from '../../api.js';
import { replace, banner, errorBanner, setFieldError } from '../../dom.js';
import { credentialValues } from './credentials.js';

const BANNER_KINDS = new Set(['invalid-credentials', 'api-access-denied', 'shop-unavailable', 'sync-start-date-locked']);
const TITLES = {
  'invalid-credentials': 'The shop rejected the credentials.',
  'api-access-denied': 'This shop account has no API access.',
  'shop-unavailable': 'The shop cannot be reached.',
};

/** The body of POST /integrations. */
export function creation(f) {
  const c = f.controls;
  return {
    connector: c.connector.value,
    name: c.name.value.trim(),
    customerType: c.customerType.value,
    shopUrl: c.shopUrl.value.trim(),
    credentials: credentialValues(c, false),
    syncStartDate: c.syncStartDate.value,
  };
}

/** The body of PATCH /integrations/{id}: only what differs from the integration. */
export function changes(f) {
  const c = f.controls;
  const was = f.integration;
  const body = {};
  if (c.name.value.trim() !== was.name) {
    body.name = c.name.value.trim();
  }
  if (c.customerType.value !== was.customerType) {
    body.customerType = c.customerType.value;
  }
  if (c.shopUrl.value.trim() !== was.shopUrl) {
    body.shopUrl = c.shopUrl.value.trim();
  }
  if (!f.locked && c.syncStartDate.value !== was.syncStartDate) {
    body.syncStartDate = c.syncStartDate.value;
  }
  const credentials = credentialValues(c, true);
  if (Object.keys(credentials).length) {
    body.credentials = credentials;
  }
  return body;
}

/** Field errors at their controls, the rest in a banner; focus moves to the first invalid control or the notice. */
export function showProblem(f, e) {
  if (!(e instanceof ApiError)) {
    replace(f.notice, errorBanner(e));
    return;
  }
  const unmatched = [];
  for (const err of e.fieldErrors) {
    const control = f.controls[err.field];
    if (control) {
      setFieldError(control, err.message);
    } else {
      unmatched.push(`${err.field}: ${err.message}`);
    }
  }
  if (BANNER_KINDS.has(e.kind) || e.status >= 500 || e.status === 409) {
    replace(f.notice, banner('error', TITLES[e.kind] || `${e.problem.title || 'Error'}:`, e.problem.detail, unmatched));
  } else if (e.kind === 'validation') {
    replace(f.notice, banner('error', 'Please correct the marked fields.', '', unmatched));
  } else {
    replace(f.notice, errorBanner(e));
  }
  const firstInvalid = f.form.querySelector('[aria-invalid="true"]');
  if (firstInvalid) {
    firstInvalid.focus();
  } else {
    f.notice.tabIndex = -1;
    f.notice.focus();
  }
}
