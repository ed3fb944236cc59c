//! The simulated card issuer's 3-D Secure challenge page, which Kassa
//! serves itself in test mode (a real issuer's page comes from the
//! gateway): the merchant, the amount, a one-time code to type, and a way
//! to refuse. Plain HTML, no script, a strict Content-Security-Policy; the
//! checkout page frames it and learns the outcome from the checkout API.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use kassa_api::PayStatus;
use kassa_card::Locale;
use sha2::{Digest, Sha256};

use crate::html::escape;
use crate::payments::challenge::IssuerView;

/// The page's words in one language.
struct Words {
    bank: &'static str,
    title: &'static str,
    /// `{merchant}` is replaced.
    lead: &'static str,
    amount: &'static str,
    /// `{code}` is replaced.
    test_notice: &'static str,
    code_label: &'static str,
    confirm: &'static str,
    refuse: &'static str,
    /// `{tries}` is replaced.
    wrong_code: &'static str,
    passed: &'static str,
    failed: &'static str,
    lapsed: &'static str,
}

fn words(locale: Locale) -> &'static Words {
    match locale {
        Locale::Fr => &Words {
            bank: "Banque de test Kassa",
            title: "Confirmez votre paiement",
            lead: "{merchant} demande à votre banque de confirmer ce paiement.",
            amount: "Montant",
            test_notice: "Mode test : une vraie banque vous enverrait ce code par SMS. Votre code : {code}",
            code_label: "Code à usage unique",
            confirm: "Confirmer",
            refuse: "Ce n'est pas moi : refuser",
            wrong_code: "Ce code n'est pas le bon. Essais restants : {tries}.",
            passed: "Paiement confirmé. Retour au paiement…",
            failed: "Le paiement n'a pas été confirmé. Retour au paiement…",
            lapsed: "Cette vérification a expiré. Revenez au paiement et payez à nouveau.",
        },
        Locale::He => &Words {
            bank: "בנק הבדיקות של Kassa",
            title: "אישור התשלום",
            lead: "{merchant} מבקש מהבנק שלכם לאשר את התשלום הזה.",
            amount: "סכום",
            test_notice: "מצב בדיקה: בנק אמיתי היה שולח את הקוד הזה במסרון. הקוד שלכם: {code}",
            code_label: "קוד חד־פעמי",
            confirm: "אישור",
            refuse: "זה לא אני: דחייה",
            wrong_code: "הקוד שגוי. ניסיונות שנותרו: {tries}.",
            passed: "התשלום אושר. חוזרים לתשלום…",
            failed: "התשלום לא אושר. חוזרים לתשלום…",
            lapsed: "תוקף הבדיקה פג. חזרו לתשלום ושלמו שוב.",
        },
        Locale::Es => &Words {
            bank: "Banco de pruebas de Kassa",
            title: "Confirme su pago",
            lead: "{merchant} pide a su banco que confirme este pago.",
            amount: "Importe",
            test_notice: "Modo de prueba: un banco real le enviaría este código por SMS. Su código: {code}",
            code_label: "Código de un solo uso",
            confirm: "Confirmar",
            refuse: "No he sido yo: rechazar",
            wrong_code: "Ese código no es correcto. Intentos restantes: {tries}.",
            passed: "Pago confirmado. Volviendo al pago…",
            failed: "El pago no se confirmó. Volviendo al pago…",
            lapsed: "Esta comprobación ha caducado. Vuelva al pago y pague de nuevo.",
        },
        Locale::De => &Words {
            bank: "Kassa-Testbank",
            title: "Zahlung bestätigen",
            lead: "{merchant} bittet Ihre Bank, diese Zahlung zu bestätigen.",
            amount: "Betrag",
            test_notice: "Testmodus: Eine echte Bank würde Ihnen diesen Code per SMS schicken. Ihr Code: {code}",
            code_label: "Einmalcode",
            confirm: "Bestätigen",
            refuse: "Das war ich nicht: ablehnen",
            wrong_code: "Dieser Code stimmt nicht. Verbleibende Versuche: {tries}.",
            passed: "Zahlung bestätigt. Zurück zur Zahlung …",
            failed: "Die Zahlung wurde nicht bestätigt. Zurück zur Zahlung …",
            lapsed: "Diese Prüfung ist abgelaufen. Kehren Sie zur Zahlung zurück und zahlen Sie erneut.",
        },
        _ => &Words {
            bank: "Kassa Test Bank",
            title: "Confirm your payment",
            lead: "{merchant} asks your bank to confirm this payment.",
            amount: "Amount",
            test_notice: "Test mode: a real bank would text you this code. Your code: {code}",
            code_label: "One-time code",
            confirm: "Confirm",
            refuse: "This was not me: refuse",
            wrong_code: "That code is not right. Tries left: {tries}.",
            passed: "Payment confirmed. Returning to the checkout…",
            failed: "The payment was not confirmed. Returning to the checkout…",
            lapsed: "This check has timed out. Return to the checkout and pay again.",
        },
    }
}

