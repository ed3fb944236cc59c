"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const valid = require("kassa-card/compat");

test("number() has card-validator's shape", () => {
  const result = valid.number("4111 1111 1111 1111");
  assert.equal(result.isValid, true);
  assert.equal(result.isPotentiallyValid, true);
  assert.equal(result.card.type, "visa");
  assert.equal(result.card.niceType, "Visa");
  assert.deepEqual(result.card.code, { name: "CVV", size: 3 });
  assert.deepEqual(valid.number("5"), { card: null, isPotentiallyValid: true, isValid: false });
  assert.deepEqual(valid.number("x"), { card: null, isPotentiallyValid: false, isValid: false });
});

test("expiry, cvv, postal code and name have card-validator's shapes", () => {
  const next = String(new Date().getFullYear() + 1);
  assert.deepEqual(valid.expirationDate(`12/${next}`), { isValid: true, isPotentiallyValid: true, month: "12", year: next });
  assert.deepEqual(valid.expirationMonth("13"), { isValid: false, isPotentiallyValid: false, isValidForThisYear: false });
  assert.equal(valid.expirationYear(next).isValid, true);
  assert.deepEqual(valid.cvv("1234", 4), { isValid: true, isPotentiallyValid: true });
  assert.deepEqual(valid.postalCode("94107"), { isValid: true, isPotentiallyValid: true });
  assert.deepEqual(valid.cardholderName("1234"), { isValid: false, isPotentiallyValid: true });
});

test("creditCardType exposes the 15 credit-card-type brands", () => {
  assert.equal(valid.creditCardType("").length, 15);
  assert.equal(valid.creditCardType.types.AMERICAN_EXPRESS, "american-express");
  assert.equal(valid.creditCardType.getTypeInfo("mir").niceType, "Mir");
  assert.equal(valid.creditCardType.getTypeInfo("nope"), null);
});
