//! Making and keeping a plan: from a template, a measure's wording, dates and responsible people,
//! the director's approval. Every change goes to the audit log, which is the measure's history.

use std::collections::BTreeSet;

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};

use crate::entity::{audit_log, measure, measure_responsible, plan, plan_section, role_assignment};
use crate::platform::audit;
use crate::platform::people;
use crate::platform::request::Request;
use domain::error::AppError;
use domain::plan::{template, Day, MeasureStatus, PlanKind, MAX_TEXT};
use domain::policy::{Action, Principal, Resource};
use domain::wire::plan::{HistoryLine, MeasureDraft};

/// Makes a plan of `kind` for `school_id` with every section and measure of its template.
pub async fn create_from_template(
    db: &impl ConnectionTrait,
    school_id: i32,
    kind: PlanKind,
    created_by: Option<i32>,
) -> Result<plan::Model, DbErr> {
    let p = plan::ActiveModel {
        school_id: Set(school_id),
        kind: Set(kind.code().to_string()),
        title: Set(kind.title().to_string()),
        created_by: Set(created_by),
        created_at: Set(Utc::now()),
        approved_by: Set(None),
        approved_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for (i, section) in template::sections(kind).iter().enumerate() {
        let s = plan_section::ActiveModel {
            plan_id: Set(p.id),
            position: Set(i as i16 + 1),
            title: Set(section.title.to_string()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for (j, m) in section.measures.iter().enumerate() {
            measure::ActiveModel {
                plan_id: Set(p.id),
                section_id: Set(s.id),
                position: Set(j as i16 + 1),
                title: Set(m.title.to_string()),
                period: Set(None),
                starts_on: Set(None),
                due_on: Set(None),
                documents: Set(m.documents.join("\n")),
                status: Set(MeasureStatus::Planned.code().to_string()),
                cancel_reason: Set(None),
                version: Set(0),
                updated_at: Set(Utc::now()),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(p)
}

pub async fn create(kind: PlanKind) -> Result<i32, AppError> {
    let (req, who, school_id) =
        Request::school_access(Action::Edit, |school_id| Resource::Plan { school_id }).await?;
    let txn = req.db.begin().await?;
    let p = create_from_template(&txn, school_id, kind, Some(who.account_id)).await?;
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(p.id.to_string()),
            new_value: Some(p.title.clone()),
            ..req.entry(who.account_id, "create", "plan")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(p.id)
}

/// A plan the user may manage (or, with `View`, read); anything else is `Forbidden`.
pub async fn plan_for(
    req: &Request,
    who: &Principal,
    plan_id: i32,
    action: Action,
) -> Result<plan::Model, AppError> {
    let p = plan::Entity::find_by_id(plan_id)
        .one(&req.db)
        .await?
        .ok_or(AppError::Forbidden)?;
    req.authorize(
        who,
        action,
        Resource::Plan {
            school_id: p.school_id,
        },
    )
    .await?;
    Ok(p)
}

fn date(field: &str, value: &Option<String>) -> Result<Option<NaiveDate>, AppError> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(iso) => Day::parse(iso)
            .and_then(|d| NaiveDate::parse_from_str(&d.iso(), "%Y-%m-%d").ok())
            .map(Some)
            .ok_or_else(|| AppError::invalid(format!("{field}: дата «{iso}» не распознана."))),
    }
}

/// Checks a draft: wording, dates in order, responsible people from the plan's school.
async fn checked(
    db: &impl ConnectionTrait,
    school_id: i32,
    draft: &MeasureDraft,
) -> Result<(String, Option<NaiveDate>, Option<NaiveDate>, BTreeSet<i32>), AppError> {
    let title = draft.title.trim().to_string();
    if title.is_empty() {
        return Err(AppError::invalid("Напишите, что это за мероприятие."));
    }
    if title.chars().count() > MAX_TEXT || draft.documents.chars().count() > MAX_TEXT {
        return Err(AppError::invalid(format!(
            "Текст длиннее {MAX_TEXT} знаков: сократите его."
        )));
    }
    let starts = date("Начало", &draft.starts_on)?;
    let due = date("Срок", &draft.due_on)?;
    if let (Some(s), Some(d)) = (starts, due) {
        if s > d {
            return Err(AppError::invalid("Начало позже срока выполнения."));
        }
    }
    let staff: BTreeSet<i32> = role_assignment::Entity::find()
        .filter(role_assignment::Column::SchoolId.eq(school_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.account_id)
        .collect();
    let responsible: BTreeSet<i32> = draft.responsible.iter().copied().collect();
    if !responsible.is_subset(&staff) {
        return Err(AppError::invalid(
            "Ответственным можно назначить только сотрудника этой школы.",
        ));
    }
    Ok((title, starts, due, responsible))
}

/// Saves a measure: a new one at the end of its section, or changes to an existing one.
pub async fn save(draft: MeasureDraft) -> Result<i32, AppError> {
    let (req, who) = Request::signed_in().await?;
    let section = plan_section::Entity::find_by_id(draft.section_id)
        .one(&req.db)
        .await?
        .ok_or(AppError::Forbidden)?;
    let p = plan_for(&req, &who, section.plan_id, Action::Edit).await?;
    let (title, starts, due, responsible) = checked(&req.db, p.school_id, &draft).await?;
    let documents = draft
        .documents
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let period = draft
        .period
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| p.chars().take(200).collect::<String>());
    let txn = req.db.begin().await?;
    let existing = match draft.measure_id {
        Some(id) => Some(
            measure::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .filter(|m| m.plan_id == p.id)
                .ok_or(AppError::Forbidden)?,
        ),
        None => None,
    };
    let old = existing.as_ref().map(|m| describe(m, &[]));
    let mut row = match existing {
        Some(m) => m.into_active_model(),
        None => {
            let last = measure::Entity::find()
                .filter(measure::Column::SectionId.eq(section.id))
                .order_by_desc(measure::Column::Position)
                .one(&txn)
                .await?
                .map_or(0, |m| m.position);
            measure::ActiveModel {
                plan_id: Set(p.id),
                position: Set(last + 1),
                status: Set(MeasureStatus::Planned.code().to_string()),
                cancel_reason: Set(None),
                version: Set(0),
                ..Default::default()
            }
        }
    };
    row.section_id = Set(section.id);
    row.title = Set(title);
    row.period = Set(period);
    row.starts_on = Set(starts);
    row.due_on = Set(due);
    row.documents = Set(documents);
    row.updated_at = Set(Utc::now());
    let saved = row.save(&txn).await?;
    let id = saved.id.clone().unwrap();
    measure_responsible::Entity::delete_many()
        .filter(measure_responsible::Column::MeasureId.eq(id))
        .exec(&txn)
        .await?;
    for account_id in &responsible {
        measure_responsible::ActiveModel {
            measure_id: Set(id),
            account_id: Set(*account_id),
        }
        .insert(&txn)
        .await?;
    }
    let names: Vec<String> = people::names(&txn, responsible)
        .await?
        .into_values()
        .collect();
    let new = measure::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .map(|m| describe(&m, &names));
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(id.to_string()),
            old_value: old,
            new_value: new,
            action: if draft.measure_id.is_some() {
                "edit"
            } else {
                "create"
            },
            ..req.entry(who.account_id, "edit", "measure")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// A measure as one line of its history.
fn describe(m: &measure::Model, responsible: &[String]) -> String {
    let mut parts = vec![m.title.clone()];
    if let Some(d) = m.due_on {
        parts.push(format!("срок {}", d.format("%d.%m.%Y")));
    }
    if !responsible.is_empty() {
        parts.push(format!("отв. {}", responsible.join(", ")));
    }
    parts.join("; ")
}

pub async fn approve(plan_id: i32) -> Result<(), AppError> {
    let (req, who) = Request::signed_in().await?;
    let p = plan_for(&req, &who, plan_id, Action::View).await?;
    req.authorize(
        &who,
        Action::Edit,
        Resource::PlanApproval {
            school_id: p.school_id,
        },
    )
    .await?;
    if p.approved_at.is_some() {
        return Err(AppError::invalid("План уже утверждён."));
    }
    let txn = req.db.begin().await?;
    let mut row = p.into_active_model();
    row.approved_at = Set(Some(Utc::now()));
    row.approved_by = Set(Some(who.account_id));
    row.update(&txn).await?;
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(plan_id.to_string()),
            new_value: Some("утверждён".into()),
            ..req.entry(who.account_id, "approve", "plan")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Everything that happened to a measure, newest first, from the audit log.
pub async fn history(measure_id: i32) -> Result<Vec<HistoryLine>, AppError> {
    let (req, who) = Request::signed_in().await?;
    let m = measure::Entity::find_by_id(measure_id)
        .one(&req.db)
        .await?
        .ok_or(AppError::Forbidden)?;
    let p = plan_for(&req, &who, m.plan_id, Action::View).await?;
    let rows = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("measure"))
        .filter(audit_log::Column::EntityId.eq(measure_id.to_string()))
        .filter(audit_log::Column::Outcome.eq("ok"))
        .order_by_desc(audit_log::Column::At)
        .all(&req.db)
        .await?;
    let names = people::names(&req.db, rows.iter().filter_map(|r| r.account_id)).await?;
    Ok(rows
        .into_iter()
        .map(|r| HistoryLine {
            at: r.at.to_rfc3339(),
            who: r
                .account_id
                .and_then(|id| names.get(&id).cloned())
                .unwrap_or_default(),
            what: describe_change(&r),
            after_approval: p.approved_at.is_some_and(|a| r.at > a),
        })
        .collect())
}

fn describe_change(r: &audit_log::Model) -> String {
    let new = r.new_value.clone().unwrap_or_default();
    match r.action.as_str() {
        "status" => format!(
            "статус: «{}» → «{}»",
            r.old_value.clone().unwrap_or_default(),
            new
        ),
        "note" => format!("заметка: {new}"),
        "evidence" => format!("подтверждение: {new}"),
        "create" => format!("добавлено: {new}"),
        _ => format!("изменено: {new}"),
    }
}
