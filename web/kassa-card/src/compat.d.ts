// Types of `kassa-card/compat`, shaped like card-validator 10's declarations.
export interface CreditCardTypeCardBrandCode { name: string; size: number }
export interface CreditCardType {
  niceType: string;
  type: string;
  patterns: Array<number | number[]>;
  gaps: number[];
  lengths: number[];
  code: CreditCardTypeCardBrandCode;
  matchStrength?: number;
}
export interface Verification { isValid: boolean; isPotentiallyValid: boolean }
export interface CardNumberVerification extends Verification { card: CreditCardType | null }
export interface ExpirationDateVerification extends Verification { month: string | null; year: string | null }
export interface ExpirationMonthVerification extends Verification { isValidForThisYear: boolean }
export interface ExpirationYearVerification extends Verification { isCurrentYear: boolean }
export interface CardNumberOptions { maxLength?: number; luhnValidateUnionPay?: boolean; skipLuhnValidation?: boolean }
export interface PostalCodeOptions { minLength?: number }
export interface CreditCardTypeFunction {
  (cardNumber: string): CreditCardType[];
  getTypeInfo(cardType: string): CreditCardType | null;
  removeCard(name: string): void;
  addCard(config: CreditCardType): void;
  updateCard(cardType: string, updates: Partial<CreditCardType>): void;
  changeOrder(name: string, position: number): void;
  resetModifications(): void;
  readonly types: Record<string, string>;
  /** card-validator 10 users call `creditCardType.default(number)`. */
  default: CreditCardTypeFunction;
}
export declare const creditCardType: CreditCardTypeFunction;
export declare function number(value: string | unknown, options?: CardNumberOptions): CardNumberVerification;
export declare function expirationDate(value: string | Record<string, string | number> | unknown, maxElapsedYear?: number): ExpirationDateVerification;
export declare function expirationMonth(value: string | unknown): ExpirationMonthVerification;
export declare function expirationYear(value: string | unknown, maxElapsedYear?: number): ExpirationYearVerification;
export declare function cvv(value: string | unknown, maxLength?: number | number[]): Verification;
export declare function postalCode(value: string | unknown, options?: PostalCodeOptions): Verification;
export declare function cardholderName(value: string | unknown): Verification;
declare const cardValidator: {
  creditCardType: CreditCardTypeFunction;
  number: typeof number;
  expirationDate: typeof expirationDate;
  expirationMonth: typeof expirationMonth;
  expirationYear: typeof expirationYear;
  cvv: typeof cvv;
  postalCode: typeof postalCode;
  cardholderName: typeof cardholderName;
};
export default cardValidator;
/** Browsers only (a no-op in Node): fetches kassa_card_compat_bg.wasm; await it once before the first call. */
export declare function init(input?: unknown): Promise<unknown>;
