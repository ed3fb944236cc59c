//! A small SVG badge for every brand kassa-card detects, drawn here rather
//! than fetched, so the page makes no extra request and no third party sees it.

use kassa_card::Brand;
use leptos::prelude::*;

/// How a brand's badge looks: background, text colour, text.
///
/// ```
/// use kassa_card::Brand;
/// use kassa_checkout::components::brand_logo::badge;
/// assert!(Brand::ALL.iter().all(|brand| !badge(*brand).2.is_empty()));
/// ```
pub fn badge(brand: Brand) -> (&'static str, &'static str, &'static str) {
    match brand {
        Brand::Visa => ("#1a1f71", "#ffffff", "VISA"),
        Brand::Mastercard => ("#252525", "#ffffff", "mastercard"),
        Brand::AmericanExpress => ("#1f72cd", "#ffffff", "AMEX"),
        Brand::DinersClub => ("#0069aa", "#ffffff", "Diners"),
        Brand::Discover => ("#231f20", "#ffffff", "DISCOVER"),
        Brand::Jcb => ("#0b4ea2", "#ffffff", "JCB"),
        Brand::UnionPay => ("#c8102e", "#ffffff", "UnionPay"),
        Brand::Maestro => ("#252525", "#ffffff", "maestro"),
        Brand::Mir => ("#0f754e", "#ffffff", "МИР"),
        Brand::Elo => ("#000000", "#ffcb05", "elo"),
        Brand::Hiper => ("#f37421", "#1a1a1a", "Hiper"),
        Brand::Hipercard => ("#b3131b", "#ffffff", "Hipercard"),
        Brand::Verve => ("#00425f", "#ffffff", "Verve"),
        Brand::Troy => ("#00838f", "#ffffff", "troy"),
        Brand::RuPay => ("#0d5e36", "#ffffff", "RuPay"),
        Brand::Dankort => ("#c8102e", "#ffffff", "Dankort"),
        Brand::Uatp => ("#005daa", "#ffffff", "UATP"),
        Brand::Mada => ("#1e5aa8", "#ffffff", "mada"),
        Brand::CartesBancaires => ("#1c4f8c", "#ffffff", "CB"),
        Brand::Isracard => ("#d35400", "#ffffff", "Isracard"),
        _ => ("#555555", "#ffffff", "CARD"),
    }
}

/// The badge for `brand`, labelled with the brand's name for screen readers.
#[component]
pub fn BrandLogo(
    /// The brand to draw.
    brand: Brand,
) -> impl IntoView {
    let (background, ink, text) = badge(brand);
    let circles = matches!(brand, Brand::Mastercard | Brand::Maestro);
    let (left, right) = if brand == Brand::Maestro {
        ("#0099df", "#ed0006")
    } else {
        ("#eb001b", "#f79e1b")
    };
    let size = if text.chars().count() > 6 { "7" } else { "10" };
    view! {
        <svg
            class="brand-logo"
            data-testid="brand-logo"
            data-brand=brand.id()
            viewBox="0 0 48 30"
            width="48"
            height="30"
            role="img"
            aria-label=brand.display_name()
        >
            <rect width="48" height="30" rx="4" fill=background></rect>
            {circles
                .then(|| {
                    view! {
                        <circle cx="19" cy="12" r="7" fill=left></circle>
                        <circle cx="29" cy="12" r="7" fill=right fill-opacity="0.85"></circle>
                    }
                })}
            <text
                x="24"
                y=if circles { "27" } else { "19" }
                fill=ink
                font-size=if circles { "6" } else { size }
                font-family="Arial, Helvetica, sans-serif"
                font-weight="700"
                text-anchor="middle"
            >
                {text}
            </text>
        </svg>
    }
}
