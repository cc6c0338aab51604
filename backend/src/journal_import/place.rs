//! A file's values placed in the school: each pupil found in her class, each subject in the
//! school's list (or the deputy's choice), each period a term of the current year. What cannot
//! be placed is a problem of its row, said in Russian.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::entity::{academic_year, class, journal_subject_name, student, subject, term};
use domain::journal::matching::{find_subject, subject_key, Found, Pupil, Roster, Subject};
use domain::journal::{JournalValue, Period, When};
use domain::paper::table::RowProblem;
use domain::plan::deadline::Day;

/// What the school is, for placing values.
pub struct School {
    pub year: academic_year::Model,
    pub terms: Vec<term::Model>,
    pub classes: BTreeMap<i32, String>,
    /// student → class.
    pub class_of: BTreeMap<i32, i32>,
    /// student → full name.
    pub names: BTreeMap<i32, String>,
    pub roster: Roster,
    pub subjects: Vec<Subject>,
    /// Names the deputy mapped: key → subject, or none for «не загружать».
    pub remembered: BTreeMap<String, Option<i32>>,
}

pub fn day(d: NaiveDate) -> Day {
    Day(d
        .signed_duration_since(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default())
        .num_days())
}

pub fn date(d: Day) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default() + chrono::Duration::days(d.0)
}

