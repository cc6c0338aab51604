pub mod header;
pub mod sync_state;
pub mod update_banner;
