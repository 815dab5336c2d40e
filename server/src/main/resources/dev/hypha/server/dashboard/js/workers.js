// Workers of a shared store, and the queues they host, with their last heartbeat.

import {get} from "./api.js";
import {ago, el, replace, time} from "./dom.js";
import {report} from "./ui.js";

export function showWorkers(main) {
  document.title = "Workers · Hypha";
  const body = el("div", {id: "workers"}, el("p", {class: "muted"}, "Loading…"));
  main.append(el("h1", {}, "Workers"), body);
  const load = () =>
    get("/api/workers")
      .then((answer) => replace(body, draw(answer.workers)))
      .catch((error) => report(error, "Loading workers"));
  load();
  // Heartbeats are a matter of seconds: read the list again now and then while the page is open.
  const timer = setInterval(load, 5000);
  return () => clearInterval(timer);
}

function draw(workers) {
  if (workers.length === 0) {
    return el("p", {class: "empty", id: "no-workers"}, "No workers: embedded store. The process that opened the store runs the tasks itself; workers of a shared store appear here once they have started.");
  }
  const queues = new Map();
  for (const worker of workers) {
    for (const queue of worker.queues || []) {
      if (!queues.has(queue)) queues.set(queue, []);
      queues.get(queue).push(worker);
    }
  }
  const running = (worker) => !worker.stoppedAt;
  return [
    el("h2", {}, "Queues"),
    el(
      "table",
      {class: "plain"},
      el("thead", {}, el("tr", {}, ["Queue", "Workers running", "Last heartbeat"].map((h) => el("th", {}, h)))),
      el(
        "tbody",
        {},
        [...queues.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([queue, hosts]) => {
          const alive = hosts.filter(running);
          const last = hosts.map((worker) => worker.lastSeen).filter(Boolean).sort().pop();
          return el("tr", {"data-queue": queue}, el("td", {}, queue), el("td", {class: "num"}, alive.length + " of " + hosts.length), el("td", {}, last ? [time(last), " ", el("span", {class: "muted"}, ago(last))] : "—"));
        }),
      ),
    ),
    el("h2", {}, "Workers"),
    el(
      "table",
      {class: "plain", id: "workers-table"},
      el("thead", {}, el("tr", {}, ["Worker", "Queues", "Started", "Last heartbeat", "Stopped"].map((h) => el("th", {}, h)))),
      el(
        "tbody",
        {},
        workers.map((worker) =>
          el(
            "tr",
            {"data-worker": worker.worker, class: running(worker) ? "" : "stopped"},
            el("td", {class: "id"}, worker.worker),
            el("td", {}, (worker.queues || []).join(", ")),
            el("td", {}, time(worker.startedAt)),
            el("td", {}, time(worker.lastSeen), " ", el("span", {class: "muted"}, ago(worker.lastSeen))),
            el("td", {}, worker.stoppedAt ? time(worker.stoppedAt) : ""),
          ),
        ),
      ),
    ),
  ];
}
