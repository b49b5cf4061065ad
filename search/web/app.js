// sirlearn web page: plain JavaScript, no external assets. Every data call
// carries the bearer token kept in this tab's sessionStorage.
"use strict";

const state = { q: "", page: 1, size: 20, group: "review", filters: {}, from: "", to: "", role: "", lastHits: null };
const FACETS = [["authority", "Authority"], ["year", "Year"], ["theme", "Theme"], ["section", "Section"], ["incident_type", "Incident type"]];
const $ = (id) => document.getElementById(id);

function token() { return sessionStorage.getItem("sirlearn-token") || ""; }

function status(msg, isError) {
  const el = $("status");
  el.textContent = msg || "";
  el.className = isError ? "error" : "";
}

async function api(path, opts) {
  const headers = {};
  if (token()) headers["Authorization"] = "Bearer " + token();
  const res = await fetch(path, Object.assign({ headers }, opts || {}));
  if (res.status === 401) { showLogin(); throw new Error("a valid token is required"); }
  if (!res.ok) {
    let msg = res.status + " " + res.statusText;
    try { const b = await res.json(); msg = b.error.message; } catch (e) { /* not JSON */ }
    throw new Error(msg);
  }
  return res;
}

function params(extra) {
  const p = new URLSearchParams();
  if (state.q) p.set("q", state.q);
  for (const [k, vals] of Object.entries(state.filters)) for (const v of vals) p.append(k === "section" ? "section" : k, v);
  if (state.from) p.set("from", state.from);
  if (state.to) p.set("to", state.to);
  for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
  return p;
}

// themeLabel is a theme's readable name; themeTip its one-line definition.
function themeLabel(id) { return (state.themeInfo && state.themeInfo[id] && state.themeInfo[id].label) || id.replace(/_/g, " "); }
function themeTip(id) { return (state.themeInfo && state.themeInfo[id] && state.themeInfo[id].description) || ""; }

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "text") e.textContent = v; else if (k === "html") e.innerHTML = v; else e.setAttribute(k, v);
  }
  for (const k of kids) if (k) e.append(k);
  return e;
}

