//! Loading the ФИС ОКО report «Ф1 Индивидуальные результаты» into a ВПР: what it would fill,
//! what agrees, what differs (shown, never changed), and each row it cannot place.

use serde::{Deserialize, Serialize};

pub use crate::fis_oko::form::FormSummary;
pub use crate::fis_oko::plan::Difference;
pub use crate::paper::table::RowProblem;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct F1Outcome {
    /// Participants found by code.
    pub participants: u32,
    /// Scores the report gives where nothing was typed: written on confirmation.
    pub fills: u32,
    /// Scores the report and Mera agree on.
    pub same: u32,
    pub differences: Vec<Difference>,
    /// Rows it cannot place: with any, nothing is written.
    pub problems: Vec<RowProblem>,
    /// The fills were written (the load, not the preview).
    pub written: bool,
}

impl F1Outcome {
    pub fn refused(problems: Vec<RowProblem>) -> F1Outcome {
        F1Outcome {
            problems,
            ..F1Outcome::default()
        }
    }
}

/// The ФИС ОКО collection form filled from what was entered, to be uploaded to ФИС ОКО.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormFilled {
    /// The name the deputy's file had.
    pub file_name: String,
    /// The filled workbook, base64.
    pub data: String,
    pub summary: FormSummary,
}
