// The embedded checkout, end to end: a merchant's page on one origin loads
// widget.js (with its integrity hash) from Kassa on another, and the shopper
// pays inside the iframe. Also: an origin that is not listed cannot frame
// the page, messages from anywhere else change nothing, redirect: 'always'
// moves the top window, and the demo merchant's shop works as the README
// says. Screenshots land in target/e2e-artifacts/.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { VISA } from './checkout_page.mjs';
import { launchBrowser, screenshot, signatureIsValid, startDemo, startKassa, startMerchant } from './harness.mjs';
import { sri, startSite } from './widget_harness.mjs';

/** Where widget.js and the page come from, and widget.js's hash. */
const config = { kassa: '', integrity: '' };
let merchant;
let shop;
let unlisted;
let attacker;
let kassa;
let browser;

before(async () => {
  merchant = await startMerchant();
  shop = await startSite(config);
  unlisted = await startSite(config);
  attacker = await startSite(config);
  kassa = await startKassa(merchant, {}, { embedOrigins: [shop.base] });
  config.kassa = kassa.base;
  config.integrity = sri(Buffer.from(await (await fetch(`${kassa.base}/widget.js`)).arrayBuffer()));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await kassa?.stop();
  for (const server of [merchant, shop, unlisted, attacker]) await server?.close();
});

/** The merchant's checkout page in a fresh browser context, watched for errors. */
async function merchantPage(site, query) {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.goto(`${site.base}/checkout?${new URLSearchParams(query)}`);
  return { page, problems, frame: page.frameLocator('#pay iframe') };
}

/** The widget events the merchant page's handlers received so far. */
function events(page, name) {
  return page.evaluate((wanted) => (window.kassaEvents ?? JSON.parse(sessionStorage.getItem('kassaEvents') || '[]'))
    .filter((event) => !wanted || event.name === wanted), name);
}

