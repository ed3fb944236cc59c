// 3-D Secure on the hosted page and in the widget, end to end: a card whose
// issuer asks for a challenge shows the (simulated) bank's page inside the
// checkout; passing it pays, refusing or closing it returns the shopper to
// the form with a clear message. Debian's Chromium against a real
// kassa-server on the test processor; screenshots land in target/e2e-artifacts/.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { CheckoutPage, VISA } from './checkout_page.mjs';
import { screenshot, signatureIsValid } from './harness.mjs';
import { fillWidgetPayment, openWidget, startBench } from './widget_harness.mjs';

/** Stripe's test card that always asks for a challenge. */
const CHALLENGED = '4000 0000 0000 3063';

let bench;
let merchant;
let shop;
let kassa;
let browser;

before(async () => {
  bench = await startBench();
  ({ merchant, shop, kassa, browser } = bench);
});

after(async () => {
  await bench?.stop();
});

async function shopper(locale = 'en-US') {
  const context = await browser.newContext({ locale });
  return new CheckoutPage(await context.newPage());
}

/** The simulated bank's page, framed by the checkout (`scope`: a page or a frame locator). */
function bank(scope) {
  return scope.frameLocator('[data-testid="challenge-frame"]');
}

/** The one-time code the simulated bank shows. */
async function oneTimeCode(bankFrame) {
  const notice = await bankFrame.locator('.notice').textContent();
  return notice.match(/(\d{6})\s*$/)[1];
}

function assertNoPageProblems(problems) {
  const real = problems.filter((text) => !text.startsWith('Failed to load resource'));
  assert.deepEqual(real, [], 'no script error and no CSP violation');
}

async function payChallenged(checkout) {
  await checkout.fillCard({ number: CHALLENGED });
  await checkout.fillAddress();
  await checkout.pay();
  await checkout.byTestId('challenge-frame').waitFor({ state: 'visible', timeout: 15_000 });
}

test('a challenged card passes the bank check inside the page and pays', async () => {
  const invoice = await kassa.createInvoice();
  const checkout = await shopper();
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');
  await payChallenged(checkout);

  assert.equal(await checkout.page.locator('form').isVisible(), false, 'the form waits behind the challenge');
  assert.equal((await checkout.page.locator('#challenge-title').textContent()).trim(), 'Confirm with your bank');
  assert.equal(await checkout.byTestId('challenge-frame').getAttribute('title'), "Your bank's confirmation");
  const frame = bank(checkout.page);
  assert.match(await frame.locator('h1').textContent(), /Confirm your payment/);
  assert.match(await frame.locator('[data-testid="challenge-amount"]').textContent(), /15\.04 EUR/);
  const violations = await checkout.accessibilityViolations();
  assert.deepEqual(violations, [], 'axe-core finds no violation on the challenge, the bank page included');
  await screenshot(checkout.page, '3ds-challenge');

  // Keyboard only: the code field is labelled, Enter confirms.
  const code = await oneTimeCode(frame);
  await frame.getByLabel('One-time code').fill(code);
  await frame.getByLabel('One-time code').press('Enter');
  await checkout.page.waitForURL(`${merchant.base}/success?**`, { timeout: 15_000 });

  const callback = await merchant.callbackFor(invoice.id, 'invoice.paid');
  assert.ok(signatureIsValid(callback, kassa.callbackSecret));
  const body = JSON.parse(callback.raw.toString('utf8'));
  assert.deepEqual(body.invoice.three_d_secure, { flow: 'challenge', authenticated: true, eci: '05', liability_shift: true });
  assertNoPageProblems(checkout.problems);
  await checkout.page.context().close();
});

test('refusing the challenge returns the shopper to the form, who pays with another card', async () => {
  const invoice = await kassa.createInvoice();
  const checkout = await shopper();
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');
  await payChallenged(checkout);
  await bank(checkout.page).getByRole('button', { name: 'This was not me: refuse' }).click();

  const banner = checkout.byTestId('banner');
  await banner.waitFor({ state: 'visible', timeout: 15_000 });
  assert.match(await checkout.byTestId('banner-message').textContent(), /Your bank could not confirm it was you/);
  assert.match(await checkout.byTestId('attempts-left').textContent(), /2/);
  assert.equal(await checkout.byTestId('challenge-frame').count(), 0, 'the bank page is gone');
  assert.equal(await checkout.page.locator('form').isVisible(), true);
  await screenshot(checkout.page, '3ds-refused');

  await checkout.fill('card-number', VISA);
  await checkout.pay();
  await checkout.page.waitForURL(`${merchant.base}/success?**`, { timeout: 15_000 });
  assertNoPageProblems(checkout.problems);
  await checkout.page.context().close();
});

