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
<script src="/common.js" defer></script>
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
  <section id="sender" hidden>
    <label><span id="department-label">提出する課</span>
      <select id="department"></select><input id="department-text" hidden></label>
    <label><span id="by-label">提出者（氏名）</span> <input id="by" autocomplete="name"></label>
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
button:disabled { opacity: 0.5; cursor: default; }
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
  max-width: 10em; vertical-align: top; }
table.grid th { white-space: nowrap; }
/* A long label wraps, up to four lines; the whole text is its title. */
table.grid td div { overflow-wrap: anywhere; overflow: hidden; display: -webkit-box;
  -webkit-box-orient: vertical; -webkit-line-clamp: 4; line-clamp: 4; }
table.grid th { background: #eef1f4; color: #57606a; font-weight: normal; }
table.grid td.mark { outline: 2px solid #d1242f; background: #ffebe9; }
/* A hidden element stays hidden whatever display its rule gives it. */
[hidden] { display: none !important; }
#sender { margin: 8px 0; display: flex; gap: 24px; flex-wrap: wrap; }
section.returned { margin: 8px 0; padding: 8px 12px; border: 1px solid #d4a72c; border-radius: 6px;
  background: #fff8c5; }
section.returned p { margin: 4px 0; }
#sender label span { margin-right: 6px; }
input, select, textarea { font: inherit; padding: 3px 6px; border: 1px solid #8c959f; border-radius: 4px; }
.submit { border-top: 1px solid #e1e4e8; margin-top: 8px; padding-top: 8px; }
.submit textarea { width: 100%; min-height: 3em; display: block; margin: 4px 0; }
.result { padding: 4px 8px; border-radius: 4px; margin: 6px 0; }
.result.refused { background: #ffebe9; color: #9c0006; }
.result.stored { background: #c6efce; color: #006100; }
table.round { border-collapse: collapse; width: 100%; background: #fff; }
table.round th, table.round td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
table.round th { background: #eef1f4; white-space: nowrap; }
table.round td.n { text-align: right; }
table.round td { white-space: nowrap; }
table.round td.files { white-space: normal; width: 100%; }
.summary span { margin-right: 16px; }
#login { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 16px; max-width: 420px; }
#outputs a { margin-right: 16px; }
@media print {
  header nav, #drop, #actions, #sender, .submit, #login, button { display: none; }
  body { background: #fff; }
  .file { border: none; page-break-inside: avoid; }
}
"#;

/// What both pages' scripts use.
pub const COMMON_JS: &str = r#"
"use strict";
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
// "1 error", "2 errors": English counts agree with their number.
function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
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
    leadSubmit: "提出する前に、ブックをここに置いて点検できます。提出ボタンを押すまで、ファイルは保存されません。",
    department: "提出する課", by: "提出者（氏名）", submit: "この内容で提出",
    reason: "エラーのまま提出する理由（必須。事務局が確認します）",
    submitting: "提出しています…", kept: "前の版は保管しました",
    acceptedN: n => `エラー ${n} 件を理由付きで提出しました。理由は事務局の承認を待っています`,
    returnedHead: "事務局から差し戻されたファイルがあります。直して提出し直してください",
    feedbackZip: n => `フィードバック（${n} 課分の Excel を zip で）をダウンロード`,
  },
  en: {
    title: "Check an evaluation workbook before sending it",
    lead: "Drop your workbooks here to check them before you send them. Nothing is stored.",
    drop: "Drag and drop workbooks here (.xlsx / .xlsm / .xls / .ods)",
    choose: "Choose files", other: "日本語", otherHref: "/",
    checking: "Checking…", done: n => `${plural(n, "file", "files")} checked.`,
    failed: "The check failed: ", feedback: "Download the feedback workbook",
    wholeFile: "Whole file", noFindings: "No findings.",
    severity: { error: "error", warning: "warning", info: "info" },
    head: ["severity", "cell", "field", "year", "message", "cells around"],
    counts: (e, w, i) => `${plural(e, "error", "errors")}, ${plural(w, "warning", "warnings")}, ${i} info`,
    expected: "expected", actual: "actual", annotated: "Download the annotated copy",
    leadSubmit: "Drop your workbooks here to check them before you send them. Nothing is stored until you press Submit.",
    department: "Department", by: "Submitted by (your name)", submit: "Submit this workbook",
    reason: "Why it is submitted with errors (required; the office reviews it)",
    submitting: "Submitting…", kept: "the earlier version was kept",
    acceptedN: n => `${plural(n, "error", "errors")} submitted with the reason; it waits for the office's approval`,
    returnedHead: "The office returned these files: correct them and submit again",
    feedbackZip: n => `Download the feedback workbooks of ${plural(n, "department", "departments")} (zip)`,
  },
};
// Switched in place (see switchLanguage), so the results on the page are kept.
let lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "ja";
// The token of the 課's 提出 link this page was opened through, sent with every request.
const key = new URLSearchParams(location.search).get("k") || "";
function pageHeaders() {
  const h = { "x-hyoka-page": "1" };
  if (key) h["x-hyoka-key"] = key;
  return h;
}
let W = WORDS[lang];
let chosen = [];
// The 課 the last answer's feedback covers: more than one downloads as a zip.
let feedbackDepartments = 0;
// What was typed and sent per file, kept when the results are drawn again in the other
// language; cleared when other files are chosen.
let typed = {};
let sent = {};
// Only the answer to the latest check is drawn (an earlier one may arrive after it).
let asked = 0;
let info = { submit: false, departments: null };


function picture(g) {
  const t = el("table", { class: "grid" });
  t.append(el("tr", {}, el("th", {}, ""), ...g.columns.map(c => el("th", {}, c))));
  g.cells.forEach((row, r) => {
    const tr = el("tr", {}, el("th", {}, g.rows[r]));
    row.forEach((text, c) => {
      const mark = r === g.mark[0] && c === g.mark[1];
      tr.append(el("td", mark ? { class: "mark", title: text } : { title: text }, el("div", {}, text)));
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
    if (info.submit && f.wrong_department) {
      // Through a 課's link, a workbook of another 課 (or of none) is said so before any
      // submit is tried: the link submits its own 課's workbooks only.
      box.append(el("p", { class: "result refused wrong-department" }, f.wrong_department));
    } else if (info.submit && f.status !== "rejected" && f.status !== "ignored") {
      box.append(submitBox(f, index));
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

function submitBox(f, index) {
  const box = el("section", { class: "submit" });
  const reason = f.errors ? el("textarea", { class: "reason", "aria-label": W.reason,
                                             placeholder: W.reason }) : null;
  const result = el("p", { class: "result", role: "status", hidden: "" });
  const button = el("button", { type: "button", class: "submit-button" }, W.submit);
  if (reason) {
    reason.value = typed[index] || "";
    reason.addEventListener("input", () => { typed[index] = reason.value; });
  }
  const spend = text => {
    // Sent once: sending it again would only keep another version of the same file.
    button.disabled = true;
    if (reason) reason.disabled = true;
    result.hidden = false; result.className = "result stored"; result.textContent = text;
  };
  if (sent[index] !== undefined) spend(sent[index]);
  button.addEventListener("click", async () => {
    const data = form([chosen[index]]);
    data.append("department", department());
    data.append("by", document.getElementById("by").value);
    data.append("reason", reason ? reason.value : "");
    result.hidden = false; result.className = "result"; result.textContent = W.submitting;
    try {
      const r = await fetch(`/api/submit?lang=${lang}`, {
        method: "POST", body: data, headers: pageHeaders() });
      const body = await r.json();
      if (body.outcome === "stored") {
        sent[index] = [body.message, body.pending ? W.acceptedN(body.pending) : null,
                       body.kept ? W.kept : null].filter(Boolean).join("。");
        spend(sent[index]);
      } else {
        result.className = "result refused";
        result.textContent = body.message || body.error || r.statusText;
        if (body.needs_reason && reason) reason.focus();
      }
    } catch (e) {
      result.className = "result refused"; result.textContent = W.failed + e.message;
    }
  });
  if (reason) box.append(reason);
  box.append(button, result);
  return box;
}

function department() {
  const select = document.getElementById("department");
  return select.hidden ? document.getElementById("department-text").value : select.value;
}

function offerSubmit(files) {
  if (!info.submit) return;
  document.getElementById("sender").hidden = false;
  const select = document.getElementById("department");
  const known = files.map(f => f.department).find(d => d && (info.departments || []).includes(d));
  if (known && !select.value && !info.department) select.value = known;
  const text = document.getElementById("department-text");
  const read = files.map(f => f.department).find(Boolean);
  if (!text.value && read) text.value = read;
}

async function loadInfo() {
  try {
    const r = await fetch("/api/info", { headers: pageHeaders() });
    info = await r.json();
  } catch (e) { return; }
  if (!info.submit) return;
  document.getElementById("lead").textContent = W.leadSubmit;
  // What the office returned to this 課, with its notes.
  if ((info.returned || []).length) {
    const box = el("section", { class: "returned", role: "status" }, el("p", { class: "returned-head" }, W.returnedHead),
      ...info.returned.map(r => el("p", { class: "returned-file", "data-file": r.file },
        `${r.file}: ${r.note}（${r.at}）`)));
    document.getElementById("lead").after(box);
  }
  const select = document.getElementById("department");
  if (info.department) {
    // Opened through a 課's link: it submits as that 課 only.
    select.append(el("option", { value: info.department }, info.department));
    select.value = info.department; select.disabled = true;
  } else if (info.departments) {
    select.append(el("option", { value: "" }, "—"), ...info.departments.map(d => el("option", { value: d }, d)));
  } else {
    select.hidden = true; document.getElementById("department-text").hidden = false;
  }
}

function form(files) {
  const data = new FormData();
  for (const f of files || chosen) data.append("file", f, f.name);
  return data;
}

function choose(files) {
  if (!files.length) return;
  chosen = Array.from(files);
  typed = {}; sent = {};
  check();
}

// The chosen files checked, in the page's language; the link's token goes along, so the
// answer says which files are not the link's 課's.
async function check() {
  const mine = ++asked;
  const status = document.getElementById("status");
  status.textContent = W.checking;
  try {
    const r = await fetch(`/api/check?lang=${lang}`, {
      method: "POST", body: form(), headers: pageHeaders() });
    const body = await r.json();
    if (mine !== asked) return;
    if (!r.ok) throw new Error(body.error || r.statusText);
    render(body.files);
    offerSubmit(body.files);
    status.textContent = W.done(body.files.length);
    // As write_feedback groups them: by 課, a workbook naming none in a group of its own.
    feedbackDepartments = new Set(body.files.filter(f => f.status !== "ignored")
      .map(f => (f.department || "").trim())).size;
    feedbackLabel();
    document.getElementById("actions").hidden = false;
  } catch (e) {
    if (mine === asked) status.textContent = W.failed + e.message;
  }
}

function feedbackLabel() {
  document.getElementById("feedback").textContent =
    feedbackDepartments > 1 ? W.feedbackZip(feedbackDepartments) : W.feedback;
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

// The page's own words in its language: on load, and when the language is switched.
function applyWords() {
  document.documentElement.lang = lang;
  document.title = W.title + " — hyoka";
  for (const [id, key] of [["title", "title"], ["lead", info.submit ? "leadSubmit" : "lead"],
                           ["drop-text", "drop"], ["choose", "choose"],
                           ["department-label", "department"], ["by-label", "by"]]) {
    document.getElementById(id).textContent = W[key];
  }
  feedbackLabel();
  const head = document.querySelector("p.returned-head");
  if (head) head.textContent = W.returnedHead;
  const sw = document.getElementById("lang-switch");
  sw.textContent = W.other;
  sw.href = key ? `${W.otherHref}${W.otherHref.includes("?") ? "&" : "?"}k=${encodeURIComponent(key)}` : W.otherHref;
}

// The other language in place: the address changes, the page does not reload, and the files
// on it are checked again so their results read in the new language.
function switchLanguage(e) {
  e.preventDefault();
  history.replaceState(null, "", e.currentTarget.href);
  lang = lang === "en" ? "ja" : "en";
  W = WORDS[lang];
  applyWords();
  if (chosen.length) check();
  else document.getElementById("status").textContent = "";
}

window.addEventListener("DOMContentLoaded", () => {
  applyWords();
  document.getElementById("lang-switch").addEventListener("click", switchLanguage);
  const drop = document.getElementById("drop");
  drop.addEventListener("dragover", e => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", e => { e.preventDefault(); drop.classList.remove("over");
    choose(e.dataTransfer.files); });
  document.getElementById("files").addEventListener("change", e => choose(e.target.files));
  document.getElementById("feedback").addEventListener("click",
    () => download("/api/feedback", chosen, feedbackDepartments > 1 ? "feedback.zip" : "feedback.xlsx"));
  loadInfo();
});
"#;

/// The office view: login, then the round's departments, updated every few seconds.
pub const OFFICE_HTML: &str = r#"<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>提出状況 — hyoka</title>
<link rel="stylesheet" href="/app.css">
<script src="/common.js" defer></script>
<script src="/office.js" defer></script>
</head>
<body>
<header>
  <h1 id="title">提出状況（事務局）</h1>
  <nav><a id="lang-switch" href="/office?lang=en">English</a></nav>
</header>
<main>
  <p id="problem" class="result refused" role="alert" hidden></p>
  <form id="login" hidden>
    <p><label><span id="password-label">パスワード</span>
      <input id="password" type="password" autocomplete="current-password"></label></p>
    <button id="login-button" type="submit">ログイン</button>
    <p id="login-status" role="status"></p>
  </form>
  <section id="view" hidden>
    <p class="summary" id="summary"></p>
    <p><button id="run" type="button">集約する（consolidate）</button>
      <button id="logout" type="button">ログアウト</button></p>
    <p id="job" role="status"></p>
    <p id="outputs"></p>
    <table class="round" id="departments"></table>
    <table class="round" id="links"></table>
    <p class="hint" id="updated"></p>
  </section>
</main>
</body>
</html>
"#;

pub const OFFICE_JS: &str = r#"
"use strict";
const WORDS = {
  ja: {
    title: "提出状況（事務局）", other: "English", otherHref: "/office?lang=en",
    password: "パスワード", login: "ログイン", logout: "ログアウト", run: "集約する（consolidate）",
    status: { missing: "未提出", errors: "エラーあり", pending: "承認待ち", submitted: "提出済" },
    head: ["課", "状況", "ファイル", "エラー", "警告", "承認済", "最終提出", "提出者", "点検結果"],
    summary: (m, e, p, s) => [`未提出 ${m}`, `エラーあり ${e}`, `承認待ち ${p}`, `提出済 ${s}`],
    pendingReason: "承認待ちの理由: ", approve: "承認する", giveBack: "差し戻す",
    note: "差し戻す理由（課に表示されます）", returnedNote: "差し戻し済み: ",
    report: "フィードバック", notListed: "（課の一覧にない）", outside: "（課のフォルダの外）",
    reason: "承認済みの理由: ", versions: n => `（${n} 回目の提出）`,
    job: { idle: "", running: (d, t) => `集約しています… ${d}/${t} ファイル`,
           done: at => `集約しました（${at}）`, failed: m => `集約できませんでした: ${m}` },
    updated: at => `${at} 時点（自動で更新します）`, failed: "読み込めませんでした: ",
    linksHead: ["提出用リンクのある課", "発行", ""], revoke: "取り消す",
    noLinks: "提出用リンクはまだ発行されていません。hyoka round links で発行して各課に送るまで、提出はできません",
  },
  en: {
    title: "Submissions (office)", other: "日本語", otherHref: "/office",
    password: "Password", login: "Log in", logout: "Log out", run: "Consolidate",
    status: { missing: "not submitted", errors: "errors", pending: "awaiting approval", submitted: "submitted" },
    head: ["department", "status", "files", "errors", "warnings", "accepted", "last submitted", "by", "report"],
    summary: (m, e, p, s) => [`not submitted ${m}`, `with errors ${e}`, `awaiting approval ${p}`, `submitted ${s}`],
    pendingReason: "waiting for approval: ", approve: "approve", giveBack: "return",
    note: "why it is returned (shown to the department)", returnedNote: "returned: ",
    report: "feedback", notListed: " (not in the list)", outside: "(outside any department folder)",
    reason: "accepted because: ", versions: n => `(submission ${n})`,
    job: { idle: "", running: (d, t) => `Consolidating… ${d}/${plural(t, "file", "files")}`,
           done: at => `Consolidated (${at})`, failed: m => `Consolidate failed: ${m}` },
    updated: at => `as of ${at} (updates by itself)`, failed: "Could not load: ",
    linksHead: ["department with a submission link", "issued", ""], revoke: "revoke",
    noLinks: "no submission links issued yet: nothing can be submitted until hyoka round links issues them and each department has its own",
  },
};
const lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "ja";
const W = WORDS[lang];
const BADGE = { missing: "warning", errors: "error", pending: "warning", submitted: "ok" };
let timer = null;


function show(body) {
  const v = body.view;
  document.getElementById("summary").replaceChildren(
    ...W.summary(v.missing, v.with_errors, v.pending, v.submitted).map(t => el("span", {}, t)));
  const t = document.getElementById("departments");
  t.replaceChildren(el("tr", {}, ...W.head.map(h => el("th", {}, h))));
  for (const d of v.departments) {
    const name = d.name ? d.name + (d.listed ? "" : W.notListed) : W.outside;
    const files = el("td", { class: "files" }, ...d.files.map(f => el("div", { class: "round-file" }, f.name,
      f.versions > 1 ? el("span", { class: "hint" }, " " + W.versions(f.versions)) : null,
      ...f.reasons.map(r => el("div", { class: "hint reason" }, W.reason + r)),
      ...f.pending.map(r => el("div", { class: "pending-reason" }, W.pendingReason + r)),
      f.pending.length ? answerBox(f) : null,
      f.returned ? el("div", { class: "hint returned" }, W.returnedNote + f.returned) : null)));
    const report = d.files.length
      ? el("a", { href: `/office/api/report?department=${encodeURIComponent(d.name)}&lang=${lang}` }, W.report)
      : "";
    t.append(el("tr", { class: "department", "data-department": d.name, "data-status": d.status },
      el("td", {}, name),
      el("td", {}, el("span", { class: "badge " + BADGE[d.status] }, W.status[d.status])),
      files,
      el("td", { class: "n" }, d.errors), el("td", { class: "n" }, d.warnings),
      el("td", { class: "n accepted" }, d.accepted),
      el("td", {}, d.last || ""), el("td", {}, d.by || ""), el("td", {}, report)));
  }
  const links = document.getElementById("links");
  links.replaceChildren(...(body.links || []).length
    ? [el("tr", {}, ...W.linksHead.map(h => el("th", {}, h))),
       ...body.links.map(l => {
         const button = el("button", { type: "button", class: "revoke" }, W.revoke);
         button.addEventListener("click", async () => {
           button.disabled = true;
           await post("/office/api/links/revoke", { department: l.department });
           refresh();
         });
         return el("tr", { class: "link", "data-department": l.department },
           el("td", {}, l.department), el("td", {}, l.issued), el("td", {}, button));
       })]
    : [el("tr", {}, el("td", { class: "hint" }, W.noLinks))]);
  const job = body.consolidation;
  const text = job.state === "running" ? W.job.running(job.done, job.total)
    : job.state === "done" ? W.job.done(job.finished)
    : job.state === "failed" ? W.job.failed(job.message || "") : "";
  document.getElementById("job").textContent = text;
  document.getElementById("run").disabled = job.state === "running";
  document.getElementById("outputs").replaceChildren(...(job.outputs || []).map(
    n => el("a", { href: `/office/download/${n}`, class: "output" }, n)));
  document.getElementById("updated").textContent =
    W.updated(new Date().toLocaleString(lang === "ja" ? "ja-JP" : "en-GB"));
}

async function refresh() {
  try {
    const r = await fetch(`/office/api/round?lang=${lang}`);
    if (r.status === 401) { loggedOut(); return; }
    const body = await r.json();
    const problem = document.getElementById("problem");
    if (r.status === 404) {
      // No round or no password: the view is closed, and says why.
      clearInterval(timer); timer = null;
      problem.textContent = body.error; problem.hidden = false;
      return;
    }
    if (!r.ok) throw new Error(body.error || r.statusText);
    problem.hidden = true;
    document.getElementById("login").hidden = true;
    document.getElementById("view").hidden = false;
    show(body);
  } catch (e) {
    document.getElementById("updated").textContent = W.failed + e.message;
  }
}

function loggedOut() {
  clearInterval(timer); timer = null;
  document.getElementById("view").hidden = true;
  document.getElementById("login").hidden = false;
  document.getElementById("password").focus();
}

function follow() {
  refresh();
  if (!timer) timer = setInterval(refresh, 2000);
}

// 承認する or 差し戻す (with a note) for a file whose reasons wait for the office.
function answerBox(f) {
  const note = el("input", { class: "note", placeholder: W.note, "aria-label": W.note });
  const approve = el("button", { type: "button", class: "approve" }, W.approve);
  const giveBack = el("button", { type: "button", class: "give-back" }, W.giveBack);
  approve.addEventListener("click", async () => {
    approve.disabled = true;
    await post("/office/api/approve", { file: f.inside });
    refresh();
  });
  giveBack.addEventListener("click", async () => {
    if (!note.value.trim()) { note.focus(); return; }
    giveBack.disabled = true;
    await post("/office/api/return", { file: f.inside, note: note.value });
    refresh();
  });
  return el("div", { class: "answer", "data-file": f.inside }, approve, note, giveBack);
}

async function post(path, body) {
  return fetch(`${path}?lang=${lang}`, { method: "POST",
    headers: { "x-hyoka-page": "1", "content-type": "application/json" },
    body: JSON.stringify(body || {}) });
}

window.addEventListener("DOMContentLoaded", () => {
  document.documentElement.lang = lang;
  document.title = W.title + " — hyoka";
  for (const [id, key] of [["title", "title"], ["password-label", "password"],
                           ["login-button", "login"], ["logout", "logout"], ["run", "run"]]) {
    document.getElementById(id).textContent = W[key];
  }
  const sw = document.getElementById("lang-switch");
  sw.textContent = W.other; sw.href = W.otherHref;
  document.getElementById("login").addEventListener("submit", async e => {
    e.preventDefault();
    const status = document.getElementById("login-status");
    status.textContent = "…";
    const r = await post("/office/api/login", { password: document.getElementById("password").value });
    if (r.ok) { status.textContent = ""; document.getElementById("password").value = ""; follow(); }
    else { const b = await r.json().catch(() => ({})); status.textContent = b.error || r.statusText; }
  });
  document.getElementById("logout").addEventListener("click", async () => {
    await post("/office/api/logout"); loggedOut();
  });
  document.getElementById("run").addEventListener("click", async () => {
    const r = await post("/office/api/consolidate");
    if (!r.ok) { const b = await r.json().catch(() => ({}));
      document.getElementById("job").textContent = b.error || r.statusText; }
    refresh();
  });
  follow();
});
"#;