/** The frame whose document is at `prefix`, once it has loaded. */
async function frameAt(page, prefix) {
  for (let tries = 0; tries < 150; tries += 1) {
    const frame = page.frames().find((candidate) => candidate.url().startsWith(prefix));
    if (frame) {
      await frame.waitForLoadState();
      return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no frame at ${prefix}`);
}

async function waitForEvent(page, name, timeout = 15_000) {
  await page.waitForFunction((wanted) => window.kassaEvents.some((event) => event.name === wanted), name, { timeout });
  return (await events(page, name)).at(-1);
}

async function iframeHeight(page) {
  return page.evaluate(() => document.querySelector('#pay iframe').getBoundingClientRect().height);
}

/** Types into a field of the embedded page the way a shopper does. */
async function fill(frame, testId, text) {
  const input = frame.locator(`[data-testid="${testId}"]`);
  await input.click();
  await input.fill('');
  await input.pressSequentially(text);
}

async function fillPayment(frame, { number = VISA } = {}) {
  await fill(frame, 'card-number', number);
  await fill(frame, 'card-expiry', '12/30');
  await fill(frame, 'card-cvv', '123');
  await fill(frame, 'card-name', 'Ada Lovelace');
  await frame.locator('[data-testid="country"]').selectOption('FR');
  await fill(frame, 'address-line1', '1 rue de Rivoli');
  await fill(frame, 'city', 'Paris');
  await fill(frame, 'postal-code', '75001');
}

function assertNoProblems(problems) {
  const real = problems.filter((text) => !text.startsWith('Failed to load resource'));
  assert.deepEqual(real, [], 'no script error and no CSP violation on the merchant page');
}

/** Keys the page may send across postMessage: never anything about the card. */
const ALLOWED_KEYS = new Set(['source', 'type', 'invoice', 'status', 'height', 'redirect_url']);

test('the shopper pays inside the iframe; onSuccess fires on the merchant page and the signed callback arrives', async () => {
  const invoice = await kassa.createInvoice();
  const { page, problems, frame } = await merchantPage(shop, { invoice: invoice.id });
  const ready = await waitForEvent(page, 'ready');
  assert.deepEqual({ invoice: ready.detail.invoice, status: ready.detail.status }, { invoice: invoice.id, status: 'open' });
  const src = await page.locator('#pay iframe').getAttribute('src');
  assert.equal(src, `${kassa.base}/pay/${invoice.id}?embed=1&origin=${encodeURIComponent(shop.base)}`);
  assert.equal(await page.locator('#pay iframe').getAttribute('sandbox'), 'allow-scripts allow-same-origin allow-forms');
  assert.equal(await page.locator('#pay iframe').getAttribute('allow'), 'payment');
  assert.equal(await frame.locator('[data-testid="email"]').inputValue(), 'ada@example.com', 'prefilled');

  await fillPayment(frame);
  await screenshot(page, 'widget-form');
  await frame.locator('[data-testid="pay-button"]').click();
  const success = await waitForEvent(page, 'success');
  assert.equal(success.detail.invoice, invoice.id);
  assert.equal(success.detail.status, 'succeeded');
  assert.match(success.detail.redirect_url, new RegExp(`^${merchant.base}/success\\?`));
  assert.equal(page.url().startsWith(`${shop.base}/checkout?`), true, "'if_required' leaves the top window where it is");
  await screenshot(page, 'widget-paid');

  const callback = await merchant.callbackFor(invoice.id, 'invoice.paid');
  assert.ok(signatureIsValid(callback, kassa.callbackSecret), 'Kassa-Signature verifies');

  // What crossed the postMessage boundary: ids, statuses, heights. No card.
  const messages = await page.evaluate(() => window.rawMessages.filter((message) => message.fromWidgetFrame));
  assert.ok(messages.length >= 2, 'ready and status at least');
  for (const { origin, data } of messages) {
    assert.equal(origin, kassa.base);
    assert.deepEqual(Object.keys(data).filter((key) => !ALLOWED_KEYS.has(key)), [], JSON.stringify(data));
  }
  const everything = JSON.stringify(await page.evaluate(() => [window.rawMessages, window.kassaEvents]));
  for (const secret of ['4242424242424242', '4242 4242 4242 4242', '12/30', 'Rivoli', 'Lovelace']) {
    assert.ok(!everything.includes(secret), `${secret} never reaches the merchant page`);
  }
  assertNoProblems(problems);
  await page.context().close();
});

test('the iframe follows its content height, also when a decline banner appears', async () => {
  const invoice = await kassa.createInvoice();
  const { page, problems, frame } = await merchantPage(shop, { invoice: invoice.id });
  const ready = await waitForEvent(page, 'ready');
  const content = await frameAt(page, `${kassa.base}/pay/${invoice.id}?embed=1`);
  const noInnerScroll = () => content.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1);
  // The last height the page reported is the iframe's height, and the
  // page does not scroll inside it.
  await page.waitForFunction(() => {
    const last = window.kassaEvents.filter((event) => typeof event.detail.height === 'number').at(-1);
    return Math.abs(document.querySelector('#pay iframe').getBoundingClientRect().height - Math.ceil(last.detail.height)) < 1;
  });
  assert.ok(ready.detail.height > 200, `a form's height: ${ready.detail.height}`);
  assert.ok(await noInnerScroll(), 'no scrollbar inside the iframe');
  const before = await iframeHeight(page);

  await fillPayment(frame, { number: '4000 0000 0000 9995' });
  await frame.locator('[data-testid="pay-button"]').click();
  await frame.locator('[data-testid="banner-message"]').waitFor();
  await page.waitForFunction((previous) => window.kassaEvents.some(
    (event) => event.name === 'resize' && Math.ceil(event.detail.height) > previous,
  ), before);
  const resized = (await events(page, 'resize')).at(-1);
  assert.equal(resized.detail.invoice, invoice.id);
  await page.waitForFunction(
    (height) => Math.abs(document.querySelector('#pay iframe').getBoundingClientRect().height - height) < 1,
    Math.ceil(resized.detail.height),
  );
  assert.ok(await iframeHeight(page) > before, 'taller with the banner');
  assert.ok(await noInnerScroll(), 'still no scrollbar inside the iframe');
  assert.deepEqual(await events(page, 'failure'), [], 'a decline with attempts left is not a failure');
  await screenshot(page, 'widget-declined');
  assertNoProblems(problems);
  await page.context().close();
});

test('an origin that is not listed cannot frame the page', async () => {
  const invoice = await kassa.createInvoice();
  const response = await fetch(`${kassa.base}/pay/${invoice.id}?embed=1&origin=${encodeURIComponent(unlisted.base)}`);
  const csp = response.headers.get('content-security-policy');
  assert.match(csp, new RegExp(`frame-ancestors ${shop.base.replace(/\./g, '\\.')}(;|$)`));
  assert.ok(!csp.includes(unlisted.base));
  assert.equal(response.headers.get('x-frame-options'), null);

  const { page, problems, frame } = await merchantPage(unlisted, { invoice: invoice.id });
  await page.waitForTimeout(3_000);
  assert.deepEqual(await events(page, 'ready'), [], 'the framed page never reports ready');
  assert.equal(await frame.locator('[data-testid="screen-form"]').count(), 0, 'no form in the frame');
  assert.ok(
    problems.some((text) => /frame-ancestors/.test(text)),
    `Chromium says why it refused: ${problems.join(' | ')}`,
  );
  await screenshot(page, 'widget-unlisted-origin');
  await page.context().close();
});

test('messages from another origin, or from the page itself, change nothing', async () => {
  const invoice = await kassa.createInvoice();
  const { page, problems } = await merchantPage(shop, { invoice: invoice.id, evil: attacker.base });
  const ready = await waitForEvent(page, 'ready');
  // The attacker's frame has been posting fake messages with the right invoice id.
  await page.waitForFunction((origin) => window.rawMessages.filter((message) => message.origin === origin).length >= 9, attacker.base);
  const fakes = await page.evaluate((origin) => window.rawMessages.filter((message) => message.origin === origin), attacker.base);
  assert.ok(fakes.some((message) => message.data.type === 'status' && message.data.invoice === invoice.id));
  assert.ok(
    await page.evaluate(() => window.rawMessages.some((message) => message.origin === location.origin)),
    'the page posted a fake to itself too',
  );
  const names = (await events(page)).map((event) => event.name);
  assert.deepEqual(names.filter((name) => name !== 'resize'), ['ready'], 'only the real ready');
  assert.ok((await events(page, 'resize')).every((event) => event.detail.height !== 5), 'no fake resize');
  assert.equal(ready.detail.status, 'open');
  assert.ok(await iframeHeight(page) > 200, 'the iframe keeps its real height');
  assert.ok(page.url().startsWith(`${shop.base}/checkout?`), 'the top window stays');
  await screenshot(page, 'widget-fake-messages');
  assertNoProblems(problems);
  await page.context().close();
});

test("redirect: 'always' moves the top window to the merchant's success URL", async () => {
  const invoice = await kassa.createInvoice({ success_url: `${shop.base}/success` });
  const { page, frame } = await merchantPage(shop, { invoice: invoice.id, redirect: 'always' });
  await waitForEvent(page, 'ready');
  await fillPayment(frame);
  await frame.locator('[data-testid="pay-button"]').click();
  await page.waitForURL(`${shop.base}/success?**`);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('invoice_id'), invoice.id);
  assert.match(url.searchParams.get('signature'), /^[0-9a-f]{64}$/);
  assert.equal(await page.locator('[data-testid="merchant-page"]').textContent(), 'success');
  const names = (await events(page)).map((event) => event.name);
  assert.ok(names.includes('success'), `onSuccess ran before the page left: ${names}`);
  await screenshot(page, 'widget-redirect-always');
  await merchant.callbackFor(invoice.id, 'invoice.paid');
  await page.context().close();
});

