//! Validates a card from the command line:
//! `cargo run -p kassa-card --example validate -- <number> <expiry> <cvv> [YYYY-MM-DD]`.
//!
//! Prints only the masked number, as any Kassa output must.

use kassa_card::{CardNumber, Coded, Date, Expiry, Locale, SecurityCode};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [number, expiry, cvv, rest @ ..] = args.as_slice() else {
        eprintln!("usage: validate <number> <expiry> <cvv> [today as YYYY-MM-DD]");
        std::process::exit(2);
    };
    let today = match rest.first().map(|text| Date::parse(text)) {
        Some(Ok(date)) => date,
        Some(Err(error)) => fail("today", &error),
        None => Date::new(2026, 11, 21).unwrap_or_else(|error| fail("today", &error)),
    };
    let card = CardNumber::parse(number).unwrap_or_else(|error| fail("number", &error));
    let expiry = Expiry::parse_valid(expiry, today).unwrap_or_else(|error| fail("expiry", &error));
    SecurityCode::parse_optional(cvv, Some(card.brand()))
        .unwrap_or_else(|error| fail("cvv", &error));
    let networks: Vec<&str> = card
        .networks()
        .iter()
        .map(|brand| brand.display_name())
        .collect();
    println!(
        "valid {} card {card}, expires {expiry} (networks: {})",
        card.brand(),
        networks.join(", ")
    );
}

fn fail(field: &str, error: &impl Coded) -> ! {
    eprintln!("{field}: {} ({})", error.message(Locale::En), error.code());
    std::process::exit(1);
}
