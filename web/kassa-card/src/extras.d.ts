// `kassa-card/extras`: amounts, installments, postal codes, countries, currencies.
export * from "./node/kassa_card_extras.js";
/** Browsers only (a no-op elsewhere): loads the second .wasm; await it once before any other call. */
export declare function init(input?: unknown): Promise<void>;
