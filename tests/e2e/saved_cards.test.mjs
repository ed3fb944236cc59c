// Saved cards on the hosted checkout page, end to end: the shopper's consent
// (a box to tick, or a notice when the merchant requires it), the card kept
// for the merchant's customer, and a returning customer paying with it and
// a fresh security code. Debian's Chromium against a real kassa-server and a
// mock merchant on loopback; screenshots land in target/e2e-artifacts/.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';

import { CheckoutPage } from './checkout_page.mjs';
import { launchBrowser, screenshot, startKassa, startMerchant } from './harness.mjs';

const MASTERCARD = '5555 5555 5555 4444';

let merchant;
let kassa;
let browser;
// The returning customer of the first tests, and the card kept for them.
const returning = newCustomer();
let savedCardId;

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

function newCustomer() {
  return `cus-e2e-${randomBytes(6).toString('hex')}`;
}

async function shopper(options = {}) {
  const context = await browser.newContext({ locale: 'en-US', ...options });
  const page = await context.newPage();
  return new CheckoutPage(page);
}

/** The merchant API, with the merchant's API key: the answer's JSON. */
async function merchantApi(path) {
  const response = await fetch(`${kassa.base}${path}`, {
    headers: { authorization: `Bearer ${kassa.apiKey}` },
  });
  const body = await response.json();
  assert.equal(response.status, 200, `GET ${path}: ${JSON.stringify(body)}`);
  return body;
}

async function savedCardsOf(customer) {
  return (await merchantApi(`/api/v1/customers/${encodeURIComponent(customer)}/payment_methods`)).data;
}

function assertNoPageProblems(checkout) {
  const real = checkout.problems.filter((text) => !text.startsWith('Failed to load resource'));
  assert.deepEqual(real, [], 'no script error and no CSP violation');
}

async function assertAccessible(checkout, screen) {
  const violations = await checkout.accessibilityViolations();
  assert.deepEqual(violations, [], `axe-core finds no violation on the ${screen} screen`);
}

/** Pays, and resolves to the JSON body the page sent once it is on the success URL. */
async function payAndSucceed(checkout) {
  const sent = checkout.page.waitForRequest((request) => request.url().endsWith('/pay'));
  await checkout.pay();
  const body = (await sent).postDataJSON();
  await checkout.page.waitForURL(`${merchant.base}/success?**`);
  return body;
}

test('a shopper who ticks the box has the card kept for the merchant', async () => {
  const invoice = await kassa.createInvoice({ customer: returning, save_card: 'optional' });
  const checkout = await shopper();
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');

  const box = checkout.byTestId('save-card');
  assert.equal(await box.getAttribute('type'), 'checkbox');
  assert.equal(await box.isChecked(), false, 'unticked until the shopper ticks it');
  assert.equal(
    (await checkout.page.locator('label[for="save-card"]').textContent()).trim(),
    'Save this card for future payments to Atelier Lumière',
  );
  assert.match(await checkout.byTestId('save-card-terms').textContent(), /charge it later.*delete it/);
  assert.match(await box.getAttribute('aria-describedby'), /save-card-terms/);
  assert.equal(await checkout.byTestId('saved-cards').count(), 0, 'nothing saved yet to offer');
  assert.equal(await checkout.byTestId('save-card-notice').count(), 0);

  await checkout.fillCard();
  await checkout.fillAddress();
  // Clicking the words ticks the box: they are its label.
  await checkout.page.locator('label[for="save-card"]').click();
  assert.equal(await box.isChecked(), true);
  await assertAccessible(checkout, 'consent');
  await screenshot(checkout.page, 'saved-cards-consent');

  const sent = await payAndSucceed(checkout);
  assert.equal(sent.save_card, true, 'the consent is sent');
  assert.equal(sent.payment_method, undefined);

  const cards = await savedCardsOf(returning);
  assert.equal(cards.length, 1, JSON.stringify(cards));
  assert.equal(cards[0].last4, '4242');
  assert.equal(cards[0].brand, 'visa');
  assert.equal(cards[0].customer, returning);
  assert.ok(!JSON.stringify(cards).includes('4242424242424242'), 'never the number');
  savedCardId = cards[0].id;
  assert.match(savedCardId, /^pm_/);
  assertNoPageProblems(checkout);
  await checkout.page.context().close();
});

