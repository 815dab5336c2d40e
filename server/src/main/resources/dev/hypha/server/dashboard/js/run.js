// One run's page: its graph coloured by task state, its tasks (fan-out instances grouped), a
// timeline of attempts, errors, input and result; Cancel and Retry; live through the event stream.

import {follow, get, post, segment} from "./api.js";
import {badge, duration, el, json, replace, time} from "./dom.js";
import {drawGraph} from "./graph.js";
import {errorList, graphStates, group, taskTable} from "./tasks.js";
import {drawTimeline} from "./timeline.js";
import {link, report} from "./ui.js";

export function showRun(main, id) {
  const expanded = new Set();
  let flow = undefined; // undefined: not asked yet; null: the server does not know it
  let firstDraw = true;

  document.title = "Run " + id + " · Hypha";
  const title = el("h1", {}, "Run ", el("span", {class: "id", id: "run-id"}, id));
  const meta = el("div", {class: "meta", id: "run-meta"});
  const cancel = el("button", {type: "button", id: "cancel-button", class: "danger"}, "Cancel");
  const retry = el("button", {type: "button", id: "retry-button", class: "secondary"}, "Retry");
  const message = el("p", {class: "action-message", id: "action-message", role: "status"});
  const graph = el("div", {class: "scroll graph-box", id: "graph"});
  const note = el("p", {class: "muted", id: "graph-note"});
  const runError = el("div", {id: "run-error"});
  const tasks = el("div", {id: "tasks"});
  const timeline = el("div", {id: "timeline"});
  const input = el("div", {id: "run-input"});
  const result = el("div", {id: "run-result"});

  main.append(
    el("p", {class: "crumbs"}, el("a", {href: "#/runs"}, "← Runs")),
    title,
    meta,
    el("div", {class: "actions"}, cancel, retry, message),
    el("h2", {}, "Graph"),
    note,
    graph,
    runError,
    el("h2", {}, "Tasks"),
    tasks,
    el("h2", {}, "Timeline"),
    timeline,
    el("div", {class: "columns"}, el("section", {}, el("h2", {}, "Input"), input), el("section", {}, el("h2", {}, "Result"), result)),
  );

  let loading = false;
  let again = false;
  let drawn = null;
  let state = null;
  const enableActions = () => {
    cancel.disabled = state !== "RUNNING";
    retry.disabled = state !== "FAILED";
  };
  const load = async () => {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    try {
      const detail = await get("/api/runs/" + segment(id));
      if (flow === undefined) flow = await flowOf(detail.run.flow);
      // Drawn again only when something changed, so what the reader points at stays put.
      const text = JSON.stringify(detail);
      if (text !== drawn) draw(detail);
      drawn = text;
    } catch (failure) {
      if (failure.status === 404 || failure.status === 400) {
        replace(meta, el("p", {class: "problem"}, failure.message));
      } else {
        report(failure, "Loading the run");
      }
    } finally {
      loading = false;
      if (again) {
        again = false;
        load();
      }
    }
  };

  const draw = (detail) => {
    const run = detail.run;
    rows = detail.tasks.length;
    title.dataset.state = run.state;
    replace(
      meta,
      badge(run.state),
      " ",
      el("a", {href: link(["flows", run.flow])}, run.flow),
      el("span", {class: "sep"}, "started "),
      time(run.startedAt),
      run.finishedAt ? [el("span", {class: "sep"}, "finished "), time(run.finishedAt)] : null,
      run.finishedAt ? [el("span", {class: "sep"}, "took "), duration(run.startedAt, run.finishedAt)] : null,
      el("span", {class: "sep"}, "shape "),
      el("code", {}, run.shapeHash),
    );
    state = run.state;
    enableActions();

    const grouped = group(detail, flow);
    if (flow) {
      replace(graph, drawGraph(flow.tasks, flow.edges, {states: graphStates(flow, grouped), onSelect: reveal}));
      note.textContent = flow.shapeHash !== run.shapeHash ? `This run was started by another version of the flow (shape ${run.shapeHash}); the graph is the version this server knows (${flow.shapeHash}).` : "";
    } else {
      const known = detail.tasks.filter((task) => task.kind === "TASK" && !/\[\d+\]$/.test(task.name));
      replace(graph, drawGraph(known, [], {states: graphStates({tasks: known}, grouped), onSelect: reveal}));
      note.textContent = `The server does not know the flow "${run.flow}": its tasks are drawn without their edges.`;
    }

    if (firstDraw && run.state === "FAILED") {
      for (const task of detail.tasks) if (task.state === "FAILED" && !/\[\d+\]$/.test(task.name)) expanded.add(task.name);
    }
    firstDraw = false;
    const errors = errorList(detail);
    const headline = run.error
      ? el("p", {class: "run-error"}, "Failed at task ", el("strong", {}, run.error.task), ": ", run.error.type, run.error.message ? ": " + run.error.message : "")
      : null;
    replace(runError, headline || errors ? [el("h2", {}, "Errors"), headline, errors] : []);
    replace(tasks, taskTable(grouped, expanded));
    replace(timeline, drawTimeline(detail.tasks));
    replace(input, json(detail.input));
    replace(result, detail.result === null || detail.result === undefined ? el("p", {class: "muted"}, run.state === "RUNNING" ? "Not yet." : "None.") : json(detail.result));
  };

  const reveal = (name) => {
    const row = tasks.querySelector(`tr.task[data-task="${CSS.escape(name)}"]`);
    if (!row) return;
    if (!expanded.has(name)) row.querySelector("button.toggle").click();
    row.scrollIntoView({behavior: "smooth", block: "center"});
  };

  const act = async (button, path, what) => {
    button.disabled = true;
    message.textContent = what + "…";
    message.className = "action-message";
    try {
      const answer = await post("/api/runs/" + segment(id) + path);
      message.textContent = describeAnswer(path, answer);
    } catch (failure) {
      message.textContent = failure.message;
      message.className = "action-message problem";
      // A 401 also opens the token form; other problems are said beside the buttons.
      if (failure.status === 401 || failure.status === 0) report(failure, what);
    }
    enableActions();
    load();
  };
  cancel.addEventListener("click", () => act(cancel, "/cancel", "Cancelling"));
  retry.addEventListener("click", () => act(retry, "/retry", "Retrying"));

  // Events only say that something changed; the page then reads the run again (coalesced).
  // A run with many rows (a large fan-out) is read less often: its detail is large.
  let pending = null;
  let rows = 0;
  const soon = () => {
    if (!pending) pending = setTimeout(() => ((pending = null), load()), 150 + rows * 0.02);
  };
  const stop = follow({
    runId: id,
    run: (summary) => summary && summary.id === id && soon(),
    task: (event) => event && event.run === id && soon(),
    poll: load,
    pollMillis: 2000,
  });
  load();
  return () => {
    stop();
    if (pending) clearTimeout(pending);
  };
}

function describeAnswer(path, answer) {
  if (path === "/cancel") {
    return answer && answer.cancelled ? "Cancelled." : "Nothing to cancel: the run had ended (" + (answer && answer.run ? answer.run.state : "?") + ").";
  }
  return "Retry requested.";
}

const flows = new Map();

/** The flow's descriptor, or null when the server does not know it (a 404). */
async function flowOf(name) {
  if (flows.has(name)) return flows.get(name);
  try {
    const flow = await get("/api/flows/" + segment(name));
    flows.set(name, flow);
    return flow;
  } catch (failure) {
    if (failure.status === 404) return null;
    throw failure;
  }
}
