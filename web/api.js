// The JSON API: one fetch wrapper that turns failures into messages a reader can act on, the calls
// the page makes, and a line of requests where a newer one supersedes (aborts) the one before.
// `code` is the server's error code (GET /api/errors lists them); 'unreachable' when no answer came.
export class ApiError extends Error {
  constructor(message, status, code) { super(message); this.status = status; this.code = code; }
}
// Answers are handed on only once the site's settings are known (GET /api/config), so the first
// results are drawn with its placeholders; the requests themselves go out at once.
let settled = Promise.resolve();
export function settleFirst(settings) { settled = settings.then(() => {}, () => {}); }

async function api(path, options = {}, beforeSettings = false) {
  let res;
  try {
    res = await fetch(path, options);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError('The search service cannot be reached. Check your connection and try again.', 0, 'unreachable');
  }
  let body = null;
  try { body = await res.json(); } catch (e) { if (e.name === 'AbortError') throw e; /* not JSON: reported below */ }
  if (!res.ok) {
    const error = body && body.error && typeof body.error === 'object' ? body.error : {};
    throw new ApiError(error.message || `The server answered ${res.status}.`, res.status, error.code || 'unknown');
  }
  if (!beforeSettings) await settled;
  return body;
}

// An answer that arrives after a newer request was started is stale: start() aborts the old one,
// and isCurrent() lets a caller drop an answer that got through anyway.
export class RequestLine {
  constructor() { this.controller = null; }
  start() {
    this.abort();
    return (this.controller = new AbortController());
  }
  abort() { if (this.controller) this.controller.abort(); }
  isCurrent(controller) { return controller === this.controller; }
}

// params: a plain object, in the order the query string lists them.
export const search = (params, signal) => api(`api/search?${new URLSearchParams(params)}`, { signal });
export const answers = (params, signal) => api(`api/answers?${new URLSearchParams(params)}`, { signal });
export const suggest = (params, signal) => api(`api/suggest?${new URLSearchParams(params)}`, { signal });
export const thread = (id, signal) => api(`api/threads/${encodeURIComponent(id)}`, { signal });
export const similar = (draft, signal) => api('api/similar', { method: 'POST', headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(draft), signal });
export const config = (signal) => api('api/config', { signal }, true);
