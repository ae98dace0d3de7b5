// The API client every laso web client uses: named routes (routes.js), the error body of
// DESIGN.md turned into an ApiError, retries of reads on a bad network, Idempotency-Key on writes.
import { routes } from './routes.js';

export class ApiError extends Error {
  constructor(httpStatus, body) {
    const error = (body && body.error) || {};
    super(error.message || `Lỗi ${httpStatus}`);
    this.httpStatus = httpStatus;
    this.status = error.status || (httpStatus === 0 ? 'NETWORK' : 'UNKNOWN');
    this.details = error.details || [];
    const info = this.details.find((d) => d && d.reason);
    this.reason = info ? info.reason : '';
    this.fields = this.details.flatMap((d) => (d && d.fieldViolations) || []);
  }
}

// Fills `{a}` / `{a.b}` in a path template from params. Returns the path and params without
// the top-level names used in it (a dotted name stays: it lives in the body, as in the proto).
export function fillPath(template, params) {
  const rest = { ...params };
  const path = template.replace(/\{([^}]+)\}/g, (_, name) => {
    const value = name.split('.').reduce((o, k) => (o == null ? undefined : o[k]), params);
    if (value === undefined || value === '') throw new Error(`missing path parameter ${name}`);
    if (!name.includes('.')) delete rest[name];
    return encodeURIComponent(String(value));
  });
  return { path, rest };
}

export function queryString(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    for (const v of Array.isArray(value) ? value : [value]) q.append(key, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function newIdempotencyKey() {
  return globalThis.crypto && crypto.randomUUID
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

// base: the gateway's origin ('' for the page's own). token(): the bearer token or ''.
// renew(): on a 401 of a signed-in call, tries to get a fresh token (true: the call is sent once
// more with it). onUnauthenticated(error): the session is over (a 401 that renewing did not cure).
export function createClient({
  base = '', token = () => '', renew = async () => false, onUnauthenticated = () => {}, readRetries = 2,
} = {}) {
  async function send(method, path, { body, headers = {}, raw = false, anonymous = false, renewed = false } = {}) {
    const h = { Accept: 'application/json', ...headers };
    const bearer = anonymous ? '' : token();
    if (bearer) h.Authorization = `Bearer ${bearer}`;
    let payload;
    if (body !== undefined && !raw) {
      h['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    } else if (raw) {
      payload = body;
    }
    const attempts = method === 'GET' ? readRetries + 1 : 1;
    let last;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await sleep(300 * 2 ** (attempt - 1));
      let response;
      try {
        response = await fetch(base + path, { method, headers: h, body: payload });
      } catch (e) {
        last = new ApiError(0, { error: { message: 'Không kết nối được máy chủ. Kiểm tra mạng và thử lại.' } });
        continue;
      }
      const text = await response.text();
      let json = {};
      try {
        json = text ? JSON.parse(text) : {};
      } catch {
        json = { error: { message: text.slice(0, 200) } };
      }
      if (response.ok) return json;
      last = new ApiError(response.status, json);
      if (response.status === 401 && bearer) {
        if (!renewed && (await renew())) return send(method, path, { body, headers, raw, anonymous, renewed: true });
        onUnauthenticated(last);
        throw last;
      }
      if (![502, 503, 504].includes(response.status)) throw last;
    }
    throw last;
  }

  // call('assignFeedback', {id: '1022-…', agencyCode: 'x'}): path parameters from the object,
  // the rest as the query (GET, DELETE) or the JSON body (only the route's body field, when it
  // names one). opts: {idempotencyKey, anonymous: send no token (sign-in, renewal)}.
  async function call(name, params = {}, opts = {}) {
    const route = routes[name];
    if (!route) throw new Error(`unknown route ${name}`);
    const [method, template, bodyField] = route;
    const { path, rest } = fillPath(template, params);
    const headers = {};
    if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
    const anonymous = Boolean(opts.anonymous);
    if (method === 'GET' || method === 'DELETE') {
      return send(method, path + queryString(rest), { headers, anonymous });
    }
    return send(method, path, { body: bodyField ? params[bodyField] : rest, headers, anonymous });
  }

  return { call, send };
}
