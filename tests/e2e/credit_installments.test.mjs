// Credit instalments on the hosted page and in the widget: an invoice that
// offers the card issuer's credit says so, with the merchant's fee, before
// the shopper pays; the chosen plan is sent and reaches the callback.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { CheckoutPage } from './checkout_page.mjs';
import { screenshot } from './harness.mjs';
import { fillWidgetPayment, openWidget, startBench } from './widget_harness.mjs';

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

const CREDIT = { amount: '120.00', installments: 12, installments_type: 'credit', installments_fee: '6.00' };

test('the issuer credit plan and its fee are shown before paying, and the chosen plan is sent', async () => {
  const invoice = await kassa.createInvoice(CREDIT);
  const context = await browser.newContext({ locale: 'en-US' });
  const checkout = new CheckoutPage(await context.newPage());
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');

  const plans = checkout.byTestId('installments');
  assert.equal(await plans.locator('option[value="12"]').textContent(), '12 payments on credit from your card issuer');
  assert.match(await plans.locator('option[value="1"]').textContent(), /120\.00/);
  const terms = checkout.byTestId('credit-terms');
  assert.match(await terms.textContent(), /Your card issuer pays Atelier Lumière now/);
  assert.match(await checkout.byTestId('credit-fee').textContent(), /Credit fee: €6\.00|Credit fee: 6\.00/);
  assert.equal(await plans.getAttribute('aria-describedby'), 'credit-terms', 'read with the choice');

  await checkout.fillCard();
  await checkout.fillAddress();
  await plans.selectOption('12');
  const violations = await checkout.accessibilityViolations();
  assert.deepEqual(violations, [], 'axe-core finds no violation with the credit terms shown');
  await screenshot(checkout.page, 'credit-installments');

  const sent = checkout.page.waitForRequest((request) => request.url().endsWith('/pay'));
  await checkout.pay();
  assert.equal((await sent).postDataJSON().installments, 12, 'the chosen plan is sent');
  await checkout.page.waitForURL(`${merchant.base}/success?**`, { timeout: 15_000 });
  const callback = JSON.parse((await merchant.callbackFor(invoice.id, 'invoice.paid')).raw.toString('utf8'));
  assert.equal(callback.invoice.installments, 12);
  assert.equal(callback.invoice.installments_type, 'credit');
  assert.equal(callback.invoice.installments_fee, '6.00');
  await context.close();
});

test('in the widget, the credit plan is chosen and paid the same way, in French', async () => {
  const invoice = await kassa.createInvoice({ ...CREDIT, locale: 'fr' });
  const { context, page, widget } = await openWidget(browser, shop, invoice.id, 'fr-FR');
  await fillWidgetPayment(widget, '4242 4242 4242 4242');
  const plans = widget.locator('[data-testid="installments"]');
  assert.equal(await plans.locator('option[value="6"]').textContent(), "6 paiements à crédit auprès de l'émetteur de votre carte");
  assert.match(await widget.locator('[data-testid="credit-fee"]').textContent(), /Frais de crédit/);
  await plans.selectOption('6');
  await widget.locator('[data-testid="pay-button"]').click();
  await page.waitForFunction(() => window.kassaEvents.some((event) => event.name === 'success'), null, { timeout: 15_000 });
  const callback = JSON.parse((await merchant.callbackFor(invoice.id, 'invoice.paid')).raw.toString('utf8'));
  assert.equal(callback.invoice.installments, 6);
  assert.equal(callback.invoice.installments_type, 'credit');
  await context.close();
});
