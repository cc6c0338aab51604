//! Plans of measures (docs/design.md §2): the innovation improvement plan of seeds 001, the exam road
//! map of seeds 004 and a school quality programme of seeds 002, on one engine. Pure: the same
//! rules run on the tablet (offline) and on the server, which has the last word.

pub mod deadline;
pub mod evidence_file;
pub mod template;
mod view;

use serde::{Deserialize, Serialize};

pub use deadline::{position, school_year, Day, Urgency};
pub use view::{
    completion, EvidenceView, MeasureView, NoteView, Person, PlanSummary, PlanView, SectionView,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanKind {
    /// План мероприятий по инновационному совершенствованию ВСОКО (seeds 001).
    Innovation,
    /// «Дорожная карта» подготовки к ГИА и оценочным процедурам (seeds 004).
    ExamRoadmap,
    /// Школьная программа повышения качества образования (seeds 002).
    QualityProgramme,
}

impl PlanKind {
    pub const ALL: [PlanKind; 3] = [
        PlanKind::Innovation,
        PlanKind::ExamRoadmap,
        PlanKind::QualityProgramme,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PlanKind::Innovation => "innovation",
            PlanKind::ExamRoadmap => "exam_roadmap",
            PlanKind::QualityProgramme => "quality_programme",
        }
    }

    pub fn from_code(code: &str) -> Option<PlanKind> {
        PlanKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            PlanKind::Innovation => {
                "План мероприятий по инновационному совершенствованию и повышению эффективности \
                 применения ВСОКО"
            }
            PlanKind::ExamRoadmap => "Дорожная карта подготовки к ГИА и оценочным процедурам",
            PlanKind::QualityProgramme => "Программа повышения качества образования",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MeasureStatus {
    Planned,
    InWork,
    Done,
    Cancelled,
}

impl MeasureStatus {
    pub const ALL: [MeasureStatus; 4] = [
        MeasureStatus::Planned,
        MeasureStatus::InWork,
        MeasureStatus::Done,
        MeasureStatus::Cancelled,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MeasureStatus::Planned => "planned",
            MeasureStatus::InWork => "in_work",
            MeasureStatus::Done => "done",
            MeasureStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<MeasureStatus> {
        MeasureStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            MeasureStatus::Planned => "запланировано",
            MeasureStatus::InWork => "в работе",
            MeasureStatus::Done => "выполнено",
            MeasureStatus::Cancelled => "отменено",
        }
    }

    /// Still to be done: only these can be late.
    pub fn is_open(self) -> bool {
        matches!(self, MeasureStatus::Planned | MeasureStatus::InWork)
    }
}

/// Who moves a measure: a person responsible for it, or the plan's managers (deputy, council,
/// director), who may also cancel and restore.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mover {
    Responsible,
    Manager,
}

/// The longest cancel reason, progress note or link title kept.
pub const MAX_TEXT: usize = 2000;

/// May `mover` move a measure from `from` to `to`? `reason` is required for a cancel. The error
/// is the sentence to show.
pub fn check_move(
    from: MeasureStatus,
    to: MeasureStatus,
    mover: Mover,
    reason: Option<&str>,
) -> Result<(), String> {
    use MeasureStatus::*;
    if from == to {
        return Err(format!("Мероприятие уже «{}».", to.title()));
    }
    let forward = matches!(
        (from, to),
        (Planned, InWork) | (Planned, Done) | (InWork, Done) | (Done, InWork)
    );
    let managing = matches!(
        (from, to),
        (InWork, Planned) | (Done, Planned) | (Cancelled, Planned) | (Cancelled, InWork)
    ) || to == Cancelled;
    match mover {
        _ if forward => {}
        Mover::Manager if managing => {}
        Mover::Responsible if managing => {
            return Err(if to == Cancelled {
                "Отменить мероприятие могут заместитель директора, директор или методический совет."
                    .into()
            } else {
                format!(
                    "Вернуть мероприятие из «{}» в «{}» могут заместитель директора, директор или \
                     методический совет.",
                    from.title(),
                    to.title()
                )
            });
        }
        _ => {
            return Err(format!(
                "Из «{}» в «{}» мероприятие не переводится.",
                from.title(),
                to.title()
            ))
        }
    }
    if to == Cancelled {
        let reason = reason.map(str::trim).unwrap_or_default();
        if reason.is_empty() {
            return Err("Укажите причину отмены.".into());
        }
        if reason.chars().count() > MAX_TEXT {
            return Err(format!(
                "Причина отмены длиннее {MAX_TEXT} знаков: сократите её."
            ));
        }
    }
    Ok(())
}

/// A progress note's text, trimmed, or why it cannot be kept.
pub fn note_text(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Заметка пустая.".into());
    }
    if text.chars().count() > MAX_TEXT {
        return Err(format!("Заметка длиннее {MAX_TEXT} знаков: сократите её."));
    }
    Ok(text.to_string())
}

