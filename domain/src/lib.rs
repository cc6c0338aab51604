//! Mera's domain: the rules of the school's assessment (procedures, marks, indicators, the plan,
//! the policy of who may see what), the sync protocol, the tables every screen and export shows,
//! and the wire types the server functions carry. No I/O and no UI: the server and the browser
//! both build on it, and it imports neither (docs/design.md §6).
//!
//! The floor holds by construction: this crate depends on no other crate of the workspace, so a
//! wrong-way import does not compile.
//!
//! ```compile_fail
//! // The domain cannot reach the server's bodies …
//! use backend::platform::request::Request;
//! ```
//! ```compile_fail
//! // … nor the server functions.
//! use api::auth::login;
//! ```

pub mod assessment;
pub mod conclusions;
pub mod error;
pub mod fis_oko;
pub mod format;
pub mod indicators;
pub mod journal;
pub mod paper;
pub mod participant_code;
pub mod plan;
pub mod policy;
pub mod rcoi;
pub mod schedule;
pub mod sync;
pub mod table;
pub mod wire;

/// The product's name as users see it.
pub const PRODUCT_NAME: &str = "Мера";
