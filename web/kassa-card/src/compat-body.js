// The card-validator 10 / credit-card-type 10 API over kassa-card's compat
// rules (crates/card/src/compat). This file holds no rule: it converts
// arguments the way card-validator's own `typeof` checks and `String()` calls
// do, keeps the configuration objects returned to the caller (so objects
// given to addCard/updateCard come back as given), and builds result objects.
// `cargo xtask js` wraps it for CommonJS (Node) and ES modules (browsers);
// `wasm` is the wasm-bindgen module.

let defaults = null;
function loadDefaults() {
  if (defaults === null) {
    const data = wasm.compatDefaults();
    const cards = {};
    for (const card of data.cards) cards[card.type] = card;
    const types = {};
    for (const [name, value] of data.types) types[name] = value;
    defaults = { cards, types };
  }
  return defaults;
}

// credit-card-type's module state is the WebAssembly module's state.
let customCards = {};
let order = null;
function currentOrder() {
  if (order === null) order = wasm.compatOrder();
  return order;
}

function findType(type) {
  return customCards[type] || loadDefaults().cards[type];
}

function jsonClone(object) {
  return object ? JSON.parse(JSON.stringify(object)) : null;
}

// A fresh copy of a configuration, as credit-card-type's clone() gives.
function cloneConfig(config) {
  if (!config) return null;
  if (Object.prototype.hasOwnProperty.call(customCards, config.type) && customCards[config.type] === config) {
    return jsonClone(config);
  }
  const patterns = new Array(config.patterns.length);
  for (let i = 0; i < patterns.length; i++) {
    const pattern = config.patterns[i];
    patterns[i] = Array.isArray(pattern) ? [pattern[0], pattern[1]] : pattern;
  }
  return {
    niceType: config.niceType,
    type: config.type,
    patterns,
    gaps: config.gaps.slice(),
    lengths: config.lengths.slice(),
    code: { name: config.code.name, size: config.code.size },
  };
}

function cardAt(packed) {
  const card = cloneConfig(findType(currentOrder()[packed >>> 12]));
  if (packed & 8) card.matchStrength = (packed >>> 4) & 255;
  return card;
}

function registryError(error, name) {
  return new Error(wasm.compatErrorMessage(error, String(name)));
}

// The patterns as addCard/updateCard take them in WebAssembly: the String()
// of every bound joined into one string, and for each pattern its number of
// bounds (2 for a [min, max] pair) and their lengths.
function patternArguments(patterns) {
  let bounds = "";
  const shape = [];
  for (const pattern of Array.isArray(patterns) ? patterns : []) {
    const texts = Array.isArray(pattern) ? [String(pattern[0]), String(pattern[1])] : [String(pattern)];
    shape.push(texts.length);
    for (const text of texts) {
      bounds += text;
      shape.push(text.length);
    }
  }
  return [bounds, Uint32Array.from(shape)];
}

function lengthsArgument(lengths) {
  return Uint32Array.from(Array.isArray(lengths) ? lengths : [], Number);
}

function creditCardType(cardNumber) {
  if (!(typeof cardNumber === "string" || cardNumber instanceof String)) return [];
  return Array.from(wasm.compatCardTypes(String(cardNumber)), cardAt);
}
creditCardType.getTypeInfo = function (cardType) {
  const config = findType(cardType);
  return config && customCards[cardType] === config ? jsonClone(config) : cloneConfig(config);
};
creditCardType.removeCard = function (name) {
  const error = wasm.compatRemoveCard(String(name));
  if (error) throw registryError(error, name);
  order = null;
};
creditCardType.addCard = function (config) {
  customCards[config.type] = config;
  wasm.compatAddCard(String(config.type), ...patternArguments(config.patterns), lengthsArgument(config.lengths));
  order = null;
};
creditCardType.updateCard = function (cardType, updates) {
  const patterns = updates.patterns !== undefined ? patternArguments(updates.patterns) : [undefined, undefined];
  const error = wasm.compatUpdateCard(
    String(cardType),
    updates.type ? String(updates.type) : undefined,
    ...patterns,
    updates.lengths !== undefined ? lengthsArgument(updates.lengths) : undefined,
  );
  if (error) throw registryError(error, cardType);
  const merged = Object.assign({}, jsonClone(customCards[cardType] || loadDefaults().cards[cardType]), updates);
  customCards[merged.type] = merged;
  order = null;
};
creditCardType.changeOrder = function (name, position) {
  const error = wasm.compatChangeOrder(String(name), Number(position));
  if (error) throw registryError(error, name);
  order = null;
};
creditCardType.resetModifications = function () {
  wasm.compatReset();
  customCards = {};
  order = null;
};
// card-validator 10 exposes this module through TypeScript's __importStar, so
// its users call `creditCardType.default(number)`; both work here.
creditCardType.default = creditCardType;
Object.defineProperty(creditCardType, "types", {
  enumerable: true,
  get() {
    return loadDefaults().types;
  },
});

