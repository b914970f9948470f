// The dashboard in a real browser: starts `tradeshock serve` on the seed case (a free loopback port, --port 0,
// the port read from its stderr), opens / in Debian's chromium through playwright-core, and checks that
//  - the page's starting controls (the case's own policy: a US ban on all of Xinjiang's products) show the
//    exports at risk derived by hand below;
//  - the page sends a Content-Security-Policy allowing only 'self';
//  - a bad input (a tariff rate of 5, a fraction above 1; a product code with no data) shows the server's
//    message in the error box;
//  - at 390 px nothing scrolls sideways; screenshots at 390 and 1280 px go to OUT_DIR.
// Usage: node dashboard_test.mjs TRADESHOCK_BINARY REPO_ROOT OUT_DIR
import { spawn } from "node:child_process";
import { mkdirSync, existsSync } from "node:fs";
import path from "node:path";
import assert from "node:assert/strict";

const [binary, repo, outDir] = process.argv.slice(2);
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
if (!existsSync(chromiumPath)) {
  console.log(`SKIP: no chromium at ${chromiumPath} (scripts/bootstrap installs Debian's chromium)`);
  process.exit(77);
}
let chromium;
try {
  ({ chromium } = await import("playwright-core"));
} catch (error) {
  console.log(`SKIP: playwright-core is not installed (npm ci in tests/browser/dashboard): ${error.message}`);
  process.exit(77);
}
mkdirSync(outDir, { recursive: true });

// By hand: the case's flows.csv gives Xinjiang's 2020 exports to the US as 4.528 billion CNY (line 7), and
// data/reference/fx/yearly.csv the 2020 rate (H.10 annual average) of 6.9042 CNY per USD; a full ban puts all
// of it at risk: 4.528e9 / 6.9042 = 655.83 million USD, shown with one decimal.
const expectedAtRisk = 4.528e9 / 6.9042;
const expectedText = "655.8 million";

const server = spawn(binary, ["serve", path.join(repo, "data/cases/xinjiang-2021"), "--port", "0"],
                     { stdio: ["ignore", "ignore", "pipe"] });
let stderr = "";
const port = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`server did not report its port in 30 s: ${stderr}`)), 30000);
  server.stderr.on("data", (chunk) => {
    stderr += chunk;
    const match = stderr.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
    if (match) { clearTimeout(timer); resolve(Number(match[1])); }
  });
  server.on("exit", (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
});
const base = `http://127.0.0.1:${port}`;

let browser;
let failed = false;
try {
  const page_response = await fetch(base + "/");
  assert.equal(page_response.status, 200);
  const csp = page_response.headers.get("content-security-policy") || "";
  assert.match(csp, /default-src 'self'/, `CSP header: ${csp}`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*|http:|https:/, `CSP allows more than 'self': ${csp}`);

  browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const consoleErrors = [];
  // HTTP error answers (the bad input's 400, the favicon's 404) are logged by the browser too; not counted.
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  await page.goto(base + "/");
  await page.waitForSelector("#at-risk[data-value]", { timeout: 20000 });

  // The starting controls are the case's policy.
  assert.equal(await page.inputValue("#exporter"), "CN-XJ");
  assert.equal(await page.inputValue("#importer"), "USA");
  assert.equal(await page.inputValue("#kind"), "ban");
  const shown = await page.textContent("#at-risk");
  const value = Number(await page.getAttribute("#at-risk", "data-value"));
  assert.equal(shown, expectedText, `at risk shown: ${shown}`);
  assert.ok(Math.abs(value - expectedAtRisk) < 0.05e6, `at risk ${value}, expected ${expectedAtRisk}`);
  assert.equal(await page.textContent("#currency"), "USD");
  // The case has no total of Xinjiang's exports, only its 2020 total trade, 21.387 billion USD (flows.csv line
  // 2): 655.83 / 21387 = 3.07%, shown with one decimal.
  assert.equal(await page.textContent("#share"), "3.1%");
  assert.equal(await page.textContent("#share-of"), "total trade");
  assert.equal(await page.inputValue("#products"), "", "the case's 'all products' is the empty field");
  assert.ok(await page.isVisible("#by-partner tbody tr"), "no row in the partner table");
  await page.waitForFunction(() => document.getElementById("lead").textContent.length > 0, null, { timeout: 20000 });
  assert.match(await page.getAttribute("#brief-md", "href"), /\/api\/v1\/cases\/xinjiang-2021\/brief\?format=md$/);
  await page.screenshot({ path: path.join(outDir, "dashboard-1280.png"), fullPage: true });

  // Half the flow stopped: half the at-risk value (the share is the scenario's own parameter).
  await page.fill("#rate", "0.5");
  await page.dispatchEvent("#rate", "change");
  await page.waitForFunction((text) => document.getElementById("at-risk").textContent === text, "327.9 million",
                             { timeout: 20000 });

  // A bad input: a tariff "rate = 5" is 500%, refused by the scenario parser with a located message.
  await page.selectOption("#kind", "tariff");
  await page.fill("#rate", "5");
  await page.dispatchEvent("#rate", "change");
  await page.waitForSelector("#error:not([hidden])", { timeout: 20000 });
  const error = await page.textContent("#error");
  assert.match(error, /^400: \$\.scenario:\d+:\d+: .*rate/, `error box: ${error}`);
  assert.match(error, /rate_percent/, `error box does not say what was expected: ${error}`);

  // A product the case has no data for: the server's 422 message, naming the flows it looked for.
  await page.selectOption("#kind", "ban");
  await page.fill("#rate", "1");
  await page.fill("#products", "999999");
  await page.dispatchEvent("#products", "change");
  await page.waitForFunction(() => /^422: no data for the flows .*CN-XJ exports, 2020/
                                       .test(document.getElementById("error").textContent), null, { timeout: 20000 });
  assert.ok(await page.isHidden("#result"), "the last result is still shown beside the error");

  // Readable at 390 px: no sideways scroll.
  await page.fill("#products", "");
  await page.dispatchEvent("#products", "change");
  await page.waitForSelector("#error", { state: "hidden", timeout: 20000 });
  await page.setViewportSize({ width: 390, height: 844 });
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(widths[0] <= widths[1], `horizontal overflow at 390 px: scrollWidth ${widths[0]} > ${widths[1]}`);
  await page.screenshot({ path: path.join(outDir, "dashboard-390.png"), fullPage: true });
  assert.deepEqual(consoleErrors, [], "console errors (a CSP violation shows here)");
  console.log(`dashboard browser test passed; screenshots in ${outDir}`);
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  if (browser) await browser.close();
  server.kill("SIGTERM");
}
process.exit(failed ? 1 : 0);
