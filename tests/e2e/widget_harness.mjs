// The widget's test bench: merchant sites, each a Node http server on its own
// port (its own origin), whose checkout page embeds the Kassa widget the way
// docs/embedding.md tells merchants to: widget.js from the Kassa origin with
// its integrity hash, under a CSP that allows that origin in script-src and
// frame-src and nothing else. The page's own script (/merchant.js) records
// every widget event and every message the window receives, for the tests to
// read; a third site can play the attacker (/evil.html).

import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

import { launchBrowser, startKassa, startMerchant } from './harness.mjs';

/** `sha384-…` of `bytes`, as a browser checks `integrity`. */
export function sri(bytes) {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

const MERCHANT_JS = `
'use strict';
// Every widget event, kept across a navigation of the top window too.
window.kassaEvents = JSON.parse(sessionStorage.getItem('kassaEvents') || '[]');
window.rawMessages = [];
window.addEventListener('message', (event) => {
  window.rawMessages.push({ origin: event.origin, data: event.data, fromWidgetFrame: event.source === document.querySelector('#pay iframe')?.contentWindow });
});
function record(name) {
  return (detail) => {
    window.kassaEvents.push({ name, detail, iframeHeight: document.querySelector('#pay iframe')?.getBoundingClientRect().height });
    sessionStorage.setItem('kassaEvents', JSON.stringify(window.kassaEvents));
    const item = document.createElement('li');
    item.setAttribute('data-testid', 'widget-event');
    item.textContent = name + ' ' + detail.status;
    document.getElementById('events').appendChild(item);
  };
}
const pay = document.getElementById('pay');
const options = {
  invoice: pay.dataset.invoice,
  onReady: record('ready'), onSuccess: record('success'), onPending: record('pending'),
  onFailure: record('failure'), onCancel: record('cancel'),
};
if (pay.dataset.redirect) options.redirect = pay.dataset.redirect;
if (pay.dataset.locale) options.locale = pay.dataset.locale;
if (pay.dataset.accent) options.appearance = { accent: pay.dataset.accent };
if (pay.dataset.kassaUrl) options.kassaUrl = pay.dataset.kassaUrl;
window.kassaHandle = (window.kassaMount || Kassa.mount)('#pay', options);
window.kassaHandle.on('resize', record('resize'));
// A message to itself, in the widget's format: the widget must ignore it.
window.postMessage({ source: 'kassa', type: 'status', status: 'succeeded', invoice: pay.dataset.invoice }, '*');
`;

const EVIL_JS = `
'use strict';
const invoice = new URLSearchParams(location.search).get('invoice');
// Everything a page on another origin could try: the widget's own messages,
// with the right invoice id, over and over.
setInterval(() => {
  parent.postMessage({ source: 'kassa', type: 'ready', status: 'paid', invoice, height: 5 }, '*');
  parent.postMessage({ source: 'kassa', type: 'resize', invoice, height: 5 }, '*');
  parent.postMessage({ source: 'kassa', type: 'status', status: 'succeeded', invoice, redirect_url: 'javascript:alert(1)' }, '*');
}, 100);
`;

function html(title, body, csp) {
  return {
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp },
    body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`,
  };
}

/**
 * A merchant site on its own port. `config.kassa` (the Kassa origin) and
 * `config.integrity` (widget.js's hash) are read per request, so the site can
 * start before Kassa, which must know its origin.
 *
 * Pages: `/checkout?invoice=…[&redirect=…][&locale=…][&accent=…][&kassaUrl=…]
 * [&evil=<origin>][&module=1]`,
 * `/merchant.js`, `/evil.html?invoice=…`, and any other path a plain page
 * naming it (`/success`, `/cancel`, …).
 */
export async function startSite(config) {
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://site');
    const query = url.searchParams;
    const { kassa } = config;
    let answer;
    if (url.pathname === '/checkout') {
      const evil = query.get('evil');
      const framed = [kassa, evil, query.get('kassaUrl')].filter(Boolean).join(' ');
      const csp = `default-src 'none'; script-src 'self' ${kassa}; frame-src ${framed}; `
        + "connect-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'";
      const data = ['invoice', 'redirect', 'locale', 'accent', 'kassaUrl']
        .filter((name) => query.get(name))
        .map((name) => ` data-${name.replace(/[A-Z]/g, (upper) => `-${upper.toLowerCase()}`)}="${query.get(name).replace(/[^\w#:./-]/g, '')}"`)
        .join('');
      const attacker = evil
        ? `<iframe title="advert" src="${evil}/evil.html?invoice=${encodeURIComponent(query.get('invoice'))}"></iframe>`
        : '';
      const scripts = query.get('module')
        ? '<script type="module" src="/merchant-module.mjs"></script>'
        : `<script src="${kassa}/widget.js" integrity="${config.integrity}" crossorigin="anonymous"></script>`
          + '<script src="/merchant.js"></script>';
      answer = html('Checkout', `<main><h1>Checkout</h1><div id="pay" data-testid="pay"${data}></div>`
        + `<ol id="events"></ol>${attacker}</main>${scripts}`, csp);
    } else if (url.pathname === '/merchant.js') {
      answer = { headers: { 'content-type': 'text/javascript' }, body: MERCHANT_JS };
    } else if (url.pathname === '/merchant-module.mjs') {
      const body = `import { mount } from '${kassa}/widget.mjs';\nwindow.kassaMount = mount;\n`
        + `await import('/merchant.js');\n`;
      answer = { headers: { 'content-type': 'text/javascript' }, body };
    } else if (url.pathname === '/evil.html') {
      answer = html('Advert', '<p>An advert</p><script src="/evil.js"></script>', "default-src 'none'; script-src 'self'");
    } else if (url.pathname === '/evil.js') {
      answer = { headers: { 'content-type': 'text/javascript' }, body: EVIL_JS };
    } else {
      const page = url.pathname.slice(1);
      answer = html(`Shop: ${page}`, `<main><h1 data-testid="merchant-page">${page.replace(/\W/g, '')}</h1></main>`, "default-src 'none'");
    }
    response.writeHead(200, answer.headers).end(answer.body);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
  };
}

/**
 * A merchant's checkout page on `site` with the widget for `invoiceId`, in a
 * fresh browser context in `locale`, once the widget is ready: the page, the
 * widget's frame, and the script errors and CSP violations seen from the start.
 */
export async function openWidget(browser, site, invoiceId, locale = 'en-US') {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.goto(`${site.base}/checkout?${new URLSearchParams({ invoice: invoiceId })}`);
  await page.waitForFunction(() => window.kassaEvents?.some((event) => event.name === 'ready'));
  return { context, page, problems, widget: page.frameLocator('#pay iframe') };
}

/** Types a complete payment with `number` into the widget's frame, as a shopper does. */
export async function fillWidgetPayment(widget, number) {
  const fill = async (testId, text) => {
    const input = widget.locator(`[data-testid="${testId}"]`);
    await input.click();
    await input.pressSequentially(text);
  };
  await fill('card-number', number);
  await fill('card-expiry', '12/30');
  await fill('card-cvv', '123');
  await fill('card-name', 'Ada Lovelace');
  await widget.locator('[data-testid="country"]').selectOption('FR');
  await fill('address-line1', '1 rue de Rivoli');
  await fill('city', 'Paris');
  await fill('postal-code', '75001');
}

/**
 * The whole bench for a test file that pays on the hosted page and in the
 * widget: a mock merchant for callbacks, a merchant site embedding the
 * widget (its origin listed), Kassa, and Chromium. `stop()` ends them all.
 */
export async function startBench() {
  const config = { kassa: '', integrity: '' };
  const merchant = await startMerchant();
  const shop = await startSite(config);
  const kassa = await startKassa(merchant, {}, { embedOrigins: [shop.base] });
  config.kassa = kassa.base;
  config.integrity = sri(Buffer.from(await (await fetch(`${kassa.base}/widget.js`)).arrayBuffer()));
  const browser = await launchBrowser();
  return {
    merchant,
    shop,
    kassa,
    browser,
    async stop() {
      await browser.close();
      await kassa.stop();
      for (const server of [merchant, shop]) await server.close();
    },
  };
}
