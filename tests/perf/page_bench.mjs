// The checkout page's weight and speed, a benchmark (not a test): the bytes
// a browser transfers and the requests it makes to show the form (measured
// in Chromium through playwright-core), then Lighthouse's mobile preset.
// Run with `cargo xtask page-bench`; figures go to docs/benchmarks.md.

import { chromium } from 'playwright-core';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

import { startKassa, startMerchant } from '../e2e/harness.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];

const merchant = await startMerchant();
const kassa = await startKassa(merchant);
try {
  const invoice = await kassa.createInvoice({ installments: 3 });
  const url = `${kassa.base}/pay/${invoice.id}`;

  // Weight: every response until the form is on screen, with its bytes on the wire.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS.slice(1) });
  const page = await browser.newPage();
  const client = await page.context().newCDPSession(page);
  await client.send('Network.enable');
  const transferred = new Map();
  client.on('Network.responseReceived', (event) => transferred.set(event.requestId, { url: event.response.url, bytes: 0 }));
  client.on('Network.loadingFinished', (event) => {
    const entry = transferred.get(event.requestId);
    if (entry) entry.bytes = event.encodedDataLength;
  });
  await page.goto(url);
  await page.locator('[data-testid="screen-form"]').waitFor();
  await page.waitForLoadState('networkidle');
  await browser.close();
  const rows = [...transferred.values()];
  const total = rows.reduce((sum, row) => sum + row.bytes, 0);
  console.log('Requests to show the form:');
  for (const row of rows) console.log(`  ${String(row.bytes).padStart(8)} B  ${row.url.replace(kassa.base, '')}`);
  console.log(`  ${String(total).padStart(8)} B  in ${rows.length} requests (bytes on the wire as the browser accepted them, headers included)`);

  // Lighthouse, mobile preset (its default): throttled 4G and a slow CPU.
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
  try {
    const runs = [];
    for (let run = 0; run < 3; run += 1) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
      });
      const { categories, audits } = result.lhr;
      if (run === 0) {
        // Where the blocking time comes from: the main thread's long tasks
        // and its work by kind (Lighthouse's own attribution).
        console.log('Long tasks (first run):');
        for (const task of audits['long-tasks']?.details?.items ?? []) {
          console.log(`  ${Math.round(task.duration)} ms at ${Math.round(task.startTime)} ms  ${String(task.url).replace(kassa.base, '')}`);
        }
        console.log('Main-thread work (first run):');
        for (const item of audits['mainthread-work-breakdown']?.details?.items ?? []) {
          console.log(`  ${Math.round(item.duration)} ms  ${item.groupLabel ?? item.group}`);
        }
      }
      runs.push({
        performance: Math.round(categories.performance.score * 100),
        accessibility: Math.round(categories.accessibility.score * 100),
        bestPractices: Math.round(categories['best-practices'].score * 100),
        fcp: audits['first-contentful-paint'].displayValue,
        lcp: audits['largest-contentful-paint'].displayValue,
        tbt: audits['total-blocking-time'].displayValue,
        cls: audits['cumulative-layout-shift'].displayValue,
      });
    }
    console.log('Lighthouse (mobile preset), three runs:');
    for (const run of runs) console.log(' ', JSON.stringify(run));
  } finally {
    await chrome.kill();
  }
} finally {
  await kassa.stop();
  await merchant.close();
}
