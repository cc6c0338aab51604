//! A term's results per class from the journal's term marks: the figures the leadership reads
//! first. Aggregates only, no child's name.

use crate::client::MeraClient;
use domain::error::AppError;
use leptos::prelude::*;

pub use domain::wire::term_results::*;

/// The latest term with term marks in the person's school.
#[server(endpoint = "school/term-results", client = MeraClient)]
pub async fn load_term_results() -> Result<TermResults, AppError> {
    backend::term_results::load().await
}
