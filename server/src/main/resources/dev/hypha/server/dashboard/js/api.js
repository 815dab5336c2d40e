// The server's REST API: JSON reads, POSTs with the bearer token, RFC 9457 problems as errors,
// and a live feed (Server-Sent Events, or polling when the stream cannot be had).

const TOKEN_KEY = "hypha.token";

/** An error answer of the API; problem is its application/problem+json body when it had one. */
export class ApiError extends Error {
  constructor(status, problem, fallback) {
    super(describe(status, problem, fallback));
    this.status = status;
    this.problem = problem;
  }
}

function describe(status, problem, fallback) {
  if (problem && (problem.detail || problem.title)) {
    const head = status + " " + (problem.title || "");
    return problem.detail ? head.trim() + ": " + problem.detail : head.trim();
  }
  return status + " " + (fallback || "request failed");
}

/** The token kept for this tab, or null. */
export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** GETs path with the query parameters that are set; resolves to the JSON body. */
export async function get(path, params) {
  return request("GET", withQuery(path, params));
}

/** POSTs a JSON body (the token, when kept, as a bearer token); resolves to the JSON body. */
export async function post(path, body) {
  return request("POST", path, body === undefined ? "null" : JSON.stringify(body));
}

function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") query.set(name, value);
  }
  const text = query.toString();
  return text ? path + "?" + text : path;
}

async function request(method, path, body) {
  const headers = {Accept: "application/json"};
  if (method !== "GET") {
    headers["Content-Type"] = "application/json";
    const bearer = token();
    if (bearer) headers.Authorization = "Bearer " + bearer;
  }
  let response;
  try {
    response = await fetch(path, {method, headers, body, cache: "no-store"});
  } catch (failure) {
    throw new ApiError(0, null, "the server cannot be reached (" + failure.message + ")");
  }
  const type = response.headers.get("Content-Type") || "";
  const parsed = type.includes("json") ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(response.status, parsed, response.statusText);
  return parsed;
}

/** Encodes one path segment (run ids, flow names, signal names). */
export function segment(value) {
  return encodeURIComponent(String(value));
}

// Live feed --------------------------------------------------------------------------------------

const listeners = new Set();
let mode = "off";

/**
 * Called with "live", "polling", "connecting" or "off" (no page follows events) when the way
 * updates arrive changes.
 */
export function onFeedMode(listener) {
  listeners.add(listener);
  listener(mode);
}

function setMode(value) {
  mode = value;
  for (const listener of listeners) listener(value);
}

/**
 * Follows /api/events (with ?run=id when runId is given). handlers.run / handlers.task get the
 * events' data; handlers.poll is called every pollMillis instead while the stream is down, and
 * once when it comes back (so nothing missed in between stays missed). Returns a function that
 * stops everything.
 */
export function follow({runId, run, task, poll, pollMillis = 3000}) {
  let source = null;
  let timer = null;
  let retry = null;
  let stopped = false;

  const startPolling = () => {
    if (stopped) return;
    setMode("polling");
    if (!timer) timer = setInterval(() => poll && poll(), pollMillis);
    // Try the stream again now and then; polling goes on until it opens.
    if (!retry) retry = setTimeout(open, 10_000);
  };

  const stopPolling = () => {
    const wasPolling = timer !== null;
    if (timer) clearInterval(timer);
    if (retry) clearTimeout(retry);
    timer = null;
    retry = null;
    return wasPolling;
  };

  function open() {
    retry = null;
    if (stopped) return;
    if (typeof EventSource === "undefined") {
      startPolling();
      return;
    }
    if (source) source.close();
    const url = runId ? "/api/events?run=" + segment(runId) : "/api/events";
    const current = new EventSource(url);
    source = current;
    current.addEventListener("open", () => {
      if (stopPolling() && poll) poll();
      setMode("live");
    });
    current.addEventListener("run", (event) => run && run(parse(event)));
    current.addEventListener("task", (event) => task && task(parse(event)));
    current.addEventListener("error", () => {
      // A dropped stream: poll until a new one opens (tried again every 10 s), so the page stays
      // fresh whether the server went away for a moment or never offered events.
      current.close();
      if (source === current) source = null;
      startPolling();
    });
  }

  setMode("connecting");
  open();
  return () => {
    stopped = true;
    setMode("off");
    stopPolling();
    if (source) source.close();
    source = null;
  };
}

function parse(event) {
  try {
    return JSON.parse(event.data);
  } catch (ignored) {
    return null;
  }
}