function show(view) {
  for (const v of ["search", "review", "themes", "timeliness", "upload"]) $("view-" + v).hidden = v !== view;
  for (const a of document.querySelectorAll("nav a[data-view]")) {
    if (a.dataset.view === view) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
}

function showLogin() { $("login").hidden = false; $("main").hidden = true; $("token").focus(); }

// pct writes a share as a percentage; a share withheld to protect a small
// count (null) shows as a dash.
function pct(share) { return share === null || share === undefined ? "–" : Math.round(100 * share) + "%"; }

async function whoami() {
  const res = await api("/api/whoami");
  const me = await res.json();
  state.role = me.role;
  state.themes = me.themes || [];
  state.themeInfo = {};
  for (const t of me.theme_info || []) state.themeInfo[t.id] = t;
  $("who").textContent = "Signed in as " + me.name + " (" + me.role + ")";
  $("open-banner").hidden = !me.open_access;
}

// ---- search ----
// The search's state lives in the URL (#search?q=...&theme=...&page=2), so a
// search can be bookmarked and shared, and back and forward work.
function searchHash() {
  const p = params();
  if (state.page > 1) p.set("page", state.page);
  if (state.group !== "review") p.set("group", state.group);
  const qs = p.toString();
  return qs ? "#search?" + qs : "#";
}

function stateFromHash(h) {
  const p = new URLSearchParams(h.slice(h.indexOf("?") + 1));
  state.q = p.get("q") || "";
  state.from = p.get("from") || "";
  state.to = p.get("to") || "";
  state.page = Math.max(1, parseInt(p.get("page") || "1", 10) || 1);
  state.group = p.get("group") === "section" ? "section" : "review";
  state.filters = {};
  for (const [name] of FACETS) {
    const vals = p.getAll(name);
    if (vals.length) state.filters[name] = vals;
  }
  $("q").value = state.q;
  $("from").value = state.from;
  $("to").value = state.to;
  $("group").value = state.group;
}

async function runSearch(fromURL) {
  show("search");
  if (!fromURL) {
    const h = searchHash();
    if (location.hash !== h && !(h === "#" && !location.hash)) history.pushState(null, "", h === "#" ? location.pathname : h);
  }
  renderFilterBar();
  status("Searching…");
  $("query-error").hidden = true;
  try {
    const res = await api("/api/search?" + params({ size: state.size, page: state.page, group: state.group }));
    const data = await res.json();
    state.lastHits = data;
    renderHits(data);
    $("save-search").hidden = state.role !== "inspector";
    loadSaved();
    renderFacets(data.facets || {});
    status("");
  } catch (e) {
    // The error beside the search box, and no stale results under it.
    const qe = $("query-error");
    qe.textContent = e.message;
    qe.hidden = false;
    $("hits").replaceChildren();
    $("facets").replaceChildren();
    $("pager").replaceChildren();
    $("summary").textContent = "";
    $("export-hits").hidden = true;
    status("");
  }
}

// ---- saved searches ----
// An inspector saves a search by name; reviews indexed later that match it
// show here as new, with a badge, until marked seen.
async function loadSaved() {
  const box = $("saved");
  if (state.role !== "inspector") { box.replaceChildren(); return; }
  try {
    const data = await (await api("/api/searches")).json();
    box.replaceChildren();
    for (const s of data.searches || []) {
      const open = el("a", { href: "#search?" + savedParams(s).toString(), class: "saved-name", text: s.name });
      const badge = el("span", { class: "badge" + (s.new && s.new.length ? " new" : ""), text: String((s.new || []).length) });
      const item = el("div", { class: "saved-search", "data-name": s.name }, open, " ", badge);
      if (s.new && s.new.length) {
        const ul = el("ul", { class: "alerts" });
        for (const a of s.new) ul.append(el("li", {}, el("a", { href: "#review/" + a.review_id, text: a.title || a.source }), ` · ${a.authority}`));
        const seen = el("button", { type: "button", text: "Mark seen" });
        seen.addEventListener("click", async () => {
          await api("/api/searches/" + encodeURIComponent(s.name) + "/seen", { method: "POST" });
          loadSaved();
        });
        item.append(ul, seen);
      }
      box.append(item);
    }
  } catch (_) { box.replaceChildren(); }
}

function savedParams(s) {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  const f = s.filter || {};
  for (const v of f.Themes || []) p.append("theme", v);
  for (const v of f.Authorities || []) p.append("authority", v);
  for (const v of f.Sections || []) p.append("section", v);
  for (const v of f.IncidentTypes || []) p.append("incident_type", v);
  for (const v of f.Years || []) p.append("year", v);
  if (f.From) p.set("from", f.From);
  if (f.To) p.set("to", f.To);
  return p;
}

async function saveSearch() {
  const name = (window.prompt("Save this search as:", state.q || "my search") || "").trim();
  if (!name) return;
  const filter = { Themes: state.filters.theme || [], Authorities: state.filters.authority || [], Sections: state.filters.section || [],
    IncidentTypes: state.filters.incident_type || [], Years: state.filters.year || [], From: state.from, To: state.to };
  try {
    await api("/api/searches", { method: "POST", headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token() }, body: JSON.stringify({ name, q: state.q, filter }) });
    status(`Saved "${name}": new reviews that match it will show here.`);
    loadSaved();
  } catch (e) { status(e.message, true); }
}

// renderFilterBar lists every active filter with a button that removes
// it, whatever the number of results, so a filter is never applied unseen.
function renderFilterBar() {
  const bar = $("filter-bar");
  bar.replaceChildren();
  const chips = [];
  const chip = (text, remove) => {
    const b = el("button", { type: "button", class: "remove", "aria-label": "Remove filter " + text, text: "×" });
    b.addEventListener("click", () => { remove(); state.page = 1; runSearch(); });
    chips.push(el("span", { class: "filter" }, text + " ", b));
  };
  for (const [name, label] of FACETS) {
    for (const v of state.filters[name] || []) {
      chip(`${label}: ${v.replace(/_/g, " ")}`, () => { state.filters[name] = state.filters[name].filter((x) => x !== v); });
    }
  }
  if (state.from) chip("From " + state.from, () => { state.from = ""; $("from").value = ""; });
  if (state.to) chip("To " + state.to, () => { state.to = ""; $("to").value = ""; });
  if (!chips.length) return;
  const clear = el("button", { type: "button", id: "clear-filters", text: "Clear all filters" });
  clear.addEventListener("click", () => { state.filters = {}; state.from = state.to = ""; $("from").value = $("to").value = ""; state.page = 1; runSearch(); });
  bar.append(el("span", { class: "meta", text: "Filters: " }), ...chips, clear);
}

