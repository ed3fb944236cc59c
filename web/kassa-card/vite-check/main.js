// Both APIs, imported the way web/kassa-card/README.md tells bundler users:
// the browser entry points, each with its own init() that fetches its own
// WebAssembly module (Vite emits the .wasm as an asset and rewrites its URL).
import { init, validateCard, detectBrands, formatCardNumber } from "kassa-card";
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
