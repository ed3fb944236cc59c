//! Hash routing: `#/payments/inv_…` and friends, parsed without a router.

/// A screen of the dashboard, as its address names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `#/`: today, this month, the last 30 days.
    Overview,
    /// `#/payments`: the invoices, filtered.
    Payments,
    /// `#/payments/inv_…`: one invoice.
    Payment(String),
    /// `#/developers`: API keys and callbacks (owners).
    Developers,
    /// `#/settings`: name, colours, logo, currencies (owners).
    Settings,
    /// `#/audit`: who did what (owners).
    Audit,
    /// `#/team`: the account's users (owners).
    Team,
    /// `#/account`: the signed-in user's password (everyone).
    Account,
}

impl Route {
    /// The route of a location hash (`#/payments`); anything unknown is the
    /// overview.
    ///
    /// ```
    /// use kassa_dashboard::route::Route;
    /// assert_eq!(Route::parse("#/payments/inv_1"), Route::Payment("inv_1".into()));
    /// assert_eq!(Route::parse(""), Route::Overview);
    /// ```
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_matches('/');
        let mut parts = path.split('/').filter(|part| !part.is_empty());
        match (parts.next(), parts.next(), parts.next()) {
            (Some("payments"), None, _) => Route::Payments,
            (Some("payments"), Some(id), None) if is_id(id) => Route::Payment(id.to_owned()),
            (Some("developers"), None, _) => Route::Developers,
            (Some("settings"), None, _) => Route::Settings,
            (Some("audit"), None, _) => Route::Audit,
            (Some("team"), None, _) => Route::Team,
            (Some("account"), None, _) => Route::Account,
            _ => Route::Overview,
        }
    }

    /// The hash that leads here (`#/payments/inv_1`).
    ///
    /// ```
    /// use kassa_dashboard::route::Route;
    /// assert_eq!(Route::Payment("inv_1".into()).href(), "#/payments/inv_1");
    /// ```
    pub fn href(&self) -> String {
        match self {
            Route::Overview => "#/".to_owned(),
            Route::Payments => "#/payments".to_owned(),
            Route::Payment(id) => ["#/payments/", id].concat(),
            Route::Developers => "#/developers".to_owned(),
            Route::Settings => "#/settings".to_owned(),
            Route::Audit => "#/audit".to_owned(),
            Route::Team => "#/team".to_owned(),
            Route::Account => "#/account".to_owned(),
        }
    }

    /// Whether only owners may see it.
    pub fn owners_only(&self) -> bool {
        matches!(
            self,
            Route::Developers | Route::Settings | Route::Audit | Route::Team
        )
    }

    /// The nav entry it falls under (a payment under payments).
    pub fn section(&self) -> Route {
        match self {
            Route::Payment(_) => Route::Payments,
            other => other.clone(),
        }
    }
}

/// An invoice id as the address may carry it: letters, digits and `_`.
fn is_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_parses_back_from_its_href() {
        for route in [
            Route::Overview,
            Route::Payments,
            Route::Payment("inv_0123abcd".into()),
            Route::Developers,
            Route::Settings,
            Route::Audit,
            Route::Team,
            Route::Account,
        ] {
            assert_eq!(Route::parse(&route.href()), route);
        }
    }

    #[test]
    fn unknown_or_malformed_hashes_show_the_overview() {
        assert_eq!(Route::parse("#/nope"), Route::Overview);
        assert_eq!(Route::parse("#/payments/inv_1/extra"), Route::Overview);
        assert_eq!(Route::parse("#/payments/<script>"), Route::Overview);
        assert_eq!(Route::parse("#payments/"), Route::Payments);
        assert_eq!(Route::parse("#/team/usr_1"), Route::Overview);
    }

    #[test]
    fn the_team_is_for_owners_and_the_account_for_everyone() {
        assert!(Route::Team.owners_only());
        assert!(!Route::Account.owners_only());
    }
}
