//! What a procedure's dynamics compare it with: like with like. Three pairings, in this order:
//! 1. the same series this year: входная → промежуточная → итоговая of the same kind, subject
//!    and grade, written by the same classes;
//! 2. the cohort's own path: last year's procedure of the same kind and subject one grade lower,
//!    written by the same classes moved up (4А then, 5А now);
//! 3. the same paper last year or before: same kind, grade, subject and кодификатор (or, with no
//!    codes, the same task labels), written by other children («другая когорта»).
//!
//! A trial ОГЭ is never set against a входная диагностика, nor a September входная against April's
//! ВПР. Where several fit, the nearest in time is proposed and the deputy may pick another.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::assessment::{ProcedureKind, Stage};

/// What the pairing needs to know of a procedure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paper {
    pub id: i32,
    pub kind: ProcedureKind,
    pub stage: Option<Stage>,
    pub subject_id: i32,
    pub grade: i16,
    /// The school year's first calendar year (2026 for 2026/2027).
    pub year: i32,
    /// ISO date.
    pub held_on: String,
    /// The letters of the classes that wrote it («А», «Б»).
    pub letters: BTreeSet<String>,
    /// The кодификатор elements its tasks name.
    pub codes: BTreeSet<String>,
    pub labels: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Pairing {
    SameSeries,
    SameCohort,
    SamePaper,
}

impl Pairing {
    /// As the report says it beside the comparison.
    pub fn title(self) -> &'static str {
        match self {
            Pairing::SameSeries => "та же серия диагностик этого года, те же классы",
            Pairing::SameCohort => "те же ученики год назад, классом младше",
            Pairing::SamePaper => "та же работа прошлых лет: другая когорта учеников",
        }
    }
}

fn series_order(stage: Option<Stage>) -> Option<u8> {
    match stage? {
        Stage::Entry => Some(0),
        Stage::Midterm => Some(1),
        Stage::Final => Some(2),
        _ => None,
    }
}

/// How `earlier` pairs with `now`, if it does.
pub fn pairing(now: &Paper, earlier: &Paper) -> Option<Pairing> {
    if earlier.id == now.id || earlier.kind != now.kind || earlier.subject_id != now.subject_id {
        return None;
    }
    let shares_classes = !now.letters.is_disjoint(&earlier.letters);
    if earlier.year == now.year {
        let (a, b) = (series_order(earlier.stage)?, series_order(now.stage)?);
        return (earlier.grade == now.grade && a < b && shares_classes)
            .then_some(Pairing::SameSeries);
    }
    if earlier.year > now.year {
        return None;
    }
    if earlier.year + 1 == now.year
        && earlier.grade + 1 == now.grade
        && earlier.stage == now.stage
        && shares_classes
    {
        return Some(Pairing::SameCohort);
    }
    let same_paper = if now.codes.is_empty() && earlier.codes.is_empty() {
        !now.labels.is_empty() && now.labels == earlier.labels
    } else {
        now.codes == earlier.codes
    };
    (earlier.grade == now.grade && earlier.stage == now.stage && same_paper)
        .then_some(Pairing::SamePaper)
}

/// Every earlier paper that pairs with `now`, the proposed one first: the best pairing, then
/// the nearest in time.
pub fn candidates<'a>(now: &Paper, earlier: &'a [Paper]) -> Vec<(&'a Paper, Pairing)> {
    let mut out: Vec<(&Paper, Pairing)> = earlier
        .iter()
        .filter(|e| e.held_on < now.held_on)
        .filter_map(|e| pairing(now, e).map(|p| (e, p)))
        .collect();
    out.sort_by(|(a, pa), (b, pb)| pa.cmp(pb).then_with(|| b.held_on.cmp(&a.held_on)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paper(
        id: i32,
        kind: ProcedureKind,
        stage: Option<Stage>,
        grade: i16,
        year: i32,
        on: &str,
    ) -> Paper {
        Paper {
            id,
            kind,
            stage,
            subject_id: 1,
            grade,
            year,
            held_on: on.into(),
            letters: ["А".to_string(), "Б".to_string()].into(),
            codes: BTreeSet::new(),
            labels: vec!["1".into(), "2".into()],
        }
    }

    use ProcedureKind::{Diagnostic, TrialExam, Vpr};

    #[test]
    fn the_series_goes_entry_midterm_final_in_the_same_classes() {
        let entry = paper(1, Diagnostic, Some(Stage::Entry), 5, 2026, "2026-09-15");
        let midterm = paper(2, Diagnostic, Some(Stage::Midterm), 5, 2026, "2026-12-15");
        let fin = paper(3, Diagnostic, Some(Stage::Final), 5, 2026, "2027-04-15");
        let all = [entry.clone(), midterm.clone()];
        let picked = candidates(&fin, &all);
        assert_eq!(picked[0].0.id, 2, "the nearest stage first");
        assert_eq!(picked[0].1, Pairing::SameSeries);
        assert_eq!(picked.len(), 2);
        let mut elsewhere = entry.clone();
        elsewhere.letters = ["В".to_string()].into();
        assert_eq!(pairing(&midterm, &elsewhere), None, "other children");
        assert_eq!(
            pairing(&entry, &midterm),
            None,
            "a later stage never comes first"
        );
    }

    #[test]
    fn a_trial_exam_is_not_set_against_a_diagnostic_nor_an_entry_against_last_aprils_vpr() {
        let entry = paper(1, Diagnostic, Some(Stage::Entry), 9, 2026, "2026-09-15");
        let trial = paper(2, TrialExam, None, 9, 2026, "2026-12-01");
        assert_eq!(pairing(&trial, &entry), None);
        let vpr_april = paper(3, Vpr, None, 5, 2025, "2026-04-20");
        let entry_5 = paper(4, Diagnostic, Some(Stage::Entry), 5, 2026, "2026-09-10");
        assert_eq!(pairing(&entry_5, &vpr_april), None);
    }

    #[test]
    fn last_years_4a_is_this_years_5a_and_the_same_paper_is_another_cohort() {
        let vpr_4 = paper(1, Vpr, None, 4, 2025, "2026-04-20");
        let vpr_5 = paper(2, Vpr, None, 5, 2026, "2027-04-20");
        assert_eq!(pairing(&vpr_5, &vpr_4), Some(Pairing::SameCohort));
        let vpr_5_last_year = paper(3, Vpr, None, 5, 2025, "2026-04-21");
        assert_eq!(pairing(&vpr_5, &vpr_5_last_year), Some(Pairing::SamePaper));
        let both = [vpr_5_last_year.clone(), vpr_4];
        let picked = candidates(&vpr_5, &both);
        assert_eq!(
            picked[0].1,
            Pairing::SameCohort,
            "the same children before another cohort"
        );
        let mut other_codifier = vpr_5_last_year;
        other_codifier.codes = ["1.1".to_string()].into();
        assert_eq!(pairing(&vpr_5, &other_codifier), None);
    }
}