function renderHits(data) {
  const from = (state.page - 1) * state.size;
  const byReview = data.group === "review";
  const shown = byReview ? (data.reviews || []).length : data.hits.length;
  const unit = byReview ? "reviews" : "sections";
  $("summary").textContent = data.total === 0 ? `No matching ${unit}.` :
    (byReview ? `${data.total} matching reviews (${data.total_sections} sections)` : `${data.total} matching sections`) +
    `; showing ${from + 1}–${from + shown}.`;
  $("export-hits").hidden = data.total === 0;
  const ol = $("hits");
  ol.replaceChildren();
  ol.start = from + 1;
  const chipsOf = (themes) => {
    const chips = el("div", { class: "chips" });
    for (const t of themes || []) chips.append(el("span", { class: "chip", text: themeLabel(t), title: themeTip(t) }));
    return chips;
  };
  const meta = (h) => [h.authority, h.incident_date || "date unknown", h.incident_type.replace(/_/g, " ")].join(" · ");
  if (byReview) {
    for (const r of data.reviews || []) {
      const title = el("a", { text: r.title || "(untitled review)" });
      if (state.role !== "researcher") title.setAttribute("href", "#review/" + r.review_id);
      const secs = el("ul", { class: "sections" });
      for (const h of r.sections) {
        // Snippets come from the server with text escaped and <mark> tags only.
        secs.append(el("li", {}, el("span", { class: "heading", text: (h.heading || "(no heading)") + " · " + h.section.replace(/_/g, " ") + (h.page ? " · p. " + h.page : "") }),
          el("p", { class: "snippet", html: h.snippet || "" })));
      }
      const more = r.matches > r.sections.length ? el("div", { class: "meta", text: `${r.matches} matching sections, best ${r.sections.length} shown` }) : null;
      ol.append(el("li", {}, title, el("div", { class: "meta", text: meta(r) }), secs, more, chipsOf(r.themes)));
    }
  } else {
    for (const h of data.hits) {
      const title = el("a", { text: (h.heading || "(no heading)") });
      if (state.role !== "researcher") title.setAttribute("href", "#review/" + h.review_id);
      const m = el("div", { class: "meta", text: meta(h) + " · " + h.section.replace(/_/g, " ") + (h.page ? " · p. " + h.page : "") });
      ol.append(el("li", {}, title, m, el("p", { class: "snippet", html: h.snippet || "" }), chipsOf(h.themes)));
    }
  }
  const pager = $("pager");
  pager.replaceChildren();
  const pages = Math.ceil(data.total / state.size);
  if (state.page > 1) pager.append(pageButton("Previous page", state.page - 1));
  if (state.page < pages && state.page * state.size <= 10000) pager.append(pageButton("Next page", state.page + 1));
}

function pageButton(label, page) {
  const b = el("button", { type: "button", text: label });
  b.addEventListener("click", () => { state.page = page; runSearch(); });
  return b;
}

function renderFacets(facets) {
  const aside = $("facets");
  aside.replaceChildren();
  for (const [name, label] of FACETS) {
    const vals = facets[name] || [];
    if (vals.length === 0) continue;
    const fs = el("fieldset", {}, el("legend", { text: label }));
    const chosen = state.filters[name] || [];
    for (const v of vals) {
      const id = "f-" + name + "-" + v.value.replace(/[^a-z0-9]/gi, "_");
      const cb = el("input", { type: "checkbox", id, value: v.value });
      cb.checked = chosen.includes(v.value);
      cb.addEventListener("change", () => {
        const cur = new Set(state.filters[name] || []);
        if (cb.checked) cur.add(v.value); else cur.delete(v.value);
        state.filters[name] = [...cur];
        state.page = 1;
        runSearch();
      });
      const shown = name === "theme" ? themeLabel(v.value) : v.value.replace(/_/g, " ");
      const lab = el("label", { for: id, title: name === "theme" ? themeTip(v.value) : "" }, cb, " " + shown + " ", el("span", { class: "count", text: "(" + v.count + ")" }));
      fs.append(lab);
    }
    aside.append(fs);
  }
}

