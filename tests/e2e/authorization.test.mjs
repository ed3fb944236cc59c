// Authorize now, capture later, as a shopper and a merchant meet it:
// Debian's Chromium pays an invoice created with `capture: "manual"`
// against a real kassa-server; the shopper lands on the success URL, the
// merchant learns of the authorization, captures part of it over the API,
// and the link then shows the invoice as paid.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { CheckoutPage } from './checkout_page.mjs';
import { launchBrowser, screenshot, signatureIsValid, startKassa, startMerchant } from './harness.mjs';

let merchant;
let kassa;
let browser;

before(async () => {
  merchant = await startMerchant();
  kassa = await startKassa(merchant);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await kassa?.stop();
  await merchant?.close();
});

async function merchantPost(path, body) {
  const response = await fetch(`${kassa.base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${kassa.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

test('an authorization sends the shopper to the success URL, and the merchant captures part of it', async () => {
  const invoice = await kassa.createInvoice({ capture: 'manual' });
  assert.equal(invoice.capture, 'manual');
  const context = await browser.newContext({ locale: 'en-US' });
  const checkout = new CheckoutPage(await context.newPage());
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');
  assert.equal((await checkout.byTestId('pay-button').textContent()).trim(), 'Pay €15.04');
  await checkout.fillCard();
  await checkout.fillAddress();
  await checkout.pay();
  await checkout.page.waitForURL(`${merchant.base}/success?**`);
  const landed = new URL(checkout.page.url());
  assert.equal(landed.searchParams.get('status'), 'authorized', 'the redirect says what happened');
  await screenshot(checkout.page, 'authorized-success-url');

  const authorized = await merchant.callbackFor(invoice.id, 'payment.authorized');
  assert.ok(signatureIsValid(authorized, kassa.callbackSecret), 'Kassa-Signature verifies');
  assert.equal(JSON.parse(authorized.raw).invoice.status, 'authorized');

  const captured = await merchantPost(`/api/v1/invoices/${invoice.id}/capture`, { amount: '10.00' });
  assert.equal(captured.status, 200, JSON.stringify(captured.body));
  assert.equal(captured.body.status, 'partially_captured');
  assert.equal(captured.body.captured_amount, '10.00');
  const event = JSON.parse((await merchant.callbackFor(invoice.id, 'payment.captured')).raw);
  assert.equal(event.invoice.captured_amount_minor, 1000);

  // The shopper's link now shows the payment as done, never a form to pay again.
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('paid');
  const violations = await checkout.accessibilityViolations();
  assert.deepEqual(violations, [], 'axe-core finds no violation on the paid screen');
  await context.close();
});

test('a voided authorization shows the link as canceled', async () => {
  const invoice = await kassa.createInvoice({ capture: 'manual' });
  const context = await browser.newContext({ locale: 'en-US' });
  const checkout = new CheckoutPage(await context.newPage());
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');
  await checkout.fillCard();
  await checkout.fillAddress();
  await checkout.pay();
  await checkout.page.waitForURL(`${merchant.base}/success?**`);
  const voided = await merchantPost(`/api/v1/invoices/${invoice.id}/void`, {});
  assert.equal(voided.status, 200, JSON.stringify(voided.body));
  assert.equal(voided.body.status, 'voided');
  await merchant.callbackFor(invoice.id, 'payment.voided');
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('canceled');
  await context.close();
});
