"""The review page: one self-contained HTML file (inline CSS and JavaScript, nothing fetched
but the JSON API).  It holds no data: the script fetches the findings and builds every element
with ``createElement``/``textContent``, so no text from a source can become markup.

>>> html = page_html("n0nce")
>>> html.count('nonce="n0nce"'), "__NONCE__" in html
(2, False)
"""

from __future__ import annotations

__all__ = ["page_html"]

_CSS = """
:root {
  --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --bg: #f6f8fa; --card: #fff;
  --accent: #0b5cad;
  --st-unreviewed: #6e7781; --st-in-progress: #9a6700; --st-confirmed-discrepancy: #cf222e;
  --st-not-a-discrepancy: #1a7f37; --st-inconclusive: #8250df;
}
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body {
  display: flex; flex-direction: column; color: var(--ink); background: var(--bg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC",
    "PingFang SC", "Microsoft YaHei", sans-serif;
}
header {
  display: flex; align-items: center; gap: 1.5rem; flex-wrap: wrap;
  padding: .6rem 1.2rem; background: var(--card); border-bottom: 1px solid var(--line);
}
header h1 { font-size: 1.1rem; margin: 0; }
header .report { color: var(--muted); font-size: .85rem; overflow-wrap: anywhere; }
#progress { display: flex; align-items: center; gap: .6rem; margin-left: auto; }
#progress-text { font-weight: 600; white-space: nowrap; }
progress { width: 10rem; height: .7rem; accent-color: var(--st-not-a-discrepancy); }
label { color: var(--muted); font-size: .85rem; }
input, select, textarea, button { font: inherit; color: inherit; }
input, select, textarea {
  border: 1px solid var(--line); border-radius: 6px; padding: .25rem .45rem; background: #fff;
}
#filters {
  display: flex; gap: 1rem; align-items: center; flex-wrap: wrap;
  padding: .5rem 1.2rem; border-bottom: 1px solid var(--line); background: var(--bg);
}
#filters label { display: flex; gap: .35rem; align-items: center; }
#count { color: var(--muted); font-size: .85rem; margin-left: auto; }
#banner { margin: 0; padding: .6rem 1.2rem; background: #ffebe9; color: #82071e; }
main { flex: 1; display: grid; grid-template-columns: minmax(18rem, 26rem) 1fr; min-height: 0; }
#list { overflow-y: auto; border-right: 1px solid var(--line); background: var(--card); }
#items { list-style: none; margin: 0; padding: 0; }
.item {
  display: grid; grid-template-columns: auto auto 1fr auto; gap: .15rem .5rem;
  align-items: center; width: 100%; text-align: left; padding: .55rem .9rem;
  border: 0; border-bottom: 1px solid var(--line); background: transparent; cursor: pointer;
}
.item:hover { background: #f3f6fa; }
.item[aria-current="true"] { background: #ddf4ff; box-shadow: inset 3px 0 0 var(--accent); }
.item .summary {
  grid-column: 2 / -1; color: var(--muted); font-size: .85rem;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
}
.dot { width: .75rem; height: .75rem; border-radius: 50%; grid-row: span 2; }
.tag {
  display: inline-block; padding: 0 .45rem; border-radius: 999px; font-size: .78rem;
  font-weight: 600; white-space: nowrap;
}
.rel-conflict { background: #ffebe9; color: #a40e26; }
.rel-possible { background: #fff8c5; color: #7d4e00; box-shadow: inset 0 0 0 1px #d4a72c; }
.rel-compatible { background: #fff8c5; color: #7d4e00; }
.rel-agreement { background: #dafbe1; color: #116329; }
.rel-one-sided { background: #eaeef2; color: #424a53; }
.sev { background: #eaeef2; color: #424a53; font-weight: 500; }
.resolved-tag { background: #fbefff; color: #6e40c9; }
.st-label { color: #fff; }
.bg-unreviewed { background: var(--st-unreviewed); }
.bg-in-progress { background: var(--st-in-progress); }
.bg-confirmed-discrepancy { background: var(--st-confirmed-discrepancy); }
.bg-not-a-discrepancy { background: var(--st-not-a-discrepancy); }
.bg-inconclusive { background: var(--st-inconclusive); }
#detail { overflow-y: auto; padding: 1.1rem 1.6rem 2rem; }
#detail .where { color: var(--muted); font-size: .85rem; }
.badges { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; margin: .3rem 0; }
.conf, .subject { color: var(--muted); font-size: .85rem; }
.explanation { font-size: 1.05rem; margin: .6rem 0 1rem; max-width: 60rem; }
.resolved-note {
  background: #fbefff; border-left: 4px solid #8250df; padding: .5rem .8rem; max-width: 60rem;
}
.claims { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: .8rem; }
.claim {
  background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .7rem .9rem;
}
.claim h3 { font-size: .95rem; margin: 0 0 .3rem; display: flex; gap: .5rem; align-items: center; }
.claim .lang { font-size: .75rem; color: var(--muted); border: 1px solid var(--line);
  border-radius: 4px; padding: 0 .3rem; font-weight: 500; }
.claim .sentence { margin: .2rem 0; overflow-wrap: anywhere; }
.claim mark { background: #fff3a3; padding: 0 .1rem; border-radius: 2px; font-weight: 600; }
.claim a, .claim .url { font-size: .82rem; overflow-wrap: anywhere; color: var(--accent); }
.claim .tier { font-size: .75rem; color: var(--muted); background: var(--bg);
  border-radius: 999px; padding: 0 .45rem; font-weight: 500; white-space: nowrap; }
.claim .place { font-size: .82rem; color: var(--muted); margin: 0 0 .2rem; }
.claim .citation { font-size: .78rem; color: var(--muted); overflow-wrap: anywhere; }
.claim details { margin: .35rem 0; font-size: .88rem; }
.claim details summary { cursor: pointer; color: var(--accent); }
.claim .context { margin: .3rem 0 0; padding: .4rem .6rem; background: var(--bg);
  border-radius: 6px; overflow-wrap: anywhere; max-height: 16rem; overflow-y: auto; }
.gloss-words { display: flex; flex-wrap: wrap; gap: .3rem .5rem; margin-top: .3rem; }
.gw { display: inline-flex; flex-direction: column; align-items: center; line-height: 1.3; }
.gw .zh { font-size: .98rem; }
.gw .en { font-size: .72rem; color: var(--muted); max-width: 9rem; text-align: center; }
.groups { margin: .2rem 0 .4rem; font-weight: 500; }
.groups b { font-variant-numeric: tabular-nums; }
.report-link { font-size: .85rem; }
.statusbar { display: flex; gap: .4rem; flex-wrap: wrap; margin: 1.2rem 0 .8rem; }
.st {
  border: 2px solid var(--c); color: var(--c); background: #fff; border-radius: 8px;
  padding: .25rem .55rem; cursor: pointer; font-weight: 600; font-size: .88rem;
}
.st:hover { background: #f6f8fa; }
.st[aria-pressed="true"] { background: var(--c); color: #fff; }
.st kbd {
  font: .75rem ui-monospace, monospace; border: 1px solid currentColor; border-radius: 4px;
  padding: 0 .3rem; margin-right: .25rem; opacity: .85;
}
.st-unreviewed { --c: var(--st-unreviewed); }
.st-in-progress { --c: var(--st-in-progress); }
.st-confirmed-discrepancy { --c: var(--st-confirmed-discrepancy); }
.st-not-a-discrepancy { --c: var(--st-not-a-discrepancy); }
.st-inconclusive { --c: var(--st-inconclusive); }
.note-label { display: block; font-weight: 600; color: var(--ink); font-size: .9rem; }
.hint { color: var(--muted); font-weight: 400; }
#note { width: 100%; max-width: 60rem; margin-top: .3rem; resize: vertical; }
.save { min-height: 1.4rem; font-size: .85rem; color: var(--muted); }
.save.ok { color: var(--st-not-a-discrepancy); }
.save.error { color: #cf222e; font-weight: 600; }
details.changes { margin-top: .8rem; max-width: 60rem; }
details.changes summary { cursor: pointer; color: var(--muted); font-size: .9rem; }
details.changes ol { padding-left: 1.2rem; font-size: .88rem; }
details.changes .when { color: var(--muted); }
.empty { color: var(--muted); padding: 1rem; }
footer {
  padding: .4rem 1.2rem; border-top: 1px solid var(--line); background: var(--card);
  color: var(--muted); font-size: .82rem;
}
footer kbd {
  font: .75rem ui-monospace, monospace; border: 1px solid var(--line); border-radius: 4px;
  padding: 0 .3rem; background: var(--bg);
}
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
"""

