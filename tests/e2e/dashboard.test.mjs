// The merchant dashboard as a merchant meets it: Debian's Chromium against
// a real kassa-server (SQLite) and a merchant site on loopback. Signing in
// (a wrong password, a locked-out user), finding a paid invoice by its last
// four, refunding part of it and seeing `refund.succeeded` in its timeline,
// sending a failed callback again, rolling an API key and seeing the old
// one refused, changing the accent colour and seeing it on the hosted page;
// axe-core on every screen.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import AxeBuilder from '@axe-core/playwright';

import { launchBrowser, screenshot, startKassa, startMerchant } from './harness.mjs';

const PASSWORD = 'correct horse battery';
const OWNER = 'owner@atelier.example';

let merchant;
let kassa;
let browser;

before(async () => {
  merchant = await startMerchant();
  // No automatic retry within the test: a failed callback waits for "Send
  // again" (the first retry would come after ten minutes).
  kassa = await startKassa(merchant, { KASSA_CALLBACK_FIRST_RETRY_MS: '600000' });
  browser = await launchBrowser();
  for (const [email, role] of [[OWNER, 'owner'], ['clerk@atelier.example', 'owner'], ['staff@atelier.example', 'staff']]) {
    kassa.cli(['user', 'create', '--merchant', kassa.merchantId, '--email', email, '--role', role, '--password-stdin'], `${PASSWORD}\n`);
  }
});

after(async () => {
  await browser?.close();
  await kassa?.stop();
  await merchant?.close();
});

