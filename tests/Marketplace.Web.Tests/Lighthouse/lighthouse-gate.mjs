// Runs Lighthouse (mobile form factor, its default simulated throttling) on each URL given, one after the other in one
// headless Chromium, and prints one JSON line per page: the category scores and, for each category, the audits that
// cost it points (score < 1, weighted), so a failing gate can say why.
// Usage: node lighthouse-gate.mjs <node_modules> <chromium> <url>...
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [modules, chromePath, ...urls] = process.argv.slice(2);
const load = (name, entry) => import(pathToFileURL(path.join(modules, name, entry)).href);
const { default: lighthouse } = await load('lighthouse', 'core/index.js');
const chromeLauncher = await load('chrome-launcher', 'dist/index.js');

const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
});
try {
  for (const url of urls) {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
    });
    const lhr = result.lhr;
    const categories = {};
    for (const [id, category] of Object.entries(lhr.categories)) {
      categories[id] = {
        score: category.score,
        failing: category.auditRefs
          .filter(ref => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
          .map(ref => {
            const audit = lhr.audits[ref.id];
            return `${ref.id} (${audit.score}${audit.displayValue ? ', ' + audit.displayValue : ''})`;
          }),
      };
    }
    const runtimeError = lhr.runtimeError ? lhr.runtimeError.message : null;
    console.log(JSON.stringify({ url, requestedUrl: lhr.requestedUrl, finalUrl: lhr.finalDisplayedUrl, runtimeError, categories }));
  }
} finally {
  await chrome.kill();
}
