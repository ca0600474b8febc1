//! The page itself: one HTML file, its style sheet and its script, all served by hyoka (the
//! office network reaches no CDN). The words of both languages are in the script; the page
//! asks for one with `?lang=en`.

pub const INDEX_HTML: &str = r#"<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>評価シートの事前点検 — hyoka</title>
<link rel="stylesheet" href="/app.css">
<script src="/app.js" defer></script>
</head>
<body>
<header>
  <h1 id="title">評価シートの事前点検</h1>
  <nav><a id="lang-switch" href="/?lang=en">English</a></nav>
</header>
<main>
  <p id="lead">提出する前に、ブックをここに置いて点検できます。点検したファイルは保存されません。</p>
  <section id="drop" tabindex="0">
    <p id="drop-text">ここにブック（.xlsx / .xlsm / .xls / .ods）をドラッグ＆ドロップ</p>
    <label class="button"><span id="choose">ファイルを選ぶ</span>
      <input id="files" type="file" multiple accept=".xlsx,.xlsm,.xlsb,.xls,.ods"></label>
  </section>
  <p id="status" role="status"></p>
  <section id="actions" hidden>
    <button id="feedback" type="button">フィードバック（Excel）をダウンロード</button>
  </section>
  <section id="results"></section>
</main>
</body>
</html>
"#;

