//! The scope a file replaces: per owner (its class, or for one pupil's report, her), subject and
//! kind, the terms it gives marks for and the days it covers; and of attendance, the days and
//! terms. A stored value outside every scope is never touched.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::place::{MarkKey, School};
use super::FilePlaced;
use crate::entity::attendance;

/// Whose values a scope covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Owner {
    Class(i32),
    Pupil(i32),
}

/// The scopes of the files: per owner, subject and kind, the terms (term and year marks) and the
/// day ranges (current marks) they give.
#[derive(Default)]
pub(super) struct Scopes {
    periods: BTreeSet<(Owner, i32, &'static str, Option<i32>)>,
    days: BTreeMap<(Owner, i32), (NaiveDate, NaiveDate)>,
    absence_days: BTreeMap<Owner, (NaiveDate, NaiveDate)>,
    absence_terms: BTreeSet<(Owner, i32)>,
    /// The terms' days: a term's total replaces the days of that term.
    terms: BTreeMap<i32, (NaiveDate, NaiveDate)>,
}

fn widen(range: &mut (NaiveDate, NaiveDate), from: NaiveDate, to: NaiveDate) {
    range.0 = range.0.min(from);
    range.1 = range.1.max(to);
}

fn within(range: Option<&(NaiveDate, NaiveDate)>, d: NaiveDate) -> bool {
    range.is_some_and(|(a, b)| *a <= d && d <= *b)
}

impl Scopes {
    pub(super) fn of(files: &[FilePlaced], school: &School) -> Scopes {
        let mut s = Scopes {
            terms: school
                .terms
                .iter()
                .map(|t| (t.id, (t.starts_on, t.ends_on)))
                .collect(),
            ..Scopes::default()
        };
        for f in files {
            let owner = |student: i32, class: i32| {
                if f.per_pupil {
                    Owner::Pupil(student)
                } else {
                    Owner::Class(class)
                }
            };
            for p in &f.marks {
                let o = owner(p.key.student_id, p.class_id);
                if p.key.kind == "current" {
                    let (from, to) = f.span.unwrap_or((p.key.on_date, p.key.on_date));
                    s.days
                        .entry((o, p.key.subject_id))
                        .and_modify(|r| widen(r, from, to))
                        .or_insert((from, to));
                } else {
                    s.periods
                        .insert((o, p.key.subject_id, p.key.kind, p.key.term_id));
                }
            }
            for (k, _, class_id) in &f.absences {
                let o = owner(k.student_id, *class_id);
                match k.term_id {
                    Some(term) => {
                        s.absence_terms.insert((o, term));
                    }
                    None => {
                        let (from, to) = f.span.unwrap_or((k.on_date, k.on_date));
                        s.absence_days
                            .entry(o)
                            .and_modify(|r| widen(r, from, to))
                            .or_insert((from, to));
                    }
                }
            }
        }
        s
    }

    pub(super) fn covers_mark(&self, m: &MarkKey, class_id: i32) -> bool {
        [Owner::Class(class_id), Owner::Pupil(m.student_id)]
            .iter()
            .any(|o| {
                if m.kind == "current" {
                    within(self.days.get(&(*o, m.subject_id)), m.on_date)
                } else {
                    self.periods
                        .contains(&(*o, m.subject_id, m.kind, m.term_id))
                }
            })
    }

    pub(super) fn covers_absence(&self, a: &attendance::Model) -> bool {
        [Owner::Class(a.class_id), Owner::Pupil(a.student_id)]
            .iter()
            .any(|o| match a.term_id {
                Some(term) => self.absence_terms.contains(&(*o, term)),
                None => {
                    within(self.absence_days.get(o), a.on_date)
                        || self.terms.iter().any(|(term, range)| {
                            self.absence_terms.contains(&(*o, *term))
                                && within(Some(range), a.on_date)
                        })
                }
            })
    }
}