async function download(path, name) {
  try {
    const res = await api(path);
    const blob = await res.blob();
    const a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    a.remove();
  } catch (e) { status(e.message, true); }
}

// ---- review ----
async function markChecked(id, checked) {
  try {
    await api("/api/reviews/" + encodeURIComponent(id) + "/checked", {
      method: "PUT", headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token() }, body: JSON.stringify({ checked }) });
    await showReview(id);
    status(checked ? "Marked checked." : "Check withdrawn.");
  } catch (e) { status(e.message, true); }
}

async function showReview(id) {
  show("review");
  const art = $("review");
  art.replaceChildren();
  status("Loading review…");
  try {
    const r = await (await api("/api/reviews/" + encodeURIComponent(id))).json();
    art.append(el("h2", { text: r.title || "Review" }));
    const dl = el("dl", { class: "metadata" });
    const kinds = { notification: "Notification", case_review: "Case review (Part One, or a single review)", learning_review: "Reflective learning review (Part Two)" };
    const md = [["Document", kinds[r.document_kind || "case_review"] + (r.case_reference ? " · reference " + r.case_reference : "")], ["Authority", r.authority], ["Incident", (r.incident_date || "unknown") + " (" + (r.incident_type || "").replace(/_/g, " ") + ")"],
      ["Notified", (r.notification_date || "unknown") + (r.notification_working_days != null ? ` (${r.notification_working_days} working days${r.notification_on_time ? ", on time" : ", late"})` : "")],
      ["Submitted", (r.submitted_date || "unknown") + (r.review_on_time != null ? (r.review_on_time ? " (within three months)" : " (after three months)") : "")],
      ["Order", (r.order || "unknown").replace(/_/g, " ")], ["MAPPA", r.mappa ? `category ${r.mappa.category}, level ${r.mappa.level}` : "none stated"],
      ["File", r.source]];
    for (const [k, v] of md) dl.append(el("dt", { text: k }), el("dd", { text: v || "" }));
    art.append(dl);
    // More like this: the reviews sharing its most distinctive words.
    try {
      const sr = await (await api("/api/reviews/" + encodeURIComponent(id) + "/similar?size=5")).json();
      if ((sr.similar || []).length) {
        const sl = el("ol", { id: "similar" });
        for (const x of sr.similar) {
          sl.append(el("li", {}, el("a", { href: "#review/" + x.review_id, text: x.title || x.source }),
            el("span", { class: "meta", text: ` ${x.authority} · ${x.incident_date || "date unknown"}` + (x.shared_themes.length ? " · shares " + x.shared_themes.map((t) => t.replace(/_/g, " ")).join(", ") : "") })));
        }
        art.append(el("h3", { text: "Similar reviews" }), sl);
      }
    } catch (_) { /* similar reviews are extra */ }
    // The quality checklist drawn from the guidance.
    if ((r.quality || []).length) {
      const ql = el("ul", { class: "quality" });
      for (const q of r.quality) {
        const mark = q.met === null || q.met === undefined ? "n/a" : (q.met ? "yes" : "no");
        ql.append(el("li", { class: "qa-" + mark.replace("/", "") }, `${q.label}: ${mark}` + (q.evidence ? ` (${q.evidence})` : "")));
      }
      art.append(el("h3", { text: "Quality checklist" }), ql);
    }
    // The other documents of the incident.
    try {
      const cr = await api("/api/reviews/" + encodeURIComponent(id) + "/case");
      if (cr.ok) {
        const c = await cr.json();
        const others = (c.documents || []).filter((d) => d.id !== r.id);
        const p = el("p", { class: "case", text: others.length ? `Case ${c.id}: with ` : `Case ${c.id}: no other documents linked.` });
        others.forEach((d, i) => {
          if (i > 0) p.append(", ");
          p.append(el("a", { href: "#review/" + d.id, text: (kinds[d.document_kind] || d.document_kind) + " (" + (d.title || d.source) + ")" }));
        });
        art.append(p);
      }
    } catch (_) { /* the case is extra; the review stands without it */ }
    // Themes with evidence; evidence sentences are marked in place below.
    const evidence = [];
    // Coding: accept or reject each suggestion, add a theme to selected
    // text, mark the review checked. Each decision is saved at once and the
    // review drawn again from the server's answer.
    const decide = async (body) => {
      try {
        await api("/api/reviews/" + encodeURIComponent(id) + "/decisions", {
          method: "POST", headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token() }, body: JSON.stringify(body) });
        await showReview(id);
        status("Saved.");
      } catch (e) { status(e.message, true); }
    };
    const btn = (label, cls, fn) => { const b = el("button", { type: "button", class: cls, text: label }); b.addEventListener("click", fn); return b; };
    const tl = el("ul", { class: "evidence-list" });
    for (const t of r.themes) {
      const li = el("li", { "data-theme": t.id }, el("span", { class: "chip", text: themeLabel(t.id), title: themeTip(t.id) }), " score " + t.score);
      const inner = el("ul", {});
      for (const e of t.evidence) {
        const who = e.status ? ` (${e.status} by ${e.by})` : " (suggested)";
        const item = el("li", { class: "evidence " + (e.status || "suggested") },
          e.text + " [" + e.section.replace(/_/g, " ") + ", " + e.polarity + (e.page ? ", p. " + e.page : "") + "]" + who, " ");
        if (e.status !== "accepted" && e.status !== "added") item.append(btn("Accept", "accept", () => decide({ action: "accept", theme: t.id, sentence: e.text })));
        if (e.status !== "added") item.append(btn("Reject", "reject", () => decide({ action: "reject", theme: t.id, sentence: e.text })));
        if (e.status) item.append(btn("Undo", "undo", () => decide({ action: "clear", theme: t.id, sentence: e.text })));
        inner.append(item);
        evidence.push(e.text);
      }
      li.append(inner);
      tl.append(li);
    }
    art.append(el("h3", { text: "Themes and evidence" }), tl);
    if ((r.rejected || []).length) {
      const rl = el("ul", { class: "rejected-list" });
      for (const e of r.rejected) {
        rl.append(el("li", { class: "evidence rejected", "data-theme": e.theme }, e.theme.replace(/_/g, " ") + ": " + e.text + ` (rejected by ${e.by}) `,
          btn("Undo", "undo", () => decide({ action: "clear", theme: e.theme, sentence: e.text }))));
      }
      art.append(el("h3", { text: "Rejected suggestions" }), rl);
    }
    if ((r.orphan_decisions || []).length) {
      const ol = el("ul", {});
      for (const d of r.orphan_decisions) ol.append(el("li", { text: `${d.action} ${d.theme} by ${d.who}: "${d.sentence}" is no longer in this review` }));
      art.append(el("h3", { text: "Decisions whose sentence has gone" }), ol);
    }
    // Add a theme to the text selected in the review below.
    const sel = el("select", { id: "code-theme", "aria-label": "theme to add" });
    for (const th of state.themes) sel.append(el("option", { value: th, text: themeLabel(th), title: themeTip(th) }));
    const pol = el("select", { id: "code-polarity", "aria-label": "polarity" }, el("option", { value: "concern", text: "concern" }), el("option", { value: "strength", text: "strength" }));
    const addBtn = btn("Code the selected text", "add", () => {
      const text = String(window.getSelection() || "").trim();
      if (!text) { status("Select a sentence or phrase in the review text first.", true); return; }
      decide({ action: "add", theme: sel.value, polarity: pol.value, sentence: text });
    });
    const checkBtn = r.checked
      ? btn("Undo checked", "uncheck", () => markChecked(id, false))
      : btn("Mark coding checked", "check", () => markChecked(id, true));
    art.append(el("div", { class: "coding" }, sel, " ", pol, " ", addBtn, " ", checkBtn,
      r.checked ? el("span", { class: "meta", text: ` checked by ${r.checked.who} on ${r.checked.when.slice(0, 10)}` }) : ""));
    for (const s of r.sections) {
      const sec = el("section", {}, el("div", { class: "kind", text: s.kind.replace(/_/g, " ") + (s.page ? " · p. " + s.page : "") }), el("h3", { text: s.heading || "(no heading)" }));
      for (const para of s.text.split("\n\n")) sec.append(markEvidence(para, evidence));
      art.append(sec);
    }
    status("");
    art.querySelector("h2").focus();
  } catch (e) { status(e.message, true); }
}

