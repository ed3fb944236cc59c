//! A per-address limit on payment requests: card testers try many numbers
//! quickly, shoppers do not.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

/// Addresses tracked at most; past that, only known ones are served.
const MAX_TRACKED: usize = 100_000;

/// One IPv6 customer usually holds a whole /64, so that is what is counted.
fn network_of(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => {
            let mut segments = v6.segments();
            segments[4..].fill(0);
            IpAddr::V6(segments.into())
        }
        v4 => v4,
    }
}

/// Fixed one-minute windows per client address (IPv6: per /64).
#[derive(Debug)]
pub struct RateLimiter {
    per_minute: u32,
    windows: Mutex<HashMap<IpAddr, (i64, u32)>>,
}

impl RateLimiter {
    /// Allows `per_minute` requests per address per minute.
    pub fn new(per_minute: u32) -> RateLimiter {
        RateLimiter {
            per_minute,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a request from `address` at `now_ms`; `false` when over the limit.
    ///
    /// ```
    /// use kassa_server::rate_limit::RateLimiter;
    /// let limiter = RateLimiter::new(2);
    /// let ip = "203.0.113.7".parse().unwrap();
    /// assert!(limiter.allow(ip, 0) && limiter.allow(ip, 1));
    /// assert!(!limiter.allow(ip, 2));
    /// assert!(limiter.allow(ip, 60_000), "a new minute");
    /// let (a, b) = ("2001:db8::1".parse().unwrap(), "2001:db8::2".parse().unwrap());
    /// assert!(limiter.allow(a, 0) && limiter.allow(b, 0));
    /// assert!(!limiter.allow(a, 1), "one /64 is one customer");
    /// ```
    pub fn allow(&self, address: IpAddr, now_ms: i64) -> bool {
        let minute = now_ms.div_euclid(60_000);
        let address = network_of(address);
        let Ok(mut windows) = self.windows.lock() else {
            return true;
        };
        if windows.len() >= MAX_TRACKED {
            windows.retain(|_, (window, _)| *window == minute);
            if windows.len() >= MAX_TRACKED {
                // Under a flood of distinct addresses, serve only known ones
                // rather than grow without bound.
                let known = windows
                    .get_mut(&address)
                    .filter(|(window, _)| *window == minute);
                return known.is_some_and(|(_, count)| {
                    *count += 1;
                    *count <= self.per_minute
                });
            }
        }
        let entry = windows.entry(address).or_insert((minute, 0));
        if entry.0 != minute {
            *entry = (minute, 0);
        }
        entry.1 += 1;
        entry.1 <= self.per_minute
    }
}
