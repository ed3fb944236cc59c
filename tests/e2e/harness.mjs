// The end-to-end test bench: a real kassa-server (the binary `cargo xtask
// e2e` built) on a fresh SQLite file, a mock merchant speaking real HTTP on
// loopback (it receives signed callbacks and serves the success, cancel,
// pending and failure pages), and Debian's Chromium driven by playwright-core.

import { spawn, execFileSync } from 'node:child_process';
import { createHmac, timingSafeEqual, randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../..');
const SERVER_BIN = process.env.KASSA_SERVER_BIN ?? join(ROOT, 'target/debug/kassa-server');
export const ARTIFACTS = process.env.KASSA_E2E_ARTIFACTS ?? join(ROOT, 'target/e2e-artifacts');

/** A free TCP port on loopback. */
async function freePort() {
  const server = createServer();
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

/**
 * The merchant's side: callbacks land in `callbacks` (raw body and headers),
 * and the four return pages say which one the shopper reached.
 */
export async function startMerchant() {
  const callbacks = [];
  const waiters = [];
  // While true, the callback endpoint answers 500 (a merchant's outage).
  let failing = false;
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url, 'http://merchant');
      if (request.method === 'POST' && url.pathname === '/callback' && failing) {
        response.writeHead(500).end('down');
        return;
      }
      if (request.method === 'POST' && url.pathname === '/callback') {
        callbacks.push({ headers: request.headers, raw: Buffer.concat(chunks) });
        waiters.splice(0).forEach((wake) => wake());
        response.writeHead(200).end('ok');
        return;
      }
      const page = url.pathname.slice(1);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!DOCTYPE html><html lang="en"><title>Shop: ${page}</title><main><h1 data-testid="merchant-page">${page}</h1></main></html>`);
    });
  });
  const port = await freePort();
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    callbacks,
    /** Waits for a callback about `invoiceId` whose event matches `type`. */
    async callbackFor(invoiceId, type, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = callbacks.find((callback) => {
          const body = JSON.parse(callback.raw.toString('utf8'));
          return JSON.stringify(body).includes(invoiceId) && (!type || body.type === type);
        });
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no ${type} callback for ${invoiceId}`);
        await new Promise((wake) => { waiters.push(wake); setTimeout(wake, 200); });
      }
    },
    /** Makes the callback endpoint fail (500) or work again. */
    setFailing(value) { failing = value; },
    close: () => new Promise((done) => server.close(done)),
  };
}

/** Checks `Kassa-Signature: t=…,v1=…` over the raw body, as docs/api.md tells merchants. */
export function signatureIsValid(callback, secret) {
  const header = callback.headers['kassa-signature'] ?? '';
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=')));
  const expected = createHmac('sha256', secret)
    .update(`${parts.t}.`)
    .update(callback.raw)
    .digest('hex');
  return parts.v1?.length === expected.length
    && timingSafeEqual(Buffer.from(parts.v1), Buffer.from(expected));
}

/**
 * Starts kassa-server on a fresh SQLite database with one merchant, which
 * lets the origins in `embedOrigins` embed its checkout.
 */
