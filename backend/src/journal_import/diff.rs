//! What a load changes. A file replaces what is stored within its scope — its classes' (or, for
//! one pupil's report, her) values of each subject and period it gives, and its days — and
//! nothing outside it: values the same as stored stay untouched, so the same file twice changes
//! nothing, and a corrected file changes only what it corrects.

use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::place::{AbsenceKey, MarkKey, School};
use super::scope::Scopes;
use super::FilePlaced;
use crate::entity::{attendance, journal_mark, journal_unmarked};
use domain::journal::JournalValue;

/// A stored value: its table and id, so it can be removed.
#[derive(Clone, Copy, Debug)]
enum Stored {
    Mark(i32),
    Unmarked(i32),
}

/// The rows a load writes and removes, and the counts the preview shows.
#[derive(Default)]
pub struct Plan {
    pub added: u32,
    pub changed: u32,
    pub removed: u32,
    pub same: u32,
    pub(super) remove_marks: Vec<i32>,
    pub(super) remove_unmarked: Vec<i32>,
    pub(super) remove_absences: Vec<i32>,
    pub(super) insert_marks: Vec<(MarkKey, i32, JournalValue)>,
    pub(super) insert_absences: Vec<(AbsenceKey, i32, i16)>,
    /// What changed per class · subject · period, for the audit log: (old, new) texts.
    pub(super) changes: BTreeMap<String, Vec<(String, String)>>,
}

fn kind_of(kind: &str) -> &'static str {
    match kind {
        "term" => "term",
        "year" => "year",
        _ => "current",
    }
}

fn reason_of(reason: &str) -> &'static str {
    match reason {
        "excused" => "excused",
        "illness" => "illness",
        "unexcused" => "unexcused",
        _ => "unspecified",
    }
}

/// Compares the files' values with what is stored in their scopes.
pub async fn plan(
    db: &impl ConnectionTrait,
    school: &School,
    files: &[FilePlaced],
) -> Result<Plan, DbErr> {
    let scopes = Scopes::of(files, school);
    let class_ids: Vec<i32> = {
        let mut ids: Vec<i32> = files
            .iter()
            .flat_map(|f| {
                f.marks
                    .iter()
                    .map(|p| p.class_id)
                    .chain(f.absences.iter().map(|a| a.2))
            })
            .collect();
        ids.sort();
        ids.dedup();
        ids
    };
    let mut plan = Plan::default();
    if class_ids.is_empty() {
        return Ok(plan);
    }
    // What is stored, in scope, from both tables: key → values.
    let marks = journal_mark::Entity::find()
        .filter(journal_mark::Column::ClassId.is_in(class_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            let value = JournalValue::from_stored(Some(m.mark), "");
            let row = (
                m.student_id,
                m.class_id,
                m.subject_id,
                m.kind,
                m.term_id,
                m.on_date,
            );
            (row, Stored::Mark(m.id), value)
        });
    let unmarked = journal_unmarked::Entity::find()
        .filter(journal_unmarked::Column::ClassId.is_in(class_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            let value = JournalValue::from_stored(None, &m.value);
            let row = (
                m.student_id,
                m.class_id,
                m.subject_id,
                m.kind,
                m.term_id,
                m.on_date,
            );
            (row, Stored::Unmarked(m.id), value)
        });
    let mut stored: BTreeMap<MarkKey, Vec<(Stored, JournalValue, i32)>> = BTreeMap::new();
    for ((student_id, class_id, subject_id, kind, term_id, on_date), at, value) in
        marks.chain(unmarked)
    {
        let key = MarkKey {
            student_id,
            subject_id,
            kind: kind_of(&kind),
            term_id,
            on_date,
        };
        if let (true, Some(v)) = (scopes.covers_mark(&key, class_id), value) {
            stored.entry(key).or_default().push((at, v, class_id));
        }
    }
    let mut wanted: BTreeMap<MarkKey, (Vec<JournalValue>, i32)> = BTreeMap::new();
    for f in files {
        for p in &f.marks {
            let entry = wanted.entry(p.key).or_insert((Vec::new(), p.class_id));
            entry.0.push(p.value);
        }
    }
    let keys: std::collections::BTreeSet<MarkKey> =
        stored.keys().chain(wanted.keys()).copied().collect();
    for key in keys {
        let mut old = stored.remove(&key).unwrap_or_default();
        let (new, class_id) = wanted
            .remove(&key)
            .unwrap_or_else(|| (Vec::new(), old.first().map_or(0, |o| o.2)));
        let mut fresh = Vec::new();
        for v in new {
            match old.iter().position(|o| o.1 == v) {
                Some(i) => {
                    old.swap_remove(i);
                    plan.same += 1;
                }
                None => fresh.push(v),
            }
        }
        let pairs = old.len().min(fresh.len()) as u32;
        plan.changed += pairs;
        plan.removed += old.len() as u32 - pairs;
        plan.added += fresh.len() as u32 - pairs;
        if !old.is_empty() {
            let text = |vs: Vec<String>| vs.join(", ");
            let when = if key.kind == "current" {
                format!(" ({})", key.on_date.format("%d.%m.%Y"))
            } else {
                String::new()
            };
            let who = school.roster_name(key.student_id);
            plan.changes
                .entry(school.scope_label(&key, class_id))
                .or_default()
                .push((
                    format!(
                        "{who}{when}: {}",
                        text(old.iter().map(|o| o.1.text()).collect())
                    ),
                    format!(
                        "{who}{when}: {}",
                        text(fresh.iter().map(|v| v.text()).collect())
                    ),
                ));
        }
        for (s, _, _) in old {
            match s {
                Stored::Mark(id) => plan.remove_marks.push(id),
                Stored::Unmarked(id) => plan.remove_unmarked.push(id),
            }
        }
        for v in fresh {
            plan.insert_marks.push((key, class_id, v));
        }
    }
    absences(db, &scopes, files, &class_ids, &mut plan).await?;
    Ok(plan)
}