impl School {
    pub async fn load(
        db: &impl ConnectionTrait,
        school_id: i32,
        year: academic_year::Model,
    ) -> Result<School, DbErr> {
        let mut terms = term::Entity::find()
            .filter(term::Column::AcademicYearId.eq(year.id))
            .all(db)
            .await?;
        terms.sort_by_key(|t| t.number);
        let classes: BTreeMap<i32, String> = class::Entity::find()
            .filter(class::Column::SchoolId.eq(school_id))
            .filter(class::Column::AcademicYearId.eq(year.id))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name()))
            .collect();
        let students = student::Entity::find()
            .filter(student::Column::SchoolId.eq(school_id))
            .filter(student::Column::ClassId.is_in(classes.keys().copied()))
            .all(db)
            .await?;
        let pupils: Vec<Pupil> = students
            .iter()
            .map(|s| Pupil {
                id: s.id,
                class: classes.get(&s.class_id).cloned().unwrap_or_default(),
                last_name: s.last_name.clone(),
                first_name: s.first_name.clone(),
                middle_name: s.patronymic.clone(),
            })
            .collect();
        let subjects = subject::Entity::find()
            .filter(subject::Column::SchoolId.eq(school_id))
            .all(db)
            .await?
            .into_iter()
            .map(|s| Subject {
                id: s.id,
                name: s.name,
            })
            .collect();
        let remembered = journal_subject_name::Entity::find()
            .filter(journal_subject_name::Column::SchoolId.eq(school_id))
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.name, m.subject_id))
            .collect();
        Ok(School {
            year,
            terms,
            class_of: students.iter().map(|s| (s.id, s.class_id)).collect(),
            names: students.iter().map(|s| (s.id, s.full_name())).collect(),
            roster: Roster::new(&pupils),
            classes,
            subjects,
            remembered,
        })
    }

    pub fn roster_name(&self, student_id: i32) -> &str {
        self.names.get(&student_id).map_or("", String::as_str)
    }

    /// «5А · Математика · 1 четверть»: a scope as the audit log names it.
    pub fn scope_label(&self, k: &MarkKey, class_id: i32) -> String {
        let class = self.classes.get(&class_id).map_or("", String::as_str);
        let subject = self
            .subjects
            .iter()
            .find(|s| s.id == k.subject_id)
            .map_or("", |s| s.name.as_str());
        let period = match (k.kind, k.term_id) {
            ("year", _) => "год",
            ("term", Some(t)) => self
                .terms
                .iter()
                .find(|x| x.id == t)
                .map_or("", |x| x.name.as_str()),
            _ => "текущие отметки",
        };
        format!("{class} · {subject} · {period}")
    }

    /// The pupil a name in a class means; a page with no class looks in every class.
    pub fn pupil(&self, name: &str, class: &str) -> Result<i32, String> {
        let found = if class.trim().is_empty() {
            let all: Vec<Found> = self
                .classes
                .values()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .map(|c| self.roster.find(name, c))
                .filter(|f| !matches!(f, Found::Nobody | Found::NoClass))
                .collect();
            match all.as_slice() {
                [] => Found::Nobody,
                [one] => one.clone(),
                more => Found::Several(more.len()),
            }
        } else {
            self.roster.find(name, class)
        };
        let in_class = if class.trim().is_empty() {
            String::new()
        } else {
            format!(" в классе {class}")
        };
        match found {
            Found::Pupil(id) => Ok(id),
            Found::Nobody => Err(format!("ученика «{name}»{in_class} нет в списке школы.")),
            Found::Several(n) => Err(format!(
                "«{name}»{in_class} — {n} ученика с таким именем: добавьте отчество в файл, чтобы было понятно, кто это."
            )),
            Found::NoClass => Err(format!(
                "класса «{class}» нет в этом учебном году ({}).",
                self.year.name
            )),
        }
    }

    /// The subject a name means: `Ok(None)` when the deputy chose not to load it, `Err` when
    /// nobody said yet.
    pub fn subject(
        &self,
        name: &str,
        choices: &BTreeMap<String, Option<i32>>,
    ) -> Result<Option<i32>, ()> {
        let k = subject_key(name);
        if let Some(choice) = choices.get(&k).or_else(|| self.remembered.get(&k)) {
            return Ok(*choice);
        }
        find_subject(name, &self.subjects, &BTreeMap::new())
            .map(Some)
            .ok_or(())
    }

    /// Where a value of `when` is kept: kind, term, date.
    pub fn period(&self, when: When) -> Result<(&'static str, Option<i32>, NaiveDate), String> {
        let term_numbered = |n: i16| {
            self.terms
                .iter()
                .find(|t| t.number == n)
                .map(|t| ("term", Some(t.id), t.ends_on))
        };
        match when {
            When::Period(Period::Term(n)) => term_numbered(n).ok_or_else(|| {
                format!(
                    "в учебном году {} нет {n}-й четверти (триместра): проверьте «Учебный год».",
                    self.year.name
                )
            }),
            When::Period(Period::HalfYear(h)) => {
                let per_half = (self.terms.len() / 2) as i16;
                (self.terms.len().is_multiple_of(2) && per_half > 0)
                    .then(|| term_numbered(h * per_half))
                    .flatten()
                    .ok_or_else(|| {
                        "полугодие не ложится на четверти этого года: загрузите отметки за четверти."
                            .to_string()
                    })
            }
            When::Period(Period::Year) => Ok(("year", None, self.year.ends_on)),
            When::Day(d) => {
                let on = date(Day(d));
                if on < self.year.starts_on || on > self.year.ends_on {
                    return Err(format!(
                        "дата {} вне учебного года {}.",
                        Day(d).russian(),
                        self.year.name
                    ));
                }
                let term = self
                    .terms
                    .iter()
                    .find(|t| t.starts_on <= on && on <= t.ends_on)
                    .map(|t| t.id);
                Ok(("current", term, on))
            }
        }
    }
}

/// A value placed: ready to compare with what is stored.
#[derive(Clone, Debug)]
pub struct Placed {
    pub key: MarkKey,
    pub value: JournalValue,
    pub class_id: i32,
}

/// Where a journal value sits: one per key for a term or year, any number for a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MarkKey {
    pub student_id: i32,
    pub subject_id: i32,
    pub kind: &'static str,
    pub term_id: Option<i32>,
    pub on_date: NaiveDate,
}

/// An absence placed: lessons for a reason, on a day or for a term.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct AbsenceKey {
    pub student_id: i32,
    pub on_date: NaiveDate,
    pub term_id: Option<i32>,
    pub reason: &'static str,
}

pub fn problem(row: u32, message: String) -> RowProblem {
    RowProblem { row, message }
}
