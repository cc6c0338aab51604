//! A term's results per class from the journal's term marks: the figures the leadership reads
//! first. Aggregates only, no child's name.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::functions::client::MeraClient;
use crate::indicators::TermSummary;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassTerm {
    pub class_id: i32,
    pub name: String,
    pub summary: TermSummary,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TermResults {
    /// «1 четверть»; `None` when no term has marks yet.
    pub term: Option<String>,
    pub school: TermSummary,
    pub classes: Vec<ClassTerm>,
}

/// The latest term with term marks in the person's school.
#[server(endpoint = "school/term-results", client = MeraClient)]
pub async fn load_term_results() -> Result<TermResults, AppError> {
    crate::ssr::request::answer(crate::ssr::term_results::load().await)
}