test('a payment the bank has not decided yet fires onPending', async () => {
  const invoice = await kassa.createInvoice();
  const { page, frame } = await merchantPage(shop, { invoice: invoice.id });
  await waitForEvent(page, 'ready');
  await fillPayment(frame, { number: '4000 0000 0000 3220' });
  await frame.locator('[data-testid="pay-button"]').click();
  const pending = await waitForEvent(page, 'pending');
  assert.deepEqual([pending.detail.invoice, pending.detail.status], [invoice.id, 'pending']);
  assert.deepEqual(await events(page, 'success'), [], 'the widget reports what the page said, no more');
  await merchant.callbackFor(invoice.id, 'invoice.pending');
  await page.context().close();
});

test('canceling inside the iframe fires onCancel and leaves the top window to the merchant', async () => {
  const invoice = await kassa.createInvoice();
  const { page, problems, frame } = await merchantPage(shop, { invoice: invoice.id });
  await waitForEvent(page, 'ready');
  await frame.locator('[data-testid="cancel-link"]').click();
  const cancel = await waitForEvent(page, 'cancel');
  assert.equal(cancel.detail.invoice, invoice.id);
  assert.equal(cancel.detail.status, 'canceled');
  assert.match(cancel.detail.redirect_url, new RegExp(`^${merchant.base}/cancel\\?`));
  assert.ok(page.url().startsWith(`${shop.base}/checkout?`));
  await merchant.callbackFor(invoice.id, 'invoice.canceled');
  assertNoProblems(problems);
  await page.context().close();
});

