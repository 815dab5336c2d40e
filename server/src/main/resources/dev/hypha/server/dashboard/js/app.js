// The dashboard's shell: a hash router (#/runs, #/runs/<id>, #/flows, #/workers), the header,
// the token form and the notice line. Each page is a function (main, route) that draws into main
// and returns a function that stops its live updates when the page is left.

import {onFeedMode, setToken, token} from "./api.js";
import {el} from "./dom.js";
import {clearNotice, openTokenForm, report} from "./ui.js";
import {showRuns} from "./runs.js";
import {showRun} from "./run.js";
import {showFlows} from "./flows.js";
import {showWorkers} from "./workers.js";

const main = document.getElementById("main");
let leave = null;

/** Parses the hash: "#/runs/abc?state=FAILED" -> {parts: ["runs","abc"], params: URLSearchParams}. */
function currentRoute() {
  const hash = location.hash.replace(/^#\/?/, "");
  const cut = hash.indexOf("?");
  const path = cut < 0 ? hash : hash.slice(0, cut);
  const query = cut < 0 ? "" : hash.slice(cut + 1);
  const parts = path.split("/").filter((part) => part !== "").map(decodeURIComponent);
  return {parts, params: new URLSearchParams(query || "")};
}

function route() {
  if (leave) leave();
  leave = null;
  clearNotice();
  main.replaceChildren();
  try {
    const current = currentRoute();
    const [page, id] = current.parts;
    for (const anchor of document.querySelectorAll("[data-nav]")) {
      anchor.classList.toggle("active", anchor.dataset.nav === (page || "runs"));
    }
    if (!page || page === "runs") leave = id ? showRun(main, id) : showRuns(main, current.params);
    else if (page === "flows") leave = showFlows(main, id);
    else if (page === "workers") leave = showWorkers(main);
    else main.appendChild(el("p", {}, "There is no page " + location.hash + ". ", el("a", {href: "#/runs"}, "See the runs.")));
  } catch (error) {
    report(error);
  }
}

// Token form ----------------------------------------------------------------------------------

const form = document.getElementById("token-form");
const input = document.getElementById("token-input");
const button = document.getElementById("token-button");

function showTokenState() {
  button.textContent = token() ? "Token ✓" : "Token";
  button.title = token() ? "A token is kept for this tab" : "No token kept: POSTs are sent without one";
}

button.addEventListener("click", () => (form.hidden ? openTokenForm() : (form.hidden = true)));
document.getElementById("token-close").addEventListener("click", () => (form.hidden = true));
document.getElementById("token-clear").addEventListener("click", () => {
  setToken(null);
  input.value = "";
  form.hidden = true;
  showTokenState();
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  setToken(input.value.trim());
  input.value = "";
  form.hidden = true;
  showTokenState();
  clearNotice();
});

// Live indicator ------------------------------------------------------------------------------

const live = document.getElementById("live");
onFeedMode((mode) => {
  live.hidden = mode === "off";
  live.textContent = mode;
  live.className = "live feed-" + mode;
  live.title =
    mode === "live" ? "Updates arrive as server-sent events" :
    mode === "polling" ? "The event stream is down: the page asks again every few seconds" :
    "Connecting to the event stream";
});

showTokenState();
window.addEventListener("hashchange", route);
if (!location.hash) history.replaceState(null, "", "#/runs");
route();
