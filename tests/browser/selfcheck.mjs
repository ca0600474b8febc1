// End-to-end: starts `hyoka serve` on a free loopback port, drives headless Chromium through
// the self-check page (choose a sample with planted mistakes → findings at their cells →
// feedback and annotated downloads → the English page with the results kept → the feedback
// of three 課 as one zip), then a second server with a round:
// submit refused without a reason → submitted with one → the office view (login, statuses,
// updates without a reload, consolidate, the report with the accepted finding). Screenshots
// are saved under target/screenshots/.
//   node tests/browser/selfcheck.mjs   (from the repository; hyoka built in target/release)
// Exits 0 with a SKIPPED line when Chromium or playwright-core is not installed.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const chromium = process.env.CHROMIUM || "/usr/bin/chromium";
const hyoka = join(repo, "target", "release", "hyoka");
const shots = join(repo, "target", "screenshots");

let playwright;
try {
  playwright = await import("playwright-core");
} catch {
  console.log("SKIPPED browser tests: playwright-core is not installed (cd tests/browser && npm ci)");
  process.exit(0);
}
if (!existsSync(chromium)) {
  console.log(`SKIPPED browser tests: no Chromium at ${chromium} (apt-get install chromium chromium-driver)`);
  process.exit(0);
}
if (!existsSync(hyoka)) {
  console.error(`${hyoka} is not built: cargo build --release`);
  process.exit(1);
}

let failures = 0;
function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
}

