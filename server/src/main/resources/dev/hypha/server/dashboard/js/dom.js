// Small DOM helpers. Every string from the API goes in as text (createTextNode) or as an
// attribute value (setAttribute): nothing here parses HTML, so data can never become markup.

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Creates an HTML element: el("td", {class: "x", title: t}, "text", child, ...).
 * Attribute values are set with setAttribute; children are nodes or strings (made text nodes);
 * null, undefined and false children are left out; arrays are flattened.
 */
export function el(tag, attributes, ...children) {
  return build(document.createElement(tag), attributes, children);
}

/** Like el, in the SVG namespace. */
export function svg(tag, attributes, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attributes, children);
}

function build(node, attributes, children) {
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) {
      // Listeners are functions attached here, never inline handler attributes (CSP forbids them).
      node.addEventListener(name.slice(2), value);
    } else {
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all children of node. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** A state badge, e.g. badge("FAILED"). */
export function badge(state, extra) {
  const name = String(state || "UNKNOWN");
  return el("span", {class: "badge state-" + name.toLowerCase()}, name, extra ? " " + extra : null);
}

/** Pretty JSON of an embedded value, as text in a pre. */
export function json(value) {
  return el("pre", {class: "json"}, value === undefined ? "null" : JSON.stringify(value, null, 2));
}

/** A time as the reader's local time, the ISO-8601 value in the title. */
export function time(iso) {
  if (!iso) return el("span", {class: "muted"}, "—");
  const date = new Date(iso);
  return el("time", {datetime: iso, title: iso}, date.toLocaleString());
}

/** A duration between two ISO instants (the second defaulting to now), e.g. "1.2 s". */
export function duration(fromIso, toIso) {
  if (!fromIso) return "";
  const millis = (toIso ? Date.parse(toIso) : Date.now()) - Date.parse(fromIso);
  return formatMillis(millis);
}

export function formatMillis(millis) {
  if (!(millis >= 0)) return "";
  if (millis < 1000) return millis + " ms";
  if (millis < 60_000) return (millis / 1000).toFixed(1) + " s";
  if (millis < 3_600_000) return Math.floor(millis / 60_000) + " min " + Math.round((millis % 60_000) / 1000) + " s";
  if (millis < 86_400_000) return Math.floor(millis / 3_600_000) + " h " + Math.round((millis % 3_600_000) / 60_000) + " min";
  return Math.floor(millis / 86_400_000) + " d " + Math.round((millis % 86_400_000) / 3_600_000) + " h";
}

/** How long ago an instant was, e.g. "3 s ago". */
export function ago(iso) {
  if (!iso) return "";
  return formatMillis(Math.max(0, Date.now() - Date.parse(iso))) + " ago";
}
