// The admin API client: the session cookie (made from the admin token once per browser), its CSRF token on
// every change, JSON in and out, problem+json errors.

const BASE = '/api/v1';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

// the session's CSRF token, learned at sign-in or from GET /api/v1/session (a new tab); null when signed out
let csrf = null;

export function signedIn() {
  return csrf !== null;
}

export function setCsrf(value) {
  csrf = value || null;
}

/** A failed call: `status` (0 when the host could not be reached) and the RFC 9457 problem. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** The stable last segment of the problem type, e.g. `validation`, `invalid-credentials`. */
  get kind() {
    const type = this.problem.type || '';
    return type.substring(type.lastIndexOf('/') + 1);
  }

  /** Field errors of a validation problem: [{field, message}]. */
  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

/** True for the error of a call that was cancelled because the view was left. */
export function isAbort(error) {
  return error && error.name === 'AbortError';
}

function url(path, query) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const qs = params.toString();
  return BASE + path + (qs ? `?${qs}` : '');
}

/**
 * Calls the admin API. Resolves with the parsed JSON body; rejects with an ApiError.
 * A 401 also fires `shoplink:unauthorized` on window (unless `quiet`), which sends the user back to sign-in.
 * `tokenOverride` sends the admin token as a bearer token instead of the session (signing in).
 */
export async function api(path, { method = 'GET', body, query, signal, tokenOverride, quiet, retried } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (tokenOverride) {
    headers.Authorization = `Bearer ${tokenOverride}`;
  } else if (csrf && !SAFE.has(method)) {
    headers['X-CSRF-Token'] = csrf;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(url(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch (e) {
    if (isAbort(e)) {
      throw e;
    }
    throw new ApiError(0, {
      title: 'Host unreachable',
      detail: 'The Shoplink host cannot be reached. Is it running?',
    });
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (response.ok) {
    return data;
  }
  const problem = data && typeof data === 'object'
    ? data
    : { title: response.statusText || `HTTP ${response.status}`, detail: `The host answered HTTP ${response.status}.` };
  const error = new ApiError(response.status, problem);
  if (response.status === 403 && csrf && !retried && error.kind.startsWith('csrf-token')) {
    // another tab signed in again and the session changed: learn its CSRF token and try once more
    const fresh = await api('/session', { signal, quiet: true }).catch(() => null);
    if (fresh && fresh.csrfToken) {
      csrf = fresh.csrfToken;
      return api(path, { method, body, query, signal, quiet, retried: true });
    }
  }
  if (response.status === 401 && tokenOverride === undefined && !quiet) {
    window.dispatchEvent(new CustomEvent('shoplink:unauthorized', { detail: error }));
  }
  throw error;
}

export const get = (path, query, options = {}) => api(path, { ...options, query });
export const post = (path, body, options = {}) => api(path, { ...options, method: 'POST', body });
export const patch = (path, body, options = {}) => api(path, { ...options, method: 'PATCH', body });
export const del = (path, query, options = {}) => api(path, { ...options, method: 'DELETE', query });