export async function startKassa(merchant, env = {}, { embedOrigins = [], merchantArgs = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-e2e-'));
  const port = await freePort();
  const settings = {
    ...process.env,
    KASSA_LISTEN: `127.0.0.1:${port}`,
    KASSA_DATABASE_URL: `sqlite://${join(dir, 'kassa.db')}`,
    KASSA_SECRET_KEY: randomBytes(32).toString('hex'),
    KASSA_PAGE_DIR: join(ROOT, 'dist'),
    KASSA_DASHBOARD_DIR: join(ROOT, 'dist-dashboard'),
    KASSA_ALLOW_PRIVATE_CALLBACKS: 'true',
    KASSA_PAY_RATE_PER_MINUTE: '1000',
    KASSA_PENDING_DELAY_MS: '500',
    KASSA_WORKER_INTERVAL_MS: '100',
    KASSA_CALLBACK_FIRST_RETRY_MS: '200',
    KASSA_LOG_FORMAT: 'json',
    ...env,
  };
  const created = JSON.parse(execFileSync(SERVER_BIN, [
    'merchant', 'create', '--name', 'Atelier Lumière',
    '--callback-url', `${merchant.base}/callback`, '--json',
    ...embedOrigins.flatMap((origin) => ['--embed-origin', origin]),
    ...merchantArgs,
  ], { env: settings, encoding: 'utf8' }));
  const child = spawn(SERVER_BIN, ['serve'], { env: settings, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  child.stdout.on('data', (chunk) => log.push(chunk.toString()));
  child.stderr.on('data', (chunk) => log.push(chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries += 1) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch { /* not listening yet */ }
    if (tries > 200 || child.exitCode !== null) {
      throw new Error(`kassa-server did not start:\n${log.join('')}`);
    }
    await new Promise((wake) => setTimeout(wake, 50));
  }
  // The merchant's key; a test that rolls it sets the new one here.
  let apiKey = created.api_key;
  return {
    base,
    get apiKey() { return apiKey; },
    set apiKey(key) { apiKey = key; },
    callbackSecret: created.callback_secret,
    merchantId: created.merchant_id,
    /** Runs `kassa-server <args…>` against this server's database (an operator's command). */
    cli(args, input) {
      return execFileSync(SERVER_BIN, args, { env: settings, encoding: 'utf8', input });
    },
    log,
    /** Creates an invoice through the merchant API; returns its JSON. */
    async createInvoice(fields = {}) {
      const response = await fetch(`${base}/api/v1/invoices`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          amount: '15.04',
          currency: 'EUR',
          email: 'ada@example.com',
          description: 'Order #1042',
          success_url: `${merchant.base}/success`,
          cancel_url: `${merchant.base}/cancel`,
          pending_url: `${merchant.base}/pending`,
          failure_url: `${merchant.base}/failure`,
          callbackJson: { order: 1042 },
          ...fields,
        }),
      });
      const body = await response.json();
      if (!response.ok) throw new Error(`invoice not created: ${JSON.stringify(body)}`);
      return body;
    },
    stop: () => new Promise((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
    }),
  };
}

/** Debian's Chromium, headless, kept off the (closed) network. */
export async function launchBrowser() {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
}

/** Saves a full-page screenshot as a test artifact. */
export async function screenshot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * Starts `kassa-server demo` on a fresh SQLite database: Kassa, and the demo
 * merchant's shop on another origin. Resolves to `{ base, shop, log, stop }`
 * once the banner names both.
 */
export async function startDemo(env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-demo-'));
  const port = await freePort();
  const child = spawn(SERVER_BIN, ['demo'], {
    env: {
      ...process.env,
      KASSA_LISTEN: `127.0.0.1:${port}`,
      KASSA_DATABASE_URL: `sqlite://${join(dir, 'kassa.db')}`,
      KASSA_SECRET_KEY: randomBytes(32).toString('hex'),
      KASSA_PAGE_DIR: join(ROOT, 'dist'),
      KASSA_PAY_RATE_PER_MINUTE: '1000',
      KASSA_WORKER_INTERVAL_MS: '100',
      KASSA_LOG_FORMAT: 'json',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = [];
  child.stdout.on('data', (chunk) => log.push(chunk.toString()));
  child.stderr.on('data', (chunk) => log.push(chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries += 1) {
    const shop = log.join('').match(/Or shop at[\s\S]*?(http:\/\/\S+)/)?.[1];
    if (shop) {
      return {
        base,
        shop,
        log,
        stop: () => new Promise((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', done);
          child.kill('SIGTERM');
        }),
      };
    }
    if (tries > 200 || child.exitCode !== null) {
      throw new Error(`kassa-server demo did not start:\n${log.join('')}`);
    }
    await new Promise((wake) => setTimeout(wake, 50));
  }
}
