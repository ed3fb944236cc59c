// The hosted checkout page, end to end: Debian's Chromium against a real
// kassa-server and a mock merchant on loopback. Each test is a shopper's
// story; screenshots land in target/e2e-artifacts/.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { CheckoutPage, VISA } from './checkout_page.mjs';
import { launchBrowser, screenshot, signatureIsValid, startKassa, startMerchant } from './harness.mjs';

let merchant;
let kassa;
let browser;
let expiring;
let expiringPage;

before(async () => {
  merchant = await startMerchant();
  kassa = await startKassa(merchant);
  browser = await launchBrowser();
  // Created first, with the shortest life an invoice may have, and left
  // open in a tab: by the last test it has run out of time on screen.
  expiring = await kassa.createInvoice({ expires_in: 60 });
  expiringPage = await shopper();
  await expiringPage.open(kassa.base, expiring.id);
  await expiringPage.waitForScreen('form');
});

after(async () => {
  await browser?.close();
  await kassa?.stop();
  await merchant?.close();
});

async function shopper(options = {}) {
  const context = await browser.newContext({ locale: 'en-US', ...options });
  const page = await context.newPage();
  return new CheckoutPage(page);
}

function assertNoPageProblems(checkout) {
  const real = checkout.problems.filter((text) => !text.startsWith('Failed to load resource'));
  assert.deepEqual(real, [], 'no script error and no CSP violation');
}

async function assertAccessible(checkout, screen) {
  const violations = await checkout.accessibilityViolations();
  assert.deepEqual(violations, [], `axe-core finds no violation on the ${screen} screen`);
}

test('an approved payment lands on the success URL and the merchant gets a signed callback', async () => {
  const invoice = await kassa.createInvoice();
  const checkout = await shopper();
  const requests = [];
  checkout.page.on('request', (request) => requests.push(request.url()));
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');
  assert.equal(await checkout.byTestId('merchant-name').textContent(), 'Atelier Lumière');
  assert.equal(await checkout.byTestId('amount').textContent(), '€15.04');
  assert.equal((await checkout.byTestId('pay-button').textContent()).trim(), 'Pay €15.04');
  assert.equal(await checkout.byTestId('email').inputValue(), 'ada@example.com', 'prefilled');
  await assertAccessible(checkout, 'form');

  await checkout.fillCard();
  await checkout.fillAddress();
  await screenshot(checkout.page, 'approved-form');
  await checkout.pay();
  await checkout.page.waitForURL(`${merchant.base}/success?**`);
  assert.equal(await checkout.byTestId('merchant-page').textContent(), 'success');
  await screenshot(checkout.page, 'approved-success-url');

  const callback = await merchant.callbackFor(invoice.id, 'invoice.paid');
  assert.ok(signatureIsValid(callback, kassa.callbackSecret), 'Kassa-Signature verifies');
  const event = JSON.parse(callback.raw);
  assert.equal(event.invoice.status, 'paid');
  assert.equal(event.invoice.card.last4, '4242');
  assert.ok(!callback.raw.toString().includes('4242424242424242'), 'no card number in the callback');

  const origins = new Set(requests.map((url) => new URL(url).origin));
  assert.deepEqual([...origins].sort(), [kassa.base, merchant.base].sort(), 'no request to any third party');
  const pageRequests = requests.filter((url) => url.startsWith(kassa.base) && !url.includes('/api/'));
  assert.ok(pageRequests.length <= 6, `the page loads in at most 6 requests: ${pageRequests.join(', ')}`);
  assert.equal(
    pageRequests.filter((url) => url.endsWith('.wasm')).length, 1,
    'the module is fetched once (the preload serves the integrity-checked fetch)',
  );

  // Coming back to the link later shows that it is paid.
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('paid');
  await assertAccessible(checkout, 'paid');
  await screenshot(checkout.page, 'already-paid');
  assertNoPageProblems(checkout);
  const log = kassa.log.join('');
  assert.ok(log.includes(invoice.id), 'the server logged this payment');
  assert.ok(!/4242\D?4242\D?4242\D?4242/.test(log), 'no card number in the server log');
  await checkout.page.context().close();
});

