//! What a load changes, and the load itself. A file replaces what is stored within its scope —
//! its classes' (or, for one pupil's report, her) values of each subject and period it gives,
//! and its days — and nothing outside it: values the same as stored stay untouched, so the same
//! file twice changes nothing, and a corrected file changes only what it corrects. All in one
//! transaction, with the audit log saying what changed.

use std::collections::BTreeMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};

use super::place::{AbsenceKey, MarkKey, School};
use super::scope::Scopes;
use super::FilePlaced;
use crate::entity::{
    attendance, journal_import, journal_mark, journal_subject_name, journal_unmarked,
};
use crate::platform::audit;
use crate::platform::request::Request;
use domain::journal::JournalValue;
use domain::policy::Principal;

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
    remove_marks: Vec<i32>,
    remove_unmarked: Vec<i32>,
    remove_absences: Vec<i32>,
    insert_marks: Vec<(MarkKey, i32, JournalValue)>,
    insert_absences: Vec<(AbsenceKey, i32, i16)>,
    /// What changed per class · subject · period, for the audit log: (old, new) texts.
    changes: BTreeMap<String, Vec<(String, String)>>,
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
                    .map(|(_, p)| p.class_id)
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
    // What is stored, in scope: key → values.
    let mut stored: BTreeMap<MarkKey, Vec<(Stored, JournalValue, i32)>> = BTreeMap::new();
    for m in journal_mark::Entity::find()
        .filter(journal_mark::Column::ClassId.is_in(class_ids.clone()))
        .all(db)
        .await?
    {
        let key = MarkKey {
            student_id: m.student_id,
            subject_id: m.subject_id,
            kind: kind_of(&m.kind),
            term_id: m.term_id,
            on_date: m.on_date,
        };
        if let (true, Some(v)) = (
            scopes.covers_mark(&key, m.class_id),
            JournalValue::from_stored(Some(m.mark), ""),
        ) {
            stored
                .entry(key)
                .or_default()
                .push((Stored::Mark(m.id), v, m.class_id));
        }
    }
    for m in journal_unmarked::Entity::find()
        .filter(journal_unmarked::Column::ClassId.is_in(class_ids.clone()))
        .all(db)
        .await?
    {
        let key = MarkKey {
            student_id: m.student_id,
            subject_id: m.subject_id,
            kind: kind_of(&m.kind),
            term_id: m.term_id,
            on_date: m.on_date,
        };
        if let (true, Some(v)) = (
            scopes.covers_mark(&key, m.class_id),
            JournalValue::from_stored(None, &m.value),
        ) {
            stored
                .entry(key)
                .or_default()
                .push((Stored::Unmarked(m.id), v, m.class_id));
        }
    }
    let mut wanted: BTreeMap<MarkKey, (Vec<JournalValue>, i32)> = BTreeMap::new();
    for f in files {
        for (_, p) in &f.marks {
            let entry = wanted.entry(p.key).or_insert((Vec::new(), p.class_id));
            entry.0.push(p.value);
        }
    }
    let label = |k: &MarkKey, class_id: i32| {
        let class = school.classes.get(&class_id).cloned().unwrap_or_default();
        let subject = school
            .subjects
            .iter()
            .find(|s| s.id == k.subject_id)
            .map_or("", |s| s.name.as_str());
        let period = match (k.kind, k.term_id) {
            ("year", _) => "год".to_string(),
            ("term", Some(t)) => school
                .terms
                .iter()
                .find(|x| x.id == t)
                .map_or(String::new(), |x| x.name.clone()),
            _ => "текущие отметки".to_string(),
        };
        format!("{class} · {subject} · {period}")
    };
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
                .entry(label(&key, class_id))
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

/// Rows per statement: far below either engine's limit on bound values.
const CHUNK: usize = 500;

