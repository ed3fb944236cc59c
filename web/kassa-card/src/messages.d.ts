/**
 * The message for a stable error code (`undefined` for an unknown code) in
 * `locale`: `en`, `fr`, `he`, `es` or `de`, any region (`es-MX`), English for
 * other languages. In a browser, a language other than English must be
 * loaded first with `loadMessages`, or this throws.
 */
export declare function errorMessage(code: string, locale?: string): string | undefined;
/**
 * Loads the messages of `locale` (a no-op in Node, where all are loaded, and
 * for English); resolves to the language whose messages will be used.
 */
export declare function loadMessages(locale: string): Promise<string>;