// markEvidence returns a paragraph with every evidence sentence wrapped in
// <mark class="evidence">, built with text nodes only.
function markEvidence(text, evidence) {
  const p = el("p", {});
  let rest = text;
  for (;;) {
    let best = -1, len = 0;
    for (const ev of evidence) {
      const i = rest.indexOf(ev);
      if (i >= 0 && (best < 0 || i < best)) { best = i; len = ev.length; }
    }
    if (best < 0) break;
    p.append(rest.slice(0, best), el("mark", { class: "evidence", text: rest.slice(best, best + len) }));
    rest = rest.slice(best + len);
  }
  p.append(rest);
  return p;
}

// ---- themes and timeliness ----
async function showThemes() {
  show("themes");
  status("Counting…");
  const by = $("by").value;
  try {
    const tab = await (await api("/api/themes?" + params(by ? { by } : {}))).json();
    const t = el("table", {});
    const head = el("tr", {}, el("th", { scope: "col", text: "Theme" }), el("th", { scope: "col", text: "Reviews" }), el("th", { scope: "col", text: "Authorities" }));
    for (const c of tab.columns || []) head.append(el("th", { scope: "col", text: c.replace(/_/g, " ") }));
    t.append(el("caption", { text: `${tab.total_reviews} reviewed cases of ${tab.total_notifications} notified (a case counts once, whatever its documents)` }), head);
    // A researcher's small counts come as "<5": sort them below the numbers.
    const num = (n) => typeof n === "number" ? n : 0;
    for (const r of tab.rows.sort((a, b) => num(b.reviews) - num(a.reviews))) {
      const tr = el("tr", {}, el("th", { scope: "row", text: themeLabel(r.theme), title: themeTip(r.theme) }), el("td", { class: "n", text: r.reviews }), el("td", { class: "n", text: r.authorities }));
      for (const c of tab.columns || []) tr.append(el("td", { class: "n", text: (r.by && r.by[c]) || 0 }));
      t.append(tr);
    }
    const parts = [t];
    // The tagger's accuracy against the inspectors' own coding (inspectors only).
    if (state.role === "inspector") {
      try {
        const h = await (await api("/api/eval/human")).json();
        const f1 = (c) => { const p = c.tp / ((c.tp + c.fp) || 1), r = c.tp / ((c.tp + c.fn) || 1); return p + r ? (2 * p * r / (p + r)).toFixed(2) : "0.00"; };
        parts.push(el("p", { id: "human-eval", class: "meta", text: h.pairs
          ? `Tagger against inspectors' coding: ${h.reviews} reviews coded (${h.checked} checked), F1 ${f1(h.micro)}, Cohen's kappa ${h.kappa.toFixed(2)}.`
          : "Tagger accuracy against inspectors' coding: not measured yet (no decisions)." }));
      } catch (_) { /* accuracy is extra */ }
    }
    $("theme-table").replaceChildren(...parts);
    await loadSVG("heatmap", "/charts/themes-by-authority.svg?" + params());
    await loadSVG("yearchart", "/charts/themes-by-year.svg?" + params());
    status("");
  } catch (e) { status(e.message, true); }
}

