//! `kassa-server`: parse the command line, then hand over to the library.

use clap::Parser;
use kassa_server::cli::{Cli, Command, KeysCommand, MerchantCommand};
use kassa_server::startup::Application;
use kassa_server::{merchants, processors, telemetry};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    telemetry::init(cli.settings.log_format);
    match run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("kassa-server: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = Application::build(cli.settings)
                .await
                .map_err(|error| error.to_string())?;
            app.run_until_stopped()
                .await
                .map_err(|error| error.to_string())
        }
        Command::Merchant {
            action:
                MerchantCommand::Create {
                    name,
                    callback_url,
                    embed_origins,
                    currencies,
                    accent_color,
                    logo,
                    processor,
                    processor_config,
                    json,
                },
        } => {
            let processor_config = processor_json(&processor_config)?;
            let logo = match logo {
                Some(path) => {
                    let bytes = std::fs::read(&path)
                        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
                    Some(
                        merchants::logo_data_url(&bytes)
                            .map_err(|error| error.body().error.message.clone())?,
                    )
                }
                None => None,
            };
            let mut settings = cli.settings;
            settings.listen = "127.0.0.1:0".into();
            let app = Application::build(settings)
                .await
                .map_err(|error| error.to_string())?;
            // Checked before the merchant exists, so a typo creates nothing.
            processors::check(app.state(), &processor, &processor_config).map_err(message)?;
            let created = merchants::create_styled_merchant(
                app.state(),
                &name,
                &callback_url,
                &embed_origins,
                &currencies,
                kassa_api::Appearance { accent_color, logo },
            )
            .await
            .map_err(message)?;
            if processor != "test" {
                processors::set_processor(
                    app.state(),
                    &created.merchant_id,
                    &processor,
                    &processor_config,
                )
                .await
                .map_err(message)?;
            }
            if json {
                println!(
                    "{}",
                    serde_json::to_string(&created).map_err(|error| error.to_string())?
                );
            } else {
                println!("merchant id:      {}", created.merchant_id);
                println!("API key:          {}", created.api_key);
                println!("callback secret:  {}", created.callback_secret);
                println!(
                    "Store both secrets now: Kassa keeps only a hash of the key and cannot show them again."
                );
            }
            Ok(())
        }
        Command::Merchant {
            action:
                MerchantCommand::SetProcessor {
                    merchant,
                    processor,
                    processor_config,
                },
        } => {
            let processor_config = processor_json(&processor_config)?;
            let mut settings = cli.settings;
            settings.listen = "127.0.0.1:0".into();
            let app = Application::build(settings)
                .await
                .map_err(|error| error.to_string())?;
            let summary =
                processors::set_processor(app.state(), &merchant, &processor, &processor_config)
                    .await
                    .map_err(message)?;
            println!(
                "{merchant} now charges through {} (from the next payment on).",
                summary.processor
            );
            Ok(())
        }
        Command::Merchant {
            action: MerchantCommand::SetAuthorizationWindow { merchant, days },
        } => {
            let store = kassa_server::startup::connect_store(&cli.settings.database_url)
                .await
                .map_err(|error| error.to_string())?;
            let window_ms = i64::from(days) * 24 * 60 * 60 * 1000;
            if !store
                .set_authorization_window(&merchant, window_ms)
                .await
                .map_err(|error| error.to_string())?
            {
                return Err(format!("there is no merchant {merchant}"));
            }
            println!("{merchant}'s authorizations now wait {days} day(s) for a capture.");
            Ok(())
        }
        Command::Merchant {
            action:
                MerchantCommand::SetThreeDSecure {
                    merchant,
                    require,
                    amount,
                    currency,
                },
        } => {
            use kassa_server::payments::challenge::ThreeDSecureRule;
            let rule = match (require.as_str(), amount, currency) {
                ("always", _, _) => ThreeDSecureRule::Always,
                ("above", Some(amount), Some(code)) => {
                    let currency = kassa_card::Currency::from_code(code.trim())
                        .ok_or_else(|| format!("{code} is not an ISO 4217 currency"))?;
                    let amount = kassa_card::Amount::parse(&amount, currency)
                        .map_err(|_| format!("{amount} is not an amount in {}", currency.code()))?;
                    ThreeDSecureRule::Above {
                        currency: currency.code().to_owned(),
                        minor: amount.to_minor_units(),
                    }
                }
                _ => ThreeDSecureRule::Automatic,
            };
            let store = kassa_server::startup::connect_store(&cli.settings.database_url)
                .await
                .map_err(|error| error.to_string())?;
            if !store
                .set_three_d_secure_rule(&merchant, &rule.to_string())
                .await
                .map_err(|error| error.to_string())?
            {
                return Err(format!("there is no merchant {merchant}"));
            }
            println!("{merchant}'s 3-D Secure rule is now {rule}.");
            Ok(())
        }
        Command::Merchant {
            action:
                MerchantCommand::SetSurcharge {
                    merchant,
                    percent,
                    fixed,
                    currency,
                    cap,
                    countries,
                    eu_cards_exempt,
                    off,
                },
        } => {
            let rule = if off {
                None
            } else {
                let stored = kassa_server::payments::surcharge::StoredSurcharge::from_cli(
                    &percent,
                    fixed.as_deref(),
                    currency.as_deref(),
                    &cap,
                    &countries,
                    eu_cards_exempt,
                )?;
                Some(serde_json::to_string(&stored).map_err(|error| error.to_string())?)
            };
            let store = kassa_server::startup::connect_store(&cli.settings.database_url)
                .await
                .map_err(|error| error.to_string())?;
            if !store
                .set_surcharge_rule(&merchant, rule.as_deref())
                .await
                .map_err(|error| error.to_string())?
            {
                return Err(format!("there is no merchant {merchant}"));
            }
            match rule {
                Some(rule) => println!("{merchant}'s card surcharge is now {rule}."),
                None => println!("{merchant} no longer adds a card surcharge."),
            }
            Ok(())
        }
        Command::User { action } => {
            kassa_server::dashboard::users::run_command(cli.settings, action).await
        }
        Command::Demo => kassa_server::demo::run(cli.settings).await,
        Command::Keys {
            action: KeysCommand::Rotate,
        } => {
            let rotation = kassa_server::vault::rotate::rotate(&cli.settings).await?;
            println!(
                "New master key in use. Re-wrapped {} vault data key(s) and re-sealed {} other secret(s).",
                rotation.data_keys, rotation.other_values
            );
            Ok(())
        }
    }
}

/// The `--processor-config` JSON; the error never repeats the text (it
/// holds credentials).
fn processor_json(text: &str) -> Result<serde_json::Value, String> {
    serde_json::from_str(text).map_err(|error| {
        format!(
            "--processor-config is not JSON (line {}, column {})",
            error.line(),
            error.column()
        )
    })
}

/// An API error as the command line shows it.
fn message(error: kassa_server::error::ApiError) -> String {
    let body = error.body();
    match &body.error.field {
        Some(field) => format!("{field}: {}", body.error.message),
        None => body.error.message.clone(),
    }
}
