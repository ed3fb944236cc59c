// Proves that a Vite app can use the built kassa-card package: builds this
// app with Vite, serves dist/ from a plain static server on loopback, opens it
// in Debian's Chromium (playwright-core) and reads the results main.js wrote
// into the page. Also runs the same page under Vite's dev server, where Vite
// pre-bundles dependencies. Run by `cargo xtask js-test` (xtask/src/vite.rs)
// after `cargo xtask js`; by hand: `npm ci` once, then `node check.mjs`.

import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { build, createLogger, createServer as createViteServer } from "vite";

const HERE = import.meta.dirname;
const ROOT = resolve(HERE, "../../..");
/// What `cargo xtask js` builds; package.json's `file:` dependency.
const PACKAGE = join(ROOT, "target/npm/kassa-card");
/// The Vite build, outside the sources like every other generated file.
const DIST = join(ROOT, "target/npm/vite-check");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
};

/// A Vite logger that also keeps every warning and error, so that a build
/// that complains (a .wasm URL it cannot resolve, say) fails the check.
function strictLogger() {
  const logger = createLogger("warn");
  const complaints = [];
  for (const level of ["warn", "warnOnce", "error"]) {
    const log = logger[level];
    logger[level] = (message, options) => {
      complaints.push(message);
      log(message, options);
    };
  }
  return { logger, complaints };
}

/// A minimal static file server for `dir` on 127.0.0.1 (a free port).
async function serve(dir) {
  const server = createHttpServer((request, response) => {
    const path = new URL(request.url, "http://localhost").pathname;
    const file = normalize(join(dir, path === "/" ? "index.html" : path));
    let body;
    try {
      if (!file.startsWith(dir + sep)) throw new Error("outside the root");
      body = readFileSync(file);
    } catch {
      response.writeHead(404).end();
      return;
    }
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    response.writeHead(200, { "content-type": type }).end(body);
  });
  await new Promise((ready) => server.listen(0, "127.0.0.1", ready));
  return server;
}

async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/// Opens `url`, waits for main.js to finish and checks what it wrote. Returns
/// the paths of the .wasm files the page fetched.
async function checkPage(browser, url) {
  const page = await browser.newPage();
  const problems = [];
  const wasm = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      problems.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
  page.on("response", (response) => {
    const path = new URL(response.url()).pathname;
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${path}`);
    if (path.endsWith(".wasm")) wasm.push(path);
  });
  try {
    await page.goto(url);
    const status = page.getByTestId("status");
    await page.waitForFunction(
      () => document.querySelector('[data-testid="status"]').textContent !== "loading",
      null,
      { timeout: 15_000 },
    );
    assert.equal(await status.textContent(), "ready", problems.join("\n"));
    const read = async (testid) => JSON.parse(await page.getByTestId(testid).textContent());
    const text = (testid) => page.getByTestId(testid).textContent();

    // The Kassa API.
    assert.equal(await read("kassa-valid"), true);
    assert.equal(await text("kassa-brand"), "visa");
    assert.equal(await text("kassa-checksum"), "card_number.checksum");
    const detected = await read("kassa-detect");
    assert.ok(detected.includes("mastercard"), `detectBrands("5"): ${detected}`);
    assert.deepEqual(await read("kassa-format"), { text: "4242 4242 42", caret: 12 });
    assert.match(await text("kassa-message-en"), /not valid/);
    assert.match(await text("kassa-message-early"), /"fr" messages are not loaded/);
    assert.equal(await text("kassa-message-loaded"), "fr");
    assert.match(await text("kassa-message-fr"), /n'est pas valide/);
    assert.equal(await text("kassa-message-code"), "Cette carte a expiré.");

    // The card-validator-compatible API.
    assert.deepEqual(await read("compat-prefix"), { isPotentiallyValid: true, isValid: false });
    assert.deepEqual(await read("compat-full"), { isValid: true, type: "visa" });
    assert.deepEqual(await read("compat-type"), ["visa"]);

    assert.deepEqual(problems, []);
    return wasm;
  } finally {
    await page.close();
  }
}

// The package as `cargo xtask js` last built it, copied over the installed
// copy (as npm's install-links lays it out), so no reinstall is needed.
rmSync(join(HERE, "node_modules/kassa-card"), { recursive: true, force: true });
cpSync(PACKAGE, join(HERE, "node_modules/kassa-card"), { recursive: true });

const browser = await launch();
test.after(() => browser.close());

test("a Vite production build runs both APIs in Chromium", async () => {
  const { logger, complaints } = strictLogger();
  await build({
    root: HERE,
    customLogger: logger,
    build: { outDir: DIST, emptyOutDir: true },
  });
  assert.deepEqual(complaints, [], "vite build warned");
  const server = await serve(DIST);
  try {
    const wasm = await checkPage(browser, `http://127.0.0.1:${server.address().port}/`);
    // Only the two modules imported: not kassa_card_extras.
    assert.deepEqual(
      wasm.map((path) => path.replace(/^\/assets\/(\w+?)-[\w-]+\.wasm$/, "$1")).sort(),
      ["kassa_card_compat_bg", "kassa_card_wasm_bg"],
    );
  } finally {
    server.close();
  }
  // What the page ships: every JS chunk and .wasm (index.html aside).
  const assets = join(DIST, "assets");
  let raw = 0;
  let gzipped = 0;
  for (const name of readdirSync(assets).filter((name) => /\.(js|wasm)$/.test(name))) {
    const bytes = readFileSync(join(assets, name));
    const size = gzipSync(bytes, { level: 9 }).length;
    console.log(`vite-check: ${name}: ${bytes.length} bytes, ${size} gzipped`);
    raw += bytes.length;
    gzipped += size;
  }
  console.log(`vite-check: the Vite build ships ${raw} bytes of JS and wasm, ${gzipped} gzipped`);
});

test("the Vite dev server runs both APIs in Chromium", async () => {
  const { logger, complaints } = strictLogger();
  const server = await createViteServer({
    root: HERE,
    customLogger: logger,
    // Pre-bundle again: the package may have been rebuilt since the last run.
    optimizeDeps: { force: true },
    server: { host: "127.0.0.1", port: 0 },
  });
  await server.listen();
  try {
    await checkPage(browser, server.resolvedUrls.local[0]);
    assert.deepEqual(complaints, [], "the dev server warned");
  } finally {
    await server.close();
  }
});