// loadSVG puts a chart in the page itself, so its cells' links to the
// matching reviews work. The server builds the SVG with every text escaped
// and no script.
async function loadSVG(id, path) {
  const res = await api(path);
  const doc = new DOMParser().parseFromString(await res.text(), "image/svg+xml");
  const svg = doc.documentElement;
  if (svg.nodeName !== "svg" || svg.querySelector("script")) throw new Error("not a chart");
  $(id).replaceChildren(document.importNode(svg, true));
}

async function showTimeliness() {
  show("timeliness");
  try {
    const data = await (await api("/api/stats/timeliness?" + params({ by: $("tby").value }))).json();
    const t = el("table", {});
    t.append(el("tr", {}, ...["", "Reviews", "Notified within 5 working days", "Share", "Submitted within 3 months", "Share"].map((h) => el("th", { scope: "col", text: h }))));
    for (const r of data.rows || []) {
      t.append(el("tr", {}, el("th", { scope: "row", text: r.key }), el("td", { class: "n", text: r.reviews }),
        el("td", { class: "n", text: `${r.notifications_on_time} of ${r.notifications_known}` }), el("td", { class: "n", text: pct(r.notification_on_time_share) }),
        el("td", { class: "n", text: `${r.reviews_on_time} of ${r.reviews_known}` }), el("td", { class: "n", text: pct(r.review_on_time_share) })));
    }
    $("timeliness-table").replaceChildren(t);
    await loadSVG("timeliness-chart", "/charts/timeliness.svg?" + params({ by: $("tby").value }));
  } catch (e) { status(e.message, true); }
}

