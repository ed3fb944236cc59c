// The compatible API against card-validator 10.0.4 itself, on generated
// inputs. They must agree exactly, except for the differences listed in the
// package README (none of which these inputs reach).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const ours = require("kassa-card/compat");
const theirs = require("card-validator");

// A small deterministic generator, so a failure can be replayed.
let seed = 20261121;
function random() {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const digits = (n) => Array.from({ length: n }, () => Math.floor(random() * 10)).join("");

const realNumbers = [
  "4111111111111111", "4242424242424242", "5555555555554444", "2223003122003222", "378282246310005",
  "371449635398431", "30569309025904", "36227206271667", "6011111111111117", "6011000990139424",
  "3530111333300000", "6200000000000005", "6221261111111111", "6759649826438453", "5018000000000009",
  "6362970000457013", "2200000000000004", "6370950000000005", "6062826786276634", "5895620000000002",
  "5061000000000000", "9792000000000001", "6500520000000000", "4011780000000000", "8110000000000000",
];

// card-validator 10 exposes credit-card-type through __importStar: the function
// itself is `creditCardType.default`; ours is callable and has `default` too.
const typeOf = (lib) => lib.creditCardType.default;

function agree(name, call) {
  const a = call(ours);
  const b = call(theirs);
  assert.deepStrictEqual(a, b, name);
}

test("number() agrees on every prefix of real numbers, with separators and options", () => {
  const options = [undefined, { maxLength: 16 }, { skipLuhnValidation: true }, { luhnValidateUnionPay: true }, { maxLength: 12 }];
  let count = 0;
  for (const full of realNumbers) {
    for (let i = 0; i <= full.length + 2; i++) {
      const prefix = (full + "12").slice(0, i);
      const spaced = prefix.replace(/(\d{4})/g, "$1 ").trim();
      for (const value of [prefix, spaced, prefix.replace(/(\d{4})/g, "$1-")]) {
        for (const option of options) {
          agree(JSON.stringify([value, option]), (lib) => lib.number(value, option));
          count++;
        }
      }
    }
  }
  assert.ok(count > 2000);
});

test("number() agrees on random digits, random characters and non-strings", () => {
  const alphabet = "0123456789 -x\t.\u00a0+";
  for (let i = 0; i < 20000; i++) {
    const value = random() < 0.7 ? digits(Math.floor(random() * 21)) : Array.from({ length: Math.floor(random() * 8) }, () => pick(alphabet)).join("");
    agree(JSON.stringify(value), (lib) => lib.number(value));
  }
  for (const value of [null, undefined, 4111111111111111, 42, {}, [], true]) {
    agree(String(value), (lib) => lib.number(value));
  }
});

test("creditCardType() agrees on every short prefix", () => {
  for (let length = 0; length <= 4; length++) {
    for (let n = 0; n < 10 ** length; n++) {
      const value = length === 0 ? "" : String(n).padStart(length, "0");
      agree(value, (lib) => typeOf(lib)(value));
    }
  }
  for (let i = 0; i < 5000; i++) {
    const value = pick(["6", "65", "650", "50", "5061", "62", "81", "4", "22", "63"]) + digits(Math.floor(random() * 8));
    agree(value, (lib) => typeOf(lib)(value));
  }
});

test("expiration functions agree on expiry strings in every shape", () => {
  const year = new Date().getFullYear();
  const yy = (offset) => String((year + offset) % 100).padStart(2, "0");
  const values = ["", " ", "0", "1", "12", "13", "1/", "1 /", "02/", "12/2", "0122", "122", "1220", "120", "109", "12202", "112020"];
  for (let month = 0; month <= 13; month++) {
    for (let offset = -3; offset <= 22; offset++) {
      const m = String(month);
      const mm = m.padStart(2, "0");
      for (const text of [`${mm}/${yy(offset)}`, `${m}/${yy(offset)}`, `${mm} / ${year + offset}`, `${mm}${yy(offset)}`, `${m}${yy(offset)}`, `${mm} ${yy(offset)}`, `${mm} ${year + offset}`, `${year + offset}-${mm}`, `${mm}/${year + offset}`, `${mm}${year + offset}`, `${mm}  ${yy(offset)}`, `${mm}/${yy(offset)}/1`]) {
        values.push(text);
      }
    }
  }
  for (let i = 0; i < 3000; i++) values.push(Array.from({ length: Math.floor(random() * 7) }, () => pick("0123456789/ -")).join(""));
  for (const value of values) {
    for (const max of [undefined, 5, 30]) {
      agree(JSON.stringify([value, max]), (lib) => lib.expirationDate(value, max));
      agree(JSON.stringify([value, max]), (lib) => lib.expirationYear(value, max));
    }
    agree(JSON.stringify(value), (lib) => lib.expirationMonth(value));
  }
  for (const value of [{ month: "12", year: String(year + 1) }, { month: 1, year: year }, { month: "x" }, null, 1225]) {
    agree(JSON.stringify(value), (lib) => lib.expirationDate(value));
  }
});

test("cvv, postalCode and cardholderName agree", () => {
  for (let i = 0; i < 5000; i++) {
    const value = Array.from({ length: Math.floor(random() * 6) }, () => pick("0123456789a ")).join("");
    for (const max of [undefined, 3, 4, [3, 4], [4], []]) agree(JSON.stringify([value, max]), (lib) => lib.cvv(value, max));
    const postal = Array.from({ length: Math.floor(random() * 9) }, () => pick("0123456789abcXYZ -")).join("");
    for (const options of [undefined, { minLength: 3 }, { minLength: 5 }]) agree(JSON.stringify([postal, options]), (lib) => lib.postalCode(postal, options));
    const name = Array.from({ length: Math.floor(random() * 8) }, () => pick("ab 1-\u00e9\t")).join("");
    agree(JSON.stringify(name), (lib) => lib.cardholderName(name));
  }
  agree("long name", (lib) => lib.cardholderName("a".repeat(256)));
  for (const value of [null, 123, undefined]) {
    agree(String(value), (lib) => lib.cvv(value));
    agree(String(value), (lib) => lib.postalCode(value));
    agree(String(value), (lib) => lib.cardholderName(value));
  }
});

test("card type modifications behave the same", () => {
  const steps = [
    (lib) => lib.creditCardType.addCard({ niceType: "Acme", type: "acme", patterns: [4111, [5500, 5510]], gaps: [4], lengths: [16], code: { name: "CVV", size: 3 }, extra: "kept" }),
    (lib) => lib.creditCardType.updateCard("visa", { lengths: [13, 16] }),
    (lib) => lib.creditCardType.changeOrder("mastercard", 0),
    (lib) => lib.creditCardType.removeCard("maestro"),
    // Patterns cross to WebAssembly as one string cut by UTF-16 lengths:
    // non-ASCII, astral and mixed-length bounds must come back as given.
    (lib) => lib.creditCardType.updateCard("acme", { patterns: ["é4", [6000, 6010], "4😀1", 36, [1000, 99], [5500, 5510]] }),
    (lib) => lib.creditCardType.addCard({ niceType: "Odd", type: "odd", patterns: ["ü", [37, 37], "😀", "4é"], gaps: [4], lengths: [15], code: { name: "CVV", size: 3 } }),
  ];
  // Detection is indexed by the first digits and the index is rebuilt after
  // each change: probe prefixes of every length, not only whole numbers.
  const probes = ["4111111111111111", "4242424242424", "5500000000000004", "5", "6", "", "55", "551", "5509", "411", "2221", "é4", "é", "4😀12", "😀", "ü", "4é1", "1000", "99", "3700"];
  for (let i = 0; i < 400; i++) probes.push(pick(["4", "41", "55", "550", "551", "2", "22", "5", "6", "3"]) + digits(Math.floor(random() * 14)));
  for (const lib of [ours, theirs]) lib.creditCardType.resetModifications();
  for (const step of steps) {
    step(ours);
    step(theirs);
    for (const value of probes) {
      agree(value, (lib) => typeOf(lib)(value));
      agree(value, (lib) => lib.number(value));
    }
    agree("acme", (lib) => lib.creditCardType.getTypeInfo("acme"));
    agree("odd", (lib) => lib.creditCardType.getTypeInfo("odd"));
  }
  for (const bad of [() => ours.creditCardType.removeCard("nope"), () => ours.creditCardType.updateCard("nope", {}), () => ours.creditCardType.updateCard("visa", { type: "x" })]) {
    assert.throws(bad);
  }
  assert.throws(() => ours.creditCardType.removeCard("nope"), { message: '"nope" is not a supported card type.' });
  assert.throws(() => ours.creditCardType.updateCard("visa", { type: "x" }), { message: "Cannot overwrite type parameter." });
  for (const lib of [ours, theirs]) lib.creditCardType.resetModifications();
  agree("after reset", (lib) => typeOf(lib)("4111"));
  agree("types", (lib) => lib.creditCardType.types);
});