/// The page's only style, allowed by its hash in the policy.
const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:16px;color:#1a1a1a;background:#fff}\
main{max-width:420px;margin:0 auto}\
.bank{font-weight:600;color:#1d4ed8;margin:0 0 8px}\
h1{font-size:1.25rem;margin:0 0 8px}\
dl{display:flex;gap:8px;margin:8px 0}dt{font-weight:600}dd{margin:0}\
.notice{background:#fef9c3;border:1px solid #a16207;padding:8px;border-radius:6px}\
label{display:block;font-weight:600;margin-top:12px}\
input{font:inherit;font-size:1.25rem;letter-spacing:.2em;padding:8px;width:10ch;border:2px solid #4b5563;border-radius:6px}\
.error{color:#b91c1c;font-weight:600}\
.actions{display:flex;flex-wrap:wrap;gap:8px;margin-top:12px}\
button{font:inherit;padding:10px 16px;border-radius:6px;border:2px solid #1d4ed8;cursor:pointer}\
button.primary{background:#1d4ed8;color:#fff}button.secondary{background:#fff;color:#1d4ed8}\
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}\
@media (prefers-color-scheme:dark){body{background:#111827;color:#f9fafb}.notice{background:#422006;color:#fef9c3}\
button.secondary{background:#111827;color:#93c5fd}.bank{color:#93c5fd}.error{color:#fca5a5}input{background:#1f2937;color:#f9fafb}}";

/// The page's Content-Security-Policy: nothing but its own style and a
/// form posting to itself, framed by the checkout (Kassa's origin, itself
/// in the merchant's listed origins when embedded).
fn csp(embed_origins: &[String]) -> String {
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(STYLE.as_bytes()));
    let mut ancestors = vec!["'self'".to_owned()];
    ancestors.extend(embed_origins.iter().cloned());
    format!(
        "default-src 'none'; style-src 'sha256-{hash}'; form-action 'self'; base-uri 'none'; frame-ancestors {}",
        ancestors.join(" ")
    )
}

/// What the page says under its form.
#[derive(Debug)]
pub enum Message {
    /// Nothing yet.
    None,
    /// A wrong code, with this many tries left.
    WrongCode(u32),
}

/// The page for a challenge: the form while it waits, the outcome once
/// answered, a timeout notice once it lapsed.
pub fn render(view: &IssuerView, message: &Message) -> Response {
    let locale = Locale::parse(&view.challenge.locale);
    let words = words(locale);
    let dir = if locale == Locale::He { "rtl" } else { "ltr" };
    let merchant = escape(&view.merchant_name);
    let amount = format!(
        "{} {}",
        escape(&crate::invoices::amount_string(&view.invoice)),
        escape(&view.invoice.currency)
    );
    let body = match (&view.answer, view.lapsed) {
        (Some(answer), _) => {
            let (text, state) =
                if answer.status == PayStatus::Succeeded || answer.status == PayStatus::Pending {
                    (words.passed, "passed")
                } else {
                    (words.failed, "failed")
                };
            format!("<p role=\"status\" data-challenge=\"{state}\">{text}</p>")
        }
        (None, true) => format!(
            "<p role=\"status\" data-challenge=\"lapsed\">{}</p>",
            words.lapsed
        ),
        (None, false) => {
            let error = match message {
                Message::WrongCode(tries) => format!(
                    "<p id=\"code-error\" class=\"error\" role=\"alert\">{}</p>",
                    words.wrong_code.replace("{tries}", &tries.to_string())
                ),
                Message::None => String::new(),
            };
            let described = if matches!(message, Message::WrongCode(_)) {
                " aria-describedby=\"code-error\" aria-invalid=\"true\""
            } else {
                ""
            };
            format!(
                "<p class=\"notice\">{notice}</p>\
                 <form method=\"post\">\
                 <label for=\"code\">{label}</label>\
                 <input id=\"code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" maxlength=\"6\" pattern=\"[0-9]*\"{described}>\
                 {error}\
                 <div class=\"actions\">\
                 <button class=\"primary\" type=\"submit\" name=\"action\" value=\"confirm\">{confirm}</button>\
                 <button class=\"secondary\" type=\"submit\" name=\"action\" value=\"refuse\" formnovalidate>{refuse}</button>\
                 </div></form>",
                notice = escape(
                    &words
                        .test_notice
                        .replace("{code}", &view.challenge.one_time_code)
                ),
                label = words.code_label,
                confirm = words.confirm,
                refuse = words.refuse,
            )
        }
    };
    let html = format!(
        "<!doctype html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{title} · {bank}</title><style>{STYLE}</style></head>\
         <body><main><p class=\"bank\">{bank}</p><h1>{title}</h1>\
         <p>{lead}</p><dl><dt>{amount_label}</dt><dd data-testid=\"challenge-amount\">{amount}</dd></dl>\
         {body}</main></body></html>",
        lang = locale.tag(),
        title = words.title,
        bank = words.bank,
        lead = words.lead.replace("{merchant}", &merchant),
        amount_label = words.amount,
    );
    let mut response = (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response();
    if let Ok(value) = HeaderValue::from_str(&csp(&view.embed_origins)) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_its_own_words() {
        let english = words(Locale::En);
        for &locale in Locale::ALL.iter().filter(|&&locale| locale != Locale::En) {
            let translated = words(locale);
            assert_ne!(translated.title, english.title, "{locale:?}");
            assert_ne!(translated.confirm, english.confirm, "{locale:?}");
            assert!(translated.lead.contains("{merchant}"), "{locale:?}");
            assert!(translated.test_notice.contains("{code}"), "{locale:?}");
            assert!(translated.wrong_code.contains("{tries}"), "{locale:?}");
        }
    }

    #[test]
    fn the_policy_allows_only_the_pages_own_style_and_the_checkouts_frames() {
        let policy = csp(&["https://shop.example".into()]);
        assert!(policy.starts_with("default-src 'none'; style-src 'sha256-"));
        assert!(policy.ends_with("frame-ancestors 'self' https://shop.example"));
        assert!(!policy.contains("script-src"));
    }
}