/// A link given as evidence: http(s) only, so a `javascript:` link can never be planted.
pub fn evidence_link(url: &str) -> Result<String, String> {
    let url = url.trim();
    let lower = url.to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !url.chars().any(char::is_whitespace) => {
            if url.len() > MAX_TEXT {
                Err("Ссылка слишком длинная.".into())
            } else {
                Ok(url.to_string())
            }
        }
        _ => Err("Ссылка должна начинаться с https:// или http:// и не содержать пробелов.".into()),
    }
}

/// Section numbers as the seed writes them.
pub fn roman(n: usize) -> String {
    const NUMERALS: [&str; 12] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    NUMERALS
        .get(n.wrapping_sub(1))
        .map(|s| s.to_string())
        .unwrap_or_else(|| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::MeasureStatus::*;
    use super::*;

    #[test]
    fn a_responsible_teacher_moves_forward_and_may_reopen_her_own_done() {
        for (from, to) in [
            (Planned, InWork),
            (Planned, Done),
            (InWork, Done),
            (Done, InWork),
        ] {
            assert_eq!(check_move(from, to, Mover::Responsible, None), Ok(()));
        }
    }

    #[test]
    fn only_managers_cancel_and_restore() {
        let refused = check_move(InWork, Cancelled, Mover::Responsible, Some("нет кадров"));
        assert!(refused.unwrap_err().contains("Отменить"));
        assert_eq!(
            check_move(InWork, Cancelled, Mover::Manager, Some("нет кадров")),
            Ok(())
        );
        assert!(check_move(Cancelled, Planned, Mover::Responsible, None).is_err());
        assert_eq!(check_move(Cancelled, Planned, Mover::Manager, None), Ok(()));
        assert!(check_move(Done, Planned, Mover::Responsible, None).is_err());
    }

    #[test]
    fn cancelling_needs_a_reason() {
        for reason in [None, Some(""), Some("   ")] {
            assert_eq!(
                check_move(Planned, Cancelled, Mover::Manager, reason),
                Err("Укажите причину отмены.".into())
            );
        }
        let long = "я".repeat(MAX_TEXT + 1);
        assert!(check_move(Planned, Cancelled, Mover::Manager, Some(&long)).is_err());
    }

    #[test]
    fn a_move_to_the_same_status_or_out_of_cancelled_forward_is_refused() {
        assert_eq!(
            check_move(Done, Done, Mover::Manager, None),
            Err("Мероприятие уже «выполнено».".into())
        );
        assert!(check_move(Cancelled, Done, Mover::Manager, None).is_err());
    }

    #[test]
    fn codes_round_trip() {
        for s in MeasureStatus::ALL {
            assert_eq!(MeasureStatus::from_code(s.code()), Some(s));
        }
        for k in PlanKind::ALL {
            assert_eq!(PlanKind::from_code(k.code()), Some(k));
        }
    }

    #[test]
    fn notes_and_links_are_checked() {
        assert_eq!(
            note_text("  провели семинар "),
            Ok("провели семинар".into())
        );
        assert!(note_text(" \n ").is_err());
        assert_eq!(
            evidence_link(" https://school17.ru/prikaz.pdf "),
            Ok("https://school17.ru/prikaz.pdf".into())
        );
        for bad in [
            "javascript:alert(1)",
            "school17.ru",
            "https://",
            "https://a b",
        ] {
            assert!(evidence_link(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn sections_are_numbered_as_in_the_seed() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(6), "VI");
        assert_eq!(roman(13), "13");
    }
}
