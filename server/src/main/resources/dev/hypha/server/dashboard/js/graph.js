// A flow's DAG as SVG, laid out here without a library: layers by longest path from the sources,
// nodes ordered in each layer by the mean position of their neighbours (a few sweeps, which
// removes most crossings), edges as curves from left to right.

import {svg} from "./dom.js";

const NODE_WIDTH = 176;
const NODE_HEIGHT = 46;
const GAP_X = 56;
const GAP_Y = 18;
const MARGIN = 12;
const MAX_NAME = 23; // characters of a name that fit a node (12.5 px bold)
const MAX_SUB = 29; // and of its second line (11 px)
let instances = 0;

/**
 * Computes each task's layer and its place in the layer.
 * tasks: [{name}], edges: [{from, to}]. Returns {layers: [[name]], layerOf: Map}.
 */
export function layout(tasks, edges) {
  const names = tasks.map((task) => task.name);
  const known = new Set(names);
  const preds = new Map(names.map((name) => [name, []]));
  const succs = new Map(names.map((name) => [name, []]));
  for (const edge of edges) {
    if (!known.has(edge.from) || !known.has(edge.to)) continue;
    preds.get(edge.to).push(edge.from);
    succs.get(edge.from).push(edge.to);
  }

  // Longest path by Kahn's order; a node left over (a cycle the processor would have rejected)
  // keeps layer 0 rather than breaking the page.
  const layerOf = new Map(names.map((name) => [name, 0]));
  const waiting = new Map(names.map((name) => [name, preds.get(name).length]));
  const queue = names.filter((name) => waiting.get(name) === 0);
  for (let i = 0; i < queue.length; i++) {
    const name = queue[i];
    for (const next of succs.get(name)) {
      layerOf.set(next, Math.max(layerOf.get(next), layerOf.get(name) + 1));
      waiting.set(next, waiting.get(next) - 1);
      if (waiting.get(next) === 0) queue.push(next);
    }
  }

  const depth = Math.max(0, ...layerOf.values()) + 1;
  const layers = Array.from({length: depth}, () => []);
  for (const name of names) layers[layerOf.get(name)].push(name);

  const position = new Map();
  const index = () => layers.forEach((layer) => layer.forEach((name, i) => position.set(name, i)));
  index();
  const mean = (neighbours) =>
    neighbours.length === 0
      ? null
      : neighbours.reduce((sum, name) => sum + position.get(name), 0) / neighbours.length;
  for (let sweep = 0; sweep < 4; sweep++) {
    const down = sweep % 2 === 0;
    const order = down ? layers.keys() : [...layers.keys()].reverse();
    for (const l of order) {
      const keyed = layers[l].map((name, i) => {
        const value = mean(down ? preds.get(name) : succs.get(name));
        return {name, key: value === null ? i : value, i};
      });
      keyed.sort((a, b) => a.key - b.key || a.i - b.i);
      layers[l] = keyed.map((entry) => entry.name);
      layers[l].forEach((name, i) => position.set(name, i));
    }
  }
  index();
  return {layers, layerOf, position};
}

/**
 * Draws the graph. states: optional Map name -> {state, label, detail, skipReason}; onSelect:
 * optional callback with a task's name when its node is clicked (or Enter is pressed on it).
 */
export function drawGraph(tasks, edges, {states, onSelect} = {}) {
  const {layers, layerOf, position} = layout(tasks, edges);
  const tallest = Math.max(1, ...layers.map((layer) => layer.length));
  const width = MARGIN * 2 + layers.length * NODE_WIDTH + (layers.length - 1) * GAP_X;
  const height = MARGIN * 2 + tallest * NODE_HEIGHT + (tallest - 1) * GAP_Y;
  const at = (name) => {
    const layer = layers[layerOf.get(name)];
    const offset = ((tallest - layer.length) * (NODE_HEIGHT + GAP_Y)) / 2;
    return {
      x: MARGIN + layerOf.get(name) * (NODE_WIDTH + GAP_X),
      y: MARGIN + offset + position.get(name) * (NODE_HEIGHT + GAP_Y),
    };
  };

  const id = "g" + ++instances;
  const root = svg("svg", {
    class: "graph",
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": "task graph",
  });
  root.appendChild(
    svg(
      "defs",
      {},
      svg(
        "marker",
        {id: id + "-arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto"},
        svg("path", {d: "M0,0 L10,5 L0,10 z", class: "arrow"}),
      ),
      svg(
        "pattern",
        {id: id + "-stripes", width: 8, height: 8, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)"},
        svg("rect", {width: 8, height: 8, class: "stripe-back"}),
        svg("rect", {width: 3, height: 8, class: "stripe"}),
      ),
    ),
  );

  const known = new Set(tasks.map((task) => task.name));
  const edgeLayer = svg("g", {class: "edges"});
  for (const edge of edges) {
    if (!known.has(edge.from) || !known.has(edge.to)) continue;
    const from = at(edge.from);
    const to = at(edge.to);
    const x1 = from.x + NODE_WIDTH;
    const y1 = from.y + NODE_HEIGHT / 2;
    const x2 = to.x;
    const y2 = to.y + NODE_HEIGHT / 2;
    const bend = Math.max(GAP_X / 2, (x2 - x1) / 2);
    edgeLayer.appendChild(
      svg("path", {
        class: "edge",
        "data-from": edge.from,
        "data-to": edge.to,
        d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`,
        "marker-end": `url(#${id}-arrow)`,
      }),
    );
  }
  root.appendChild(edgeLayer);

  const nodeLayer = svg("g", {class: "nodes"});
  for (const task of tasks) {
    const {x, y} = at(task.name);
    const status = states ? states.get(task.name) || {state: "PENDING"} : null;
    const stateClass = status ? " state-" + status.state.toLowerCase() : "";
    const node = svg("g", {
      class: "node" + stateClass,
      "data-task": task.name,
      "data-state": status ? status.state : null,
      transform: `translate(${x},${y})`,
      tabindex: onSelect ? 0 : null,
    });
    const tip = [task.name];
    if (task.queue) tip.push("queue " + task.queue);
    if (status) tip.push(status.state + (status.detail ? " · " + status.detail : ""));
    node.appendChild(svg("title", {}, tip.join("\n")));
    const box = svg("rect", {width: NODE_WIDTH, height: NODE_HEIGHT, rx: 7, ry: 7});
    if (status && status.state === "SKIPPED") box.style.fill = `url(#${id}-stripes)`;
    node.appendChild(box);
    node.appendChild(svg("text", {x: 10, y: 19, class: "name"}, shorten(task.name, MAX_NAME)));
    const second = status ? status.label || status.state.toLowerCase() : task.queue ? "queue " + task.queue : "";
    node.appendChild(svg("text", {x: 10, y: 36, class: "sub"}, shorten(second, MAX_SUB)));
    if (onSelect) {
      node.addEventListener("click", () => onSelect(task.name));
      node.addEventListener("keydown", (event) => {
        if (event.key === "Enter") onSelect(task.name);
      });
    }
    nodeLayer.appendChild(node);
  }
  root.appendChild(nodeLayer);
  return root;
}

function shorten(text, max) {
  const value = String(text);
  return value.length > max ? value.slice(0, max - 1) + "…" : value;
}
