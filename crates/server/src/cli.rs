//! The command line: `serve` (the default), `merchant create`, `demo`.

use clap::{Parser, Subcommand};

use crate::settings::Settings;

/// Kassa: a self-hosted card checkout.
#[derive(Debug, Parser)]
#[command(name = "kassa-server", version, about, long_about = None)]
pub struct Cli {
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Settings shared by every command.
    #[command(flatten)]
    pub settings: Settings,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server.
    Serve,
    /// Manage merchants.
    Merchant {
        /// The merchant action.
        #[command(subcommand)]
        action: MerchantCommand,
    },
    /// Manage dashboard users.
    User {
        /// The user action.
        #[command(subcommand)]
        action: UserCommand,
    },
    /// Create a demo merchant and invoice, print the checkout URL, and serve.
    Demo,
    /// Manage the master key.
    Keys {
        /// The key action.
        #[command(subcommand)]
        action: KeysCommand,
    },
}

/// Dashboard user actions.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user who signs in to the dashboard at `/dashboard`.
    Create {
        /// The merchant they work for (`mer_…`).
        #[arg(long)]
        merchant: String,
        /// Their email (they sign in with it).
        #[arg(long)]
        email: String,
        /// `owner` (keys, users and settings too) or `staff` (view and refund).
        #[arg(long, value_enum, default_value = "owner")]
        role: crate::dashboard::users::Role,
        /// Read the password (12 characters or more) from the first line of
        /// standard input, so it never appears in the process list or the
        /// shell's history.
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Turn a user's authenticator-app second factor on (prints the secret
    /// and its `otpauth://` address once) or off.
    Totp {
        /// The user's email.
        #[arg(long)]
        email: String,
        /// Turn it off instead.
        #[arg(long)]
        off: bool,
    },
}

/// Master key actions.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Put a new master key first in the key file and re-seal every value
    /// sealed with the old one (vault data keys, callback secrets, gateway
    /// settings), while instances keep running.
    Rotate,
}

/// Merchant actions.
#[derive(Debug, Subcommand)]
pub enum MerchantCommand {
    /// Create a merchant; prints its API key and callback secret once.
    Create {
        /// Display name shown to shoppers.
        #[arg(long)]
        name: String,
        /// Where signed callbacks are POSTed.
        #[arg(long)]
        callback_url: String,
        /// An origin allowed to embed the checkout (repeatable).
        #[arg(long = "embed-origin")]
        embed_origins: Vec<String>,
        /// An accepted currency (repeatable; default: all).
        #[arg(long = "currency")]
        currencies: Vec<String>,
        /// The checkout's accent colour (`#rgb` or `#rrggbb`).
        #[arg(long)]
        accent_color: Option<String>,
        /// A PNG or SVG logo file (at most 32 KB) shown on the checkout.
        #[arg(long)]
        logo: Option<std::path::PathBuf>,
        /// The processor that charges its payments: `test` (the default),
        /// `creditguard`, `icount` or `stripe`.
        #[arg(long, default_value = "test")]
        processor: String,
        /// The gateway's settings as JSON, named as the gateway names them
        /// (see docs/gateways.md); stored sealed, never shown again.
        #[arg(
            long,
            env = "KASSA_PROCESSOR_CONFIG",
            default_value = "{}",
            hide_env_values = true
        )]
        processor_config: String,
        /// Print `{"merchant_id", "api_key", "callback_secret"}` as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change the processor that charges a merchant's later payments (those
    /// already made keep theirs, for refunds and settlement).
    SetProcessor {
        /// The merchant (`mer_…`).
        #[arg(long)]
        merchant: String,
        /// `test`, `creditguard`, `icount` or `stripe`.
        #[arg(long)]
        processor: String,
        /// The gateway's settings as JSON (see docs/gateways.md).
        #[arg(
            long,
            env = "KASSA_PROCESSOR_CONFIG",
            default_value = "{}",
            hide_env_values = true
        )]
        processor_config: String,
    },
    /// Set how long the merchant's authorizations (`capture: "manual"`)
    /// wait for a capture before they are released (default 7 days).
    SetAuthorizationWindow {
        /// The merchant (`mer_…`).
        #[arg(long)]
        merchant: String,
        /// Days, 1 to 30 (card schemes hold authorizations for about 7 to
        /// 30 days, depending on the scheme and the merchant's category).
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..=30))]
        days: u16,
    },
    /// Add a card surcharge to the merchant's payments on the page: a
    /// percentage and/or a fixed amount, on credit cards only (never debit
    /// or prepaid), capped, optionally for some card countries only, and by
    /// default not on cards issued in the EU/EEA. `--off` removes it.
    SetSurcharge {
        /// The merchant (`mer_…`).
        #[arg(long)]
        merchant: String,
        /// The percentage of the amount (`2.5`).
        #[arg(long, default_value = "0")]
        percent: String,
        /// A fixed amount added (`0.30`), in `--currency`.
        #[arg(long, requires = "currency")]
        fixed: Option<String>,
        /// The fixed amount's ISO 4217 currency.
        #[arg(long)]
        currency: Option<String>,
        /// The most the surcharge may be, as a percentage of the amount
        /// (default 3, the usual legal and scheme limit).
        #[arg(long, default_value = "3")]
        cap: String,
        /// Only cards issued in these countries (`US,TH`); default: any.
        #[arg(long, value_delimiter = ',')]
        countries: Vec<String>,
        /// Whether cards issued in the EU/EEA are exempt (PSD2 forbids
        /// surcharging consumer cards there).
        #[arg(long, default_value = "true", action = clap::ArgAction::Set)]
        eu_cards_exempt: bool,
        /// Remove the merchant's surcharge.
        #[arg(long, conflicts_with_all = ["fixed", "countries"])]
        off: bool,
    },
    /// Require 3-D Secure for the merchant's payments on the page: always,
    /// above an amount, or only when the issuer asks (`automatic`, the
    /// default). Merchant-initiated charges are exempt.
    SetThreeDSecure {
        /// The merchant (`mer_…`).
        #[arg(long)]
        merchant: String,
        /// `always`, `automatic`, or `above` (with `--amount` and `--currency`).
        #[arg(long, value_parser = ["always", "automatic", "above"])]
        require: String,
        /// With `--require above`: the amount above which it is required
        /// (`100.00`).
        #[arg(long, required_if_eq("require", "above"))]
        amount: Option<String>,
        /// With `--require above`: the amount's ISO 4217 currency; payments
        /// in any other currency always require it.
        #[arg(long, required_if_eq("require", "above"))]
        currency: Option<String>,
    },
}
