//! Amounts as the API writes them (`"15.04"`), in minor units for sums,
//! and the card as a person reads it (`Visa •••• 4242`).

use kassa_api::{CardSummary, InvoiceResponse, InvoiceStatus};
use kassa_card::{Brand, Currency};

/// The currency's decimals (2 when the code is unknown).
pub fn minor_units(currency: &str) -> u8 {
    Currency::from_code(currency).map_or(2, Currency::minor_units)
}

/// `"15.04"` in minor units (`1504`); `None` unless it is a plain
/// non-negative decimal with at most `units` decimals.
///
/// ```
/// use kassa_dashboard::money::parse_minor;
/// assert_eq!(parse_minor("15.04", 2), Some(1504));
/// assert_eq!(parse_minor("15", 2), Some(1500));
/// assert_eq!(parse_minor("1.234", 2), None);
/// ```
pub fn parse_minor(text: &str, units: u8) -> Option<i64> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if whole.is_empty()
        || !digits(whole)
        || !digits(fraction)
        || fraction.len() > usize::from(units)
    {
        return None;
    }
    if whole.len() > 15 {
        return None;
    }
    let mut minor: i64 = whole.parse().ok()?;
    for index in 0..usize::from(units) {
        let digit = fraction.as_bytes().get(index).map_or(0, |byte| byte - b'0');
        minor = minor.checked_mul(10)?.checked_add(i64::from(digit))?;
    }
    Some(minor)
}

/// Minor units as the API's decimal text (`1504` → `"15.04"`).
///
/// ```
/// use kassa_dashboard::money::minor_to_text;
/// assert_eq!(minor_to_text(1504, 2), "15.04");
/// assert_eq!(minor_to_text(7, 3), "0.007");
/// assert_eq!(minor_to_text(42, 0), "42");
/// ```
pub fn minor_to_text(minor: i64, units: u8) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let minor = minor.unsigned_abs();
    if units == 0 {
        return [sign, &minor.to_string()].concat();
    }
    let scale = 10u64.pow(u32::from(units));
    format!(
        "{sign}{}.{:0width$}",
        minor / scale,
        minor % scale,
        width = usize::from(units)
    )
}

/// What a refund may still give back: what was taken (the captured amount
/// once captured, else the amount charged, else the amount) less what
/// refunds gave back; `None` when nothing can be refunded.
///
/// ```
/// # use kassa_dashboard::money::refundable;
/// # let invoice: kassa_api::InvoiceResponse = serde_json::from_str(r#"{"id":"inv_1","status":"partially_refunded","amount":"15.00","currency":"EUR","payment_url":"","expires_at":"","created_at":"","email":"","installments":1,"installments_type":"equal","attempts":1,"capture":"automatic","amount_charged":"15.45","refunded_amount":"5.00"}"#).unwrap();
/// assert_eq!(refundable(&invoice).as_deref(), Some("10.45"));
/// ```
pub fn refundable(invoice: &InvoiceResponse) -> Option<String> {
    use InvoiceStatus::{Captured, Paid, PartiallyCaptured, PartiallyRefunded};
    if !matches!(
        invoice.status,
        Paid | PartiallyRefunded | Captured | PartiallyCaptured
    ) {
        return None;
    }
    let units = minor_units(&invoice.currency);
    let taken = invoice
        .captured_amount
        .as_deref()
        .or(invoice.amount_charged.as_deref())
        .unwrap_or(&invoice.amount);
    let taken = parse_minor(taken, units)?;
    let refunded = invoice
        .refunded_amount
        .as_deref()
        .map_or(Some(0), |refunded| parse_minor(refunded, units))?;
    let left = taken - refunded;
    (left > 0).then(|| minor_to_text(left, units))
}

/// Checks a refund or capture amount typed by the merchant: positive, at
/// most `limit`, with the currency's decimals; the normalised text.
///
/// ```
/// use kassa_dashboard::money::check_amount;
/// assert_eq!(check_amount(" 5 ", "10.45", "EUR").as_deref(), Some("5.00"));
/// assert_eq!(check_amount("11", "10.45", "EUR"), None);
/// assert_eq!(check_amount("0", "10.45", "EUR"), None);
/// ```
pub fn check_amount(typed: &str, limit: &str, currency: &str) -> Option<String> {
    let units = minor_units(currency);
    let typed = parse_minor(&typed.replace(',', "."), units)?;
    let limit = parse_minor(limit, units)?;
    (typed > 0 && typed <= limit).then(|| minor_to_text(typed, units))
}

/// The card as a person reads it: the brand's name and the last four
/// (`Visa •••• 4242`), kassa-card's name for the brand id.
///
/// ```
/// # use kassa_dashboard::money::card_label;
/// let card = kassa_api::CardSummary { brand: "visa".into(), masked: "424242******4242".into(), bin: "424242".into(), last4: "4242".into(), exp_month: 12, exp_year: 2030, holder_name: "Ada".into() };
/// assert_eq!(card_label(&card), "Visa •••• 4242");
/// ```
pub fn card_label(card: &CardSummary) -> String {
    [brand_name(&card.brand), " •••• ", &card.last4].concat()
}

/// kassa-card's display name of a brand id (`mastercard` → `Mastercard`),
/// or the id itself when unknown.
pub fn brand_name(id: &str) -> &str {
    match Brand::from_name(id) {
        Some(brand) => brand.display_name(),
        None => id,
    }
}

/// An amount without `Intl` (`EUR 15.04`): what tests and old browsers see.
pub fn plain_money(amount: &str, currency: &str) -> String {
    [currency, " ", amount].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invoice(status: &str, extra: &str) -> InvoiceResponse {
        let json = format!(
            r#"{{"id":"inv_1","status":"{status}","amount":"20.00","currency":"EUR","payment_url":"","expires_at":"","created_at":"","email":"","installments":1,"installments_type":"equal","attempts":1,"capture":"manual"{extra}}}"#
        );
        serde_json::from_str(&json).unwrap()
    }

    #[test]
    fn a_paid_invoice_can_be_refunded_in_full() {
        assert_eq!(refundable(&invoice("paid", "")).as_deref(), Some("20.00"));
    }

    #[test]
    fn a_captured_invoice_refunds_what_was_captured_less_refunds() {
        let captured = invoice(
            "partially_refunded",
            r#","captured_amount":"12.00","refunded_amount":"2.50""#,
        );
        assert_eq!(refundable(&captured).as_deref(), Some("9.50"));
    }

    #[test]
    fn open_or_fully_refunded_invoices_have_nothing_to_refund() {
        assert_eq!(refundable(&invoice("open", "")), None);
        assert_eq!(
            refundable(&invoice("paid", r#","refunded_amount":"20.00""#)),
            None
        );
    }

    #[test]
    fn currencies_without_decimals_count_whole_units() {
        assert_eq!(minor_units("JPY"), 0);
        assert_eq!(check_amount("500", "1000", "JPY").as_deref(), Some("500"));
        assert_eq!(check_amount("5.5", "1000", "JPY"), None);
    }

    #[test]
    fn unknown_brands_keep_their_id() {
        assert_eq!(brand_name("american-express"), "American Express");
        assert_eq!(brand_name("acme"), "acme");
    }
}
