// Lighthouse's audits that do not depend on the machine's load, for pages of a site served on this
// machine, in one Chromium (CHROME_PATH): node tests/lighthouse_audits.mjs URL... prints, per URL, each
// audit's score, its number and its items, as JSON. Lighthouse is the version package.json pins; its
// mobile profile, as scripts/bench_lighthouse.py runs it, without the waits for a quiet page, which only
// the load-dependent metrics need (shortened, not left out: a page must be drawn before the trace ends), and
// without the full-page screenshot, which none of these audits reads (some 12 % of the CPU seconds, measured on
// three pages). tests/test_lighthouse.py reads the result.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const AUDITS = ["render-blocking-resources", "render-blocking-insight", "unminified-javascript", "unminified-css",
  "errors-in-console", "total-byte-weight"];
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const found = {};
try {
  for (const url of process.argv.slice(2)) {
    const result = await lighthouse(url, { port: chrome.port, logLevel: "error" }, {
      extends: "lighthouse:default",
      settings: { onlyAudits: AUDITS, disableFullPageScreenshot: true, pauseAfterFcpMs: 250, pauseAfterLoadMs: 250,
        networkQuietThresholdMs: 250, cpuQuietThresholdMs: 250 },
    });
    found[url] = Object.fromEntries(AUDITS.map((id) => {
      const audit = result.lhr.audits[id];
      return [id, { score: audit.score, mode: audit.scoreDisplayMode, value: audit.numericValue ?? null,
        items: (audit.details && audit.details.items) || [], error: audit.errorMessage || null }];
    }));
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(found));