_JS = r"""
"use strict";
(() => {
  const S = {
    data: null, byId: new Map(), visible: [], current: null, items: new Map(),
    queue: Promise.resolve(), timer: 0, dirty: false,
  };
  const $ = (id) => document.getElementById(id);

  // Every element is built here; text only ever goes in as text nodes.
  function h(tag, props, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const kid of kids) if (kid !== null && kid !== undefined && kid !== false) e.append(kid);
    return e;
  }

  // replaceChildren() would write a null as the text "null": drop the absent ones.
  function fill(el, ...kids) {
    el.replaceChildren(...kids.filter((k) => k !== null && k !== undefined && k !== false));
  }

  async function api(method, path, body) {
    const opts = { method, headers: { Accept: "application/json" }, cache: "no-store" };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    const response = await fetch(path, opts);
    let data = null;
    try { data = await response.json(); } catch (err) { data = null; }
    if (!response.ok) throw new Error((data && data.error) || "HTTP " + response.status);
    return data;
  }

  const statusOf = (f) => (f.verdict ? f.verdict.status : "unreviewed");
  const statusInfo = (key) => S.data.statuses.find((s) => s.key === key);
  const labelOf = (key) => (statusInfo(key) || { label: key }).label;

  function banner(text) {
    const b = $("banner");
    b.textContent = text;
    b.hidden = !text;
  }

  function time(iso) {
    const d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleString();
  }

  // "6,637: en-wiki, zh-wiki · 6,836: wolman-2024": the sources grouped by the figure they give
  function grouped(f) {
    if (f.sources && f.sources.length) {
      return f.sources.map((g) => g.figure + ": " + g.documents.join(", ")).join(" · ");
    }
    return f.claims.map((c) => c.text).filter(Boolean).join(" ↔ ");
  }

  // the list's line: what differs first ("migration · 6,637 / 6,836"), so that a narrow list
  // still shows both figures; the sources by figure are the line's title and in the detail
  function summary(f) {
    const figures = f.sources && f.sources.length
      ? f.sources.map((g) => g.figure).join(" / ")
      : f.claims.map((c) => c.text).filter(Boolean).join(" / ");
    return [f.subject, figures].filter(Boolean).join(" · ") || f.explanation;
  }

  // the one format of a confidence, as the report writes it
  const confidence = (x) => Number(x).toFixed(2);

  function fillSelect(select, values, labels) {
    const keep = select.value;
    select.replaceChildren(h("option", { value: "", text: "all" }));
    for (const v of values) select.append(h("option", { value: v, text: labels ? labels(v) : v }));
    if (values.includes(keep)) select.value = keep;
  }

  function fillFilters() {
    const distinct = (key) => [...new Set(S.data.findings.map((f) => f[key]))];
    fillSelect($("f-relation"), distinct("relation"));
    fillSelect($("f-severity"), distinct("severity"));
    fillSelect($("f-status"), S.data.statuses.map((s) => s.key), labelOf);
    $("resolved-count").textContent = "(" + S.data.progress.resolved + ")";
  }

  function renderProgress() {
    const current = S.data.findings.filter((f) => f.state === "current");
    const finals = new Set(S.data.statuses.filter((s) => s.final).map((s) => s.key));
    const done = current.filter((f) => finals.has(statusOf(f))).length;
    const busy = current.filter((f) => statusOf(f) === "in-progress").length;
    $("progress-text").textContent =
      done + " of " + current.length + " reviewed" + (busy ? " · " + busy + " in progress" : "");
    const bar = $("progress-bar");
    bar.max = Math.max(current.length, 1);
    bar.value = done;
  }

  function applyFilters(prefer) {
    const rel = $("f-relation").value, sev = $("f-severity").value, st = $("f-status").value;
    const q = $("f-text").value.trim().toLowerCase();
    const resolved = $("f-resolved").checked;
    S.visible = S.data.findings.filter((f) =>
      (resolved || f.state === "current") && (!rel || f.relation === rel) &&
      (!sev || f.severity === sev) && (!st || statusOf(f) === st) &&
      (!q || [f.explanation, f.subject, f.id, (f.verdict && f.verdict.note) || "",
              ...f.claims.flatMap((c) => [c.text, c.sentence, c.title])]
        .join("\n").toLowerCase().includes(q)));
    $("count").textContent = S.visible.length + " of " + S.data.findings.length + " shown";
    renderList();
    const keep = prefer || S.current;
    if (keep && S.visible.some((f) => f.id === keep)) select(keep);
    else if (S.visible.length) select(S.visible[0].id);
    else { S.current = null; renderDetail(); }
  }

  function listItem(f) {
    const key = statusOf(f);
    return h("li", null, h("button", {
      type: "button", class: "item", "data-id": f.id,
      "aria-current": f.id === S.current ? "true" : "false", onclick: () => select(f.id),
    },
    h("span", { class: "dot bg-" + key, title: labelOf(key), "aria-label": labelOf(key) }),
    h("span", { class: "tag rel-" + f.relation, text: f.relation }),
    h("span", null, h("span", { class: "tag sev", text: f.severity })),
    f.state === "resolved" ? h("span", { class: "tag resolved-tag", text: "resolved" }) : h("span"),
    h("span", { class: "summary", text: summary(f), title: grouped(f) })));
  }

  function renderList() {
    S.items = new Map(S.visible.map((f) => [f.id, listItem(f)]));
    $("items").replaceChildren(...S.items.values());
  }

  function sentence(c) {
    const s = c.sentence || "";
    // the figure where it stands (its span in the paragraph, less the sentence's start);
    // else the first copy of its text in the sentence
    const at = c.figure_start - c.sentence_start, end = c.figure_end - c.sentence_start;
    if (c.sentence_start >= 0 && c.figure_start >= 0 && 0 <= at && at < end && end <= s.length) {
      return h("p", { class: "sentence" },
        s.slice(0, at), h("mark", { text: s.slice(at, end) }), s.slice(end));
    }
    const i = c.text ? s.indexOf(c.text) : -1;
    if (i < 0) return h("p", { class: "sentence" }, s, s ? " " : "", h("mark", { text: c.text }));
    return h("p", { class: "sentence" },
      s.slice(0, i), h("mark", { text: c.text }), s.slice(i + c.text.length));
  }

  function source(url) {
    if (!url) return null;
    if (/^https?:\/\//i.test(url)) {
      return h("a", { href: url, rel: "noopener noreferrer", target: "_blank", text: url });
    }
    return h("span", { class: "url", text: url });
  }

  function highlighted(text, start, end, figure) {
    let a = start, b = end;
    if (!(a >= 0 && b >= a && b <= text.length)) {
      a = figure ? text.indexOf(figure) : -1;
      b = a + (figure || "").length;
    }
    if (a < 0) return h("p", { class: "context" }, text);
    return h("p", { class: "context" },
      text.slice(0, a), h("mark", { text: text.slice(a, b) }), text.slice(b));
  }

  function glossBlock(c) {
    if (!c.gloss || !c.gloss.length) return null;
    return h("details", { class: "gloss" },
      h("summary", { text: "Dictionary gloss (CC-CEDICT, word by word; not a translation)" }),
      h("div", { class: "gloss-words" }, ...c.gloss.map(([word, sense]) => sense
        ? h("span", { class: "gw" }, h("span", { class: "zh", lang: "zh", text: word }),
            h("span", { class: "en", lang: "en", text: sense }))
        : h("span", { class: "gw", text: word }))));
  }

  function claimCard(c) {
    const place = c.where || c.document || c.id;
    return h("section", { class: "claim", lang: c.language || null },
      h("h3", null, c.title || c.document || c.id,
        c.language ? h("span", { class: "lang", text: c.language }) : null,
        c.tier ? h("span", { class: "tier", text: c.tier }) : null),
      h("div", { class: "place" }, place,
        c.anchor ? " · " : null,
        c.anchor ? h("a", { href: "/report.html#" + encodeURIComponent(c.anchor),
                            target: "_blank", rel: "noopener noreferrer",
                            text: "side by side in the report" }) : null),
      c.citation ? h("div", { class: "citation", text: c.citation }) : null,
      sentence(c),
      glossBlock(c),
      c.context ? h("details", { class: "in-context" },
        h("summary", { text: "The paragraph in context" }),
        highlighted(c.context, c.figure_start, c.figure_end, c.text)) : null,
      source(c.url));
  }

  function renderDetail() {
    const d = $("detail");
    const f = S.byId.get(S.current);
    if (!f) {
      d.replaceChildren(h("p", { class: "empty", text: "No finding matches the filters." }));
      return;
    }
    const pos = S.visible.findIndex((x) => x.id === f.id);
    fill(d,
      h("div", { class: "where", text: "Finding " + (pos + 1) + " of " + S.visible.length }),
      h("div", { class: "badges" },
        h("span", { class: "tag rel-" + f.relation, text: f.relation }),
        h("span", { class: "tag sev", text: "severity: " + f.severity }),
        h("span", { class: "conf", text: "confidence " + confidence(f.confidence) }),
        f.subject ? h("span", { class: "subject", text: "counts: " + f.subject }) : null,
        h("span", { id: "current-status", class: "tag st-label bg-" + statusOf(f),
                    text: labelOf(statusOf(f)) })),
      f.state === "resolved" ? h("p", { class: "resolved-note", text:
        "Resolved by a change in the sources: the latest report no longer has this finding. " +
        "Its verdict is kept." }) : null,
      h("p", { class: "groups", text: grouped(f) }),
      h("p", { class: "explanation", text: f.explanation }),
      h("div", { class: "claims" }, ...f.claims.map(claimCard)),
      h("a", { class: "report-link", href: "/report.html#finding-" + encodeURIComponent(f.id),
               target: "_blank", rel: "noopener noreferrer",
               text: "This finding in the report (citations, the documents side by side)" }),
      h("div", { class: "statusbar", role: "group", "aria-label": "Status" },
        ...S.data.statuses.map((s) => h("button", {
          type: "button", class: "st st-" + s.key, "data-status": s.key,
          "aria-pressed": String(statusOf(f) === s.key), title: "key " + s.shortcut,
          onclick: () => setStatus(s.key),
        }, h("kbd", { text: s.shortcut }), s.label))),
      h("label", { for: "note", class: "note-label" }, "Note ",
        h("span", { class: "hint", text: "(saved as you type · N to write, Esc to leave)" })),
      h("textarea", { id: "note", rows: 4, maxlength: 10000,
                      placeholder: "What did you check? Which source is right, and why?" }),
      h("div", { id: "save", class: "save", "aria-live": "polite" }),
      h("details", { class: "changes", id: "changes" },
        h("summary", { text: "History" }), h("ol", { id: "changes-list" })));
    const note = $("note");
    note.value = f.verdict ? f.verdict.note : "";
    note.addEventListener("input", onNoteInput);
    note.addEventListener("blur", flushNote);
    showSaved(f);
  }

  function saveText(text, kind) {
    const el = $("save");
    if (!el) return;
    el.textContent = text;
    el.className = "save" + (kind ? " " + kind : "");
  }

  function showSaved(f) {
    const v = f.verdict;
    if (!v) saveText("Not reviewed yet.", "");
    else saveText("Saved " + time(v.at) + (v.reviewer ? " by " + v.reviewer : "") +
                  " · revision " + v.revision, "ok");
  }

  function showChanges(id, changes) {
    if (S.current !== id || !$("changes-list")) return;
    const n = changes.length;
    $("changes").firstChild.textContent = "History (" + n + (n === 1 ? " change)" : " changes)");
    $("changes-list").replaceChildren(...changes.slice().reverse().map((v) => h("li", null,
      h("span", { class: "when", text: time(v.at) + (v.reviewer ? " · " + v.reviewer : "") }),
      " " + v.label + (v.note ? " — " + v.note : ""))));
  }

  async function loadChanges(id) {
    try {
      const r = await api("GET", "/api/verdicts/" + encodeURIComponent(id));
      showChanges(id, r.history);
    } catch (err) { /* the history is a convenience; the page works without it */ }
  }

  function select(id) {
    flushNote();
    S.current = id;
    window.history.replaceState(null, "", "#finding=" + encodeURIComponent(id));
    for (const [fid, li] of S.items) {
      li.firstChild.setAttribute("aria-current", fid === id ? "true" : "false");
    }
    renderDetail();
    const li = S.items.get(id);
    if (li) li.scrollIntoView({ block: "nearest" });
    loadChanges(id);
  }

  function move(step) {
    if (!S.visible.length) return;
    const i = S.visible.findIndex((f) => f.id === S.current);
    const j = Math.min(Math.max(i + step, 0), S.visible.length - 1);
    if (j !== i) select(S.visible[j].id);
  }

  function reviewer() {
    return $("reviewer").value.trim();
  }

  function save(f, status, note) {
    S.dirty = false;
    clearTimeout(S.timer);
    if (S.current === f.id) saveText("Saving…", "");
    const body = { status, note, reviewer: reviewer() };
    S.queue = S.queue.then(async () => {
      try {
        const r = await api("POST", "/api/verdicts/" + encodeURIComponent(f.id), body);
        f.verdict = r.verdict;
        banner("");
        saved(f, r.history);
      } catch (err) {
        if (S.current === f.id) saveText("Not saved: " + err.message, "error");
        banner("A change was not saved: " + err.message);
      }
    });
    return S.queue;
  }

  function saved(f, changes) {
    const li = S.items.get(f.id);
    if (li) {
      const fresh = listItem(f);
      li.replaceWith(fresh);
      S.items.set(f.id, fresh);
    }
    renderProgress();
    if (S.current !== f.id) return;
    const key = statusOf(f);
    for (const b of document.querySelectorAll(".st")) {
      b.setAttribute("aria-pressed", String(b.dataset.status === key));
    }
    const badge = $("current-status");
    badge.className = "tag st-label bg-" + key;
    badge.textContent = labelOf(key);
    if (!S.dirty) showSaved(f);
    showChanges(f.id, changes);
  }

  function setStatus(key) {
    const f = S.byId.get(S.current);
    if (!f) return;
    const note = $("note") ? $("note").value : (f.verdict ? f.verdict.note : "");
    save(f, key, note);
  }

  function onNoteInput() {
    S.dirty = true;
    saveText("Typing… (saved when you pause)", "");
    clearTimeout(S.timer);
    S.timer = setTimeout(flushNote, 600);
  }

  function flushNote() {
    if (!S.dirty) return;
    const f = S.byId.get(S.current);
    const note = $("note");
    if (!f || !note) return;
    // Writing a note on an unreviewed finding means work has started on it.
    const key = statusOf(f) === "unreviewed" && note.value.trim() ? "in-progress" : statusOf(f);
    save(f, key, note.value);
  }

  function onKey(ev) {
    const t = ev.target;
    if (t instanceof HTMLElement && (t.matches("input, textarea, select") || t.isContentEditable)) {
      if (ev.key === "Escape") { t.blur(); ev.preventDefault(); }
      else if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey) && t.id === "note") {
        t.blur();
        ev.preventDefault();
      }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey || !S.data) return;
    if (ev.key === "j" || ev.key === "ArrowDown") move(1);
    else if (ev.key === "k" || ev.key === "ArrowUp") move(-1);
    else if (ev.key === "n" && $("note")) $("note").focus();
    else if (ev.key === "/") $("f-text").focus();
    else {
      const s = S.data.statuses.find((x) => x.shortcut === ev.key);
      if (!s) return;
      setStatus(s.key);
    }
    ev.preventDefault();
  }

  function fromHash() {
    const m = /^#finding=(.*)$/.exec(location.hash);
    if (!m) return null;
    try { return decodeURIComponent(m[1]); } catch (err) { return null; }
  }

  async function load() {
    try {
      S.data = await api("GET", "/api/findings");
    } catch (err) {
      banner("Cannot load the findings: " + err.message);
      return;
    }
    S.byId = new Map(S.data.findings.map((f) => [f.id, f]));
    $("report").textContent = S.data.report.path;
    let name = "";
    try { name = localStorage.getItem("sourcecompare.reviewer") || ""; } catch (err) { name = ""; }
    $("reviewer").value = name || S.data.reviewer || "";
    fillFilters();
    renderProgress();
    const wanted = fromHash();
    if (wanted && S.byId.get(wanted) && S.byId.get(wanted).state === "resolved") {
      $("f-resolved").checked = true;
    }
    applyFilters(wanted);
  }

  // A changed fragment (#finding=ID: a link, the address bar, back and forward) selects that
  // finding, showing it even when the filters had hidden it.
  window.addEventListener("hashchange", () => {
    const wanted = fromHash();
    const f = wanted && S.byId.get(wanted);
    if (!f || wanted === S.current) return;
    if (!S.visible.some((x) => x.id === wanted)) {
      for (const id of ["f-relation", "f-severity", "f-status"]) $(id).value = "";
      $("f-text").value = "";
      if (f.state === "resolved") $("f-resolved").checked = true;
      applyFilters(wanted);
    } else {
      select(wanted);
    }
  });

  $("reviewer").addEventListener("change", () => {
    try { localStorage.setItem("sourcecompare.reviewer", reviewer()); } catch (err) { /* */ }
  });
  for (const id of ["f-relation", "f-severity", "f-status", "f-resolved"]) {
    $(id).addEventListener("change", () => applyFilters());
  }
  $("f-text").addEventListener("input", () => applyFilters());
  document.addEventListener("keydown", onKey);
  window.addEventListener("pagehide", () => {
    const f = S.byId.get(S.current);
    const note = $("note");
    if (!S.dirty || !f || !note) return;
    fetch("/api/verdicts/" + encodeURIComponent(f.id), {
      method: "POST", keepalive: true, headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ status: statusOf(f), note: note.value, reviewer: reviewer() }),
    });
  });
  load();
})();
"""

