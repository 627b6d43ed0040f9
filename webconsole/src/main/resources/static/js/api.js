// The one way the console talks to the server: JSON over fetch with the bearer token, one refresh on 401, and
// every failure turned into an ApiError that says what went wrong in words.

import { session } from './session.js';

/** An answer other than 2xx, or no answer at all. Carries the problem document's parts. */
export class ApiError extends Error {
  /**
   * @param {Object} parts
   * @param {number} parts.status the HTTP status, 0 when the server could not be reached
   * @param {string} parts.title the problem's title (the HTTP reason)
   * @param {string} parts.detail what went wrong, in words
   * @param {{field: string, message: string}[]} [parts.errors] offending fields of a validation problem
   * @param {string} parts.method the request method
   * @param {string} parts.path the API path that was called
   */
  constructor({ status, title, detail, errors, method, path }) {
    super(detail || title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors || [];
    this.method = method;
    this.path = path;
  }

  /** @returns {boolean} whether the endpoint itself is missing: this server's version does not have it yet */
  get missingEndpoint() {
    return (this.status === 404 && (!this.detail || /^no such resource/i.test(this.detail))) || this.status === 405;
  }
}

const JSON_TYPE = 'application/json';

/**
 * Calls the API.
 *
 * @param {string} method GET, POST, PUT, PATCH or DELETE
 * @param {string} path below /api, e.g. 'pipelines/42/runs'
 * @param {Object} [options]
 * @param {*} [options.body] sent as JSON, or as is when it is a Blob/File/FormData
 * @param {Object<string, *>} [options.query] query parameters; null and undefined are left out
 * @param {Object<string, string>} [options.headers] extra headers
 * @param {boolean} [options.anonymous] send no token and never refresh (login, refresh)
 * @returns {Promise<*>} the parsed JSON answer; null for 204
 * @throws {ApiError}
 */
export async function request(method, path, options = {}) {
  const url = apiUrl(path, options.query);
  let token = options.anonymous ? null : session.accessToken();
  let response = await send(method, url, path, options, token);
  if (response.status === 401 && !options.anonymous && token) {
    token = await session.refresh().catch(() => null);
    if (token) {
      response = await send(method, url, path, options, token);
    }
    if (!token || response.status === 401) {
      session.expired();
      throw new ApiError({ status: 401, title: 'Unauthorized', detail: 'your session has ended; sign in again', method, path });
    }
  }
  return read(response, method, path);
}

/**
 * @param {string} path below /api
 * @param {Object<string, *>} [query]
 * @returns {string} the URL, relative to the page (the console may live below a context path)
 */
export function apiUrl(path, query) {
  const url = new URL('api/' + path.replace(/^\/+/, ''), document.baseURI);
  for (const [key, value] of Object.entries(query || {})) {
    if (value !== null && value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  return url.toString();
}

async function send(method, url, path, options, token) {
  const headers = { Accept: `${JSON_TYPE}, application/problem+json`, ...(options.headers || {}) };
  let body = options.body;
  if (body !== undefined && body !== null && !(body instanceof Blob) && !(body instanceof FormData)) {
    headers['Content-Type'] = JSON_TYPE;
    body = JSON.stringify(body);
  }
  if (token) headers.Authorization = 'Bearer ' + token;
  try {
    return await fetch(url, { method, headers, body, cache: 'no-store' });
  } catch (e) {
    throw new ApiError({ status: 0, title: 'No answer', method, path,
      detail: 'the server could not be reached (' + (e && e.message ? e.message : 'network error') + ')' });
  }
}

async function read(response, method, path) {
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const text = await response.text().catch(() => '');
  let json = null;
  if (type.includes('json') && text) {
    try {
      json = JSON.parse(text);
    } catch (e) {
      json = null;
    }
  }
  if (response.ok) {
    return json !== null ? json : text || null;
  }
  const problem = json && typeof json === 'object' ? json : {};
  const retry = response.headers.get('Retry-After');
  let detail = plainWords(problem.detail || (text && !type.includes('html') ? text.slice(0, 300) : '') || response.statusText);
  // the server's detail may already say when (older servers said it twice): say it once
  if (response.status === 429 && retry && !/try again/i.test(detail)) detail += ` (try again in ${retry} s)`;
  throw new ApiError({
    status: response.status,
    title: problem.title || response.statusText || 'HTTP ' + response.status,
    detail,
    errors: Array.isArray(problem.errors) ? problem.errors.map(e => ({ ...e, message: plainWords(e.message) })) : [],
    method,
    path,
  });
}

/** Shorthands. Each returns the parsed answer and throws an {@link ApiError}. */
export const api = {
  /** @param {string} path @param {Object} [query] */
  get: (path, query) => request('GET', path, { query }),
  /** @param {string} path @param {*} [body] @param {Object} [options] */
  post: (path, body, options = {}) => request('POST', path, { ...options, body }),
  /** @param {string} path @param {*} body */
  put: (path, body) => request('PUT', path, { body }),
  /** @param {string} path @param {*} body */
  patch: (path, body) => request('PATCH', path, { body }),
  /** @param {string} path */
  del: (path) => request('DELETE', path),
};

/**
 * Reads an endpoint that this server may not have yet.
 *
 * @param {string} path below /api
 * @param {Object} [query]
 * @returns {Promise<{available: boolean, data: *}>} available false (and data null) when the endpoint is missing
 * @throws {ApiError} for any other failure
 */
export async function getOptional(path, query) {
  try {
    return { available: true, data: await api.get(path, query) };
  } catch (e) {
    if (e instanceof ApiError && e.missingEndpoint) return { available: false, data: null };
    throw e;
  }
}

/**
 * Describes any error in one sentence a user can act on: the problem's detail, never its HTTP reason in front
 * ("Bad Request: ...") nor a Java class name.
 *
 * @param {*} error an ApiError, an Error or anything thrown
 * @returns {string}
 */
export function describeError(error) {
  if (error instanceof ApiError) {
    if (error.detail) return plainWords(error.detail);
    if (error.errors.length) return error.errors.map(e => `${e.field}: ${e.message}`).join('; ');
    return error.title && !/^HTTP /.test(error.title) ? error.title : 'HTTP ' + error.status;
  }
  if (error && error.message) return plainWords(error.message);
  return String(error);
}

/** Java exceptions that reach a message, in the words a user reads instead. */
const EXCEPTION_WORDS = {
  ConnectException: 'connection refused',
  NoRouteToHostException: 'no route to the host',
  UnknownHostException: 'unknown host',
  SocketTimeoutException: 'timed out',
  HttpTimeoutException: 'timed out',
  TimeoutException: 'timed out',
  SSLHandshakeException: 'the TLS handshake failed',
  SSLException: 'a TLS error',
  EOFException: 'the connection closed early',
  FileNotFoundException: 'file not found',
  AccessDeniedException: 'access denied',
  NullPointerException: 'an internal error',
  IllegalArgumentException: 'an invalid value',
  IllegalStateException: 'an invalid state',
};
const EXCEPTION = /\b(?:[a-z_$][\w$]*\.)*([A-Z][\w$]*(?:Exception|Error))\b(:\s*)?/g;

/**
 * Takes Java class names out of a server message: "java.net.ConnectException: Connection refused" reads
 * "Connection refused"; a class name alone becomes its meaning ("ConnectException" -> "connection refused").
 * Repeated sentences are said once.
 *
 * @param {string} text
 * @returns {string}
 */
export function plainWords(text) {
  if (text === null || text === undefined) return '';
  let out = String(text).replace(EXCEPTION, (all, name, colon, offset, whole) => {
    const rest = whole.slice(offset + all.length).trim();
    if (colon && rest) return '';
    return EXCEPTION_WORDS[name] || name.replace(/(Exception|Error)$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() + ' error';
  });
  out = out.replace(/\s{2,}/g, ' ').replace(/^[\s:;,-]+/, '').trim();
  // "x (x)" and "x: x" -> "x"
  out = out.replace(/([^();:]{3,}?)\s*\(\s*\1\s*\)/g, '$1');
  out = out.replace(/^([^:]{3,}):\s*\1$/, '$1');
  return out;
}