test('a returning customer pays with the saved card and only its security code', async () => {
  assert.ok(savedCardId, 'the first test saved a card');
  const invoice = await kassa.createInvoice({ customer: returning, offer_saved: true });
  const checkout = await shopper();
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');

  const choice = checkout.byTestId('saved-cards');
  await choice.waitFor();
  assert.equal((await choice.locator('legend').textContent()).trim(), 'Pay with');
  const saved = checkout.byTestId(`saved-card-${savedCardId}`);
  assert.equal(await saved.isChecked(), true, 'the saved card is chosen from the start');
  assert.equal(await checkout.byTestId('new-card').isChecked(), false);
  // Named as a screen reader says it: brand, last four, expiry.
  const named = checkout.page.getByRole('radio', { name: 'Visa •••• 4242 expires 12/30', exact: true });
  assert.equal(await named.getAttribute('data-testid'), `saved-card-${savedCardId}`);
  assert.equal(await checkout.page.getByRole('radio', { name: 'A new card', exact: true }).count(), 1);
  // Only the security code is asked for.
  assert.equal(await checkout.byTestId('card-number').count(), 0);
  assert.equal(await checkout.byTestId('card-expiry').count(), 0);
  assert.equal(await checkout.byTestId('card-name').count(), 0);
  assert.equal(await checkout.byTestId('card-cvv').getAttribute('maxlength'), '3', "Visa's code length");
  assert.equal(await checkout.byTestId('save-card').count(), 0, 'no box for a card kept already');
  await assertAccessible(checkout, 'saved cards');
  await screenshot(checkout.page, 'saved-cards-choice');

  // A new card brings the card fields (and the box, were it offered) back, and back again.
  await checkout.byTestId('new-card').check();
  await checkout.byTestId('card-number').waitFor();
  assert.equal(await saved.isChecked(), false);
  await saved.check();
  await checkout.byTestId('card-number').waitFor({ state: 'detached' });

  await checkout.fill('card-cvv', '123');
  await checkout.fillAddress();
  const sent = await payAndSucceed(checkout);
  assert.equal(sent.payment_method, savedCardId);
  assert.equal(sent.card.cvv, '123');
  assert.equal(sent.card.number, '');
  assert.equal(sent.card.expiry, '');
  assert.equal(sent.save_card, undefined);

  const paid = await merchantApi(`/api/v1/invoices/${invoice.id}`);
  assert.equal(paid.payment_method, savedCardId, 'the invoice was paid with the saved card');
  assert.equal((await savedCardsOf(returning)).length, 1, 'still one card');
  assertNoPageProblems(checkout);
  await checkout.page.context().close();
});

test('a shopper who leaves the box unticked has nothing kept', async () => {
  const invoice = await kassa.createInvoice({ customer: returning, save_card: 'optional' });
  const checkout = await shopper();
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');
  assert.equal(await checkout.byTestId('save-card').isChecked(), false);
  await checkout.fillCard({ number: MASTERCARD });
  await checkout.fillAddress();
  const sent = await payAndSucceed(checkout);
  assert.equal(sent.save_card, undefined, 'no consent sent');

  const cards = await savedCardsOf(returning);
  assert.deepEqual(cards.map((card) => card.last4), ['4242'], 'the customer did not gain a card');
  await checkout.page.context().close();
});

test('when the merchant requires it, a notice says the card will be kept, and paying keeps it', async () => {
  const customer = newCustomer();
  const invoice = await kassa.createInvoice({ customer, save_card: 'required' });
  const checkout = await shopper();
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');

  const notice = checkout.byTestId('save-card-notice');
  assert.match(
    await notice.textContent(),
    /^This card will be saved for future payments to Atelier Lumière\..*charge it later.*delete it/,
  );
  assert.equal(await checkout.page.locator('input[type=checkbox]').count(), 0, 'no box to tick');
  assert.equal(await checkout.byTestId('pay-button').getAttribute('aria-describedby'), await notice.getAttribute('id'));
  // Above the pay button.
  const [noticeBox, buttonBox] = [await notice.boundingBox(), await checkout.byTestId('pay-button').boundingBox()];
  assert.ok(noticeBox.y + noticeBox.height <= buttonBox.y, 'the notice comes before the button');
  await checkout.fillCard();
  await checkout.fillAddress();
  await assertAccessible(checkout, 'required consent');
  await screenshot(checkout.page, 'saved-cards-required');

  const sent = await payAndSucceed(checkout);
  assert.equal(sent.save_card, true);
  const cards = await savedCardsOf(customer);
  assert.equal(cards.length, 1);
  assert.equal(cards[0].last4, '4242');
  assert.equal(cards[0].brand, 'visa');
  assertNoPageProblems(checkout);
  await checkout.page.context().close();
});

test('the Hebrew page asks for consent in Hebrew, right to left', async () => {
  const invoice = await kassa.createInvoice({
    customer: newCustomer(), save_card: 'optional', locale: 'he', currency: 'ILS', amount: '120.00',
  });
  const checkout = await shopper();
  await checkout.open(kassa.base, invoice.id);
  await checkout.waitForScreen('form');
  assert.equal(await checkout.page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await checkout.page.getAttribute('html', 'lang'), 'he');
  const label = checkout.page.locator('label[for="save-card"]');
  const text = (await label.textContent()).trim();
  assert.equal(text, 'שמירת הכרטיס לתשלומים עתידיים אצל Atelier Lumière');
  assert.match(await checkout.byTestId('save-card-terms').textContent(), /[\u0590-\u05FF]/, 'the terms are in Hebrew too');
  assert.equal(await label.evaluate((element) => getComputedStyle(element).direction), 'rtl');
  // The box sits at the start of the line, which is the right in Hebrew.
  const [box, words] = [await checkout.byTestId('save-card').boundingBox(), await label.boundingBox()];
  assert.ok(box.x > words.x, 'the box is to the right of its words');
  await checkout.fillCard();
  await assertAccessible(checkout, 'Hebrew consent');
  await screenshot(checkout.page, 'saved-cards-hebrew');
  assertNoPageProblems(checkout);
  await checkout.page.context().close();
});
