// End-to-end: starts `hyoka serve` on a free loopback port, drives headless Chromium through
// the self-check page (choose a sample with planted mistakes → findings at their cells →
// feedback download → the English page), and saves screenshots under target/screenshots/.
//   node tests/browser/selfcheck.mjs   (from the repository; hyoka built in target/release)
// Exits 0 with a SKIPPED line when Chromium or playwright-core is not installed.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

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

// The server, on a port the system picks; it prints where it listens.
const server = spawn(hyoka, ["serve", "--addr", "127.0.0.1:0"], { cwd: repo });
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
  await page.screenshot({ path: join(shots, "02-findings.png"), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#feedback")]);
  const saved = join(shots, "feedback.xlsx");
  await download.saveAs(saved);
  check(download.suggestedFilename() === "職員課.xlsx", `feedback downloads as ${download.suggestedFilename()}`);
  check(statSync(saved).size > 1000, "the feedback workbook has content");

  const [copy] = await Promise.all([page.waitForEvent("download"), page.click("button.annotated")]);
  check(copy.suggestedFilename() === "職員課_職員育成推進事業.xlsx",
        `the annotated copy downloads as ${copy.suggestedFilename()}`);
  await copy.saveAs(join(shots, "annotated.xlsx"));

  await page.click("#lang-switch");
  await page.waitForURL(/lang=en/);
  check((await page.textContent("h1")).startsWith("Check an evaluation workbook"), "the English page");
  await page.setInputFiles("#files", sample);
  await page.waitForSelector("tr.finding");
  const severity = await page.textContent("tr.finding .badge");
  check(severity === "error", `findings in English (${severity})`);
  await page.screenshot({ path: join(shots, "03-english.png"), fullPage: true });
  check(outside.length === 0, `no request leaves the server (${outside.join(", ")})`);
} finally {
  await browser.close();
  server.kill();
}
console.log(`browser tests: ${failures === 0 ? "passed" : `${failures} failed`}; screenshots in ${shots}`);
process.exit(failures === 0 ? 0 : 1);
