// card-validator 10.0.4 against kassa-card, in one process, on the same inputs.
// Run after `cargo xtask js-test` (which installs card-validator):
//   node web/kassa-card/bench/bench.mjs
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const require = createRequire(path.join(root, "target/npm/test-deps/package.json"));
const cardValidator = require("card-validator");
const compat = require(path.join(root, "target/npm/kassa-card/compat.cjs"));
const kassa = require(path.join(root, "target/npm/kassa-card/index.cjs"));

const fullNumbers = ["4111111111111111", "5555555555554444", "378282246310005", "6011111111111117", "3530111333300000", "6200000000000005", "2200000000000004", "6362970000457013"];
const prefixes = fullNumbers.flatMap((number) => Array.from({ length: number.length }, (_, i) => number.slice(0, i + 1)));
const expiries = ["1", "12", "12/", "12/2", "12/29", "1229", "12 / 2029", "02/20", "13/30", "2029-12"];

function measure(label, inputs, call) {
  // Warm up, then run for about half a second.
  for (let i = 0; i < 20000; i++) call(inputs[i % inputs.length]);
  let calls = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < 500_000_000n) {
    for (let i = 0; i < inputs.length; i++) call(inputs[i]);
    calls += inputs.length;
    elapsed = process.hrtime.bigint() - start;
  }
  return (calls / Number(elapsed)) * 1e9;
}

const cases = [
  ["number(): typing prefixes", prefixes, (v) => cardValidator.number(v), (v) => compat.number(v), (v) => kassa.validateCard({ number: v })],
  ["number(): full numbers", fullNumbers, (v) => cardValidator.number(v), (v) => compat.number(v), (v) => kassa.validateCard({ number: v })],
  ["expirationDate()", expiries, (v) => cardValidator.expirationDate(v), (v) => compat.expirationDate(v), (v) => kassa.validateCard({ expiry: v })],
];

const rows = [];
for (const [label, inputs, theirs, ours, native] of cases) {
  const a = measure(label, inputs, theirs);
  const b = measure(label, inputs, ours);
  const c = measure(label, inputs, native);
  rows.push({ case: label, "card-validator ops/s": Math.round(a), "kassa-card/compat ops/s": Math.round(b), "compat ratio": (b / a).toFixed(2) + "x", "validateCard ops/s": Math.round(c), "validateCard ratio": (c / a).toFixed(2) + "x" });
}
console.table(rows);

const size = (file) => {
  const bytes = readFileSync(path.join(root, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
console.table([
  size("target/npm/kassa-card/web/kassa_card_wasm_bg.wasm"),
  size("target/npm/kassa-card/web/kassa_card_wasm.js"),
  size("target/npm/kassa-card/web/compat.js"),
  { file: "card-validator (dist, all files)", raw: "", gzip: "" },
]);