async fn absences(
    db: &impl ConnectionTrait,
    scopes: &Scopes,
    files: &[FilePlaced],
    class_ids: &[i32],
    plan: &mut Plan,
) -> Result<(), DbErr> {
    let mut stored: BTreeMap<AbsenceKey, (Vec<i32>, i16)> = BTreeMap::new();
    for a in attendance::Entity::find()
        .filter(attendance::Column::ClassId.is_in(class_ids.to_vec()))
        .all(db)
        .await?
    {
        if !scopes.covers_absence(&a) {
            continue;
        }
        let key = AbsenceKey {
            student_id: a.student_id,
            on_date: a.on_date,
            term_id: a.term_id,
            reason: reason_of(&a.reason),
        };
        let entry = stored.entry(key).or_default();
        entry.0.push(a.id);
        entry.1 += a.lessons_missed;
    }
    let mut wanted: BTreeMap<AbsenceKey, (i16, i32)> = BTreeMap::new();
    for f in files {
        for (key, n, class_id) in &f.absences {
            wanted.entry(*key).or_insert((0, *class_id)).0 += n;
        }
    }
    let keys: std::collections::BTreeSet<AbsenceKey> =
        stored.keys().chain(wanted.keys()).copied().collect();
    for key in keys {
        match (stored.remove(&key), wanted.remove(&key)) {
            (Some((_, old)), Some((new, _))) if old == new => plan.same += 1,
            (old, new) => {
                match (&old, &new) {
                    (Some(_), Some(_)) => plan.changed += 1,
                    (Some(_), None) => plan.removed += 1,
                    _ => plan.added += 1,
                }
                if let Some((ids, _)) = old {
                    plan.remove_absences.extend(ids);
                }
                if let Some((n, class_id)) = new {
                    plan.insert_absences.push((key, class_id, n));
                }
            }
        }
    }
    Ok(())
}
