pub mod edit_window;
pub mod error_note;
pub mod guard;
pub mod header;
pub mod sheet_figures;
pub mod sync_state;
pub mod term_table;
pub mod update_banner;
