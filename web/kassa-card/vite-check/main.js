// Both APIs, imported the way web/kassa-card/README.md tells bundler users:
// the browser entry points, each with its own init() that fetches its own
// WebAssembly module (Vite emits the .wasm as an asset and rewrites its URL).
import {
  init,
  validateCard,
  detectBrands,
  formatCardNumber,
  errorMessage,
  loadMessages,
} from "kassa-card";
import valid, { init as initCompat, number } from "kassa-card/compat";

const show = (testid, value) => {
  document.querySelector(`[data-testid="${testid}"]`).textContent =
    typeof value === "string" ? value : JSON.stringify(value);
};

try {
  await Promise.all([init(), initCompat()]);

  const card = validateCard(
    { number: "4242 4242 4242 4242", expiry: "12/30", cvv: "123" },
    { today: "2026-01-01" },
  );
  show("kassa-valid", card.valid);
  show("kassa-brand", card.brand.id);
  show("kassa-checksum", validateCard({ number: "4242 4242 4242 4241" }).number.code);
  show("kassa-detect", detectBrands("5").brands.map((brand) => brand.id));
  show("kassa-format", formatCardNumber("4242424242", 10));

  // English comes with the entry; French is fetched on demand, and asking
  // for it before it is loaded is an error, not a silent English message.
  const wrong = { number: "4242 4242 4242 4241" };
  show("kassa-message-en", validateCard(wrong).number.message);
  let early = "no error";
  try {
    validateCard(wrong, { locale: "fr" });
  } catch (error) {
    early = String(error.message);
  }
  show("kassa-message-early", early);
  show("kassa-message-loaded", await loadMessages("fr-CA"));
  show("kassa-message-fr", validateCard(wrong, { locale: "fr" }).number.message);
  show("kassa-message-code", errorMessage("expiry.in_past", "fr"));

  const prefix = number("4111");
  show("compat-prefix", { isPotentiallyValid: prefix.isPotentiallyValid, isValid: prefix.isValid });
  const full = valid.number("4111 1111 1111 1111");
  show("compat-full", { isValid: full.isValid, type: full.card.type });
  show("compat-type", valid.creditCardType("4111").map((type) => type.type));

  show("status", "ready");
} catch (error) {
  show("status", `error: ${error}`);
  throw error;
}
