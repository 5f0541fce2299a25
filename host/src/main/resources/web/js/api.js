// The admin API client: bearer token from sessionStorage, JSON in and out, problem+json errors.

const TOKEN_KEY = 'shoplink.adminToken';
const BASE = '/api/v1';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  if (value) {
    sessionStorage.setItem(TOKEN_KEY, value);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
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
 * A 401 also fires `shoplink:unauthorized` on window, which sends the user back to sign-in.
 */
export async function api(path, { method = 'GET', body, query, signal, tokenOverride } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const bearer = tokenOverride ?? token();
  if (bearer) {
    headers.Authorization = `Bearer ${bearer}`;
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
  if (response.status === 401 && tokenOverride === undefined) {
    window.dispatchEvent(new CustomEvent('shoplink:unauthorized', { detail: error }));
  }
  throw error;
}

export const get = (path, query, options = {}) => api(path, { ...options, query });
export const post = (path, body, options = {}) => api(path, { ...options, method: 'POST', body });
export const patch = (path, body, options = {}) => api(path, { ...options, method: 'PATCH', body });
export const del = (path, query, options = {}) => api(path, { ...options, method: 'DELETE', query });