/** Pays an invoice through the checkout API with a card ending 4242. */
async function paidInvoice(amount = '15.04') {
  const invoice = await kassa.createInvoice({ amount });
  const response = await fetch(`${kassa.base}/api/v1/checkout/${invoice.id}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ card: { number: '4242 4242 4242 4242', expiry: '12/30', cvv: '123', name: 'Ada Lovelace' } }),
  });
  const body = await response.json();
  assert.equal(body.status, 'succeeded', JSON.stringify(body));
  return invoice.id;
}

async function assertAccessible(page, screen) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const violations = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  assert.deepEqual(violations, [], `axe-core finds no violation on ${screen}`);
}

/** A browser page that records console errors and CSP violations. */
async function newPage() {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  page.problems = [];
  // Chromium logs every 4xx answer as a console error; the dashboard asks
  // for its session first, and a browser not signed in is answered 401.
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 401/.test(message.text())) page.problems.push(message.text());
  });
  page.on('pageerror', (error) => page.problems.push(error.message));
  return page;
}

async function signIn(page, email, password = PASSWORD) {
  await page.goto(`${kassa.base}/dashboard`);
  await page.locator('#sign-in-email').fill(email);
  await page.locator('#sign-in-password').fill(password);
  await page.locator('#sign-in-submit').click();
}

async function signedInOwner() {
  const page = await newPage();
  await signIn(page, OWNER);
  await page.locator('#signed-in-as').waitFor();
  return page;
}

test('a wrong password is refused, and five in a row lock the user out', async () => {
  const page = await newPage();
  await page.goto(`${kassa.base}/dashboard`);
  await page.locator('#sign-in-email').waitFor();
  await assertAccessible(page, 'the sign-in screen');
  await signIn(page, OWNER, 'not my password');
  await assert.doesNotReject(page.getByRole('alert').filter({ hasText: 'not right' }).waitFor());
  assert.equal(await page.locator('#signed-in-as').count(), 0, 'not signed in');

  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await page.locator('#sign-in-email').fill('clerk@atelier.example');
    await page.locator('#sign-in-password').fill(`wrong ${attempt}`);
    await page.locator('#sign-in-submit').click();
    await page.getByRole('alert').filter({ hasText: attempt < 5 ? 'not right' : 'locked' }).waitFor();
  }
  // Locked: the right password does not open it either.
  await page.locator('#sign-in-password').fill(PASSWORD);
  await page.locator('#sign-in-submit').click();
  await page.getByRole('alert').filter({ hasText: 'locked' }).waitFor();
  assert.equal(await page.locator('#signed-in-as').count(), 0);
  await screenshot(page, 'dashboard-locked');
  assert.deepEqual(page.problems.filter((problem) => !/status of 429/.test(problem)), [], 'no error but the refusals');
  await page.context().close();
});

test('an owner finds a paid invoice by its last four, refunds part of it and sees refund.succeeded', async () => {
  await paidInvoice('9.00');
  const id = await paidInvoice('20.00');
  const page = await signedInOwner();
  assert.match(await page.locator('#signed-in-as').textContent(), /owner@atelier\.example/);
  await page.locator('#test-mode-banner').waitFor();
  await assertAccessible(page, 'the overview');

  await page.locator('a[href="#/payments"]').first().click();
  await page.locator('#filter-last4').fill('4242');
  await page.locator('#filter-submit').click();
  const row = page.locator(`tr[data-invoice="${id}"]`);
  await row.waitFor();
  assert.match(await row.textContent(), /€20\.00/);
  assert.doesNotMatch(await page.content(), /4242 ?4242 ?4242 ?4242|424242424242/, 'no card number on the page');
  await assertAccessible(page, 'the payments list');

  await row.locator('a').first().click();
  await page.locator('#refund-amount').waitFor();
  await assertAccessible(page, 'the payment detail');
  await page.locator('#refund-amount').fill('5.00');
  await page.locator('#refund-submit').click();
  await page.locator('#refund-confirm').click();
  await page.locator('[data-event-type="refund.succeeded"]').waitFor();
  await page.getByText('€15.00').first().waitFor();
  await screenshot(page, 'dashboard-refunded');

  const invoice = await (await fetch(`${kassa.base}/api/v1/invoices/${id}`, { headers: { authorization: `Bearer ${kassa.apiKey}` } })).json();
  assert.equal(invoice.refunded_amount, '5.00', 'the refund happened on the server');
  await merchant.callbackFor(id, 'refund.succeeded');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a callback the merchant failed to take is sent again from the timeline', async () => {
  merchant.setFailing(true);
  const id = await paidInvoice('11.00');
  const page = await signedInOwner();
  await page.goto(`${kassa.base}/dashboard#/payments/${id}`);
  const event = page.locator('[data-event-type="invoice.paid"]');
  await event.waitFor();
  // The failed delivery is shown with the merchant's status code.
  for (let tries = 0; !(await event.textContent()).includes('500'); tries += 1) {
    assert.ok(tries < 50, `the failed delivery is shown: ${await event.textContent()}`);
    await page.reload();
    await event.waitFor();
  }
  assert.equal(merchant.callbacks.filter((callback) => callback.raw.includes(id)).length, 0);
  merchant.setFailing(false);
  await event.locator('button.redeliver').click();
  const delivered = await merchant.callbackFor(id, 'invoice.paid');
  assert.ok(delivered, 'the merchant received it after "Send again"');
  await assertAccessible(page, 'the timeline with a failed callback');
  await page.context().close();
});

test('an owner rolls an API key and the old one is refused', async () => {
  const before = await fetch(`${kassa.base}/api/v1/invoices`, { headers: { authorization: `Bearer ${kassa.apiKey}` } });
  assert.equal(before.status, 200);
  const page = await signedInOwner();
  await page.locator('a[href="#/developers"]').first().click();
  const key = page.locator('tr[data-key-id]').first();
  await key.waitFor();
  await assertAccessible(page, 'the developers screen');
  await key.locator('button.roll').click();
  await page.locator('#roll-confirm').click();
  const secret = (await page.locator('#new-key-secret').textContent()).trim();
  assert.match(secret, /^sk_[0-9a-f]{48}$/);
  await assertAccessible(page, 'the new key');
  const old = await fetch(`${kassa.base}/api/v1/invoices`, { headers: { authorization: `Bearer ${kassa.apiKey}` } });
  assert.equal(old.status, 401, 'the rolled key is refused');
  const fresh = await fetch(`${kassa.base}/api/v1/invoices`, { headers: { authorization: `Bearer ${secret}` } });
  assert.equal(fresh.status, 200, 'the new key works');
  kassa.apiKey = secret;
  await page.reload();
  await page.locator('tr[data-key-id]').first().waitFor();
  assert.doesNotMatch(await page.content(), new RegExp(secret), 'the secret is shown once');
  await page.context().close();
});

