//! Moving the school to the next school year: this year becomes read-only history (archived)
//! and the classes go up one grade level with their students, class teachers and teaching
//! assignments; the eleventh grade leaves. For the deputy (school-wide) and the administrator.

use crate::client::MeraClient;
use domain::error::AppError;
use leptos::prelude::*;

pub use domain::wire::school_year::*;

/// What the move would do; changes nothing.
#[server(endpoint = "year/preview", client = MeraClient)]
pub async fn preview_new_year() -> Result<YearTransition, AppError> {
    backend::school_year::transition::preview().await
}

/// Makes the move, all of it or nothing; answers what was done.
#[server(endpoint = "year/start", client = MeraClient)]
pub async fn start_new_year() -> Result<YearTransition, AppError> {
    backend::school_year::transition::start().await
}
