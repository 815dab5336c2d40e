// What every page shares: the notice line, error reports, the token form's opening, hash links.

import {ApiError, token} from "./api.js";
import {el, replace} from "./dom.js";

/** Shows a message above the page; kind "error" or "info". */
export function notify(message, kind = "error") {
  const notice = document.getElementById("notice");
  replace(notice, message, " ", el("button", {type: "button", class: "link", onclick: clearNotice}, "dismiss"));
  notice.className = "notice " + kind;
  notice.hidden = false;
}

export function clearNotice() {
  const notice = document.getElementById("notice");
  notice.hidden = true;
  notice.replaceChildren();
}

/** Shows what went wrong with a request; a 401 also opens the token form. */
export function report(error, what) {
  const prefix = what ? what + ": " : "";
  if (error instanceof ApiError && error.status === 401) {
    notify(
      prefix + "401 Unauthorized: this server needs a bearer token for that. " +
        (token() ? "The token kept in this tab was refused; enter the right one." : "Enter it in the Token form."),
    );
    openTokenForm();
    return;
  }
  notify(prefix + (error && error.message ? error.message : String(error)));
}

export function openTokenForm() {
  const form = document.getElementById("token-form");
  const input = document.getElementById("token-input");
  form.hidden = false;
  input.value = "";
  input.focus();
}

/** Builds a hash URL from path parts and query parameters (unset ones left out). */
export function link(parts, params) {
  const path = "#/" + parts.map((part) => encodeURIComponent(part)).join("/");
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") query.set(name, value);
  }
  const text = query.toString();
  return text ? path + "?" + text : path;
}
