pub mod error_note;
pub mod guard;
pub mod header;
pub mod sync_state;
pub mod update_banner;