function today() {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1];
}

// Short ASCII text is written straight into the module's memory: passing a
// string to WebAssembly costs an allocation and a copy, more than the rules.
const SCRATCH_SIZE = 64;
let scratch = null;
function writeScratch(text) {
  if (text.length > SCRATCH_SIZE) return -1;
  if (scratch === null || scratch.byteLength === 0) {
    // A view of the module's memory, made again when the memory grows.
    scratch = new Uint8Array(wasm.compatMemory().buffer, wasm.compatScratch(), SCRATCH_SIZE);
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 127) return -1;
    scratch[i] = code;
  }
  return text.length;
}

function number(value, options) {
  if (options === undefined) options = {};
  if (typeof value !== "string" && typeof value !== "number") {
    return { card: null, isPotentiallyValid: false, isValid: false };
  }
  const text = String(value);
  const maxLength = options.maxLength ? Number(options.maxLength) : undefined;
  const skipLuhn = options.skipLuhnValidation === true;
  const luhnUnionPay = options.luhnValidateUnionPay === true;
  const length = writeScratch(text);
  const packed =
    length >= 0
      ? wasm.compatNumberScratch(length, maxLength, skipLuhn, luhnUnionPay)
      : wasm.compatNumber(text, maxLength, skipLuhn, luhnUnionPay);
  return {
    card: packed & 4 ? cardAt(packed) : null,
    isPotentiallyValid: (packed & 1) === 1,
    isValid: (packed & 2) === 2,
  };
}

function maxElapsed(maxElapsedYear) {
  return maxElapsedYear === undefined ? undefined : Number(maxElapsedYear);
}

function expirationDate(value, maxElapsedYear) {
  const [year, month] = today();
  if (typeof value === "string") {
    return wasm.compatExpirationDate(value, maxElapsed(maxElapsedYear), year, month);
  }
  if (value !== null && typeof value === "object") {
    const parts = Object.assign({}, value);
    return wasm.compatExpirationDateParts(String(parts.month), String(parts.year), maxElapsed(maxElapsedYear), year, month);
  }
  return { isValid: false, isPotentiallyValid: false, month: null, year: null };
}

function expirationMonth(value) {
  if (typeof value !== "string") return { isValid: false, isPotentiallyValid: false, isValidForThisYear: false };
  const [year, month] = today();
  const packed = wasm.compatExpirationMonth(value, year, month);
  return { isValid: (packed & 2) === 2, isPotentiallyValid: (packed & 1) === 1, isValidForThisYear: (packed & 4) === 4 };
}

function expirationYear(value, maxElapsedYear) {
  if (typeof value !== "string") return { isValid: false, isPotentiallyValid: false, isCurrentYear: false };
  const [year, month] = today();
  const packed = wasm.compatExpirationYear(value, maxElapsed(maxElapsedYear), year, month);
  return { isValid: (packed & 2) === 2, isPotentiallyValid: (packed & 1) === 1, isCurrentYear: (packed & 4) === 4 };
}

function verification(packed) {
  return { isValid: (packed & 2) === 2, isPotentiallyValid: (packed & 1) === 1 };
}

function cvv(value, maxLength) {
  if (maxLength === undefined) maxLength = 3;
  const lengths = Float64Array.from(maxLength instanceof Array ? maxLength : [maxLength], Number);
  if (typeof value !== "string") return verification(0);
  return verification(wasm.compatCvv(value, lengths));
}

function postalCode(value, options) {
  if (options === undefined) options = {};
  const minLength = options.minLength || 2;
  if (typeof value !== "string") return verification(0);
  return verification(wasm.compatPostalCode(value, minLength));
}

function cardholderName(value) {
  if (typeof value !== "string") return verification(0);
  return verification(wasm.compatCardholderName(value));
}

const cardValidator = {
  creditCardType,
  cardholderName,
  number,
  expirationDate,
  expirationMonth,
  expirationYear,
  cvv,
  postalCode,
};
