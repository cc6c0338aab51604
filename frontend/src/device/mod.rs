//! What lives on the device: its connection state, the offline copy of the app shell, and the
//! small facts kept in local storage so the app can show them with no network.

pub mod clock;
pub mod file;
pub mod network;
pub mod offline_shell;
pub mod photo;
pub mod school_name;
pub mod screen;
pub mod signed_in;
pub mod store;
pub mod sync_engine;