test('the ES module form mounts the same checkout, without a global', async () => {
  const invoice = await kassa.createInvoice();
  const { page, problems } = await merchantPage(shop, { invoice: invoice.id, module: '1' });
  const ready = await waitForEvent(page, 'ready');
  assert.equal(ready.detail.status, 'open');
  assert.equal(await page.evaluate(() => typeof window.Kassa), 'undefined');
  assert.equal(
    await page.locator('#pay iframe').getAttribute('src'),
    `${kassa.base}/pay/${invoice.id}?embed=1&origin=${encodeURIComponent(shop.base)}`,
  );
  assertNoProblems(problems);
  await page.context().close();
});

test('mount refuses what it cannot embed, and unmount removes the iframe', async () => {
  const invoice = await kassa.createInvoice();
  const { page } = await merchantPage(shop, { invoice: invoice.id, locale: 'fr', accent: '#0a7' });
  await waitForEvent(page, 'ready');
  assert.equal(
    await page.locator('#pay iframe').getAttribute('src'),
    `${kassa.base}/pay/${invoice.id}?embed=1&origin=${encodeURIComponent(shop.base)}&locale=fr&accent=%230a7`,
  );
  const errors = await page.evaluate((id) => [
    () => Kassa.mount('#nowhere', { invoice: id }),
    () => Kassa.mount('#pay', { invoice: 'inv_1/../../evil' }),
    () => Kassa.mount('#pay', { invoice: id, appearance: { accent: 'red;background:url(x)' } }),
    () => Kassa.mount('#pay', { invoice: id, redirect: 'sometimes' }),
    () => Kassa.mount('#pay', { invoice: id, kassaUrl: 'javascript:alert(1)' }),
  ].map((attempt) => {
    try {
      attempt();
      return 'mounted';
    } catch (error) {
      return error.name;
    }
  }), invoice.id);
  assert.deepEqual(errors, ['TypeError', 'TypeError', 'TypeError', 'TypeError', 'TypeError']);
  assert.equal(await page.locator('#pay iframe').count(), 1);
  await page.evaluate(() => window.kassaHandle.unmount());
  assert.equal(await page.locator('#pay iframe').count(), 0);
  await page.context().close();
});