_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Review findings · sourcecompare</title>
<link rel="icon" href="data:,">
<style nonce="__NONCE__">__CSS__</style>
</head>
<body>
<header>
  <div>
    <h1>Review findings</h1>
    <div class="report" id="report"></div>
  </div>
  <div id="progress" role="status">
    <span id="progress-text">loading…</span>
    <progress id="progress-bar" max="1" value="0"></progress>
  </div>
  <label>Reviewer <input id="reviewer" autocomplete="name" maxlength="200" size="14"></label>
</header>
<p id="banner" role="alert" hidden></p>
<section id="filters" aria-label="Filters">
  <label>Relation <select id="f-relation"></select></label>
  <label>Severity <select id="f-severity"></select></label>
  <label>Status <select id="f-status"></select></label>
  <label>Search <input id="f-text" type="search" size="18" placeholder="text, figure, note"></label>
  <label><input id="f-resolved" type="checkbox"> resolved by source changes
    <span id="resolved-count"></span></label>
  <span id="count"></span>
</section>
<main>
  <nav id="list" aria-label="Findings"><ol id="items"></ol></nav>
  <article id="detail" aria-live="polite"></article>
</main>
<footer>
  Keys: <kbd>j</kbd>/<kbd>↓</kbd> next · <kbd>k</kbd>/<kbd>↑</kbd> previous ·
  <kbd>1</kbd> confirmed discrepancy · <kbd>2</kbd> not a discrepancy · <kbd>3</kbd> inconclusive ·
  <kbd>4</kbd> in progress · <kbd>0</kbd> unreviewed · <kbd>n</kbd> note · <kbd>/</kbd> search ·
  <kbd>Esc</kbd> leave a field
</footer>
<script nonce="__NONCE__">__JS__</script>
</body>
</html>
"""


def page_html(nonce: str) -> str:
    """The review page, its inline style and script marked with ``nonce`` (the server's
    Content-Security-Policy allows only those)."""
    return _HTML.replace("__CSS__", _CSS).replace("__JS__", _JS).replace("__NONCE__", nonce)
