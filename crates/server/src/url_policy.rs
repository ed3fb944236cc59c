//! Which URLs a merchant may give: redirect and callback targets.

use std::net::IpAddr;

use reqwest::Url;

/// Why a URL was refused; each has a stable code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    /// Not an absolute URL.
    #[error("url.format")]
    Format,
    /// `http` where `https` is required.
    #[error("url.insecure")]
    Insecure,
    /// A user name or password in the URL.
    #[error("url.credentials")]
    Credentials,
    /// Resolves to a private or loopback address.
    #[error("url.private_address")]
    PrivateAddress,
    /// The host name does not resolve (now).
    #[error("url.unresolvable")]
    Unresolvable,
}

impl UrlError {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Format => "url.format",
            Self::Insecure => "url.insecure",
            Self::Credentials => "url.credentials",
            Self::PrivateAddress => "url.private_address",
            Self::Unresolvable => "url.unresolvable",
        }
    }

    /// A message for the merchant.
    pub fn message(self) -> &'static str {
        match self {
            Self::Format => {
                "Give an absolute URL (https://…), with spaces, quotes and other characters outside RFC 3986 percent-encoded."
            }
            Self::Insecure => "Use an https URL (http is allowed only for localhost).",
            Self::Credentials => "A URL must not contain a user name or password.",
            Self::PrivateAddress => "This URL points to a private or loopback address.",
            Self::Unresolvable => "This URL's host name does not resolve.",
        }
    }
}

/// Checks a merchant URL: absolute, `https` (or `http` for a loopback host,
/// or anywhere when the operator allows it), no credentials.
///
/// ```
/// use kassa_server::url_policy::{check_merchant_url, UrlError};
/// assert!(check_merchant_url("https://shop.example/ok?order=1", false).is_ok());
/// assert!(check_merchant_url("http://localhost:3000/ok", false).is_ok());
/// assert_eq!(check_merchant_url("http://shop.example/ok", false), Err(UrlError::Insecure));
/// assert_eq!(check_merchant_url("https://user:pw@shop.example/", false), Err(UrlError::Credentials));
/// assert_eq!(check_merchant_url("/relative", false), Err(UrlError::Format));
/// assert!(check_merchant_url("https://shop.example/ok?at=10:00&n=(1)*", false).is_ok());
/// assert_eq!(check_merchant_url("https://shop.example/a b", false), Err(UrlError::Format));
/// assert_eq!(check_merchant_url("https://shop.example/café", false), Err(UrlError::Format));
/// ```
///
/// # Errors
/// A [`UrlError`].
pub fn check_merchant_url(text: &str, allow_http: bool) -> Result<Url, UrlError> {
    // Only the characters RFC 3986 lets a URL hold as they are (letters,
    // digits, `-._~`, the sub-delimiters, `:@/?%`, `[` `]` for IPv6): a
    // space, a quote or a non-ASCII letter must come percent-encoded, so
    // the URL Kassa signs is the one the merchant wrote, and the OpenAPI
    // pattern says exactly what is accepted.
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/?%[]".contains(c);
    if !text.trim().chars().all(allowed) {
        return Err(UrlError::Format);
    }
    let url = Url::parse(text.trim()).map_err(|_| UrlError::Format)?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err(UrlError::Format);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(UrlError::Credentials);
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if allow_http || is_loopback_host(&url) => Ok(url),
        "http" => Err(UrlError::Insecure),
        _ => Err(UrlError::Format),
    }
}

fn is_loopback_host(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Whether an address is on the public internet: not loopback, private,
/// link-local, carrier-grade NAT, unique-local, multicast or unspecified.
///
/// ```
/// use kassa_server::url_policy::is_public;
/// assert!(is_public("93.184.216.34".parse().unwrap()));
/// for private in ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "::1", "fd00::1", "fe80::1", "::ffff:10.0.0.1", "0.0.0.0", "0.1.2.3", "198.18.0.1", "240.0.0.1", "64:ff9b::7f00:1", "2002:a00:1::", "::7f00:1"] {
///     assert!(!is_public(private.parse().unwrap()), "{private}");
/// }
/// ```
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => {
            let [a, b, c, _] = ip.octets();
            !(ip.is_loopback()
                || ip.is_private()
                || ip.is_link_local()
                || ip.is_unspecified()
                || ip.is_multicast()
                || ip.is_broadcast()
                || ip.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 192 && b == 0 && c == 0)
                || (a == 198 && (18..20).contains(&b))
                || a >= 240)
        }
        IpAddr::V6(ip) => {
            if let Some(mapped) = ip.to_ipv4_mapped() {
                return is_public(IpAddr::V4(mapped));
            }
            let segments = ip.segments();
            let embedded_v4 = |high: u16, low: u16| {
                IpAddr::V4(std::net::Ipv4Addr::from(
                    (u32::from(high) << 16) | u32::from(low),
                ))
            };
            // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address;
            // judge that one.
            if segments[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
                return is_public(embedded_v4(segments[6], segments[7]));
            }
            if segments[0] == 0x2002 {
                return is_public(embedded_v4(segments[1], segments[2]));
            }
            let first = segments[0];
            !(ip.is_loopback()
                || ip.is_unspecified()
                || ip.is_multicast()
                || segments[..6] == [0; 6]
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

/// A resolver for callback requests that drops every non-public address
/// (unless private callbacks are allowed): the check happens on the very
/// addresses the connection uses, so a name that resolves one way when
/// checked and another when connecting (DNS rebinding) gets nowhere.
#[derive(Clone, Copy, Debug)]
pub struct CallbackResolver {
    /// Whether loopback and private addresses are allowed (tests, the demo).
    pub allow_private: bool,
}

impl reqwest::dns::Resolve for CallbackResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let lookup = tokio::net::lookup_host((host.as_str(), 0));
            let addresses = tokio::time::timeout(LOOKUP_TIMEOUT, lookup)
                .await
                .map_err(|_| -> tower::BoxError { "name lookup timed out".into() })??;
            let usable: Vec<std::net::SocketAddr> = addresses
                .filter(|address| allow_private || is_public(address.ip()))
                .collect();
            if usable.is_empty() {
                return Err("no public address".into());
            }
            Ok(Box::new(usable.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// How long a name lookup for a callback may take.
const LOOKUP_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Resolves a callback URL's host and refuses it when any address is not
/// public, unless the operator allows private callbacks (tests, the demo).
///
/// # Errors
/// [`UrlError::PrivateAddress`], or [`UrlError::Format`] when it does not resolve.
pub async fn check_callback_target(url: &Url, allow_private: bool) -> Result<(), UrlError> {
    if allow_private {
        return Ok(());
    }
    let host = url.host_str().ok_or(UrlError::Format)?;
    let port = url.port_or_known_default().unwrap_or(443);
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let addresses = tokio::time::timeout(LOOKUP_TIMEOUT, tokio::net::lookup_host((host, port)))
        .await
        .map_err(|_| UrlError::Unresolvable)?
        .map_err(|_| UrlError::Unresolvable)?;
    let mut any = false;
    for address in addresses {
        any = true;
        if !is_public(address.ip()) {
            return Err(UrlError::PrivateAddress);
        }
    }
    if any {
        Ok(())
    } else {
        Err(UrlError::Unresolvable)
    }
}
