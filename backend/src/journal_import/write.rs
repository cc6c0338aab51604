//! The load itself: what `diff::plan` found written in one transaction, with the load's record,
//! the subject names the deputy mapped, and the audit log saying what changed.

use std::collections::BTreeMap;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};

use super::diff::Plan;
use super::Progress;
use crate::entity::{
    attendance, journal_import, journal_mark, journal_subject_name, journal_unmarked,
};
use crate::platform::audit;
use crate::platform::request::Request;
use domain::policy::Principal;

/// Rows per statement: far below either engine's limit on bound values.
const CHUNK: usize = 500;

/// Writes the plan in one transaction, with the load, the mapped subjects and the audit.
pub async fn apply(
    req: &Request,
    who: &Principal,
    school_id: i32,
    plan: Plan,
    files: &[String],
    choices: &BTreeMap<String, Option<i32>>,
    progress: &Progress,
) -> Result<(), sea_orm::DbErr> {
    let rows = plan.remove_marks.len()
        + plan.remove_unmarked.len()
        + plan.remove_absences.len()
        + plan.insert_marks.len()
        + plan.insert_absences.len();
    progress.stage("Запись", 0, rows);
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
        progress.advance(ids.len());
        journal_mark::Entity::delete_many()
            .filter(journal_mark::Column::Id.is_in(ids.to_vec()))
            .exec(&txn)
            .await?;
    }
    for ids in plan.remove_unmarked.chunks(CHUNK) {
        progress.advance(ids.len());
        journal_unmarked::Entity::delete_many()
            .filter(journal_unmarked::Column::Id.is_in(ids.to_vec()))
            .exec(&txn)
            .await?;
    }
    for ids in plan.remove_absences.chunks(CHUNK) {
        progress.advance(ids.len());
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
        progress.advance(chunk.len());
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
        progress.advance(chunk.len());
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
        progress.advance(chunk.len());
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
    progress.stage("Сохранение", 0, 0);
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
