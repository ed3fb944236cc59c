// Types for Kassa's checkout widget: `import { mount } from 'https://<kassa>/widget.mjs'`,
// or the global `Kassa` that `<script src="https://<kassa>/widget.js">` defines.
// See docs/embedding.md.

/** What the invoice is when the embedded page first shows it. */
export type ReadyStatus = 'open' | 'paid' | 'expired' | 'canceled' | 'failed' | 'pending' | 'not_found' | 'error';

/** A payment's outcome, or a cancel, as the embedded page reports it. */
export type OutcomeStatus = 'succeeded' | 'pending' | 'failed' | 'canceled';

/** What every handler receives. Nothing about the card, ever. */
export interface KassaEvent {
  /** The invoice id (`inv_…`). */
  invoice: string;
  /** The last status the page reported (`null` for a resize before `ready`). */
  status: ReadyStatus | OutcomeStatus | null;
}

/** `ready`: the page shows its first screen. */
export interface ReadyEvent extends KassaEvent {
  status: ReadyStatus;
  /** The page's content height in CSS pixels. */
  height: number;
}

/** `resize`: the page's content height changed; the iframe already follows it. */
export interface ResizeEvent extends KassaEvent {
  height: number;
}

/** `success`, `pending`, `failure` and `cancel`. */
export interface OutcomeEvent extends KassaEvent {
  status: OutcomeStatus;
  /**
   * Where the hosted page would have sent the shopper (the invoice's
   * success, pending, failure or cancel URL, with `invoice_id`, `status` and
   * `signature` appended). With `redirect: 'always'` the widget goes there.
   */
  redirect_url?: string;
}

/** The handle's events and what each handler receives. */
export interface KassaEventMap {
  ready: ReadyEvent;
  resize: ResizeEvent;
  success: OutcomeEvent;
  pending: OutcomeEvent;
  failure: OutcomeEvent;
  cancel: OutcomeEvent;
}

export type KassaEventName = keyof KassaEventMap;

/** `Kassa.mount`'s options. */
export interface MountOptions {
  /** The invoice to pay (`inv_…`), created by the merchant's server. */
  invoice: string;
  /** The page's language: `en`, `fr`, `de`, `es` or `he`. Without it the page chooses as the hosted page does. */
  locale?: string;
  /** The merchant's look. */
  appearance?: {
    /** Buttons and focus rings: `#rgb` or `#rrggbb`. */
    accent?: string;
  };
  /**
   * `'if_required'` (the default): the top window never moves; the handlers
   * decide. `'always'`: after the handlers, the top window goes to the URL
   * the hosted page would have redirected to.
   */
  redirect?: 'if_required' | 'always';
  /** The Kassa server; default: where the widget was loaded from. */
  kassaUrl?: string;
  /** The iframe's accessible name; default "Secure payment form". */
  title?: string;
  onReady?: (event: ReadyEvent) => void;
  onResize?: (event: ResizeEvent) => void;
  onSuccess?: (event: OutcomeEvent) => void;
  onPending?: (event: OutcomeEvent) => void;
  onFailure?: (event: OutcomeEvent) => void;
  onCancel?: (event: OutcomeEvent) => void;
}

/** What `mount` returns. */
export interface KassaHandle {
  /** The invoice this handle shows. */
  readonly invoice: string;
  /** Adds a handler; returns the handle. */
  on<E extends KassaEventName>(event: E, handler: (event: KassaEventMap[E]) => void): KassaHandle;
  /** Removes a handler added with `on`; returns the handle. */
  off<E extends KassaEventName>(event: E, handler: (event: KassaEventMap[E]) => void): KassaHandle;
  /** Removes the iframe and every handler. */
  unmount(): void;
}

/**
 * Places the hosted checkout page of `options.invoice` in an iframe inside
 * `target` (a CSS selector or an element).
 *
 * @throws TypeError when `target` matches nothing or an option is invalid.
 */
export function mount(target: string | Element, options: MountOptions): KassaHandle;

/** The widget's version. */
export const version: string;

declare const widget: { mount: typeof mount; version: string };
export default widget;

declare global {
  /** Defined by the classic script `widget.js`. */
  var Kassa: {
    mount(target: string | Element, options: MountOptions): KassaHandle;
    readonly version: string;
  };
}