// The entries of a zip (a download, or an xlsx inside it) by name, stored or deflated: read
// from its central directory, enough for the files hyoka writes.
function unzip(buf) {
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip");
  const entries = new Map();
  let at = buf.readUInt32LE(end + 16);
  for (let i = 0; i < buf.readUInt16LE(end + 10); i++) {
    const method = buf.readUInt16LE(at + 10), size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const skip = nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const local = buf.readUInt32LE(at + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    entries.set(name, method === 8 ? inflateRawSync(data) : data);
    at += 46 + skip;
  }
  return entries;
}

// A page's drop zone given these files, as a drag from the desktop gives them.
async function drop(page, paths) {
  const files = paths.map(p => [basename(p), readFileSync(p).toString("base64")]);
  const transfer = await page.evaluateHandle(files => {
    const t = new DataTransfer();
    for (const [name, b64] of files) {
      t.items.add(new File([Uint8Array.from(atob(b64), c => c.charCodeAt(0))], name));
    }
    return t;
  }, files);
  await page.dispatchEvent("#drop", "drop", { dataTransfer: transfer });
}

// A server on a port the system picks; it prints where it listens.
async function serve(args) {
  const server = spawn(hyoka, ["serve", "--addr", "127.0.0.1:0", ...args], { cwd: repo });
  const url = await new Promise((resolve, reject) => {
    let text = "";
    server.stderr.on("data", d => {
      text += d;
      const m = text.match(/http:\/\/[0-9.:]+\//);
      if (m) resolve(m[0]);
    });
    server.on("exit", code => reject(new Error(`hyoka serve exited ${code}: ${text}`)));
    setTimeout(() => reject(new Error("hyoka serve did not start: " + text)), 10000);
  });
  return { server, url };
}

function run(args, input) {
  return new Promise(resolve => {
    const p = spawn(hyoka, args, { cwd: repo });
    let out = "";
    p.stdout.on("data", d => { out += d; });
    p.on("exit", code => resolve({ code, out }));
    if (input !== undefined) p.stdin.end(input);
  });
}

const { server, url } = await serve([]);
// The round: a department list and the office's password, hashed by hyoka itself.
const work = mkdtempSync(join(tmpdir(), "hyoka-browser-"));
const password = "office-browser-pass";
const hashed = await run(["hash-password"], password + "\n");
writeFileSync(join(work, "hyoka.toml"),
  `[departments]\nnames = ["職員課", "総務課", "財政課"]\n\n${hashed.out}`);
const round = join(work, "round");
const office = await serve(["--round", round, "--config", join(work, "hyoka.toml")]);
// 提出 links: the office issues one per 課 and sends it; a department submits through its own.
const issued = await run(["round", "links", "--round", round, "--config", join(work, "hyoka.toml"),
                          "--url", office.url]);
const linkOf = Object.fromEntries(issued.out.trim().split("\n").map(l => l.split("\t")));

mkdirSync(shots, { recursive: true });
const browser = await playwright.chromium.launch({
  executablePath: chromium,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const page = await context.newPage();
  const outside = [];
  page.on("request", r => { if (!r.url().startsWith(url) && !r.url().startsWith("blob:")) outside.push(r.url()); });
  await page.goto(url);
  check((await page.textContent("h1")) === "評価シートの事前点検", "the page is in Japanese");
  await page.screenshot({ path: join(shots, "01-page.png") });

  // 職員課: 人件費合計 typed over in 令和5年度 (samples/README.md).
  const sample = join(repo, "samples", "職員課_職員育成推進事業.xlsx");
  await page.setInputFiles("#files", sample);
  await page.waitForSelector("tr.finding", { timeout: 20000 });
  const rows = await page.$$eval("tr.finding", trs => trs.map(t => [t.dataset.code, t.dataset.cell]));
  console.log("findings:", JSON.stringify(rows));
  check(rows.length > 0, "findings are shown");
  // The same codes at the same cells as hyoka validate (its report.json, written below).
  const out = join(repo, "target", "browser-validate");
  await new Promise(r => spawn(hyoka, ["validate", sample, "--out", out, "--progress", "never"]).on("exit", r));
  const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
  const want = report.findings.map(f => `${f.code}@${f.cell || ""}`).sort();
  const got = rows.map(([c, cell]) => `${c}@${cell}`).sort();
  check(JSON.stringify(want) === JSON.stringify(got), `the findings are validate's: ${want.join(", ")}`);
  const marked = await page.$$eval("td.mark", tds => tds.length);
  check(marked > 0, "errors show the cells around them, the bad one marked");
  // A self-check server (no --round) offers no 提出: its fields stay out of sight.
  check(await page.isHidden("#sender") && await page.isHidden("#department") && await page.isHidden("#by")
        && (await page.$$("button.submit-button")).length === 0,
        "without --round the page shows no submission fields");
  // The cells around a finding show their whole text: a long label wraps in its cell (up to
  // four lines, the rest on hover), nothing cut at the side.
  const cells = await page.$$eval("table.grid td", tds => tds.map(td => {
    const d = td.firstElementChild;
    return { text: d.textContent, title: td.title, cut: d.scrollWidth > d.clientWidth + 1,
             lines: Math.round(d.getBoundingClientRect().height / parseFloat(getComputedStyle(d).lineHeight || 16)) };
  }));
  const long = cells.filter(c => c.text.length > 12);
  console.log("long labels in the pictures:", JSON.stringify(long.map(c => c.text)));
  check(long.length > 0 && long.every(c => !c.text.endsWith("…") && c.title === c.text),
        "long labels are sent whole, the whole text as their title");
  check(cells.every(c => !c.cut), "no text in the pictures is cut at the side");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 1366, `the findings fit a 1366-pixel screen (${width})`);
  await page.screenshot({ path: join(shots, "02-findings.png"), fullPage: true });
  // Printed: the findings without the page's controls.
  await page.emulateMedia({ media: "print" });
  check(await page.isHidden("#drop") && await page.isHidden("button.annotated") && await page.isVisible("tr.finding"),
        "printed without the controls");
  await page.screenshot({ path: join(shots, "02-print.png"), fullPage: true });
  await page.emulateMedia({ media: "screen" });


  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#feedback")]);
  const saved = join(shots, "feedback.xlsx");
  await download.saveAs(saved);
  check(download.suggestedFilename() === "職員課.xlsx", `feedback downloads as ${download.suggestedFilename()}`);
  check(statSync(saved).size > 1000, "the feedback workbook has content");

  const [copy] = await Promise.all([page.waitForEvent("download"), page.click("button.annotated")]);
  check(copy.suggestedFilename() === "職員課_職員育成推進事業.xlsx",
        `the annotated copy downloads as ${copy.suggestedFilename()}`);
  await copy.saveAs(join(shots, "annotated.xlsx"));

  // Dropped rather than chosen: the same findings.
  await page.evaluate(() => document.getElementById("results").replaceChildren());
  const base64 = readFileSync(sample).toString("base64");
  const transfer = await page.evaluateHandle(b64 => {
    const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
    const t = new DataTransfer();
    t.items.add(new File([bytes], "dropped.xlsx"));
    return t;
  }, base64);
  await page.dispatchEvent("#drop", "drop", { dataTransfer: transfer });
  await page.waitForSelector('article[data-file="dropped.xlsx"] tr.finding');
  const dropped = await page.$$eval("tr.finding", trs => trs.map(t => `${t.dataset.code}@${t.dataset.cell}`).sort());
  check(JSON.stringify(dropped) === JSON.stringify(want), "a dropped workbook shows the same findings");

  // Switching the language keeps the results: the same files, their findings in English,
  // with nothing chosen again.
  await page.evaluate(() => { window.notReloaded = true; });
  const japaneseMessage = await page.textContent("tr.finding td:nth-child(5)");
  await page.click("#lang-switch");
  await page.waitForURL(/lang=en/);
  check((await page.textContent("h1")).startsWith("Check an evaluation workbook"), "the English page");
  await page.waitForFunction(() => document.querySelector("tr.finding .badge")?.textContent === "error");
  check(await page.evaluate(() => window.notReloaded === true), "switched without a reload");
  const english = await page.$$eval("tr.finding", trs => trs.map(t => `${t.dataset.code}@${t.dataset.cell}`).sort());
  check(JSON.stringify(english) === JSON.stringify(want) && await page.$('article[data-file="dropped.xlsx"]') !== null,
        "the results stay when the language is switched, now in English");
  const message = await page.textContent("tr.finding td:nth-child(5)");
  check(message !== japaneseMessage && /[a-z]{3,} [a-z]{3,}/.test(message), `the message reads in English: ${message}`);
  // English counts agree with their number, on the page and in every phrase that counts.
  const counted = await page.textContent("article.file > p");
  const [, errors, errorWord] = counted.match(/^(\d+) (errors?),/) || [];
  check(errorWord === (errors === "1" ? "error" : "errors"), `the count reads right: ${counted}`);
  const status = await page.textContent("#status");
  check(status === "1 file checked.", `the status reads right: ${status}`);
  const phrases = await page.evaluate(() => [WORDS.en.counts(1, 1, 1), WORDS.en.counts(2, 0, 3),
    WORDS.en.done(1), WORDS.en.done(2), WORDS.en.acceptedN(1), WORDS.en.acceptedN(2), WORDS.en.feedbackZip(3)]);
  check(JSON.stringify(phrases) === JSON.stringify(["1 error, 1 warning, 1 info", "2 errors, 0 warnings, 3 info",
    "1 file checked.", "2 files checked.",
    "1 error submitted with the reason; it waits for the office's approval",
    "2 errors submitted with the reason; it waits for the office's approval",
    "Download the feedback workbooks of 3 departments (zip)"]), `English counts: ${JSON.stringify(phrases)}`);
  await page.screenshot({ path: join(shots, "03-english.png"), fullPage: true });
  await page.click("#lang-switch");
  await page.waitForFunction(() => document.querySelector("tr.finding .badge")?.textContent === "エラー");
  check(!page.url().includes("lang=en") && (await page.textContent("h1")) === "評価シートの事前点検"
        && await page.evaluate(() => window.notReloaded === true),
        "and back to Japanese, the results still there");

  // Workbooks of three 課: one download holding each 課's feedback workbook.
  const three = ["職員課_職員育成推進事業.xlsx", "総務課_押印の見直し事業.xlsx", "財政課_行動計画実施状況.xlsx"];
  await drop(page, three.map(n => join(repo, "samples", n)));
  await page.waitForFunction(n => document.querySelectorAll("article.file").length === n
    && document.getElementById("status").textContent.startsWith(String(n)), three.length);
  const codesOf = await page.$$eval("article.file", arts => Object.fromEntries(arts.map(a =>
    [a.dataset.file, [...a.querySelectorAll("tr.finding")].map(t => t.dataset.code)])));
  await page.screenshot({ path: join(shots, "03-three-departments.png"), fullPage: true });
  const label = await page.textContent("#feedback");
  check(label.includes("3 課分") && label.includes("zip"), `the button says it downloads a zip: ${label}`);
  const [zipped] = await Promise.all([page.waitForEvent("download"), page.click("#feedback")]);
  const zipPath = join(shots, "feedback.zip");
  await zipped.saveAs(zipPath);
  check(zipped.suggestedFilename() === "フィードバック.zip", `the feedback of three 課 downloads as ${zipped.suggestedFilename()}`);
  const books = unzip(readFileSync(zipPath));
  check(JSON.stringify([...books.keys()]) === JSON.stringify(["総務課.xlsx", "職員課.xlsx", "財政課.xlsx"]),
        `one workbook per 課: ${[...books.keys()].join(", ")}`);
  for (const name of three) {
    const department = name.split("_")[0];
    const book = books.get(`${department}.xlsx`);
    // Its strings: the file names and the codes of the findings it lists.
    const text = book ? [...unzip(book)].filter(([n]) => n.endsWith(".xml")).map(([, b]) => b.toString("utf8")).join("") : "";
    const others = three.filter(n => n !== name);
    const codes = codesOf[name] || [];
    check(codes.length > 0 && text.includes(name) && codes.every(c => text.includes(c)) && others.every(n => !text.includes(n)),
          `${department}.xlsx holds ${department}'s findings (${codes.join(", ")}) and no other 課's files`);
  }
  check(outside.length === 0, `no request leaves the server (${outside.join(", ")})`);

  // 提出 into a round, through 職員課's link.
  check(Object.keys(linkOf).join() === "職員課,総務課,財政課", `one link per 課 (${Object.keys(linkOf)})`);
  const dept = await context.newPage();
  await dept.goto(linkOf["職員課"]);
  // Through 職員課's link, a workbook of 財政課 among its own: the page says so at that file,
  // before any submit, and offers no submit for it.
  await dept.setInputFiles("#files", [sample, join(repo, "samples", "財政課_施設再編推進事業.xlsx")]);
  await dept.waitForSelector("article.file .wrong-department");
  const perFile = await dept.$$eval("article.file", arts => arts.map(a => [a.dataset.file,
    a.querySelector(".wrong-department")?.textContent || "", a.querySelectorAll("button.submit-button").length]));
  check(perFile.length === 2 && perFile[0][1] === "" && perFile[0][2] === 1
        && perFile[1][1].includes("財政課") && perFile[1][2] === 0,
        `a file of another 課 is named as such, its own 課's is offered for 提出: ${JSON.stringify(perFile)}`);
  await dept.screenshot({ path: join(shots, "04-other-department.png"), fullPage: true });
  await dept.setInputFiles("#files", sample);
  await dept.waitForSelector("button.submit-button");
  check(await dept.isVisible("#sender"), "the page asks for the department and the name");
  check(await dept.inputValue("#department") === "職員課", "the workbook's 課 is chosen for it");
  await dept.fill("#by", "山田 太郎");
  await dept.click("button.submit-button");
  await dept.waitForSelector(".result.refused");
  const refused = await dept.textContent(".result.refused");
  check(refused.includes("理由"), `errors without a reason are refused: ${refused}`);
  check(!existsSync(join(round, "職員課")), "nothing is stored when refused");
  await dept.screenshot({ path: join(shots, "04-refused.png"), fullPage: true });
  const reason = "実績は3月末の精算後に確定するため";
  await dept.fill("textarea.reason", reason);
  await dept.click("button.submit-button");
  await dept.waitForSelector(".result.stored");
  check(existsSync(join(round, "職員課", "職員課_職員育成推進事業.xlsx")), "submitted: stored under the 課");
  check(await dept.isDisabled("button.submit-button"), "a submitted file's button is spent");
  await dept.screenshot({ path: join(shots, "05-submitted.png"), fullPage: true });
  const fromDept = await dept.evaluate(async () => (await fetch("/office/api/round")).status);
  check(fromDept === 401, `the department's page cannot read the office view (${fromDept})`);

  // The office view, in a context of its own.
  const officeContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const op = await officeContext.newPage();
  await op.goto(office.url + "office");
  await op.waitForSelector("#login:not([hidden])");
  await op.fill("#password", "not the password");
  await op.click("#login-button");
  await op.waitForFunction(() => document.getElementById("login-status").textContent.includes("違います"));
  check(await op.isHidden("#view"), "a wrong password opens nothing");
  await op.fill("#password", password);
  await op.click("#login-button");
  await op.waitForSelector("tr.department");
  const rowsOf = () => op.$$eval("tr.department", trs => trs.map(t =>
    [t.dataset.department, t.dataset.status, t.querySelector(".accepted").textContent]));
  const waiting = await rowsOf();
  console.log("office view:", JSON.stringify(waiting));
  check(JSON.stringify(waiting) === JSON.stringify([["職員課", "pending", "0"], ["総務課", "missing", "0"],
    ["財政課", "missing", "0"]]), "職員課 承認待ち: its reason waits for the office; the others 未提出");
  const pendingReason = await op.textContent('tr[data-department="職員課"] .pending-reason');
  check(pendingReason.includes(reason), `the office view shows the waiting reason: ${pendingReason}`);
  await op.click('tr[data-department="職員課"] button.approve');
  await op.waitForSelector('tr[data-department="職員課"][data-status="submitted"]');
  const statuses = await rowsOf();
  check(JSON.stringify(statuses) === JSON.stringify([["職員課", "submitted", "1"], ["総務課", "missing", "0"],
    ["財政課", "missing", "0"]]), "approved: 職員課 提出済 with its error accepted");
  const shownReason = await op.textContent('tr[data-department="職員課"] .reason');
  check(shownReason.includes(reason), `the office view shows the approved reason: ${shownReason}`);
  const cookies = await officeContext.cookies();
  const session = cookies.find(c => c.name === "hyoka_office");
  check(session && session.httpOnly && session.sameSite === "Strict", "the session cookie is HttpOnly and SameSite=Strict");
  await op.screenshot({ path: join(shots, "06-office.png"), fullPage: true });

  // Another department submits: the office view shows it without a reload.
  await op.evaluate(() => { window.notReloaded = true; });
  await dept.goto(linkOf["総務課"]);
  await dept.setInputFiles("#files", join(repo, "samples", "総務課_押印の見直し事業.xlsx"));
  await dept.waitForSelector("button.submit-button");
  await dept.fill("#by", "佐藤");
  await dept.click("button.submit-button");
  await dept.waitForSelector(".result.stored");
  await op.waitForSelector('tr[data-department="総務課"][data-status="submitted"]', { timeout: 15000 });
  check(await op.evaluate(() => window.notReloaded === true), "the office view updated without a reload");

  // Only a page opened through a 課's link submits, as its 課.
  const zaisei = join(repo, "samples", "財政課_施設再編推進事業.xlsx");
  await dept.goto(office.url);
  await dept.setInputFiles("#files", zaisei);
  await dept.waitForSelector("article.file");
  const withoutLink = [await dept.isHidden("#sender"), (await dept.$$("button.submit-button")).length];
  check(withoutLink[0] && withoutLink[1] === 0,
        `without a link the page checks but cannot submit (${JSON.stringify(withoutLink)})`);
  await dept.goto(linkOf["財政課"]);
  await dept.setInputFiles("#files", zaisei);
  await dept.waitForSelector("button.submit-button");
  check(await dept.isDisabled("#department") && await dept.inputValue("#department") === "財政課",
        "through its link the page submits as 財政課 only");
  await dept.fill("#by", "鈴木");
  await dept.click("button.submit-button");
  await dept.waitForSelector(".result.stored");
  check(existsSync(join(round, "財政課", "財政課_施設再編推進事業.xlsx")), "stored under the link's 課");
  await dept.screenshot({ path: join(shots, "09-through-a-link.png"), fullPage: true });
  // Through its link, 財政課 sends a workbook with an error and a reason; the office returns
  // it with a note, 財政課 reads the note on its page, sends a better reason, and the office
  // approves it.
  const plan = join(repo, "samples", "財政課_行動計画実施状況.xlsx");
  await dept.goto(linkOf["財政課"]);
  await dept.setInputFiles("#files", plan);
  await dept.waitForSelector("textarea.reason");
  await dept.fill("#by", "鈴木");
  await dept.fill("textarea.reason", "補助制度は令和6年度に見直します");
  await dept.click("button.submit-button");
  await dept.waitForSelector(".result.stored");
  const waitText = await dept.textContent(".result.stored");
  check(waitText.includes("承認を待っています"), `the department is told its reason waits: ${waitText}`);
  const planRow = 'tr[data-department="財政課"]';
  await op.waitForSelector(`${planRow}[data-status="pending"]`, { timeout: 15000 });
  const note = "③の取組をいつ計画に加えるか書いてください";
  await op.fill(`${planRow} .answer input.note`, note);
  await op.click(`${planRow} button.give-back`);
  await op.waitForSelector(`${planRow} .returned`);
  check(await op.$(`${planRow}[data-status="errors"]`) !== null, "returned: its error is an error again");
  await dept.goto(linkOf["財政課"]);
  await dept.waitForSelector("section.returned");
  const returnedText = await dept.textContent("section.returned");
  check(returnedText.includes(note), `the department's page shows the office's note: ${returnedText}`);
  await dept.screenshot({ path: join(shots, "11-returned.png"), fullPage: true });
  await dept.setInputFiles("#files", plan);
  await dept.waitForSelector("textarea.reason");
  await dept.fill("#by", "鈴木");
  await dept.fill("textarea.reason", "③は令和6年度の見直しで計画に加えます");
  await dept.click("button.submit-button");
  await dept.waitForSelector(".result.stored");
  await op.waitForSelector(`${planRow}[data-status="pending"]`, { timeout: 15000 });
  await op.click(`${planRow} button.approve`);
  await op.waitForSelector(`${planRow} .reason`, { timeout: 15000 });
  const approvedRow = await op.$eval(planRow, t => [t.dataset.status, t.querySelector(".accepted").textContent]);
  check(JSON.stringify(approvedRow) === JSON.stringify(["submitted", "1"]),
        `resent and approved: 財政課 提出済 with its error accepted (${approvedRow})`);
  await op.screenshot({ path: join(shots, "12-approved.png"), fullPage: true });

  // The office view lists the links and revokes one: that link then only checks.
  await op.waitForSelector('tr.link[data-department="財政課"]');
  await op.screenshot({ path: join(shots, "10-office-links.png"), fullPage: true });
  await op.click('tr.link[data-department="財政課"] button.revoke');
  await op.waitForSelector('tr.link[data-department="財政課"]', { state: "detached" });
  await dept.goto(linkOf["財政課"]);
  await dept.setInputFiles("#files", zaisei);
  await dept.waitForSelector("article.file");
  check((await dept.$$("button.submit-button")).length === 0, "a revoked link no longer submits");

  // Consolidate on the round, then the unified workbook and the report.
  await op.click("#run");
  await op.waitForSelector('a.output[href$="consolidated.xlsx"]', { timeout: 60000 });
  await op.screenshot({ path: join(shots, "07-consolidated.png"), fullPage: true });
  const [unified] = await Promise.all([op.waitForEvent("download"), op.click('a.output[href$="consolidated.xlsx"]')]);
  await unified.saveAs(join(shots, "consolidated.xlsx"));
  check(statSync(join(shots, "consolidated.xlsx")).size > 5000, "the unified workbook downloads");
  const consolidated = await (await op.request.get(office.url + "office/download/report.json")).json();
  const accepted = consolidated.findings.filter(f => f.accepted && f.file.includes("職員課"));
  check(accepted.length === 1 && accepted[0].severity === "info" && accepted[0].accepted.includes(reason),
        `the consolidated report has the error as accepted with its reason (${JSON.stringify(accepted.map(f => f.accepted))})`);
  await op.goto(office.url + "office?lang=en");
  await op.waitForSelector("tr.department");
  check((await op.textContent("h1")) === "Submissions (office)", "the office view in English");
  const englishStatus = await op.textContent('tr[data-department="職員課"] .badge');
  check(englishStatus === "submitted", `statuses in English (${englishStatus})`);
  await op.screenshot({ path: join(shots, "08-office-english.png"), fullPage: true });
  await officeContext.close();

  // Without a password in hyoka.toml the office view is closed and says why.
  const closed = await context.newPage();
  await closed.goto(url + "office");
  await closed.waitForSelector("#problem:not([hidden])");
  const why = await closed.textContent("#problem");
  check(why.includes("office_password_hash") && await closed.isHidden("#login"),
        `the office view of a server without a round says why it is closed: ${why}`);
} finally {
  await browser.close();
  server.kill();
  office.server.kill();
  rmSync(work, { recursive: true, force: true });
}
console.log(`browser tests: ${failures === 0 ? "passed" : `${failures} failed`}; screenshots in ${shots}`);
process.exit(failures === 0 ? 0 : 1);