// ---- upload ----
async function uploadFiles(files) {
  if (!files.length) { status("Choose one or more files first.", true); return; }
  const fd = new FormData();
  for (const f of files) fd.append("files", f, f.name);
  status(`Uploading ${files.length} file(s)…`);
  let body;
  try {
    const res = await fetch("/api/reviews", { method: "POST", body: fd, headers: token() ? { Authorization: "Bearer " + token() } : {} });
    if (res.status === 401) { showLogin(); return; }
    body = await res.json();
  } catch (e) { status(e.message, true); return; }
  // A partly rejected upload answers 422 with the files under error.
  const states = body.files || (body.error && body.error.files) || [];
  const tb = $("upload-results").querySelector("tbody");
  tb.replaceChildren();
  for (const f of states) tb.append(el("tr", { class: "upload-" + f.status }, el("td", { text: f.file }), el("td", { text: f.status }), el("td", { text: f.reason || "" })));
  $("upload-results").hidden = states.length === 0;
  const bad = states.filter((f) => f.status === "rejected").length;
  status(body.error && !states.length ? body.error.message : `${states.length - bad} of ${states.length} file(s) in; ${bad} rejected.`, bad > 0);
}

// ---- wiring ----
function route() {
  const h = location.hash;
  if (h.startsWith("#token=")) {
    sessionStorage.setItem("sirlearn-token", decodeURIComponent(h.slice(7)));
    history.replaceState(null, "", location.pathname);
    start();
    return;
  }
  if (h.startsWith("#review/")) showReview(h.slice(8));
  else if (h === "#themes") showThemes();
  else if (h === "#timeliness") showTimeliness();
  else if (h === "#upload") show("upload");
  else {
    if (h.startsWith("#search?")) stateFromHash(h);
    runSearch(true);
  }
}

async function start() {
  try {
    await whoami();
    $("login").hidden = true;
    $("main").hidden = false;
    $("nav-upload").hidden = state.role === "researcher";
    if (state.role === "intake") {
      for (const a of document.querySelectorAll("nav a[data-view]")) a.hidden = a.dataset.view !== "upload";
      show("upload");
      return;
    }
    route();
  } catch (e) { status(e.message, true); }
}

document.addEventListener("DOMContentLoaded", () => {
  $("search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    state.q = $("q").value.trim();
    state.from = $("from").value;
    state.to = $("to").value;
    state.page = 1;
    runSearch();
  });
  $("login-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    sessionStorage.setItem("sirlearn-token", $("token").value.trim());
    start();
  });
  $("back").addEventListener("click", (ev) => { ev.preventDefault(); history.back(); });
  $("group").addEventListener("change", () => { state.group = $("group").value; state.page = 1; runSearch(); });
  $("by").addEventListener("change", showThemes);
  $("tby").addEventListener("change", showTimeliness);
  $("export-hits").addEventListener("click", () => download("/api/search?" + params({ size: 100, format: "csv" }), "sirlearn-search.csv"));
  $("export-timeliness").addEventListener("click", () => download("/api/stats/timeliness?" + params({ by: $("tby").value, format: "csv" }), "sirlearn-timeliness.csv"));
  $("export-themes").addEventListener("click", () => {
    const by = $("by").value;
    download("/api/themes?" + params(Object.assign({ format: "csv" }, by ? { by } : {})), "sirlearn-themes.csv");
  });
  window.addEventListener("hashchange", route);
  window.addEventListener("popstate", route);
  $("save-search").addEventListener("click", saveSearch);
  $("upload-form").addEventListener("submit", (ev) => { ev.preventDefault(); uploadFiles([...$("files").files]); });
  const drop = $("drop");
  drop.addEventListener("dragover", (ev) => { ev.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (ev) => { ev.preventDefault(); drop.classList.remove("over"); uploadFiles([...ev.dataTransfer.files]); });
  if (location.hash.startsWith("#token=")) route(); else start();
});
