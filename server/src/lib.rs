//! The `mera` server: configuration, database setup, the HTTP surface and the admin commands.

pub mod backup;
pub mod config;
pub mod curriculum;
pub mod db;
pub mod demo;
pub mod files;
pub mod health;
pub mod routes;
pub mod security;
pub mod serve;
pub mod setup;
pub mod shell;
pub mod telemetry;

pub use backend::accounts::store as account;

/// What can stop a `mera` command. Messages are for the administrator at the console.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("база данных: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("{0}")]
    Account(#[from] backend::accounts::store::AccountError),
    #[error("{0}")]
    Input(String),
    #[error("сборка веб-приложения не найдена: {0}. Соберите её командой «make build».")]
    Site(String),
    #[error("сеть: {0}")]
    Io(#[from] std::io::Error),
}
