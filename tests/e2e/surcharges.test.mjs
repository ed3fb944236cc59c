// Card surcharges on the hosted page and in the widget: once the card
// number says a credit card from outside the EU/EEA, the page shows the
// merchant's surcharge and the total before the shopper pays; the server
// charges exactly that, and the callback keeps base, surcharge and total
// apart. A debit card shows none.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { CheckoutPage } from './checkout_page.mjs';
import { screenshot } from './harness.mjs';
import { fillWidgetPayment, openWidget, startBench } from './widget_harness.mjs';

/** Stripe's Thai Visa credit card. */
const THAI_CREDIT = '4000 0076 4000 0003';
/** Stripe's Visa debit card. */
const DEBIT = '4000 0566 5566 5556';

let bench;
let merchant;
let shop;
let kassa;
let browser;

before(async () => {
  bench = await startBench();
  ({ merchant, shop, kassa, browser } = bench);
  kassa.cli(['merchant', 'set-surcharge', '--merchant', kassa.merchantId, '--percent', '2.5']);
});

after(async () => {
  await bench?.stop();
});

test('a credit card shows the surcharge and the total before paying; a debit card shows none', async () => {
  const invoice = await kassa.createInvoice({ amount: '18.00' });
  const context = await browser.newContext({ locale: 'en-US' });
  const checkout = new CheckoutPage(await context.newPage());
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');
  const button = checkout.byTestId('pay-button');
  assert.equal((await button.textContent()).trim(), 'Pay €18.00');

  await checkout.fillCard({ number: DEBIT });
  assert.equal(await checkout.byTestId('surcharge').count(), 0, 'no surcharge on a debit card');
  await checkout.fill('card-number', THAI_CREDIT);
  const line = checkout.byTestId('surcharge');
  await line.waitFor();
  assert.equal((await line.textContent()).trim(), 'Atelier Lumière adds a credit card surcharge of €0.45, included in the total.');
  assert.equal((await button.textContent()).trim(), 'Pay €18.45');
  await checkout.fillAddress();
  const violations = await checkout.accessibilityViolations();
  assert.deepEqual(violations, [], 'axe-core finds no violation with the surcharge shown');
  await screenshot(checkout.page, 'surcharge');

  const sent = checkout.page.waitForRequest((request) => request.url().endsWith('/pay'));
  await checkout.pay();
  assert.equal((await sent).postDataJSON().surcharge, '0.45', 'the page sends what it showed');
  await checkout.page.waitForURL(`${merchant.base}/success?**`, { timeout: 15_000 });
  const callback = JSON.parse((await merchant.callbackFor(invoice.id, 'invoice.paid')).raw.toString('utf8'));
  assert.equal(callback.invoice.amount, '18.00');
  assert.equal(callback.invoice.surcharge, '0.45');
  assert.equal(callback.invoice.amount_charged, '18.45');
  await context.close();
});

test('in the widget, in German, the surcharge is shown and paid the same way', async () => {
  const invoice = await kassa.createInvoice({ amount: '18.00', locale: 'de' });
  const { context, page, widget } = await openWidget(browser, shop, invoice.id, 'de-DE');
  await fillWidgetPayment(widget, THAI_CREDIT);
  assert.match(await widget.locator('[data-testid="surcharge"]').textContent(), /Kreditkartenaufschlag von 0,45\s€/);
  await widget.locator('[data-testid="pay-button"]').click();
  await page.waitForFunction(() => window.kassaEvents.some((event) => event.name === 'success'), null, { timeout: 15_000 });
  const callback = JSON.parse((await merchant.callbackFor(invoice.id, 'invoice.paid')).raw.toString('utf8'));
  assert.equal(callback.invoice.amount_charged, '18.45');
  await context.close();
});
