//! `mera`: the Mera server and its administration commands.

use std::io::Read;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use sea_orm::TransactionTrait;
use server::{account, backup, config::Config, db, demo, serve, setup};

#[derive(Parser)]
#[command(
    name = "mera",
    version,
    about = "Мера — внутренняя система оценки качества образования школы"
)]
#[command(after_help = "Environment:
  DATABASE_URL        database to use; default sqlite://data/mera.db (file created on first run);
                      postgres://user@host/db for PostgreSQL
  MERA_ADDR           address to listen on; default 127.0.0.1:3000
  MERA_SITE_ROOT      directory with the built web app (pkg/, icons, manifest); default target/site
  MERA_SECURE_COOKIE  set to 1 when served over https, so session cookies are marked Secure
  RUST_LOG            log level and filters, e.g. info or server=debug; default info")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app and its API (migrates the database first).
    Serve,
    /// Bring the database schema up to date.
    Migrate {
        /// Drop every table first and start from an empty schema (tests and demos only).
        #[arg(long)]
        fresh: bool,
    },
    /// Load the demo municipality and school into an empty database.
    Demo {
        /// How many schools the demo municipality has (more make data for benchmarks).
        #[arg(long, default_value_t = 6)]
        schools: usize,
        /// Seed of the generator: the same seed gives the same data.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Add a school (and its municipality, when new) with the current school year.
    School {
        #[command(subcommand)]
        command: SchoolCommand,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Write a consistent copy of the SQLite database to FILE while the server runs.
    Backup {
        /// The copy to write; it must not exist yet.
        file: std::path::PathBuf,
    },
    /// Put the copy FILE in place of the SQLite database (stop the server first); the database
    /// it replaces is kept beside it.
    Restore { file: std::path::PathBuf },
    /// Check that the database answers, and say its schema version and what it holds.
    Check,
}

#[derive(Subcommand)]
enum SchoolCommand {
    /// Add a school, e.g. `mera school add "Школа № 5" --name "МБОУ «СОШ № 5»" --municipality "Город"`.
    Add {
        /// Short name as staff say it, e.g. «Школа № 5».
        short_name: String,
        /// Full official name.
        #[arg(long)]
        name: String,
        /// The municipality it belongs to (created when new).
        #[arg(long)]
        municipality: String,
        /// IANA time zone of the school.
        #[arg(long, default_value = "Europe/Moscow")]
        timezone: String,
        /// The school is on the ШНОР list.
        #[arg(long)]
        shnor: bool,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account; the password is read from standard input, never from the command line.
    Add {
        /// Login name.
        username: String,
        /// Full name as colleagues see it, e.g. «Иванова Мария Петровна».
        #[arg(long)]
        name: String,
        /// A role to give (repeatable): admin, director, deputy, council, psychologist, teacher,
        /// municipal.
        #[arg(long = "role")]
        roles: Vec<String>,
        /// The school the roles are in (its short name); for municipal, any school of the
        /// municipality.
        #[arg(long)]
        school: Option<String>,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    server::telemetry::init();
    let config = Config::from_env();
    match run(cli.command, config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("mera: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, config: Config) -> Result<(), server::Error> {
    // Nothing holds the database being replaced.
    if let Command::Restore { file } = &command {
        let kept = backup::restore(&config.database_url, file).await?;
        println!(
            "База восстановлена из {}. Прежняя сохранена как {}.",
            file.display(),
            kept.display()
        );
        return Ok(());
    }
    let conn = db::connect(&config.database_url).await?;
    match command {
        Command::Serve => {
            db::migrate(&conn, false).await?;
            serve::run(config, conn).await
        }
        Command::Migrate { fresh } => {
            db::migrate(&conn, fresh).await?;
            println!("Схема базы данных обновлена.");
            Ok(())
        }
        Command::Demo { schools, seed } => {
            db::migrate(&conn, false).await?;
            match demo::load(
                &conn,
                demo::Options {
                    schools,
                    seed,
                    journal: true,
                },
            )
            .await?
            {
                demo::Outcome::Loaded => {
                    println!("Демонстрационные данные загружены.");
                    print_demo_accounts();
                }
                demo::Outcome::NotEmpty => {
                    println!("В базе уже есть данные: демонстрационные данные не загружались.");
                    if demo::accounts_present(&conn).await? {
                        print_demo_accounts();
                    }
                }
            }
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Add {
                    username,
                    name,
                    roles,
                    school,
                },
        } => {
            db::migrate(&conn, false).await?;
            let mut password = String::new();
            std::io::stdin()
                .read_to_string(&mut password)
                .map_err(|e| server::Error::Input(format!("не удалось прочитать пароль: {e}")))?;
            let password = password.trim_end_matches(['\r', '\n']);
            let roles = roles
                .iter()
                .map(|code| {
                    domain::policy::Role::from_code(code)
                        .ok_or_else(|| server::Error::Input(format!("Роли «{code}» нет.")))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let txn = conn.begin().await?;
            account::add(&txn, &username, &name, password).await?;
            for role in roles {
                setup::grant(&txn, &username, role, school.as_deref()).await?;
            }
            txn.commit().await?;
            println!("Учётная запись «{username}» создана.");
            Ok(())
        }
        Command::Restore { .. } => Ok(()),
        Command::Backup { file } => {
            backup::backup(&conn, &file).await?;
            println!("Резервная копия записана: {}.", file.display());
            Ok(())
        }
        Command::Check => {
            println!("{}", backup::check(&conn).await?);
            Ok(())
        }
        Command::School {
            command:
                SchoolCommand::Add {
                    short_name,
                    name,
                    municipality,
                    timezone,
                    shnor,
                },
        } => {
            db::migrate(&conn, false).await?;
            let school = setup::add_school(
                &conn,
                setup::NewSchool {
                    short_name,
                    full_name: name,
                    municipality,
                    timezone,
                    is_shnor: shnor,
                },
            )
            .await?;
            println!("Школа «{}» добавлена.", school.short_name);
            Ok(())
        }
    }
}

fn print_demo_accounts() {
    println!(
        "Демонстрационные учётные записи (пароль «{}»):",
        demo::DEMO_PASSWORD
    );
    for (username, who) in demo::DEMO_ACCOUNTS {
        println!("  {username:<14} {who}");
    }
}