pub const APP_CSS: &str = r#"
* { box-sizing: border-box; }
body { font-family: "Yu Gothic UI", "Meiryo", "Noto Sans CJK JP", sans-serif; margin: 0;
  color: #1f2328; background: #f6f7f9; font-size: 15px; }
header { display: flex; justify-content: space-between; align-items: baseline;
  padding: 12px 24px; background: #24466b; color: #fff; }
header h1 { font-size: 20px; margin: 0; }
header a { color: #fff; }
main { max-width: 1240px; margin: 0 auto; padding: 16px 24px; }
#drop { border: 2px dashed #7a8ca3; border-radius: 8px; padding: 24px; text-align: center;
  background: #fff; }
#drop.over { background: #e8f0fb; border-color: #24466b; }
.button, button { display: inline-block; padding: 6px 16px; border-radius: 4px; border: 1px solid #24466b;
  background: #24466b; color: #fff; cursor: pointer; font: inherit; }
.button input { display: none; }
#actions { margin: 8px 0; }
button.annotated { margin-bottom: 8px; }
.file { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; margin: 16px 0; padding: 8px 16px; }
.file h2 { font-size: 17px; margin: 8px 0; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 13px; margin-left: 8px;
  white-space: nowrap; }
td .badge { margin-left: 0; }
td.year { white-space: nowrap; }
.error { background: #ffc7ce; color: #9c0006; }
.warning { background: #ffeb9c; color: #7a5b00; }
.info { background: #ddebf7; color: #1f4e79; }
.ok { background: #c6efce; color: #006100; }
.sheet h3 { font-size: 15px; margin: 12px 0 4px; }
table.findings { border-collapse: collapse; width: 100%; }
table.findings th, table.findings td { border-bottom: 1px solid #e1e4e8; padding: 4px 6px;
  vertical-align: top; text-align: left; }
table.findings th { background: #eef1f4; font-weight: 600; white-space: nowrap; }
td.cell { font-family: monospace; white-space: nowrap; }
.hint { color: #57606a; font-size: 13px; }
table.grid { border-collapse: collapse; font-size: 12px; margin-top: 4px; }
table.grid td, table.grid th { border: 1px solid #c8ccd1; padding: 1px 4px; min-width: 3em;
  max-width: 10em; overflow: hidden; white-space: nowrap; }
table.grid th { background: #eef1f4; color: #57606a; font-weight: normal; }
table.grid td.mark { outline: 2px solid #d1242f; background: #ffebe9; }
@media print {
  header nav, #drop, #actions { display: none; }
  body { background: #fff; }
  .file { border: none; page-break-inside: avoid; }
}
"#;

pub const APP_JS: &str = r#"
"use strict";
const WORDS = {
  ja: {
    title: "評価シートの事前点検",
    lead: "提出する前に、ブックをここに置いて点検できます。点検したファイルは保存されません。",
    drop: "ここにブック（.xlsx / .xlsm / .xls / .ods）をドラッグ＆ドロップ",
    choose: "ファイルを選ぶ", other: "English", otherHref: "/?lang=en",
    checking: "点検しています…", done: n => `${n} ファイルを点検しました。`,
    failed: "点検できませんでした: ", feedback: "フィードバック（Excel）をダウンロード",
    wholeFile: "ファイル全体", noFindings: "指摘はありません。",
    severity: { error: "エラー", warning: "警告", info: "情報" },
    head: ["重要度", "セル", "項目", "年度", "内容", "周囲のセル"],
    counts: (e, w, i) => `エラー ${e}・警告 ${w}・情報 ${i}`,
    expected: "期待値", actual: "実際の値", annotated: "注記付きの写しをダウンロード",
  },
  en: {
    title: "Check an evaluation workbook before sending it",
    lead: "Drop your workbooks here to check them before you send them. Nothing is stored.",
    drop: "Drag and drop workbooks here (.xlsx / .xlsm / .xls / .ods)",
    choose: "Choose files", other: "日本語", otherHref: "/",
    checking: "Checking…", done: n => `${n} file(s) checked.`,
    failed: "The check failed: ", feedback: "Download the feedback workbook",
    wholeFile: "Whole file", noFindings: "No findings.",
    severity: { error: "error", warning: "warning", info: "info" },
    head: ["severity", "cell", "field", "year", "message", "cells around"],
    counts: (e, w, i) => `${e} errors, ${w} warnings, ${i} info`,
    expected: "expected", actual: "actual", annotated: "Download the annotated copy",
  },
};
const lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "ja";
const W = WORDS[lang];
let chosen = [];

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

function picture(g) {
  const t = el("table", { class: "grid" });
  t.append(el("tr", {}, el("th", {}, ""), ...g.columns.map(c => el("th", {}, c))));
  g.cells.forEach((row, r) => {
    const tr = el("tr", {}, el("th", {}, g.rows[r]));
    row.forEach((text, c) => {
      const mark = r === g.mark[0] && c === g.mark[1];
      tr.append(el("td", mark ? { class: "mark", title: text } : { title: text }, text));
    });
    t.append(tr);
  });
  return t;
}

function render(files) {
  const out = document.getElementById("results");
  out.replaceChildren();
  files.forEach((f, index) => {
    const worst = f.errors ? "error" : f.warnings ? "warning" : "ok";
    const box = el("article", { class: "file", "data-file": f.name },
      el("h2", {}, f.name, el("span", { class: "badge " + worst }, f.status_text)),
      el("p", {}, W.counts(f.errors, f.warnings, f.infos), f.reason ? " — " + f.reason : ""));
    if (f.errors + f.warnings > 0 && f.status !== "rejected") {
      const b = el("button", { type: "button", class: "annotated" }, W.annotated);
      b.addEventListener("click", () => download("/api/annotated", [chosen[index]], "annotated.xlsx"));
      box.append(b);
    }
    if (!f.sheets.length) box.append(el("p", {}, W.noFindings));
    for (const s of f.sheets) {
      const table = el("table", { class: "findings" },
        el("tr", {}, ...W.head.map(h => el("th", {}, h))));
      for (const x of s.findings) {
        const values = [x.expected ? `${W.expected} ${x.expected}` : null,
                        x.actual ? `${W.actual} ${x.actual}` : null].filter(Boolean).join("、");
        table.append(el("tr", { class: "finding", "data-code": x.code, "data-cell": x.cell || "" },
          el("td", {}, el("span", { class: "badge " + x.severity }, W.severity[x.severity])),
          el("td", { class: "cell" }, x.cell || ""),
          el("td", {}, x.field || ""),
          el("td", { class: "year" }, x.year || ""),
          el("td", {}, x.message, values ? el("div", { class: "hint" }, values) : null,
             x.hint ? el("div", { class: "hint" }, x.hint) : null),
          el("td", {}, x.grid ? picture(x.grid) : "")));
      }
      box.append(el("section", { class: "sheet" }, el("h3", {}, s.sheet || W.wholeFile), table));
    }
    out.append(box);
  });
}

function form(files) {
  const data = new FormData();
  for (const f of files || chosen) data.append("file", f, f.name);
  return data;
}

async function check(files) {
  chosen = Array.from(files);
  if (!chosen.length) return;
  const status = document.getElementById("status");
  status.textContent = W.checking;
  try {
    const r = await fetch(`/api/check?lang=${lang}`, {
      method: "POST", body: form(), headers: { "x-hyoka-page": "1" } });
    const body = await r.json();
    if (!r.ok) throw new Error(body.error || r.statusText);
    render(body.files);
    status.textContent = W.done(body.files.length);
    document.getElementById("actions").hidden = false;
  } catch (e) {
    status.textContent = W.failed + e.message;
  }
}

async function download(path, files, fallback) {
  const r = await fetch(`${path}?lang=${lang}`, {
    method: "POST", body: form(files), headers: { "x-hyoka-page": "1" } });
  if (!r.ok) {
    const body = await r.json().catch(() => ({}));
    document.getElementById("status").textContent = W.failed + (body.error || r.statusText);
    return;
  }
  const name = decodeURIComponent((r.headers.get("content-disposition") || "")
    .split("filename*=UTF-8''")[1] || fallback);
  const a = el("a", { href: URL.createObjectURL(await r.blob()), download: name });
  document.body.append(a); a.click(); a.remove();
}

window.addEventListener("DOMContentLoaded", () => {
  document.documentElement.lang = lang;
  document.title = W.title + " — hyoka";
  for (const [id, key] of [["title", "title"], ["lead", "lead"], ["drop-text", "drop"],
                           ["choose", "choose"], ["feedback", "feedback"]]) {
    document.getElementById(id).textContent = W[key];
  }
  const sw = document.getElementById("lang-switch");
  sw.textContent = W.other; sw.href = W.otherHref;
  const drop = document.getElementById("drop");
  drop.addEventListener("dragover", e => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", e => { e.preventDefault(); drop.classList.remove("over");
    check(e.dataTransfer.files); });
  document.getElementById("files").addEventListener("change", e => check(e.target.files));
  document.getElementById("feedback").addEventListener("click",
    () => download("/api/feedback", chosen, "feedback.xlsx"));
});
"#;