test('the widget keeps to its side of the contract, against a stand-in page', async () => {
  // The widget alone: `attacker` plays the Kassa origin (kassaUrl), and the
  // test posts from inside its frame exactly what it wants to check.
  const invoice = 'inv_0123456789abcdef0123456789abcdef';
  const { page, problems } = await merchantPage(shop, { invoice, kassaUrl: attacker.base, redirect: 'always' });
  const standIn = await frameAt(page, `${attacker.base}/pay/${invoice}?embed=1&origin=`);
  const post = (message) => standIn.evaluate((data) => window.parent.postMessage(data, '*'), message);
  const settle = () => page.waitForTimeout(100);

  await post({ source: 'kassa', type: 'ready', invoice, status: 'open', height: 321 });
  await waitForEvent(page, 'ready');
  assert.equal(await iframeHeight(page), 321);
  await post({ source: 'kassa', type: 'resize', invoice, height: 400.4 });
  await settle();
  assert.equal(await iframeHeight(page), 401, 'rounded up');
  await post({ source: 'kassa', type: 'resize', invoice, height: 1e9 });
  await settle();
  assert.equal(await iframeHeight(page), 10000, 'capped');
  for (const ignored of [
    { source: 'kassa', type: 'resize', invoice, height: 'tall' },
    { source: 'kassa', type: 'resize', invoice, height: -5 },
    { source: 'other', type: 'resize', invoice, height: 50 },
    { source: 'kassa', type: 'resize', invoice: 'inv_other', height: 50 },
    { source: 'kassa', type: 'status', invoice, status: 'maybe' },
    { source: 'kassa', type: 'ready', invoice, status: 'whatever', height: 50 },
    'a string',
    null,
  ]) {
    await post(ignored);
  }
  await settle();
  assert.equal(await iframeHeight(page), 10000, 'nothing above changed the height');
  assert.deepEqual((await events(page)).map((event) => event.name), ['ready', 'resize', 'resize']);

  // A redirect URL that is not http(s) is neither reported nor followed.
  await post({ source: 'kassa', type: 'status', invoice, status: 'succeeded', redirect_url: 'javascript:alert(1)' });
  const success = await waitForEvent(page, 'success');
  assert.deepEqual(success.detail, { invoice, status: 'succeeded' });
  await settle();
  assert.ok(page.url().startsWith(`${shop.base}/checkout?`));

  await post({ source: 'kassa', type: 'status', invoice, status: 'failed', redirect_url: `${shop.base}/failure?invoice_id=${invoice}` });
  await page.waitForURL(`${shop.base}/failure?**`);
  const names = (await events(page)).map((event) => event.name);
  assert.deepEqual(names, ['ready', 'resize', 'resize', 'success', 'failure'], 'the handler ran, then the page left');
  assertNoProblems(problems);
  await page.context().close();
});

test("the demo merchant's shop embeds the checkout and shows the callbacks it verified", async () => {
  const demo = await startDemo();
  try {
    assert.notEqual(new URL(demo.shop).origin, new URL(demo.base).origin, 'the shop is another origin');
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(demo.shop);
    await page.locator('[data-testid="check-out"]').click();
    await page.waitForURL(`${demo.shop}/checkout/inv_**`);
    const frame = page.frameLocator('#pay iframe');
    await page.locator('[data-testid="widget-events"] li', { hasText: 'ready: open' }).waitFor({ timeout: 15_000 });
    await fillPayment(frame);
    await frame.locator('[data-testid="pay-button"]').click();
    await page.locator('[data-testid="widget-events"] li', { hasText: 'success: succeeded' }).waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="callbacks"] li', { hasText: 'invoice.paid: invoice paid' }).waitFor({ timeout: 15_000 });
    assert.match(await page.locator('[data-testid="shop-result"]').textContent(), /Thank you/);
    await screenshot(page, 'widget-demo-shop');
    assertNoProblems(problems);
    await context.close();
  } finally {
    await demo.stop();
  }
});
