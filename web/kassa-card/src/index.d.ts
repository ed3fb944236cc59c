// Node's `kassa-card`: the card module and the extras module together.
// (Browsers get web/index.d.ts: the card module only; extras from `kassa-card/extras`.)
export * from "./node/kassa_card_wasm.js";
export * from "./node/kassa_card_extras.js";
/** Browsers only (a no-op elsewhere): loads the .wasm; await it once before any other call. */
export declare function init(input?: unknown): Promise<void>;
export * from "./messages.js";