test('the page is served with a strict CSP, integrity on every script and no referrer', async () => {
  const invoice = await kassa.createInvoice();
  const response = await fetch(`${kassa.base}/pay/${invoice.id}`);
  assert.equal(response.status, 200);
  const csp = response.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
  const html = await response.text();
  // The page's words in one language: a data block, which is never run.
  const data = html.match(/<script type="application\/json" id="kassa-words">[^<]*<\/script>/g) ?? [];
  assert.equal(data.length, 1, 'one words block');
  assert.equal(JSON.parse(data[0].replace(/^<script[^>]*>|<\/script>$/g, '')).lang, 'en');
  const scripts = (html.match(/<script[^>]*>/g) ?? []).filter((tag) => !tag.includes('type="application/json"'));
  assert.ok(scripts.length >= 1);
  for (const tag of scripts) {
    assert.match(tag, /src="\/assets\//, `no inline script: ${tag}`);
    assert.match(tag, /integrity="sha384-/, `integrity on ${tag}`);
  }
  const asset = html.match(/href="(\/assets\/[^"]+\.css)"/)[1];
  const cached = await fetch(`${kassa.base}${asset}`);
  assert.match(cached.headers.get('cache-control'), /max-age=31536000, immutable/);
});

test('typing formats the number, shows the brand and catches mistakes when a field is left', async () => {
  const invoice = await kassa.createInvoice();
  const checkout = await shopper();
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');

  await checkout.fill('card-number', '4242424242424242');
  assert.equal(await checkout.byTestId('card-number').inputValue(), VISA);
  assert.equal(await checkout.byTestId('brand-logo').getAttribute('data-brand'), 'visa');

  await checkout.fill('card-number', '378282246310005');
  assert.equal(await checkout.byTestId('card-number').inputValue(), '3782 822463 10005');
  assert.equal(await checkout.byTestId('brand-logo').getAttribute('data-brand'), 'american-express');
  assert.equal((await checkout.page.locator('label[for="card-cvv"]').textContent()).trim(), 'CID');
  assert.equal(await checkout.byTestId('card-cvv').getAttribute('maxlength'), '4');

  await checkout.fill('card-expiry', '1230');
  assert.equal(await checkout.byTestId('card-expiry').inputValue(), '12/30');

  await checkout.fill('card-number', '4242424242424241');
  assert.equal(await checkout.errorOf('card-number'), '', 'no error while typing');
  await checkout.byTestId('card-expiry').focus();
  assert.equal(await checkout.errorOf('card-number'), 'This card number is not valid. Check it for typos.');
  assert.equal(await checkout.byTestId('card-number').getAttribute('aria-invalid'), 'true');
  assert.match(await checkout.byTestId('card-number').getAttribute('aria-describedby'), /card-number-error/);
  await screenshot(checkout.page, 'field-error');

  // Mending the mistake clears the error as soon as it is right.
  await checkout.fill('card-number', VISA);
  assert.equal(await checkout.errorOf('card-number'), '');

  // Submitting with fields missing focuses the first one.
  await checkout.pay();
  assert.equal(await checkout.page.evaluate(() => document.activeElement.id), 'card-cvv');
  assert.notEqual(await checkout.errorOf('card-name'), '');
  await assertAccessible(checkout, 'form with errors');
  assertNoPageProblems(checkout);
  await checkout.page.context().close();
});

test('a decline says why in plain words, and a retry with another card succeeds', async () => {
  const invoice = await kassa.createInvoice();
  const checkout = await shopper();
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');
  await checkout.fillCard({ number: '4000 0000 0000 9995' });
  await checkout.fillAddress();
  await checkout.pay();
  const banner = checkout.byTestId('banner-message');
  await banner.waitFor();
  assert.match(await banner.textContent(), /not enough funds/);
  await checkout.page.waitForFunction(() => document.activeElement?.id === 'banner');
  assert.equal(await checkout.byTestId('attempts-left').textContent(), 'Attempts left: 2');
  await screenshot(checkout.page, 'declined');
  await assertAccessible(checkout, 'declined');

  await checkout.fill('card-number', VISA);
  await checkout.pay();
  await checkout.page.waitForURL(`${merchant.base}/success?**`);
  await merchant.callbackFor(invoice.id, 'invoice.paid');
  assertNoPageProblems(checkout);
  await checkout.page.context().close();
});

test('a pending payment goes to the pending URL', async () => {
  const invoice = await kassa.createInvoice();
  const checkout = await shopper();
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');
  await checkout.fillCard({ number: '4000 0000 0000 3220' });
  await checkout.fillAddress();
  await checkout.pay();
  await checkout.page.waitForURL(`${merchant.base}/pending?**`);
  await screenshot(checkout.page, 'pending-url');
  const callback = await merchant.callbackFor(invoice.id, 'invoice.pending');
  assert.ok(signatureIsValid(callback, kassa.callbackSecret));
  // Reopened while the bank has not answered: its own screen (or paid, once settled).
  await checkout.open(kassa.base, invoice.id);
  await checkout.page.locator('[data-testid="screen-pending"], [data-testid="screen-paid"]').waitFor();
  await assertAccessible(checkout, 'pending');
  await checkout.page.context().close();
});

test('the last declined attempt fails the invoice and goes to the failure URL', async () => {
  const invoice = await kassa.createInvoice();
  const checkout = await shopper();
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');
  await checkout.fillCard({ number: '4000 0000 0000 0002' });
  await checkout.fillAddress();
  for (const left of ['2', '1']) {
    await checkout.pay();
    await checkout.page.waitForFunction(
      (expected) => document.querySelector('[data-testid="attempts-left"]')?.textContent === `Attempts left: ${expected}`,
      left,
    );
  }
  await checkout.pay();
  await checkout.page.waitForURL(`${merchant.base}/failure?**`);
  await screenshot(checkout.page, 'failure-url');
  await merchant.callbackFor(invoice.id, 'invoice.failed');
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('failed');
  await assertAccessible(checkout, 'failed');
  await checkout.page.context().close();
});

test('cancel returns to the merchant and the link then says it was canceled', async () => {
  const invoice = await kassa.createInvoice();
  const checkout = await shopper();
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');
  await checkout.byTestId('cancel-link').click();
  await checkout.page.waitForURL(`${merchant.base}/cancel?**`);
  await merchant.callbackFor(invoice.id, 'invoice.canceled');
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('canceled');
  await screenshot(checkout.page, 'canceled');
  await assertAccessible(checkout, 'canceled');
  await checkout.page.context().close();
});

test('a field error from the server lands on its field', async () => {
  // The shopper's clock says October 2026, so 10/26 looks valid in the
  // browser; the server's clock knows better.
  const invoice = await kassa.createInvoice();
  const checkout = await shopper();
  await checkout.page.clock.setFixedTime(new Date('2026-10-05T12:00:00Z'));
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');
  await checkout.fillCard({ expiry: '10/26' });
  await checkout.fillAddress();
  await checkout.pay();
  await checkout.page.waitForFunction(() => document.getElementById('card-expiry-error')?.textContent !== '');
  assert.equal(await checkout.errorOf('card-expiry'), 'This card has expired.');
  assert.equal(await checkout.page.evaluate(() => document.activeElement.id), 'card-expiry');
  await checkout.page.context().close();
});

test('installments show their schedule with the first payment adjusted', async () => {
  const invoice = await kassa.createInvoice({ amount: '100.00', installments: 3 });
  const checkout = await shopper();
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');
  const options = await checkout.byTestId('installments').locator('option').allTextContents();
  assert.deepEqual(options, [
    'Pay in full: €100.00',
    '2 payments of €50.00',
    '3 payments: €33.34, then 2 × €33.33',
  ]);
  await checkout.byTestId('installments').selectOption('3');
  await checkout.fillCard();
  await checkout.fillAddress();
  const sent = checkout.page.waitForRequest((request) => request.url().endsWith('/pay'));
  await checkout.pay();
  assert.equal((await sent).postDataJSON().installments, 3, 'the chosen plan is what is sent');
  await checkout.page.waitForURL(`${merchant.base}/success?**`);
  await checkout.page.context().close();
});

test('a card on two networks lets the shopper choose which one to pay with', async () => {
  const invoice = await kassa.createInvoice();
  const checkout = await shopper();
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');
  await checkout.fillCard({ number: '4571 0000 0000 0001' });
  await checkout.fillAddress();
  const choice = checkout.byTestId('network');
  await choice.waitFor();
  const offered = await choice.locator('input[type=radio]').evaluateAll((radios) => radios.map((radio) => radio.value));
  assert.deepEqual(offered.sort(), ['dankort', 'visa']);
  assert.equal(await choice.locator('input:checked').count(), 1, 'one network is chosen from the start');
  await checkout.byTestId('network-visa').check();
  await assertAccessible(checkout, 'network choice');
  await screenshot(checkout.page, 'co-badged');
  const sent = checkout.page.waitForRequest((request) => request.url().endsWith('/pay'));
  await checkout.pay();
  assert.equal((await sent).postDataJSON().network, 'visa', 'the chosen network is what is sent');
  await checkout.page.waitForURL(`${merchant.base}/success?**`);
  await checkout.page.context().close();
});

test("the merchant's accent colour and logo dress the page", async () => {
  const logo = join(mkdtempSync(join(tmpdir(), 'kassa-logo-')), 'logo.svg');
  writeFileSync(logo, '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#0a7755"/></svg>');
  const styled = await startKassa(merchant, {}, { merchantArgs: ['--accent-color', '#0a7755', '--logo', logo] });
  try {
    const invoice = await styled.createInvoice();
    const checkout = await shopper();
    await checkout.open(styled.base, invoice.id);
    await checkout.waitForScreen('form');
    const image = checkout.byTestId('merchant-logo');
    assert.match(await image.getAttribute('src'), /^data:image\/svg\+xml;base64,/, 'the logo comes with the page, from no other origin');
    assert.ok(await image.evaluate((img) => img.complete && img.naturalWidth === 120), 'the logo is drawn');
    const button = await checkout.byTestId('pay-button').evaluate((element) => {
      const style = getComputedStyle(element);
      return [style.backgroundColor, style.color];
    });
    assert.deepEqual(button, ['rgb(10, 119, 85)', 'rgb(255, 255, 255)']);
    await assertAccessible(checkout, 'styled form');
    await screenshot(checkout.page, 'merchant-appearance');
    assertNoPageProblems(checkout);
    await checkout.page.context().close();
  } finally {
    await styled.stop();
  }
});

test('a keyboard alone can pay', async () => {
  const invoice = await kassa.createInvoice();
  const checkout = await shopper();
  const { page } = checkout;
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');
  const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'email');
  for (const [id, text] of [
    ['card-number', '4242424242424242'],
    ['card-expiry', '1230'],
    ['card-cvv', '123'],
    ['card-name', 'Ada Lovelace'],
  ]) {
    await page.keyboard.press('Tab');
    assert.equal(await focused(), id);
    await page.keyboard.type(text);
  }
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'country');
  await page.keyboard.press('Tab');
  await page.keyboard.type('1 Main Street');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'address-line2');
  await page.keyboard.press('Tab');
  await page.keyboard.type('New York');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'region');
  await page.keyboard.type('New York');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'postal-code');
  await page.keyboard.type('10001');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'phone');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'pay-button');
  await screenshot(page, 'keyboard-before-pay');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${merchant.base}/success?**`);
  await page.context().close();
});

test('the French page speaks French, formats the amount the French way and explains mistakes in French', async () => {
  const invoice = await kassa.createInvoice({ locale: 'fr' });
  const checkout = await shopper();
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');
  assert.equal(await checkout.page.getAttribute('html', 'lang'), 'fr');
  const button = (await checkout.byTestId('pay-button').textContent()).trim();
  assert.match(button, /^Payer 15,04\s€$/);
  assert.equal(await checkout.page.locator('label[for="card-number"]').textContent(), 'Numéro de carte');
  await checkout.fill('card-number', '4242424242424241');
  await checkout.byTestId('card-expiry').focus();
  assert.match(await checkout.errorOf('card-number'), /numéro de carte/i);
  await screenshot(checkout.page, 'french');
  await assertAccessible(checkout, 'French form');
  await checkout.page.context().close();
});

test('the Hebrew page reads right to left with card data kept left to right', async () => {
  const invoice = await kassa.createInvoice({ locale: 'he', currency: 'ILS', amount: '120.00' });
  const checkout = await shopper();
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');
  assert.equal(await checkout.page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await checkout.page.getAttribute('html', 'lang'), 'he');
  for (const id of ['card-number', 'card-expiry', 'card-cvv']) {
    assert.equal(await checkout.byTestId(id).getAttribute('dir'), 'ltr', `${id} stays left to right`);
  }
  assert.match(await checkout.byTestId('pay-button').textContent(), /תשלום/);
  await checkout.fillCard();
  await screenshot(checkout.page, 'hebrew');
  await assertAccessible(checkout, 'Hebrew form');
  await checkout.page.context().close();
});

test('Spanish and German come from the browser when the invoice names no language', async () => {
  const invoice = await kassa.createInvoice();
  for (const [locale, label] of [['es-ES', 'Número de tarjeta'], ['de-DE', 'Kartennummer']]) {
    const checkout = await shopper({ locale });
    await checkout.open(kassa.base, invoice.id);
    await checkout.waitForScreen('form');
    assert.equal(await checkout.page.locator('label[for="card-number"]').textContent(), label);
    assert.equal(await checkout.byTestId('country').inputValue(), locale.slice(3), 'country from the locale');
    await checkout.page.context().close();
  }
});

test('an unknown invoice and an unreachable server each have their own screen', async () => {
  const checkout = await shopper();
  await checkout.open(kassa.base, 'inv_00000000000000000000000000000000');
  await checkout.waitForScreen('not-found');
  await screenshot(checkout.page, 'not-found');
  await assertAccessible(checkout, 'not found');

  const invoice = await kassa.createInvoice();
  await checkout.page.route('**/api/v1/checkout/**', (route) => route.abort('internetdisconnected'));
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('network-error');
  await screenshot(checkout.page, 'network-error');
  await assertAccessible(checkout, 'network error');
  await checkout.page.unroute('**/api/v1/checkout/**');
  await checkout.byTestId('retry').click();
  await checkout.waitForScreen('form');
  await checkout.page.context().close();
});

test('an invoice that runs out of time shows the expired screen, live and on reload', async () => {
  const checkout = expiringPage;
  // The form opened before the first test; its countdown switches to the
  // expired screen by itself once the server agrees that time is up.
  await checkout.byTestId('screen-expired').waitFor({ timeout: 70_000 });
  assert.equal(await checkout.page.evaluate(() => document.activeElement.id), 'screen-title');
  await checkout.open(kassa.base, expiring.id);
  await checkout.waitForScreen('expired');
  await screenshot(checkout.page, 'expired');
  await assertAccessible(checkout, 'expired');
  await checkout.page.context().close();
});
