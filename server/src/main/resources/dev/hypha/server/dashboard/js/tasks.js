// A run's tasks: the grouping of fan-out instances ("read[0]", "read[1]", ...) under their task,
// the states the graph shows, the task table with expandable details, and the errors list.

import {badge, duration, el, json, time} from "./dom.js";

const INSTANCE = /^(.*)\[(\d+)\]$/;
const MAX_INSTANCES = 200;
const MAX_ERRORS = 50;

/**
 * Groups a run's task rows: {rows: Map name -> row, instances: Map task -> [rows] (in index
 * order), order: the names of the rows that are not instances, in the flow's order first}.
 */
export function group(detail, flow) {
  const rows = new Map();
  const instances = new Map();
  for (const task of detail.tasks) {
    rows.set(task.name, task);
    const match = INSTANCE.exec(task.name);
    if (match) {
      if (!instances.has(match[1])) instances.set(match[1], []);
      instances.get(match[1]).push({index: Number(match[2]), row: task});
    }
  }
  for (const [name, list] of instances) {
    instances.set(name, list.sort((a, b) => a.index - b.index).map((entry) => entry.row));
  }
  const order = flow ? flow.tasks.map((task) => task.name) : [];
  const listed = new Set(order);
  for (const task of detail.tasks) {
    const match = INSTANCE.exec(task.name);
    const isInstance = match && (listed.has(match[1]) || rows.has(match[1]) || instances.has(match[1]));
    if (!listed.has(task.name) && !isInstance) {
      order.push(task.name);
      listed.add(task.name);
    }
  }
  return {rows, instances, order};
}

/** How many rows are in each state, e.g. {SUCCEEDED: 12, RUNNING: 3}. */
export function counts(rows) {
  const result = {};
  for (const row of rows) result[row.state] = (result[row.state] || 0) + 1;
  return result;
}

function countText(tally) {
  return Object.entries(tally)
    .map(([state, n]) => n + " " + state.toLowerCase())
    .join(", ");
}

/** What the graph shows for each task of the flow: Map name -> {state, label, detail}. */
export function graphStates(flow, grouped) {
  const states = new Map();
  for (const task of flow.tasks) {
    const row = grouped.rows.get(task.name);
    const state = row ? row.state : "PENDING";
    let label = state.toLowerCase();
    let detail = "";
    if (row && row.state === "SKIPPED") label = "skipped: " + skipText(row.skipReason);
    else if (row && row.attempt > 1 && !["SUCCEEDED", "SKIPPED"].includes(row.state)) label += " · attempt " + row.attempt;
    const instances = grouped.instances.get(task.name);
    if (instances && instances.length) {
      const tally = counts(instances);
      const done = (tally.SUCCEEDED || 0) + (tally.RECOVERED || 0);
      label = state.toLowerCase() + " · " + done + "/" + instances.length + " done";
      detail = instances.length + " instances: " + countText(tally);
    } else if (row && row.error) {
      detail = row.error.type + ": " + row.error.message;
    }
    states.set(task.name, {state, label, detail});
  }
  return states;
}

/** "not taken" or "upstream failed" for a skip reason as the API spells it. */
export function skipText(reason) {
  if (reason === "NOT_TAKEN") return "not taken";
  if (reason === "UPSTREAM_FAILED") return "upstream failed";
  return reason ? String(reason).toLowerCase().replace(/_/g, " ") : "";
}

/**
 * The task table. expanded: a Set of the names whose details are open (kept across refreshes);
 * it is changed when a row is toggled.
 */
export function taskTable(grouped, expanded) {
  const body = el("tbody");
  for (const name of grouped.order) {
    const row = grouped.rows.get(name) || {name, state: "PENDING", attempt: 0, attempts: []};
    const instances = grouped.instances.get(name) || [];
    addRow(body, row, instances, expanded, false);
  }
  return el(
    "table",
    {class: "tasks", id: "tasks-table"},
    el("thead", {}, el("tr", {}, ["Task", "State", "Attempt", "Worker", "Started", "Duration", "Note"].map((h) => el("th", {}, h)))),
    body,
  );
}

