//! The shopper's IP address, which acquirers want for fraud checks.

use core::fmt;
use core::net::IpAddr;

use crate::error::{Coded, ErrorCode, coded_error};

/// An IPv4 or IPv6 address.
///
/// ```
/// use kassa_card::{CustomerIp, IpError};
///
/// assert!(CustomerIp::parse("203.0.113.7").unwrap().is_ipv4());
/// assert_eq!(CustomerIp::parse(" 2001:db8::1 ").unwrap().to_string(), "2001:db8::1");
/// assert_eq!(CustomerIp::parse("256.1.1.1"), Err(IpError::Format));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CustomerIp(IpAddr);

/// Not an IP address.
///
/// ```
/// use kassa_card::{Coded, CustomerIp, IpError};
///
/// assert_eq!(CustomerIp::parse("localhost"), Err(IpError::Format));
/// assert_eq!(IpError::Format.code().as_str(), "ip.format");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IpError {
    /// Neither IPv4 nor IPv6.
    Format,
}

impl Coded for IpError {
    fn code(&self) -> ErrorCode {
        ErrorCode::IpFormat
    }
}
coded_error!(IpError);

impl CustomerIp {
    /// Parses an IPv4 or IPv6 address (surrounding spaces trimmed).
    ///
    /// # Errors
    /// [`IpError::Format`].
    pub fn parse(text: &str) -> Result<CustomerIp, IpError> {
        text.trim()
            .parse()
            .map(CustomerIp)
            .map_err(|_| IpError::Format)
    }

    /// The address.
    ///
    /// ```
    /// use kassa_card::CustomerIp;
    /// use std::net::Ipv4Addr;
    /// assert_eq!(CustomerIp::parse("203.0.113.7").unwrap().addr(), Ipv4Addr::new(203, 0, 113, 7));
    /// ```
    pub fn addr(self) -> IpAddr {
        self.0
    }

    /// Whether it is IPv4.
    pub fn is_ipv4(self) -> bool {
        self.0.is_ipv4()
    }
}

impl fmt::Display for CustomerIp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}
