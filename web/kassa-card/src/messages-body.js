// The messages of the Kassa API: one catalog per language, written by
// `cargo xtask js` from kassa-card's own messages (the ones the server
// sends), so browser and server never word an error differently.
//
// The card module returns stable codes only. English is always there; a
// browser fetches another language's catalog (about 1 KB) only when
// `loadMessages(locale)` asks for it, instead of every page carrying all
// five languages inside the module. Node loads all of them up front.
//
// `cargo xtask js` wraps this body for CommonJS (Node) and ES modules
// (browsers); `wasm` is the card module, `catalogs` maps a language to its
// catalog, and `fetchCatalog(language)` returns a promise of one.

const CARD_FIELDS = ["number", "expiry", "cvv", "name"];

// The language whose messages `tag` gets, as the core decides it.
function languageOf(tag) {
  return wasm.messageLocale(typeof tag === "string" ? tag : undefined);
}

function catalogFor(tag) {
  const language = languageOf(tag);
  const catalog = catalogs[language];
  if (catalog === undefined) {
    throw new Error(
      `kassa-card: the "${language}" messages are not loaded: await loadMessages("${language}") first`,
    );
  }
  return catalog;
}

function validateCard(card, options) {
  // Looked up first, so an unloaded language fails before any work.
  const catalog = catalogFor(options == null ? undefined : options.locale);
  const result = wasm.validateCard(card, options);
  for (const field of CARD_FIELDS) {
    const outcome = result[field];
    if (outcome != null) outcome.message = outcome.code === null ? null : catalog[outcome.code];
  }
  return result;
}

function errorMessage(code, locale) {
  return catalogFor(locale)[code];
}

async function loadMessages(locale) {
  const language = languageOf(locale);
  if (catalogs[language] === undefined) catalogs[language] = await fetchCatalog(language);
  return language;
}
