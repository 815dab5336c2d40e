// The runs list: filters by flow, state and start time, pages of the server's size through its
// "next" token (never all runs), states kept live by the event stream.

import {follow, get} from "./api.js";
import {badge, duration, el, replace, time} from "./dom.js";
import {link, report} from "./ui.js";

const STATES = ["RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"];
const SIZES = ["20", "50", "100", "200"];

// The "after" tokens of the pages before the current one, for the Previous button. Kept while the
// filters stay the same; a page opened from a bookmark starts a new trail.
let trail = {filters: null, tokens: []};

export function showRuns(main, params) {
  const filters = {
    flow: params.get("flow") || "",
    state: params.get("state") || "",
    from: params.get("from") || "",
    to: params.get("to") || "",
    limit: params.get("limit") || "50",
  };
  const after = params.get("after") || "";
  const signature = JSON.stringify(filters);
  if (trail.filters !== signature) trail = {filters: signature, tokens: []};
  if (!after) trail.tokens = [];

  const body = el("tbody");
  const status = el("p", {class: "muted", id: "runs-status"}, "Loading…");
  const previous = el("button", {type: "button", id: "runs-previous", class: "secondary"}, "← Previous");
  const first = el("button", {type: "button", id: "runs-first", class: "secondary"}, "First page");
  const next = el("button", {type: "button", id: "runs-next"}, "Next →");
  let nextToken = null;

  document.title = "Runs · Hypha";
  main.appendChild(el("h1", {}, "Runs"));
  main.appendChild(filterForm(filters));
  main.appendChild(
    el(
      "table",
      {class: "runs", id: "runs-table"},
      el("thead", {}, el("tr", {}, ["Run", "Flow", "State", "Started", "Duration", "Error"].map((h) => el("th", {}, h)))),
      body,
    ),
  );
  main.appendChild(el("div", {class: "pager"}, first, previous, status, next));

  const go = (token) => (location.hash = link(["runs"], {...filters, after: token}));
  next.addEventListener("click", () => {
    if (!nextToken) return;
    trail.tokens.push(after);
    go(nextToken);
  });
  previous.addEventListener("click", () => go(trail.tokens.pop() || ""));
  first.addEventListener("click", () => {
    trail.tokens = [];
    go("");
  });

  let loading = false;
  const load = async () => {
    if (loading) return;
    loading = true;
    try {
      const page = await get("/api/runs", {...filters, after});
      replace(body, page.runs.map(row));
      nextToken = page.next;
      next.disabled = !nextToken;
      previous.disabled = !after || trail.tokens.length === 0;
      first.disabled = !after;
      const where = after ? (trail.tokens.length ? "page " + (trail.tokens.length + 1) : "a later page") : "newest first";
      status.textContent =
        page.runs.length === 0
          ? after ? "No more runs." : "No runs match."
          : `${page.runs.length} run${page.runs.length === 1 ? "" : "s"}, ${where}` + (nextToken ? "" : ", the last page");
    } catch (error) {
      status.textContent = "Could not load the runs.";
      report(error, "Loading runs");
    } finally {
      loading = false;
    }
  };

  // A new run or a state change: rows on this page are updated in place; a new run that belongs
  // on the first page brings that page again (at most once a second).
  let refresh = null;
  const later = () => {
    if (!refresh) refresh = setTimeout(() => ((refresh = null), load()), 1000);
  };
  const stop = follow({
    run: (summary) => {
      if (!summary) return;
      const current = body.querySelector(`tr[data-run="${CSS.escape(summary.id)}"]`);
      if (current) current.replaceWith(row(summary));
      else if (!after && matches(summary, filters)) later();
    },
    poll: load,
  });
  load();
  return () => {
    stop();
    if (refresh) clearTimeout(refresh);
  };
}

function row(run) {
  const error = run.error;
  return el(
    "tr",
    {"data-run": run.id, "data-state": run.state},
    el("td", {class: "id"}, el("a", {href: link(["runs", run.id])}, run.id)),
    el("td", {}, el("a", {href: link(["flows", run.flow])}, run.flow)),
    el("td", {}, badge(run.state)),
    el("td", {}, time(run.startedAt)),
    el("td", {class: "num"}, run.finishedAt ? duration(run.startedAt, run.finishedAt) : run.state === "RUNNING" ? "running" : ""),
    el(
      "td",
      {class: "error-cell"},
      error ? el("span", {title: error.type + (error.message ? ": " + error.message : "")}, error.task + ": " + (error.message || error.type)) : null,
    ),
  );
}

function matches(run, filters) {
  if (filters.flow && run.flow !== filters.flow) return false;
  if (filters.state && !filters.state.split(",").includes(run.state)) return false;
  if (filters.from && Date.parse(run.startedAt) < Date.parse(filters.from)) return false;
  if (filters.to && Date.parse(run.startedAt) >= Date.parse(filters.to)) return false;
  return true;
}

function filterForm(filters) {
  const flow = el("select", {name: "flow", id: "filter-flow"}, el("option", {value: ""}, "any flow"));
  if (filters.flow) flow.appendChild(el("option", {value: filters.flow, selected: true}, filters.flow));
  get("/api/flows")
    .then((answer) => {
      for (const descriptor of answer.flows) {
        if (descriptor.name !== filters.flow) flow.appendChild(el("option", {value: descriptor.name}, descriptor.name));
      }
    })
    .catch((error) => report(error, "Loading flows"));

  const chosen = new Set(filters.state ? filters.state.split(",") : []);
  const states = STATES.map((state) =>
    el("label", {class: "check"}, el("input", {type: "checkbox", name: "state", value: state, checked: chosen.has(state)}), " ", badge(state)),
  );
  const from = el("input", {type: "datetime-local", name: "from", id: "filter-from", value: localInput(filters.from)});
  const to = el("input", {type: "datetime-local", name: "to", id: "filter-to", value: localInput(filters.to)});
  const limit = el("select", {name: "limit", id: "filter-limit"}, SIZES.map((size) => el("option", {value: size, selected: size === filters.limit}, size)));

  const form = el(
    "form",
    {class: "filters", id: "runs-filters"},
    el("label", {}, "Flow ", flow),
    el("span", {class: "states"}, states),
    el("label", {}, "Started from ", from),
    el("label", {}, "to ", to),
    el("label", {}, "Per page ", limit),
    el("button", {type: "submit", id: "filter-apply"}, "Apply"),
    el("a", {href: "#/runs", class: "clear"}, "Clear"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    trail = {filters: null, tokens: []};
    location.hash = link(["runs"], {
      flow: flow.value,
      state: [...form.querySelectorAll("input[name=state]:checked")].map((box) => box.value).join(","),
      from: isoOf(from.value),
      to: isoOf(to.value),
      limit: limit.value === "50" ? "" : limit.value,
    });
  });
  return form;
}

/** A datetime-local input's value (local time) as an ISO-8601 UTC instant. */
function isoOf(local) {
  if (!local) return "";
  const date = new Date(local);
  return isNaN(date) ? "" : date.toISOString();
}

/** An ISO instant as a datetime-local value in the reader's time zone. */
function localInput(iso) {
  if (!iso) return null;
  const date = new Date(iso);
  if (isNaN(date)) return null;
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
