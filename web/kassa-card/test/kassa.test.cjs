"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const kassa = require("kassa-card");

const today = "2026-11-21";

test("validateCard reports every field with stable codes", () => {
  const ok = kassa.validateCard({ number: "4242 4242 4242 4242", expiry: "12/30", cvv: "123", name: "Ada Lovelace" }, { today });
  assert.equal(ok.valid, true);
  assert.equal(ok.brand.id, "visa");
  const bad = kassa.validateCard({ number: "4242 4242 4242 4241", expiry: "10/26", cvv: "12", name: "" }, { today });
  assert.equal(bad.valid, false);
  assert.equal(bad.number.code, "card_number.checksum");
  assert.equal(bad.expiry.code, "expiry.in_past");
  assert.equal(bad.cvv.code, "cvv.length");
  assert.equal(bad.cvv.potentiallyValid, true);
  assert.equal(bad.name.code, "name.empty");
  assert.equal(bad.name.potentiallyValid, true);
});

test("messages come in English, French, Hebrew, Spanish and German", () => {
  const card = { number: "4242 4242 4242 4241" };
  const en = kassa.validateCard(card, { today }).number.message;
  const fr = kassa.validateCard(card, { today, locale: "fr" }).number.message;
  const he = kassa.validateCard(card, { today, locale: "he-IL" }).number.message;
  const es = kassa.validateCard(card, { today, locale: "es-MX" }).number.message;
  const de = kassa.validateCard(card, { today, locale: "de-AT" }).number.message;
  assert.match(en, /not valid/);
  assert.match(fr, /n'est pas valide/);
  assert.notEqual(he, en);
  assert.match(es, /no es válido/);
  assert.match(de, /ungültig/);
  assert.equal(kassa.errorMessage("expiry.in_past", "fr"), "Cette carte a expiré.");
  assert.equal(kassa.errorMessage("expiry.in_past", "es"), "Esta tarjeta ha caducado.");
  assert.equal(kassa.errorMessage("expiry.in_past", "de"), "Diese Karte ist abgelaufen.");
  for (const code of kassa.errorCodes()) {
    const english = kassa.errorMessage(code, "en");
    for (const locale of ["fr", "he", "es", "de"]) {
      assert.notEqual(kassa.errorMessage(code, locale), english, `${code} in ${locale}`);
    }
  }
  assert.ok(kassa.errorCodes().includes("postal_code.format"));
});

test("today defaults to the clock and accepts a Date", () => {
  const past = kassa.validateCard({ expiry: "01/20" });
  assert.equal(past.expiry.code, "expiry.in_past");
  const asDate = kassa.validateCard({ expiry: "12/26" }, { today: new Date(2026, 10, 21) });
  assert.equal(asDate.expiry.valid, true);
  assert.throws(() => kassa.validateCard({ expiry: "12/26" }, { today: "2026-13-01" }));
});

test("typing a number keeps it potentially valid and detects brands", () => {
  const typing = kassa.validateCard({ number: "3782" }, { today });
  assert.equal(typing.number.potentiallyValid, true);
  assert.equal(typing.number.valid, false);
  assert.equal(typing.brand.id, "american-express");
  const detected = kassa.detectBrands("5");
  assert.ok(detected.brands.length >= 2);
  assert.equal(detected.primary, null);
  assert.equal(kassa.detectBrands("4").primary, "visa");
});

test("formatting returns text and caret", () => {
  assert.deepEqual(kassa.formatCardNumber("4242424242", 10), { text: "4242 4242 42", caret: 12 });
  assert.deepEqual(kassa.formatCardNumber("42424242", 4, "deleteContentBackward"), { text: "4244 242", caret: 3 });
  const expiry = kassa.formatExpiry("1230", 4);
  assert.equal(typeof expiry.text, "string");
  assert.equal(typeof expiry.caret, "number");
});

test("masking, brands, amounts, installments, postal codes, countries, currencies", () => {
  assert.equal(kassa.maskCardNumber("4242 4242 4242 4242"), "424242******4242");
  assert.equal(kassa.maskCardNumber("4242"), undefined);
  assert.equal(kassa.brands().length, 20);
  assert.deepEqual(kassa.validateAmount("15.04", "EUR"), { valid: true, code: null, message: null, value: "15.04", minorUnits: 1504, currency: "EUR" });
  assert.equal(kassa.validateAmount("15.045", "EUR").code, "amount.too_precise");
  assert.equal(kassa.validateAmount("1", "XXQ").code, "currency.unknown");
  const plan = kassa.installmentPlan("100.00", 3, undefined, "USD");
  assert.equal(plan.valid, true);
  assert.deepEqual(plan.payments, ["33.34", "33.33", "33.33"]);
  assert.equal(kassa.installmentPlan("100.00", 0, undefined, "USD").code, "installments.count");
  assert.equal(kassa.validatePostalCode("94107", "US").valid, true);
  assert.equal(kassa.validatePostalCode("ABC", "US").code, "postal_code.format");
  assert.equal(kassa.validatePostalCode("1", "ZZ").code, "country.unknown");
  assert.ok(kassa.countries().some((country) => country.code === "IL"));
  assert.ok(kassa.currencies().some((currency) => currency.code === "JPY" && currency.minorUnits === 0));
});

test("the ES module entry point loads without init", async () => {
  const esm = await import("kassa-card");
  assert.equal(esm.validateCard({ number: "4242424242424242" }).valid, true);
  const compat = await import("kassa-card/compat");
  assert.equal(compat.default.number("4111111111111111").isValid, true);
  assert.equal(compat.number("4111111111111111").card.type, "visa");
});

test("kassa-card/extras has the tables and the amounts on its own", async () => {
  const extras = require("kassa-card/extras");
  assert.equal(extras.validatePostalCode("94107", "US").valid, true);
  assert.equal(typeof extras.validateCard, "undefined");
  const esm = await import("kassa-card/extras");
  assert.equal(esm.validateAmount("1.5", "JPY").code, "amount.too_precise");
  assert.ok(esm.currencies().length > 100);
});

test("in Node every language is loaded; loadMessages names the language it resolves to", async () => {
  assert.equal(await kassa.loadMessages("de-AT"), "de");
  assert.equal(await kassa.loadMessages("pt-BR"), "en");
  const result = kassa.validateCard({ cvv: "1" }, { locale: "he" });
  assert.equal(result.cvv.code, "cvv.length");
  assert.equal(result.cvv.message, kassa.errorMessage("cvv.length", "he"));
  assert.equal(kassa.errorMessage("no.such_code", "fr"), undefined);
});
