//! Assessment procedures as every part of Mera speaks of them: kinds, stages, task levels and the
//! scale that turns a total primary score into a mark (docs/design.md §2). Shared by the server and
//! the tablet, so a mark shown offline is the mark the server would give.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProcedureKind {
    Vpr,
    Oge,
    Ege,
    TrialExam,
    Control,
    Diagnostic,
    Olympiad,
    /// Метапредметная диагностика: регулятивные, познавательные, коммуникативные умения.
    Metasubject,
}

impl ProcedureKind {
    pub const ALL: [ProcedureKind; 8] = [
        ProcedureKind::Vpr,
        ProcedureKind::Oge,
        ProcedureKind::Ege,
        ProcedureKind::TrialExam,
        ProcedureKind::Control,
        ProcedureKind::Diagnostic,
        ProcedureKind::Olympiad,
        ProcedureKind::Metasubject,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ProcedureKind::Vpr => "vpr",
            ProcedureKind::Oge => "oge",
            ProcedureKind::Ege => "ege",
            ProcedureKind::TrialExam => "trial_exam",
            ProcedureKind::Control => "control",
            ProcedureKind::Diagnostic => "diagnostic",
            ProcedureKind::Olympiad => "olympiad",
            ProcedureKind::Metasubject => "metasubject",
        }
    }

    pub fn from_code(code: &str) -> Option<ProcedureKind> {
        ProcedureKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            ProcedureKind::Vpr => "ВПР",
            ProcedureKind::Oge => "ОГЭ",
            ProcedureKind::Ege => "ЕГЭ",
            ProcedureKind::TrialExam => "Пробный экзамен",
            ProcedureKind::Control => "Контрольная работа",
            ProcedureKind::Diagnostic => "Диагностика",
            ProcedureKind::Olympiad => "Олимпиада",
            ProcedureKind::Metasubject => "Метапредметная диагностика",
        }
    }

    /// The stages a procedure of this kind may name: the diagnostic series for the school's own
    /// papers, the rounds for an olympiad, none for the federal ones.
    pub fn stages(self) -> &'static [Stage] {
        match self {
            ProcedureKind::Vpr | ProcedureKind::Oge | ProcedureKind::Ege => &[],
            ProcedureKind::Olympiad => &Stage::ROUNDS,
            _ => &Stage::SERIES,
        }
    }

    /// The kinds with an official primary → test score table (a ЕГЭ's 100-point score, an
    /// ОГЭ's in the subjects that have one).
    pub fn has_test_scores(self) -> bool {
        matches!(
            self,
            ProcedureKind::Oge | ProcedureKind::Ege | ProcedureKind::TrialExam
        )
    }
}

/// The stage of a series of diagnostics, compared for dynamics, or the round of an olympiad.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stage {
    Entry,
    Midterm,
    Final,
    SchoolRound,
    MunicipalRound,
    RegionalRound,
}

impl Stage {
    pub const SERIES: [Stage; 3] = [Stage::Entry, Stage::Midterm, Stage::Final];
    /// The rounds of the всероссийская олимпиада школьников a school takes part in.
    pub const ROUNDS: [Stage; 3] = [
        Stage::SchoolRound,
        Stage::MunicipalRound,
        Stage::RegionalRound,
    ];
    pub const ALL: [Stage; 6] = [
        Stage::Entry,
        Stage::Midterm,
        Stage::Final,
        Stage::SchoolRound,
        Stage::MunicipalRound,
        Stage::RegionalRound,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Stage::Entry => "entry",
            Stage::Midterm => "midterm",
            Stage::Final => "final",
            Stage::SchoolRound => "school_round",
            Stage::MunicipalRound => "municipal_round",
            Stage::RegionalRound => "regional_round",
        }
    }

    pub fn from_code(code: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.code() == code)
    }

    /// As in «входная диагностика», «олимпиада, школьный этап».
    pub fn title(self) -> &'static str {
        match self {
            Stage::Entry => "входная",
            Stage::Midterm => "промежуточная",
            Stage::Final => "итоговая",
            Stage::SchoolRound => "школьный этап",
            Stage::MunicipalRound => "муниципальный этап",
            Stage::RegionalRound => "региональный этап",
        }
    }
}

/// The lowest total primary score that earns each mark; below `mark3_from` is a 2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    pub mark3_from: i16,
    pub mark4_from: i16,
    pub mark5_from: i16,
}

impl Scale {
    pub fn mark(&self, total: i16) -> i16 {
        match total {
            t if t >= self.mark5_from => 5,
            t if t >= self.mark4_from => 4,
            t if t >= self.mark3_from => 3,
            _ => 2,
        }
    }

    /// A scale is usable when its thresholds rise and fit the paper's maximum.
    pub fn fits(&self, max_primary: i16) -> bool {
        0 < self.mark3_from
            && self.mark3_from < self.mark4_from
            && self.mark4_from < self.mark5_from
            && self.mark5_from <= max_primary
    }
}

/// A result counts (has a total and a mark) when the student wrote and every task of the paper
/// has a score: one definition for the tablet (`sync::replica::Row::total`), the server's SQL
/// (`result_marks`) and every screen. `scored` is the number of the paper's tasks with a score.
pub fn counted_total(absent: bool, scored: usize, tasks: usize, sum: i16) -> Option<i16> {
    (!absent && tasks > 0 && scored == tasks).then_some(sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ВПР Русский язык 4 класс, 2026: 2 for 0–9, 3 for 10–15, 4 for 16–20, 5 for 21–24.
    const VPR_RU_4: Scale = Scale {
        mark3_from: 10,
        mark4_from: 16,
        mark5_from: 21,
    };

    #[test]
    fn the_scale_turns_totals_into_marks_at_its_boundaries() {
        let marks: Vec<i16> = [0, 9, 10, 15, 16, 20, 21, 24]
            .into_iter()
            .map(|t| VPR_RU_4.mark(t))
            .collect();
        assert_eq!(marks, [2, 2, 3, 3, 4, 4, 5, 5]);
        assert!(VPR_RU_4.fits(24));
        assert!(!VPR_RU_4.fits(20), "a 5 that cannot be reached");
    }

    #[test]
    fn codes_round_trip() {
        for kind in ProcedureKind::ALL {
            assert_eq!(ProcedureKind::from_code(kind.code()), Some(kind));
        }
        for stage in Stage::ALL {
            assert_eq!(Stage::from_code(stage.code()), Some(stage));
        }
    }

    #[test]
    fn a_result_counts_only_when_every_task_is_scored() {
        assert_eq!(counted_total(false, 3, 3, 7), Some(7));
        assert_eq!(
            counted_total(false, 1, 3, 2),
            None,
            "one score is not a result"
        );
        assert_eq!(counted_total(true, 3, 3, 7), None, "«не писал(а)»");
        assert_eq!(counted_total(false, 0, 0, 0), None, "a paper without tasks");
    }
}
