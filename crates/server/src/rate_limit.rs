//! A per-address limit on payment requests: card testers try many numbers
//! quickly, shoppers do not.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

/// Fixed one-minute windows per client address.
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
    /// ```
    pub fn allow(&self, address: IpAddr, now_ms: i64) -> bool {
        let minute = now_ms.div_euclid(60_000);
        let Ok(mut windows) = self.windows.lock() else {
            return true;
        };
        if windows.len() > 100_000 {
            windows.retain(|_, (window, _)| *window == minute);
        }
        let entry = windows.entry(address).or_insert((minute, 0));
        if entry.0 != minute {
            *entry = (minute, 0);
        }
        entry.1 += 1;
        entry.1 <= self.per_minute
    }
}
