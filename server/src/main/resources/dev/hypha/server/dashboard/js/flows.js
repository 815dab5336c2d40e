// The flows this server knows, each with its graph, types, queues and signals.

import {get} from "./api.js";
import {el, replace} from "./dom.js";
import {drawGraph} from "./graph.js";
import {link, report} from "./ui.js";

export function showFlows(main, only) {
  document.title = (only ? "Flow " + only : "Flows") + " · Hypha";
  const list = el("div", {id: "flows"}, el("p", {class: "muted"}, "Loading…"));
  main.append(el("h1", {}, only ? "Flow " + only : "Flows"), list);
  get("/api/flows")
    .then((answer) => {
      const flows = only ? answer.flows.filter((flow) => flow.name === only) : answer.flows;
      if (flows.length === 0) {
        replace(list, el("p", {class: "muted"}, only ? `This server does not know a flow named "${only}".` : "This server knows no flow: none was found on its class path."));
        return;
      }
      replace(list, flows.map(card));
    })
    .catch((error) => report(error, "Loading flows"));
  return () => {};
}

function card(flow) {
  const facts = [
    ["class", flow.flowClass],
    ["input", flow.inputType],
    ["result", flow.resultType],
    ["queues", (flow.queues || []).join(", ")],
    ["shape", flow.shapeHash],
    ["signals", (flow.signals || []).map((signal) => signal.name + " (" + signal.payloadType + ")").join(", ")],
  ].filter(([, value]) => value);
  return el(
    "section",
    {class: "flow", "data-flow": flow.name},
    el("h2", {}, el("a", {href: link(["flows", flow.name])}, flow.name), " ", el("a", {class: "small", href: link(["runs"], {flow: flow.name})}, "runs →")),
    el("dl", {class: "facts"}, facts.map(([name, value]) => [el("dt", {}, name), el("dd", {}, el("code", {}, value))])),
    el("div", {class: "scroll graph-box"}, drawGraph(flow.tasks, flow.edges)),
    el(
      "details",
      {},
      el("summary", {}, flow.tasks.length + " tasks"),
      el(
        "table",
        {class: "plain"},
        el("thead", {}, el("tr", {}, ["Task", "Queue", "Output", "Depends on"].map((h) => el("th", {}, h)))),
        el("tbody", {}, flow.tasks.map((task) => el("tr", {}, el("td", {}, task.name), el("td", {}, task.queue), el("td", {}, el("code", {}, task.outputType)), el("td", {}, (task.dependsOn || []).join(", "))))),
      ),
    ),
  );
}
