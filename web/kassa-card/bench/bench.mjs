// card-validator 10.0.4 against kassa-card, in one process, on the same inputs.
// Run after `cargo xtask js-test` (which installs card-validator):
//   node web/kassa-card/bench/bench.mjs
// To compare with an earlier build of the package in the same process, point
// KASSA_CARD_BASELINE at its directory (a `target/npm/kassa-card` built from
// another checkout): its compat API gets a column of its own.
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
const baselineDir = process.env.KASSA_CARD_BASELINE;
const baseline = baselineDir ? require(path.join(path.resolve(baselineDir), "compat.cjs")) : null;

const fullNumbers = ["4111111111111111", "5555555555554444", "378282246310005", "6011111111111117", "3530111333300000", "6200000000000005", "2200000000000004", "6362970000457013"];
const prefixes = fullNumbers.flatMap((number) => Array.from({ length: number.length }, (_, i) => number.slice(0, i + 1)));
const expiries = ["1", "12", "12/", "12/2", "12/29", "1229", "12 / 2029", "02/20", "13/30", "2029-12"];

// Calls per second over about `ms` milliseconds, after a warm-up.
function measure(inputs, call, ms) {
  let calls = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(ms) * 1_000_000n;
  let elapsed = 0n;
  while (elapsed < limit) {
    for (let i = 0; i < inputs.length; i++) call(inputs[i]);
    calls += inputs.length;
    elapsed = process.hrtime.bigint() - start;
  }
  return (calls / Number(elapsed)) * 1e9;
}

const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];

const cases = [
  ["number(): typing prefixes", prefixes, (v) => cardValidator.number(v), (v) => compat.number(v), (v) => kassa.validateCard({ number: v }), (v) => baseline.number(v)],
  ["number(): full numbers", fullNumbers, (v) => cardValidator.number(v), (v) => compat.number(v), (v) => kassa.validateCard({ number: v }), (v) => baseline.number(v)],
  ["expirationDate()", expiries, (v) => cardValidator.expirationDate(v), (v) => compat.expirationDate(v), (v) => kassa.validateCard({ expiry: v }), (v) => baseline.expirationDate(v)],
];

// The machine may be shared: the implementations take turns, seven rounds of
// 200 ms each, and each figure is the median of its rounds.
const ROUNDS = 7;
const rows = [];
for (const [label, inputs, ...all] of cases) {
  const calls = baseline ? all : all.slice(0, 3);
  for (const call of calls) measure(inputs, call, 200);
  const runs = calls.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    calls.forEach((call, i) => runs[i].push(measure(inputs, call, 200)));
  }
  const [a, b, c, d] = runs.map(median);
  const row = { case: label, "card-validator ops/s": Math.round(a), "kassa-card/compat ops/s": Math.round(b), "compat ratio": (b / a).toFixed(1) + "x", "validateCard ops/s": Math.round(c), "validateCard ratio": (c / a).toFixed(1) + "x" };
  if (baseline) Object.assign(row, { "baseline compat ops/s": Math.round(d), "baseline ratio": (d / a).toFixed(1) + "x" });
  rows.push(row);
}
console.table(rows);

const size = (file) => {
  const bytes = readFileSync(path.join(root, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const group = (label, files) => {
  const sizes = files.map(size);
  return [...sizes, { file: label, raw: sizes.reduce((sum, s) => sum + s.raw, 0), gzip: sizes.reduce((sum, s) => sum + s.gzip, 0) }];
};
const web = "target/npm/kassa-card/web/";
// What a browser downloads for each entry point: the module, its glue, the entry file.
console.table([
  ...group("= kassa-card (Kassa card API)", [web + "kassa_card_wasm_bg.wasm", web + "kassa_card_wasm.js", web + "index.js"]),
  ...group("= kassa-card/compat (card-validator API)", [web + "kassa_card_compat_bg.wasm", web + "kassa_card_compat.js", web + "compat.js"]),
  ...group("= kassa-card/extras (amounts, postal codes, tables)", [web + "kassa_card_extras_bg.wasm", web + "kassa_card_extras.js", web + "extras.js"]),
]);
