//! `kassa-server`: parse the command line, then hand over to the library.

use clap::Parser;
use kassa_server::cli::{Cli, Command, MerchantCommand};
use kassa_server::startup::Application;
use kassa_server::{merchants, telemetry};

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
                    json,
                },
        } => {
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
            let created = merchants::create_styled_merchant(
                app.state(),
                &name,
                &callback_url,
                &embed_origins,
                &currencies,
                kassa_api::Appearance { accent_color, logo },
            )
            .await
            .map_err(|error| error.body().error.message.clone())?;
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
        Command::Demo => kassa_server::demo::run(cli.settings).await,
    }
}
