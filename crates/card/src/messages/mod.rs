//! Shopper-facing messages for every [`ErrorCode`], one function per locale.
//!
//! Each locale is an exhaustive `match`, so adding a code without a message in
//! every language does not compile.

use crate::{ErrorCode, Locale};

mod de;
mod en;
mod es;
mod fr;
mod he;

/// The message for `code` in `locale`.
pub(crate) fn message(code: ErrorCode, locale: Locale) -> &'static str {
    match locale {
        Locale::En => en::message(code),
        Locale::Fr => fr::message(code),
        Locale::He => he::message(code),
        Locale::Es => es::message(code),
        Locale::De => de::message(code),
    }
}
