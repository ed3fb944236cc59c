// A page object for the hosted checkout page: what a shopper does, named as
// a shopper would say it, selecting by data-testid.

import AxeBuilder from '@axe-core/playwright';

export const VISA = '4242 4242 4242 4242';

export class CheckoutPage {
  constructor(page) {
    this.page = page;
    this.problems = [];
    // Any CSP violation or script error fails the test that caused it.
    page.on('console', (message) => {
      if (message.type() === 'error') this.problems.push(message.text());
    });
    page.on('pageerror', (error) => this.problems.push(String(error)));
  }

  byTestId(id) {
    return this.page.locator(`[data-testid="${id}"]`);
  }

  async open(base, invoiceId, query = '') {
    await this.page.goto(`${base}/pay/${invoiceId}${query}`);
  }

  async waitForScreen(name) {
    await this.byTestId(`screen-${name}`).waitFor({ state: 'visible', timeout: 15_000 });
  }

  async fill(testId, text) {
    const input = this.byTestId(testId);
    await input.click();
    await input.fill('');
    await input.pressSequentially(text);
  }

  /** Types a complete, valid payment (the email is prefilled by the merchant). */
  async fillCard({ number = VISA, expiry = '12/30', cvv = '123', name = 'Ada Lovelace' } = {}) {
    await this.fill('card-number', number);
    await this.fill('card-expiry', expiry);
    await this.fill('card-cvv', cvv);
    await this.fill('card-name', name);
  }

  async fillAddress({ country = 'FR', line1 = '1 rue de Rivoli', city = 'Paris', postal = '75001' } = {}) {
    await this.byTestId('country').selectOption(country);
    await this.fill('address-line1', line1);
    await this.fill('city', city);
    await this.fill('postal-code', postal);
  }

  async pay() {
    await this.byTestId('pay-button').click();
  }

  async errorOf(testId) {
    return (await this.byTestId(`${testId}-error`).textContent()).trim();
  }

  /** Runs axe-core on the page as it is; returns the violations. */
  async accessibilityViolations() {
    const results = await new AxeBuilder({ page: this.page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    return results.violations.map((violation) => ({
      id: violation.id,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(' ')),
    }));
  }
}
