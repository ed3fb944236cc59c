// Type-checked with `tsc --noEmit --strict` against the shipped declarations.
import { validateCard, detectBrands, formatCardNumber, validateAmount, type CardValidation } from "kassa-card";
import valid, { number, creditCardType, type CardNumberVerification } from "kassa-card/compat";

const result: CardValidation = validateCard({ number: "4242 4242 4242 4242", expiry: "12/30" }, { today: "2026-11-21", locale: "fr" });
const code: string | null = result.number ? result.number.code : null;
const brands: string[] = detectBrands("4").brands.map((brand) => brand.id);
const caret: number = formatCardNumber("4242", 4, undefined).caret;
const minor: number | null = validateAmount("1.00", "EUR", undefined).minorUnits;
const check: CardNumberVerification = number("4111111111111111");
const type: string | undefined = check.card?.type;
const same: boolean = valid.number("4").isPotentiallyValid;
const all: number = creditCardType("").length;
console.log(code, brands, caret, minor, type, same, all);