function addRow(body, row, instances, expanded, nested) {
  const open = expanded.has(row.name);
  const toggle = el("button", {type: "button", class: "toggle", "aria-expanded": open ? "true" : "false", title: "details"}, open ? "▾" : "▸");
  const note = [];
  if (row.kind && row.kind !== "TASK") note.push(row.kind.toLowerCase().replace(/_/g, " "));
  if (row.state === "SKIPPED") note.push(skipText(row.skipReason));
  if (instances.length) note.push(instances.length + " instances: " + countText(counts(instances)));
  if (row.error) note.push(row.error.type + ": " + row.error.message);
  const line = el(
    "tr",
    {class: "task" + (nested ? " instance" : ""), "data-task": row.name, "data-state": row.state},
    el("td", {class: "name"}, toggle, " ", row.name),
    el("td", {}, badge(row.state)),
    el("td", {class: "num"}, row.attempt || ""),
    el("td", {}, row.worker || ""),
    el("td", {}, row.startedAt ? time(row.startedAt) : ""),
    el("td", {class: "num"}, row.startedAt ? (row.finishedAt ? duration(row.startedAt, row.finishedAt) : "running") : ""),
    el("td", {class: "note"}, note.join(" · ")),
  );
  body.appendChild(line);
  const details = el("tr", {class: "detail", "data-detail-of": row.name, hidden: !open}, el("td", {colspan: 7}, open ? taskDetail(row, instances, expanded) : null));
  body.appendChild(details);
  toggle.addEventListener("click", () => {
    const opening = !expanded.has(row.name);
    if (opening) expanded.add(row.name);
    else expanded.delete(row.name);
    toggle.textContent = opening ? "▾" : "▸";
    toggle.setAttribute("aria-expanded", String(opening));
    details.hidden = !opening;
    details.firstChild.replaceChildren(...(opening ? [taskDetail(row, instances, expanded)] : []));
  });
}

function taskDetail(row, instances, expanded) {
  const parts = [];
  const facts = [
    ["queue", row.queue],
    ["kind", row.kind],
    ["ready at", row.readyAt && time(row.readyAt)],
    ["finished", row.finishedAt && time(row.finishedAt)],
  ].filter(([, value]) => value);
  if (facts.length) parts.push(el("dl", {class: "facts"}, facts.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])));
  if (row.error) parts.push(el("h4", {}, "Error"), errorBlock(row.error));
  if (row.input !== null && row.input !== undefined) parts.push(el("h4", {}, "Input"), json(row.input));
  if (row.output !== null && row.output !== undefined) parts.push(el("h4", {}, "Output"), json(row.output));
  if (row.attempts && row.attempts.length) {
    parts.push(el("h4", {}, "Attempts without a result"));
    for (const attempt of row.attempts) {
      parts.push(
        el(
          "div",
          {class: "attempt"},
          el("strong", {}, "attempt " + attempt.attempt + " "),
          badge(attempt.outcome),
          " ",
          attempt.worker ? "on " + attempt.worker + " " : "",
          attempt.startedAt ? time(attempt.startedAt) : "",
          attempt.startedAt && attempt.finishedAt ? " (" + duration(attempt.startedAt, attempt.finishedAt) + ")" : "",
          attempt.error ? errorBlock(attempt.error) : null,
        ),
      );
    }
  }
  if (instances.length) {
    const shown = instances.slice(0, MAX_INSTANCES);
    parts.push(el("h4", {}, "Instances (" + countText(counts(instances)) + ")"));
    const body = el("tbody");
    for (const instance of shown) addRow(body, instance, [], expanded, true);
    parts.push(el("table", {class: "tasks nested"}, body));
    if (instances.length > shown.length) {
      parts.push(el("p", {class: "muted"}, `The first ${shown.length} of ${instances.length} instances are listed.`));
    }
  }
  if (parts.length === 0) parts.push(el("p", {class: "muted"}, "Nothing recorded yet."));
  return el("div", {class: "task-detail"}, parts);
}

/** An error: "type: message" and its stack trace, collapsed. */
export function errorBlock(error) {
  return el(
    "div",
    {class: "error"},
    el("div", {class: "error-head"}, el("span", {class: "error-type"}, error.type), error.message ? ": " : "", el("span", {class: "error-message"}, error.message || "")),
    error.stackTrace ? el("details", {class: "stack"}, el("summary", {}, "stack trace"), el("pre", {class: "stack-trace"}, error.stackTrace)) : null,
  );
}

/** The errors of a run's failed rows (at most MAX_ERRORS), each with its stack trace. */
export function errorList(detail) {
  const failed = detail.tasks.filter((task) => task.error && task.state === "FAILED");
  if (failed.length === 0) return null;
  const shown = failed.slice(0, MAX_ERRORS);
  return el(
    "div",
    {class: "errors", id: "errors"},
    shown.map((task) => el("div", {class: "error-entry", "data-task": task.name}, el("h4", {}, task.name), errorBlock(task.error))),
    failed.length > shown.length ? el("p", {class: "muted"}, `The first ${shown.length} of ${failed.length} failed tasks are listed.`) : null,
  );
}
