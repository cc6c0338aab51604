//! Configuration from the environment; `mera --help` lists every variable.

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub addr: SocketAddr,
    pub site_root: PathBuf,
    pub secure_cookie: bool,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/mera.db";
pub const DEFAULT_ADDR: &str = "127.0.0.1:3000";

impl Config {
    pub fn from_env() -> Self {
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Self {
        let addr = get("MERA_ADDR").unwrap_or_else(|| DEFAULT_ADDR.into());
        Config {
            database_url: get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into()),
            addr: addr.parse().unwrap_or_else(|_| {
                tracing::warn!(%addr, "MERA_ADDR is not host:port; using {DEFAULT_ADDR}");
                DEFAULT_ADDR.parse().expect("default address parses")
            }),
            site_root: get("MERA_SITE_ROOT")
                .unwrap_or_else(|| "target/site".into())
                .into(),
            secure_cookie: matches!(
                get("MERA_SECURE_COOKIE").as_deref(),
                Some("1" | "true" | "yes" | "on")
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_need_no_setup() {
        let config = Config::from_lookup(|_| None);
        assert_eq!(config.database_url, "sqlite://data/mera.db");
        assert_eq!(config.addr.to_string(), "127.0.0.1:3000");
        assert!(!config.secure_cookie);
    }

    #[test]
    fn environment_overrides_defaults() {
        let config = Config::from_lookup(|key| match key {
            "DATABASE_URL" => Some("postgres://mera@db/mera".into()),
            "MERA_ADDR" => Some("0.0.0.0:8080".into()),
            "MERA_SECURE_COOKIE" => Some("1".into()),
            _ => None,
        });
        assert_eq!(config.database_url, "postgres://mera@db/mera");
        assert_eq!(config.addr.port(), 8080);
        assert!(config.secure_cookie);
    }
}
