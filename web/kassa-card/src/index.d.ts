export * from "./node/kassa_card_wasm.js";
/** Browsers only (a no-op elsewhere): loads the .wasm; await it once before any other call. */
export declare function init(input?: unknown): Promise<void>;
