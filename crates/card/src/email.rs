//! Email addresses: a practical subset of RFC 5321 that real mailboxes use.

use core::fmt;

use crate::error::{Coded, ErrorCode, coded_error};

/// The longest address that fits SMTP's path limit.
const MAX_LENGTH: usize = 254;
const MAX_LOCAL_LENGTH: usize = 64;
const MAX_LABEL_LENGTH: usize = 63;

/// An email address: a dot-atom local part of at most 64 characters, `@`,
/// and a domain name of at least two labels with an alphabetic top-level
/// domain. Quoted local parts, IP-literal domains and non-ASCII addresses are
/// refused: card checkouts never see real ones. The domain is lower-cased.
///
/// ```
/// use kassa_card::{Email, EmailError};
///
/// assert_eq!(Email::parse(" Jane.Doe+shop@Example.COM ").unwrap().as_str(), "Jane.Doe+shop@example.com");
/// assert_eq!(Email::parse("jane@localhost"), Err(EmailError::Format));
/// assert_eq!(Email::parse("jane..doe@example.com"), Err(EmailError::Format));
/// assert_eq!(Email::parse("jane@-example.com"), Err(EmailError::Format));
/// assert_eq!(Email::parse(""), Err(EmailError::Empty));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Email(alloc::string::String);

/// Why an email address was refused.
///
/// ```
/// use kassa_card::{Email, EmailError};
///
/// assert_eq!(Email::parse("jane@"), Err(EmailError::Format));
/// let long = format!("{}@example.com", "a".repeat(250));
/// assert_eq!(Email::parse(&long), Err(EmailError::TooLong));
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmailError {
    /// Nothing was given.
    Empty,
    /// Not an email address.
    Format,
    /// Over 254 characters.
    TooLong,
}

impl Coded for EmailError {
    fn code(&self) -> ErrorCode {
        match self {
            Self::Empty => ErrorCode::EmailEmpty,
            Self::Format => ErrorCode::EmailFormat,
            Self::TooLong => ErrorCode::EmailTooLong,
        }
    }
}
coded_error!(EmailError);

impl Email {
    /// Parses an address (see the type's docs).
    ///
    /// # Errors
    /// An [`EmailError`].
    pub fn parse(text: &str) -> Result<Email, EmailError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(EmailError::Empty);
        }
        if text.len() > MAX_LENGTH {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = text.rsplit_once('@').ok_or(EmailError::Format)?;
        if !is_local_part(local) || !is_domain(domain) {
            return Err(EmailError::Format);
        }
        let mut address = alloc::string::String::with_capacity(text.len());
        address.push_str(local);
        address.push('@');
        address.extend(
            domain
                .chars()
                .map(|character| character.to_ascii_lowercase()),
        );
        Ok(Email(address))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_local_part(local: &str) -> bool {
    const SPECIALS: &[u8] = b"!#$%&'*+/=?^_`{|}~-";
    !local.is_empty()
        && local.len() <= MAX_LOCAL_LENGTH
        && local.split('.').all(|atom| {
            !atom.is_empty()
                && atom
                    .bytes()
                    .all(|byte| byte.is_ascii_alphanumeric() || SPECIALS.contains(&byte))
        })
}

fn is_domain(domain: &str) -> bool {
    let labels = domain.split('.');
    let mut count = 0;
    let mut last = "";
    for label in labels {
        let bytes = label.as_bytes();
        let valid = !bytes.is_empty()
            && bytes.len() <= MAX_LABEL_LENGTH
            && bytes
                .iter()
                .all(|byte| byte.is_ascii_alphanumeric() || *byte == b'-')
            && bytes.first() != Some(&b'-')
            && bytes.last() != Some(&b'-');
        if !valid {
            return false;
        }
        count += 1;
        last = label;
    }
    // A top-level domain is letters, or an IDN's `xn--` form.
    let tld_ok = last.len() >= 2
        && (last.bytes().all(|byte| byte.is_ascii_alphabetic())
            || last
                .get(..4)
                .is_some_and(|start| start.eq_ignore_ascii_case("xn--")));
    count >= 2 && tld_ok
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(feature = "serde")]
mod serde_impls {
    use super::Email;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    impl Serialize for Email {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }

    impl<'de> Deserialize<'de> for Email {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let text = <alloc::borrow::Cow<'de, str>>::deserialize(deserializer)?;
            Email::parse(&text).map_err(D::Error::custom)
        }
    }
}