/// Writes the plan in one transaction, with the load, the mapped subjects and the audit.
pub async fn apply(
    req: &Request,
    who: &Principal,
    school_id: i32,
    _school: &School,
    plan: Plan,
    files: &[String],
    choices: &BTreeMap<String, Option<i32>>,
) -> Result<(), DbErr> {
    let txn = req.db.begin().await?;
    for (name, subject_id) in choices {
        journal_subject_name::Entity::delete_many()
            .filter(journal_subject_name::Column::SchoolId.eq(school_id))
            .filter(journal_subject_name::Column::Name.eq(name.clone()))
            .exec(&txn)
            .await?;
        journal_subject_name::ActiveModel {
            school_id: Set(school_id),
            name: Set(name.clone()),
            subject_id: Set(*subject_id),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    if plan.added + plan.changed + plan.removed == 0 {
        return txn.commit().await;
    }
    let summary = format!(
        "добавлено {}, изменено {}, удалено {}, без изменений {}",
        plan.added, plan.changed, plan.removed, plan.same
    );
    let load = journal_import::ActiveModel {
        school_id: Set(school_id),
        account_id: Set(Some(who.account_id)),
        loaded_at: Set(Utc::now()),
        files: Set(files.join("\n")),
        summary: Set(summary.clone()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for ids in plan.remove_marks.chunks(CHUNK) {
        journal_mark::Entity::delete_many()
            .filter(journal_mark::Column::Id.is_in(ids.to_vec()))
            .exec(&txn)
            .await?;
    }
    for ids in plan.remove_unmarked.chunks(CHUNK) {
        journal_unmarked::Entity::delete_many()
            .filter(journal_unmarked::Column::Id.is_in(ids.to_vec()))
            .exec(&txn)
            .await?;
    }
    for ids in plan.remove_absences.chunks(CHUNK) {
        attendance::Entity::delete_many()
            .filter(attendance::Column::Id.is_in(ids.to_vec()))
            .exec(&txn)
            .await?;
    }
    let (marks, unmarked): (Vec<_>, Vec<_>) = plan
        .insert_marks
        .iter()
        .partition(|(_, _, v)| v.stored().is_ok());
    for chunk in marks.chunks(CHUNK) {
        journal_mark::Entity::insert_many(chunk.iter().map(|(k, class_id, v)| {
            journal_mark::ActiveModel {
                student_id: Set(k.student_id),
                class_id: Set(*class_id),
                subject_id: Set(k.subject_id),
                kind: Set(k.kind.into()),
                term_id: Set(k.term_id),
                on_date: Set(k.on_date),
                mark: Set(v.stored().unwrap_or_default()),
                import_id: Set(Some(load.id)),
                ..Default::default()
            }
        }))
        .exec(&txn)
        .await?;
    }
    for chunk in unmarked.chunks(CHUNK) {
        journal_unmarked::Entity::insert_many(chunk.iter().map(|(k, class_id, v)| {
            journal_unmarked::ActiveModel {
                student_id: Set(k.student_id),
                class_id: Set(*class_id),
                subject_id: Set(k.subject_id),
                kind: Set(k.kind.into()),
                term_id: Set(k.term_id),
                on_date: Set(k.on_date),
                value: Set(v.stored().err().unwrap_or_default().into()),
                import_id: Set(Some(load.id)),
                ..Default::default()
            }
        }))
        .exec(&txn)
        .await?;
    }
    for chunk in plan.insert_absences.chunks(CHUNK) {
        attendance::Entity::insert_many(chunk.iter().map(|(k, class_id, n)| {
            attendance::ActiveModel {
                student_id: Set(k.student_id),
                class_id: Set(*class_id),
                on_date: Set(k.on_date),
                lessons_missed: Set(*n),
                reason: Set(k.reason.into()),
                import_id: Set(Some(load.id)),
                term_id: Set(k.term_id),
                ..Default::default()
            }
        }))
        .exec(&txn)
        .await?;
    }
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(load.id.to_string()),
            new_value: Some(format!("{}: {summary}", files.join(", "))),
            ..req.entry(who.account_id, "import", "journal_import")
        },
    )
    .await?;
    for (scope, lines) in plan.changes {
        let cap = |v: Vec<String>| {
            let text = v.join("; ");
            match text.char_indices().nth(4000) {
                Some((at, _)) => format!("{}…", &text[..at]),
                None => text,
            }
        };
        let (old, new): (Vec<String>, Vec<String>) = lines.into_iter().unzip();
        audit::changed(
            &txn,
            audit::Entry {
                entity_id: Some(scope),
                old_value: Some(cap(old)),
                new_value: Some(cap(new)),
                ..req.entry(who.account_id, "replace", "journal_mark")
            },
        )
        .await?;
    }
    txn.commit().await
}