test("an owner changes the accent colour and the hosted page wears it; the audit log shows who did what", async () => {
  const page = await signedInOwner();
  await page.locator('a[href="#/settings"]').first().click();
  await page.locator('#settings-accent').waitFor();
  await assertAccessible(page, 'the settings screen');
  await page.locator('#settings-accent').fill('#0a7755');
  await page.locator('#settings-save').click();
  await page.locator('#settings-saved').waitFor();

  const invoice = await kassa.createInvoice();
  const shopper = await newPage();
  await shopper.goto(`${kassa.base}/pay/${invoice.id}`);
  const button = shopper.getByTestId('pay-button');
  await button.waitFor();
  const colour = await button.evaluate((element) => getComputedStyle(element).backgroundColor);
  assert.equal(colour, 'rgb(10, 119, 85)');
  await shopper.context().close();

  await page.locator('a[href="#/audit"]').first().click();
  await page.getByText('settings.updated').first().waitFor();
  await page.getByText('api_key.rolled').first().waitFor();
  await page.getByText('refund.created').first().waitFor();
  await assertAccessible(page, 'the audit log');
  await screenshot(page, 'dashboard-audit');
  await page.context().close();
});

test('staff see payments but not the owner screens, in Hebrew, right to left', async () => {
  const context = await browser.newContext({ locale: 'he-IL' });
  const page = await context.newPage();
  await signIn(page, 'staff@atelier.example');
  await page.locator('#signed-in-as').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'he');
  assert.equal(await page.locator('a[href="#/payments"]').count() > 0, true);
  assert.equal(await page.locator('a[href="#/account"]').count() > 0, true, 'staff change their own password');
  for (const owners of ['#/developers', '#/settings', '#/team', '#/audit']) {
    assert.equal(await page.locator(`a[href="${owners}"]`).count(), 0, `no ${owners} for staff`);
  }
  await assertAccessible(page, 'the overview in Hebrew');
  await screenshot(page, 'dashboard-hebrew');
  await context.close();
});

test('an owner adds a user, who signs in with the one-time password and changes it', async () => {
  const owner = await signedInOwner();
  await owner.locator('a[href="#/team"]').first().click();
  await owner.locator('#invite-email').waitFor();
  await assertAccessible(owner, 'the team screen');
  await owner.locator('#invite-email').fill('new.hire@atelier.example');
  await owner.locator('#invite-role').selectOption('staff');
  await owner.locator('#invite-submit').click();
  const oneTime = (await owner.locator('#invite-password').textContent()).trim();
  assert.match(oneTime, /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
  await owner.locator('tr[data-user-id]').filter({ hasText: 'new.hire@atelier.example' }).waitFor();
  await assertAccessible(owner, 'the team screen with a new user');

  const newcomer = await newPage();
  await signIn(newcomer, 'new.hire@atelier.example', oneTime);
  await newcomer.locator('#signed-in-as').waitFor();
  await newcomer.locator('a[href="#/account"]').first().click();
  await newcomer.locator('#current-password').fill(oneTime);
  await newcomer.locator('#new-password').fill('a new long passphrase');
  await newcomer.locator('#new-password-again').fill('a new long passphrase');
  await assertAccessible(newcomer, 'the account screen');
  await newcomer.locator('#password-submit').click();
  await newcomer.locator('#password-changed').waitFor();
  await newcomer.context().close();

  const again = await newPage();
  await signIn(again, 'new.hire@atelier.example', oneTime);
  await again.getByRole('alert').filter({ hasText: 'not right' }).waitFor();
  await signIn(again, 'new.hire@atelier.example', 'a new long passphrase');
  await again.locator('#signed-in-as').waitFor();
  await again.context().close();
  await owner.context().close();
});
