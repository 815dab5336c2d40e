// A Gantt chart of a run's task attempts: every failed attempt (from a task's "attempts") and the
// latest one, on one time axis, with the worker that ran each.

import {el, svg, formatMillis} from "./dom.js";

const LABEL_WIDTH = 190;
const CHART_WIDTH = 860;
const ROW_HEIGHT = 22;
const AXIS_HEIGHT = 24;
const MAX_ROWS = 300;

/** The attempts of one task row as bars: [{attempt, start, end, worker, kind, text}]. */
export function attemptsOf(task, now) {
  const bars = [];
  const seen = new Set();
  for (const failure of task.attempts || []) {
    if (!failure.startedAt) continue;
    seen.add(failure.attempt);
    bars.push({
      attempt: failure.attempt,
      start: Date.parse(failure.startedAt),
      end: Date.parse(failure.finishedAt),
      worker: failure.worker,
      kind: "outcome-" + String(failure.outcome || "FAILED").toLowerCase(),
      text: (failure.outcome || "FAILED") + (failure.error ? ": " + failure.error.message : ""),
    });
  }
  if (task.startedAt && !seen.has(task.attempt)) {
    bars.push({
      attempt: task.attempt,
      start: Date.parse(task.startedAt),
      end: task.finishedAt ? Date.parse(task.finishedAt) : now,
      worker: task.worker,
      kind: "state-" + String(task.state).toLowerCase(),
      text: task.state,
    });
  }
  return bars.sort((a, b) => a.start - b.start);
}

/** The timeline of the given task rows, or a short note when no attempt has started. */
export function drawTimeline(tasks) {
  const now = Date.now();
  const rows = tasks
    .map((task) => ({task, bars: attemptsOf(task, now)}))
    .filter((row) => row.bars.length > 0)
    .sort((a, b) => a.bars[0].start - b.bars[0].start);
  if (rows.length === 0) return el("p", {class: "muted"}, "No attempt has started yet.");

  const shown = rows.slice(0, MAX_ROWS);
  const start = Math.min(...shown.map((row) => row.bars[0].start));
  const end = Math.max(start + 1, ...shown.flatMap((row) => row.bars.map((bar) => bar.end)));
  const scale = CHART_WIDTH / (end - start);
  const width = LABEL_WIDTH + CHART_WIDTH + 180;
  const height = AXIS_HEIGHT + shown.length * ROW_HEIGHT + 4;
  const root = svg("svg", {class: "timeline", width, height, viewBox: `0 0 ${width} ${height}`});

  const axis = svg("g", {class: "axis"});
  for (let i = 0; i <= 4; i++) {
    const x = LABEL_WIDTH + (CHART_WIDTH * i) / 4;
    axis.appendChild(svg("line", {x1: x, y1: AXIS_HEIGHT - 6, x2: x, y2: height, class: "tick"}));
    const label = i === 0 ? new Date(start).toLocaleTimeString() : "+" + formatMillis(Math.round(((end - start) * i) / 4));
    axis.appendChild(svg("text", {x, y: 12, class: i === 4 ? "end" : i === 0 ? "start" : "middle"}, label));
  }
  root.appendChild(axis);

  shown.forEach((row, index) => {
    const y = AXIS_HEIGHT + index * ROW_HEIGHT;
    const line = svg("g", {class: "row", "data-task": row.task.name});
    line.appendChild(svg("text", {x: 0, y: y + 15, class: "label"}, clip(row.task.name, 26)));
    row.bars.forEach((bar, i) => {
      const last = i === row.bars.length - 1;
      const x = LABEL_WIDTH + (bar.start - start) * scale;
      const w = Math.max(2, (bar.end - bar.start) * scale);
      const group = svg("g", {class: "bar " + bar.kind, "data-attempt": bar.attempt});
      const tip = `${row.task.name} attempt ${bar.attempt}: ${bar.text}\n${formatMillis(bar.end - bar.start)}` +
        (bar.worker ? `\nworker ${bar.worker}` : "");
      group.appendChild(svg("title", {}, tip));
      group.appendChild(svg("rect", {x, y: y + 3, width: w, height: ROW_HEIGHT - 6, rx: 3}));
      if (bar.worker && w > 60) {
        group.appendChild(svg("text", {x: x + 4, y: y + 15, class: "worker"}, clip(bar.worker, Math.floor(w / 7))));
      } else if (bar.worker && last) {
        // A short last bar: its worker beside it, where nothing else is drawn.
        group.appendChild(svg("text", {x: x + w + 4, y: y + 15, class: "worker-beside"}, clip(bar.worker, 24)));
      }
      line.appendChild(group);
    });
    root.appendChild(line);
  });

  const wrapper = el("div", {class: "scroll"}, root);
  if (rows.length > shown.length) {
    return el("div", {}, wrapper, el("p", {class: "muted"}, `The first ${shown.length} of ${rows.length} tasks that started are drawn.`));
  }
  return wrapper;
}

function clip(text, max) {
  const value = String(text);
  return value.length > max ? value.slice(0, Math.max(1, max - 1)) + "…" : value;
}
