// Paying on the hosted page through each real gateway's connector: Kassa's
// merchant is created with `--processor creditguard|icount|stripe` pointed
// at that gateway's test double (`kassa-gateway-double`, the same strict
// doubles the server's tests use: real HTTP, the gateway's wire format).
// The shopper pays in Chromium and lands on the success URL; the merchant
// gets the signed callback.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';

import { CheckoutPage } from './checkout_page.mjs';
import { launchBrowser, screenshot, signatureIsValid, startKassa, startMerchant } from './harness.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const DOUBLE_BIN = process.env.KASSA_DOUBLE_BIN ?? join(ROOT, 'target/debug/kassa-gateway-double');

/** Starts one gateway's double; resolves to its processor settings and a stop. */
async function startDouble(gateway) {
  const child = spawn(DOUBLE_BIN, [gateway], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = await Promise.race([
    (async () => {
      for await (const first of createInterface({ input: child.stdout })) return [first];
      return [undefined];
    })(),
    new Promise((_, fail) => setTimeout(() => fail(new Error(`${gateway} double did not start`)), 10_000)),
  ]);
  return { settings: JSON.parse(line), stop: () => child.kill('SIGTERM') };
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const GATEWAYS = [
  { name: 'stripe', card: '4242 4242 4242 4242', last4: '4242', holderId: false },
  { name: 'creditguard', card: '4580 4580 4580 4580', last4: '4580', holderId: true },
  { name: 'icount', card: '4580 0000 0000 0000', last4: '0000', holderId: true },
];

for (const gateway of GATEWAYS) {
  test(`a shopper pays through ${gateway.name} and lands on the success URL with the signed callback`, async () => {
    const double = await startDouble(gateway.name);
    const merchant = await startMerchant();
    const kassa = await startKassa(
      merchant,
      { KASSA_PROCESSOR_CONFIG: JSON.stringify(double.settings.config) },
      { merchantArgs: ['--processor', double.settings.processor] },
    );
    try {
      const invoice = await kassa.createInvoice({ currency: 'ILS', amount: '150.00' });
      const context = await browser.newContext({ locale: 'en-US' });
      const checkout = new CheckoutPage(await context.newPage());
      await checkout.open(kassa.base, invoice.id);
      await checkout.waitForScreen('form');
      await checkout.fillCard({ number: gateway.card });
      assert.equal(await checkout.byTestId('holder-id').count(), gateway.holderId ? 1 : 0,
        'the ID number is asked exactly when the gateway needs it');
      if (gateway.holderId) {
        assert.equal(await checkout.page.locator('label[for="holder-id"]').textContent(), 'ID number');
        await checkout.fill('holder-id', '123456789');
        await checkout.byTestId('card-number').focus();
        assert.match(await checkout.errorOf('holder-id'), /\S/, 'a wrong check digit is caught as the shopper types');
        await checkout.fill('holder-id', '123456782');
      }
      await checkout.fillAddress();
      const violations = await checkout.accessibilityViolations();
      assert.deepEqual(violations, [], 'axe-core finds no violation on the form');
      await screenshot(checkout.page, `gateway-${gateway.name}-form`);
      await checkout.pay();
      await checkout.page.waitForURL(`${merchant.base}/success?**`);
      assert.equal(await checkout.byTestId('merchant-page').textContent(), 'success');

      const callback = await merchant.callbackFor(invoice.id, 'invoice.paid');
      assert.ok(signatureIsValid(callback, kassa.callbackSecret), 'Kassa-Signature verifies');
      const event = JSON.parse(callback.raw);
      assert.equal(event.invoice.status, 'paid');
      assert.equal(event.invoice.amount, '150.00');
      assert.equal(event.invoice.card.last4, gateway.last4);
      assert.ok(event.invoice.transaction_ref, 'the gateway\'s reference is recorded');
      assert.ok(!callback.raw.toString().includes(gateway.card.replaceAll(' ', '')), 'no card number in the callback');
      assert.ok(!kassa.log.join('').includes(gateway.card.replaceAll(' ', '')), 'no card number in Kassa\'s log');
      await context.close();
    } finally {
      await kassa.stop();
      await merchant.close();
      double.stop();
    }
  });
}
