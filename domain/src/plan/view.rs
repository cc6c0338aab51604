//! What the screens show of a plan: built on the server, cached on the device for «Мои
//! мероприятия», so the teacher's measures open in class with no network.

use serde::{Deserialize, Serialize};

use crate::plan::deadline::{urgency, Day, Urgency};
use crate::plan::{MeasureStatus, PlanKind};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: i32,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteView {
    pub id: String,
    pub author: String,
    /// The device's clock when it was typed (ISO 8601).
    pub written_at: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceView {
    pub id: String,
    pub title: String,
    /// A link; `None` for an uploaded file, fetched from `/api/evidence/{id}`.
    pub url: Option<String>,
    pub size: Option<i64>,
    pub added_by: String,
    /// ISO 8601.
    pub added_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureView {
    pub id: i32,
    pub plan_id: i32,
    pub plan_title: String,
    pub section_id: i32,
    /// «III.4»: the section's numeral and the measure's place in it.
    pub number: String,
    pub section: String,
    pub title: String,
    pub period: Option<String>,
    /// ISO dates.
    pub starts_on: Option<String>,
    pub due_on: Option<String>,
    pub responsible: Vec<Person>,
    pub documents: Vec<String>,
    pub status: MeasureStatus,
    pub cancel_reason: Option<String>,
    /// Counts status changes; a status change names the status it started from.
    pub version: i64,
    pub notes: Vec<NoteView>,
    pub evidence: Vec<EvidenceView>,
}

impl MeasureView {
    pub fn due(&self) -> Option<Day> {
        self.due_on.as_deref().and_then(Day::parse)
    }

    pub fn urgency(&self, today: Day) -> Urgency {
        urgency(self.status, self.due(), today)
    }

    pub fn is_responsible(&self, account_id: i32) -> bool {
        self.responsible.iter().any(|p| p.id == account_id)
    }

    /// «до 20.12.2026», «01.09.2026 – 31.05.2027», «в течение года», or nothing.
    pub fn term_text(&self) -> String {
        let date = |iso: &Option<String>| iso.as_deref().and_then(Day::parse).map(Day::russian);
        let dates = match (date(&self.starts_on), date(&self.due_on)) {
            (Some(from), Some(to)) => format!("{from} – {to}"),
            (None, Some(to)) => format!("до {to}"),
            (Some(from), None) => format!("с {from}"),
            (None, None) => String::new(),
        };
        match (&self.period, dates.is_empty()) {
            (Some(period), true) => period.clone(),
            (Some(period), false) => format!("{period}, {dates}"),
            (None, _) => dates,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionView {
    pub id: i32,
    /// «I» … «VI».
    pub number: String,
    pub title: String,
    pub measures: Vec<MeasureView>,
}

/// Done out of all, cancelled measures left out (they are no longer planned).
pub fn completion(statuses: impl IntoIterator<Item = MeasureStatus>) -> (usize, usize) {
    statuses
        .into_iter()
        .filter(|s| *s != MeasureStatus::Cancelled)
        .fold((0, 0), |(done, all), s| {
            (done + usize::from(s == MeasureStatus::Done), all + 1)
        })
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanView {
    pub id: i32,
    pub kind: PlanKind,
    pub title: String,
    /// «утверждён 01.09.2026, Иванова Н. П.», when approved.
    pub approved: Option<String>,
    /// The «Утверждаю» block of the printed plan: the school, who approved it and when (ISO);
    /// blanks to sign by hand until it is approved.
    #[serde(default)]
    pub school: String,
    #[serde(default)]
    pub approved_by: Option<String>,
    #[serde(default)]
    pub approved_on: Option<String>,
    pub sections: Vec<SectionView>,
    /// The school's staff, to choose the responsible from.
    pub staff: Vec<Person>,
    /// The school's date today (ISO), for overdue and reminders.
    pub today: String,
    pub may_edit: bool,
    pub may_approve: bool,
}

impl PlanView {
    pub fn measures(&self) -> impl Iterator<Item = &MeasureView> {
        self.sections.iter().flat_map(|s| &s.measures)
    }

    pub fn today(&self) -> Day {
        Day::parse(&self.today).unwrap_or(Day(0))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSummary {
    pub id: i32,
    pub kind: PlanKind,
    pub title: String,
    pub approved: bool,
    pub done: usize,
    pub total: usize,
    pub late: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(status: MeasureStatus) -> MeasureView {
        MeasureView {
            id: 1,
            plan_id: 1,
            plan_title: String::new(),
            section_id: 1,
            number: "I.1".into(),
            section: String::new(),
            title: String::new(),
            period: None,
            starts_on: None,
            due_on: Some("2026-12-20".into()),
            responsible: vec![Person {
                id: 7,
                name: "Петрова А. С.".into(),
            }],
            documents: vec![],
            status,
            cancel_reason: None,
            version: 0,
            notes: vec![],
            evidence: vec![],
        }
    }

    #[test]
    fn completion_leaves_cancelled_measures_out() {
        use MeasureStatus::*;
        let ms = [
            measure(Done),
            measure(InWork),
            measure(Cancelled),
            measure(Done),
        ];
        // 2 done of the 3 still planned.
        assert_eq!(completion(ms.iter().map(|m| m.status)), (2, 3));
        assert_eq!(completion([]), (0, 0));
    }

    #[test]
    fn terms_read_as_people_write_them() {
        let mut m = measure(MeasureStatus::Planned);
        assert_eq!(m.term_text(), "до 20.12.2026");
        m.starts_on = Some("2026-09-01".into());
        assert_eq!(m.term_text(), "01.09.2026 – 20.12.2026");
        m.period = Some("в течение года".into());
        m.starts_on = None;
        m.due_on = None;
        assert_eq!(m.term_text(), "в течение года");
        assert!(m.is_responsible(7) && !m.is_responsible(8));
    }
}