test('closing the challenge gives it up, in Hebrew too', async () => {
  const invoice = await kassa.createInvoice({ locale: 'he' });
  const checkout = await shopper('he-IL');
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');
  await payChallenged(checkout);
  assert.equal((await checkout.page.locator('#challenge-title').textContent()).trim(), 'אישור מול הבנק');
  const frame = bank(checkout.page);
  assert.equal(await frame.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await frame.locator('html').getAttribute('lang'), 'he');
  const violations = await checkout.accessibilityViolations();
  assert.deepEqual(violations, [], 'axe-core finds no violation on the Hebrew challenge');

  await checkout.byTestId('challenge-close').click();
  await checkout.byTestId('banner').waitFor({ state: 'visible', timeout: 15_000 });
  assert.equal((await checkout.byTestId('banner-message').textContent()).trim(), 'האימות מול הבנק לא הושלם. נסו שוב או השתמשו בכרטיס אחר.');
  const read = await fetch(`${kassa.base}/api/v1/invoices/${invoice.id}`, { headers: { authorization: `Bearer ${kassa.apiKey}` } });
  const stored = await read.json();
  assert.equal(stored.status, 'open');
  assert.equal(stored.attempts, 1);
  assertNoPageProblems(checkout.problems);
  await checkout.page.context().close();
});

test('in the widget, the frame grows to the challenge and the merchant page learns only the outcome', async () => {
  const invoice = await kassa.createInvoice();
  const { context, page, problems, widget } = await openWidget(browser, shop, invoice.id, 'en-US');
  await fillWidgetPayment(widget, CHALLENGED);
  const formHeight = await page.evaluate(() => document.querySelector('#pay iframe').getBoundingClientRect().height);
  await widget.locator('[data-testid="pay-button"]').click();
  const inner = bank(widget);
  await inner.locator('h1').waitFor({ timeout: 15_000 });
  // The iframe follows the page's height: the challenge's, not the form's.
  await page.waitForFunction((before) => {
    const height = document.querySelector('#pay iframe').getBoundingClientRect().height;
    return Math.abs(height - before) > 1 && height > 500;
  }, formHeight, { timeout: 10_000 });
  const outer = await page.evaluate(() => document.querySelector('#pay iframe').getBoundingClientRect().height);
  const challengeBottom = await page.frames().find((frame) => frame.url().includes('/pay/'))
    .evaluate(() => document.documentElement.scrollHeight);
  assert.ok(Math.abs(outer - challengeBottom) <= 2, `the widget shows the whole challenge (${outer} vs ${challengeBottom})`);
  await screenshot(page, '3ds-widget-challenge');

  const code = await oneTimeCode(inner);
  await inner.getByLabel('One-time code').fill(code);
  await inner.getByRole('button', { name: 'Confirm' }).click();
  await page.waitForFunction(() => window.kassaEvents.some((event) => event.name === 'success'), null, { timeout: 15_000 });
  const names = await page.evaluate(() => window.kassaEvents.map((event) => event.name));
  assert.ok(!names.includes('failure') && !names.includes('pending'), `only the outcome: ${names}`);
  const everything = JSON.stringify(await page.evaluate(() => [window.rawMessages, window.kassaEvents]));
  for (const secret of ['4000000000003063', '4000 0000 0000 3063', 'challenge', code]) {
    assert.ok(!everything.includes(secret), `${secret} never reaches the merchant page`);
  }
  assertNoPageProblems(problems);
  await context.close();
});

test('in the widget, a refused challenge returns the shopper to the form and fires nothing', async () => {
  const invoice = await kassa.createInvoice();
  const { context, page, widget } = await openWidget(browser, shop, invoice.id, 'en-US');
  await fillWidgetPayment(widget, CHALLENGED);
  await widget.locator('[data-testid="pay-button"]').click();
  await bank(widget).getByRole('button', { name: 'This was not me: refuse' }).click();
  const message = widget.locator('[data-testid="banner-message"]');
  await message.waitFor({ timeout: 15_000 });
  assert.match(await message.textContent(), /Your bank could not confirm it was you/);
  assert.equal(await widget.locator('[data-testid="challenge-frame"]').count(), 0);
  const names = await page.evaluate(() => window.kassaEvents.map((event) => event.name));
  assert.ok(!names.some((name) => ['success', 'failure', 'pending', 'cancel'].includes(name)), `no outcome yet: ${names}`);
  await context.close();
});
