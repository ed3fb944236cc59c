// The merchant dashboard as a merchant meets it: Debian's Chromium against
// a real kassa-server (SQLite) and a merchant site on loopback. Signing in
// (a wrong password, a locked-out user), finding a paid invoice by its last
// four, refunding part of it and seeing `refund.succeeded` in its timeline,
// sending a failed callback again, rolling an API key and seeing the old
// one refused, changing the accent colour and seeing it on the hosted page;
// axe-core on every screen.

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
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
async function paidInvoice(amount = '15.04', { declinedFirst = false } = {}) {
  const invoice = await kassa.createInvoice({ amount });
  if (declinedFirst) {
    const declined = await fetch(`${kassa.base}/api/v1/checkout/${invoice.id}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ card: { number: '4000 0000 0000 9995', expiry: '12/30', cvv: '123', name: 'Ada Lovelace' } }),
    });
    assert.equal((await declined.json()).decline?.code, 'declined.insufficient_funds');
  }
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

/** RFC 4648 base32 (as authenticator apps take keys) to bytes. */
function base32Bytes(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const character of text.replace(/\s/g, '')) bits += alphabet.indexOf(character).toString(2).padStart(5, '0');
  const bytes = [];
  for (let at = 0; at + 8 <= bits.length; at += 8) bytes.push(parseInt(bits.slice(at, at + 8), 2));
  return Buffer.from(bytes);
}

/** The code an authenticator app shows for `key` at `seconds` (RFC 6238: HMAC-SHA1, 30 s, six digits). */
function authenticatorCode(key, seconds = Date.now() / 1000) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(seconds / 30)));
  const digest = createHmac('sha1', base32Bytes(key)).update(counter).digest();
  const offset = digest[19] & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
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

  // The same search as a CSV file, downloaded with the session.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
  assert.match(download.suggestedFilename(), /^kassa-invoices-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  assert.equal(lines[0].split(',')[0], 'id');
  assert.ok(lines.some((line) => line.startsWith(`${id},`) && line.includes('424242******4242')), csv);
  assert.ok(lines.slice(1).every((line) => line.includes('******4242')), 'only the searched last four');
  assert.doesNotMatch(csv, /4242424242424242/);

  await row.locator('a').first().click();
  await page.locator('#refund-amount').waitFor();
  // The signed redirect the shopper took back to the shop.
  const taken = await page.locator('#redirect-taken code').textContent();
  assert.ok(taken.startsWith(`${merchant.base}/success?`), taken);
  assert.match(taken, new RegExp(`invoice_id=${id}&status=paid&signature=[0-9a-f]{64}$`));
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
  const id = await paidInvoice('11.00', { declinedFirst: true });
  const page = await signedInOwner();
  await page.goto(`${kassa.base}/dashboard#/payments/${id}`);
  // Both attempts, the first with its reason in plain words.
  await page.locator('li[data-attempt="1"][data-decline="insufficient_funds"]').filter({ hasText: 'Declined · Insufficient funds' }).waitFor();
  await page.locator('li[data-attempt="2"][data-outcome="approved"]').filter({ hasText: 'Approved' }).waitFor();
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

test('the developers screen lists a callback the merchant failed to take, and sends it again', async () => {
  merchant.setFailing(true);
  const id = await paidInvoice('13.00');
  const page = await signedInOwner();
  await page.goto(`${kassa.base}/dashboard#/developers`);
  const row = page.locator('tr[data-undelivered]').filter({ hasText: id });
  await page.locator('#all-delivered, tr[data-undelivered]').first().waitFor();
  for (let tries = 0; (await row.count()) === 0 || !(await row.textContent()).includes('500'); tries += 1) {
    assert.ok(tries < 50, 'the failed callback is listed with the status it got');
    await page.waitForTimeout(100);
    await page.reload();
    await page.locator('#all-delivered, tr[data-undelivered]').first().waitFor();
  }
  assert.equal(await row.getAttribute('data-event-type'), 'invoice.paid');
  await assertAccessible(page, 'the developers screen with an undelivered callback');
  merchant.setFailing(false);
  await row.locator('button.redeliver').click();
  await page.locator('#undelivered-note').filter({ hasText: 'sent again' }).waitFor();
  assert.ok(await merchant.callbackFor(id, 'invoice.paid'), 'the merchant received it');
  for (let tries = 0; (await row.count()) > 0; tries += 1) {
    assert.ok(tries < 50, 'a delivered callback leaves the list');
    await page.waitForTimeout(100);
    await page.reload();
    await page.locator('#all-delivered, tr[data-undelivered]').first().waitFor();
  }
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
  // Each action in plain words, its code kept on the row.
  for (const [action, words] of [['settings.updated', 'Settings changed'], ['api_key.rolled', 'API key rolled'], ['refund.created', 'Refund made']]) {
    const entry = page.locator(`tr[data-action="${action}"]`).first();
    await entry.waitFor();
    const text = await entry.textContent();
    assert.ok(text.includes(words) && text.includes(OWNER), text);
  }
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

test('the payments list goes forward and back a page', async () => {
  // 25 a page: make sure there are more than that.
  const made = [];
  for (let count = 0; count < 26; count += 1) made.push((await kassa.createInvoice({ amount: '1.00' })).id);
  const page = await signedInOwner();
  await page.locator('a[href="#/payments"]').first().click();
  await page.locator('tr[data-invoice]').first().waitFor();
  const firstPage = await page.locator('tr[data-invoice]').evaluateAll((rows) => rows.map((row) => row.dataset.invoice));
  assert.equal(firstPage.length, 25);
  assert.equal(firstPage[0], made.at(-1), 'newest first');
  assert.equal(await page.locator('#previous-page').count(), 0, 'no page before the first');
  await page.locator('#next-page').click();
  await page.locator('#page-number').filter({ hasText: 'Page 2' }).waitFor();
  const secondPage = await page.locator('tr[data-invoice]').evaluateAll((rows) => rows.map((row) => row.dataset.invoice));
  assert.ok(secondPage.length > 0 && secondPage.every((id) => !firstPage.includes(id)), 'another page');
  await assertAccessible(page, 'the second page of payments');
  await page.locator('#previous-page').click();
  await page.locator('#page-number').filter({ hasText: 'Page 1' }).waitFor();
  const backAgain = await page.locator('tr[data-invoice]').evaluateAll((rows) => rows.map((row) => row.dataset.invoice));
  assert.deepEqual(backAgain, firstPage);
  await page.context().close();
});

test("a user turns on two-step sign-in with the QR code's key, and sign-in then asks for a code", async () => {
  const email = 'two.step@atelier.example';
  kassa.cli(['user', 'create', '--merchant', kassa.merchantId, '--email', email, '--role', 'staff', '--password-stdin'], `${PASSWORD}\n`);
  const page = await newPage();
  await signIn(page, email);
  await page.locator('#signed-in-as').waitFor();
  await page.locator('a[href="#/account"]').first().click();
  assert.match(await page.locator('#totp-state').textContent(), /Off/);
  await page.locator('#totp-password').fill('not my password');
  await page.locator('#totp-start').click();
  await page.getByRole('alert').filter({ hasText: 'not right' }).waitFor();
  await page.locator('#totp-password').fill(PASSWORD);
  await page.locator('#totp-start').click();

  const qr = page.locator('#totp-qr');
  await qr.waitFor();
  assert.match(await qr.locator('path').getAttribute('d'), /^M0 0h7v1h-7z/, 'the finder pattern is drawn');
  assert.equal(await qr.getAttribute('role'), 'img');
  await assertAccessible(page, 'the authenticator set-up');
  await screenshot(page, 'dashboard-two-step');
  const key = await page.locator('#totp-secret').getAttribute('data-secret');
  assert.match(key, /^[A-Z2-7]{32}$/);
  assert.equal((await page.locator('#totp-secret').textContent()).replace(/ /g, ''), key, 'the key is shown to type by hand');

  await page.locator('#totp-code').fill(authenticatorCode(key, Date.now() / 1000 - 900));
  await page.locator('#totp-confirm').click();
  await page.getByRole('alert').filter({ hasText: 'not the code' }).waitFor();
  await page.locator('#totp-code').fill(authenticatorCode(key));
  await page.locator('#totp-confirm').click();
  await page.locator('#totp-done').filter({ hasText: 'is on' }).waitFor();
  assert.match(await page.locator('#totp-state').textContent(), /On/);
  await page.locator('#sign-out').click();
  await page.locator('#sign-in-email').waitFor();

  // Signing in now asks for the app's code (the next one: a code is good once).
  await signIn(page, email);
  await page.locator('#sign-in-code').waitFor();
  await page.locator('#sign-in-code').fill(authenticatorCode(key, Date.now() / 1000 + 30));
  await page.locator('#sign-in-submit').click();
  await page.locator('#signed-in-as').waitFor();
  assert.deepEqual(page.problems.filter((problem) => !/status of 40[01]/.test(problem)), []);
  await page.context().close();
});

/** Presses Tab until `selector` has the focus; fails after `limit` presses. */
async function tabTo(page, selector, limit = 40) {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${selector}`);
}

/** Whether the page is wider than the screen (a phone would scroll sideways). */
async function overflowsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

test('on a phone in dark mode, with the keyboard only: sign in, find a payment, refund it', async () => {
  const id = await paidInvoice('12.00');
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 360, height: 740 }, colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(`${kassa.base}/dashboard`);
  await page.locator('#sign-in-email').waitFor();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [red, green, blue] = background.match(/\d+/g).map(Number);
  assert.ok(red + green + blue < 3 * 80, `a dark page in dark mode: ${background}`);

  await tabTo(page, '#sign-in-email');
  await page.keyboard.type(OWNER);
  await tabTo(page, '#sign-in-password');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.locator('#signed-in-as').waitFor();
  assert.equal(await overflowsSideways(page), false, 'the overview fits a 360 px screen');

  await tabTo(page, 'a[href="#/payments"]');
  await page.keyboard.press('Enter');
  await tabTo(page, '#filter-last4');
  await page.keyboard.type('4242');
  await page.keyboard.press('Enter');
  const link = `tr[data-invoice="${id}"] a`;
  await page.locator(link).waitFor();
  assert.equal(await overflowsSideways(page), false, 'the list scrolls inside its own region, not the page');
  await tabTo(page, link, 200);
  await page.keyboard.press('Enter');

  await page.locator('#refund-amount').waitFor();
  assert.equal(await overflowsSideways(page), false, 'the payment fits a 360 px screen');
  await tabTo(page, '#refund-amount');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('2.00');
  await tabTo(page, '#refund-submit');
  await page.keyboard.press('Enter');
  await tabTo(page, '#refund-confirm');
  await page.keyboard.press('Enter');
  await page.locator('[data-event-type="refund.succeeded"]').waitFor();
  await assertAccessible(page, 'the payment on a phone in dark mode');
  await screenshot(page, 'dashboard-phone-dark');
  const invoice = await (await fetch(`${kassa.base}/api/v1/invoices/${id}`, { headers: { authorization: `Bearer ${kassa.apiKey}` } })).json();
  assert.equal(invoice.refunded_amount, '2.00');
  await context.close();
});
