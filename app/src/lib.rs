//! Mera's application crate: domain types, the UI, server function declarations and, behind the
//! `ssr` feature, the server-only code (entities, queries). The browser build never sees `ssr`.
#![recursion_limit = "256"]

pub mod assessment;
pub mod components;
pub mod device;
pub mod error;
pub mod format;
pub mod functions;
pub mod indicators;
pub mod plan;
pub mod policy;
pub mod routes;
mod shell;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod sync;
pub mod table;

pub use shell::App;

/// The product's name as users see it.
pub const PRODUCT_NAME: &str = "Мера";
