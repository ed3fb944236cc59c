//! The shopper's address, for the payment rate limit and the logs: the TCP
//! peer, unless the peer is a proxy the operator trusts
//! (`--trusted-proxy`), in which case it is read from the forwarding
//! headers that proxy wrote.
//!
//! Headers are read right to left: each trusted proxy appends the address
//! it received the request from, so the rightmost address that is not a
//! trusted proxy is the first one no trusted party vouches for, and anything
//! to its left may have been written by the client itself. Only the header
//! the operator's proxy writes is read ([`ForwardedHeader`]): a proxy that
//! appends to `X-Forwarded-For` passes a client's own `Forwarded` header
//! through untouched, so reading both would let a client choose.

use std::net::IpAddr;

use axum::http::HeaderMap;
use ipnet::IpNet;

/// Which header the trusted proxies write the client's address to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ForwardedHeader {
    /// `X-Forwarded-For` (nginx, HAProxy, cloud load balancers).
    #[default]
    XForwardedFor,
    /// `Forwarded` (RFC 7239).
    Forwarded,
}

/// The client's address for a request from `peer` with `headers`, where
/// `trusted` proxies write `header`.
///
/// ```
/// use axum::http::HeaderMap;
/// use kassa_server::client_address::{ForwardedHeader, client_address};
///
/// let proxy: ipnet::IpNet = "10.0.0.0/8".parse().unwrap();
/// let mut headers = HeaderMap::new();
/// headers.insert("x-forwarded-for", "198.51.100.7, 203.0.113.9".parse().unwrap());
/// let peer = "10.1.2.3".parse().unwrap();
/// let xff = ForwardedHeader::XForwardedFor;
/// // The rightmost untrusted hop, not what the client wrote on the left.
/// assert_eq!(client_address(peer, &headers, &[proxy], xff).to_string(), "203.0.113.9");
/// // From an untrusted peer the headers count for nothing.
/// let stranger = "192.0.2.1".parse().unwrap();
/// assert_eq!(client_address(stranger, &headers, &[proxy], xff), stranger);
/// ```
pub fn client_address(
    peer: IpAddr,
    headers: &HeaderMap,
    trusted: &[IpNet],
    header: ForwardedHeader,
) -> IpAddr {
    let is_trusted = |address: &IpAddr| trusted.iter().any(|net| net.contains(address));
    if !is_trusted(&canonical(peer)) {
        return peer;
    }
    let hops = match header {
        ForwardedHeader::XForwardedFor => x_forwarded_for(headers),
        ForwardedHeader::Forwarded => forwarded(headers),
    };
    let mut client = peer;
    for hop in hops.iter().rev() {
        let Some(address) = hop.map(canonical) else {
            // A hop that is not an address (`unknown`, an obfuscated name):
            // nothing to its left can be trusted either.
            return client;
        };
        client = address;
        if !is_trusted(&address) {
            return address;
        }
    }
    client
}

/// IPv4 addresses written as IPv6 (`::ffff:a.b.c.d`) as IPv4.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        IpAddr::V4(_) => address,
    }
}

/// The `for=` hops of every `Forwarded` header, in order; `None` for a hop
/// that is not an address.
fn forwarded(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    headers
        .get_all("forwarded")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (name, value) = pair.trim().split_once('=')?;
                name.trim()
                    .eq_ignore_ascii_case("for")
                    .then(|| parse_node(value.trim()))
            })
        })
        .collect()
}

/// The addresses of every `X-Forwarded-For` header, in order.
fn x_forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|hop| parse_node(hop.trim()))
        .collect()
}

/// A node as `Forwarded` writes it (`192.0.2.1`, `"192.0.2.1:8080"`,
/// `"[2001:db8::1]:443"`) or as `X-Forwarded-For` does.
fn parse_node(text: &str) -> Option<IpAddr> {
    let text = text.trim_matches('"');
    if let Ok(address) = text.parse() {
        return Some(address);
    }
    if let Some(rest) = text.strip_prefix('[') {
        return rest.split_once(']')?.0.parse().ok();
    }
    let (host, port) = text.rsplit_once(':')?;
    port.bytes()
        .all(|byte| byte.is_ascii_digit())
        .then(|| host.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    const XFF: ForwardedHeader = ForwardedHeader::XForwardedFor;

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|net| net.parse().unwrap()).collect()
    }

    #[test]
    fn every_trusted_hop_is_skipped_from_the_right() {
        let trusted = nets(&["10.0.0.0/8", "2001:db8::/32"]);
        let map = headers(&[("x-forwarded-for", "6.6.6.6, 203.0.113.9, 10.0.0.5")]);
        let peer = "10.0.0.1".parse().unwrap();
        assert_eq!(
            client_address(peer, &map, &trusted, XFF).to_string(),
            "203.0.113.9"
        );
        // Two headers are one list.
        let map = headers(&[
            ("x-forwarded-for", "6.6.6.6"),
            ("x-forwarded-for", "203.0.113.9, 10.0.0.5"),
        ]);
        assert_eq!(
            client_address(peer, &map, &trusted, XFF).to_string(),
            "203.0.113.9"
        );
    }

    #[test]
    fn forwarded_is_read_with_ports_quotes_and_ipv6() {
        let trusted = nets(&["10.0.0.0/8"]);
        let peer = "10.0.0.1".parse().unwrap();
        let rfc = ForwardedHeader::Forwarded;
        let map = headers(&[(
            "forwarded",
            r#"for=6.6.6.6, for="[2001:db8::7]:4711";proto=https, for="10.0.0.9:80""#,
        )]);
        assert_eq!(
            client_address(peer, &map, &trusted, rfc).to_string(),
            "2001:db8::7"
        );
        // Only the header the proxy writes is read: the client's own other
        // one changes nothing.
        let map = headers(&[
            ("forwarded", "for=6.6.6.6"),
            ("x-forwarded-for", "203.0.113.1"),
        ]);
        assert_eq!(
            client_address(peer, &map, &trusted, XFF).to_string(),
            "203.0.113.1"
        );
        let map = headers(&[
            ("forwarded", "for=203.0.113.1"),
            ("x-forwarded-for", "6.6.6.6"),
        ]);
        assert_eq!(
            client_address(peer, &map, &trusted, rfc).to_string(),
            "203.0.113.1"
        );
    }

    #[test]
    fn an_unknown_hop_stops_the_walk_at_the_last_trusted_one() {
        let trusted = nets(&["10.0.0.0/8"]);
        let peer = "10.0.0.1".parse().unwrap();
        let map = headers(&[("x-forwarded-for", "6.6.6.6, unknown, 10.0.0.5")]);
        assert_eq!(
            client_address(peer, &map, &trusted, XFF).to_string(),
            "10.0.0.5"
        );
    }

    #[test]
    fn without_trusted_proxies_the_headers_count_for_nothing() {
        let peer: IpAddr = "127.0.0.1".parse().unwrap();
        let map = headers(&[
            ("x-forwarded-for", "203.0.113.9"),
            ("forwarded", "for=203.0.113.9"),
        ]);
        assert_eq!(client_address(peer, &map, &[], XFF), peer);
    }

    #[test]
    fn a_mapped_ipv4_peer_matches_an_ipv4_block() {
        let trusted = nets(&["127.0.0.0/8"]);
        let peer: IpAddr = "::ffff:127.0.0.1".parse().unwrap();
        let map = headers(&[("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(
            client_address(peer, &map, &trusted, XFF).to_string(),
            "203.0.113.9"
        );
    }
}
