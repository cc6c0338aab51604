//! The deputy's analysis (seeds 001 table 2) as sections: quality by subject and by procedure,
//! the obligatory minimum and talent (the «2» and «5» groups) by subject and by procedure,
//! with drill-down from the school to the classes of a subject. An МО head sees the subjects
//! of the МО.

use crate::client::MeraClient;
use domain::error::AppError;
use leptos::prelude::*;

pub use domain::wire::analysis::*;

/// The analysis of a term (`None`: the latest with term marks).
#[server(endpoint = "analysis/school", client = MeraClient)]
pub async fn load_analysis(term_id: Option<i32>) -> Result<SchoolAnalysis, AppError> {
    backend::analysis::school(term_id).await
}

/// One subject's term marks class by class, in a term (`None`: the latest).
#[server(endpoint = "analysis/subject", client = MeraClient)]
pub async fn load_subject_classes(
    subject_id: i32,
    term_id: Option<i32>,
) -> Result<Vec<ClassRow>, AppError> {
    backend::analysis::subject_classes(subject_id, term_id).await
}

#[server(endpoint = "class/term-marks", client = MeraClient)]
pub async fn load_class_term(class_id: i32) -> Result<ClassTermMarks, AppError> {
    backend::analysis::class_term::load(class_id).await
}
