//! The user's procedures and one procedure's results grid, each limited by the policy to the
//! classes and subjects the user may see.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use crate::entity::{
    cell_history, class, procedure, procedure_class, procedure_result, procedure_task, result_cell,
    student, subject,
};
use crate::platform::request::Request;
use crate::platform::{audit, people};
use crate::procedure_setup::resource as change_resource;
use crate::school::classes::{class_ref, student_counts};
use crate::school::current_year;
use crate::sync::{committed_change, records};
use domain::assessment::{ProcedureKind, Scale};
use domain::error::AppError;
use domain::policy::{may, Action, Principal, Resource};
use domain::wire::procedure_setup::school_own;
use domain::wire::result_sheet::{
    CellConflict, ProcedureItem, ResultSheet, SheetClass, SheetStudent, SheetTask,
};

/// A procedure with the classes that wrote it that the user may see, and which of those she
/// may fill in.
struct Visible {
    procedure: procedure::Model,
    subject: subject::Model,
    classes: Vec<(class::Model, bool)>,
}

async fn visible(
    db: &impl ConnectionTrait,
    who: &Principal,
    procedures: Vec<procedure::Model>,
) -> Result<Vec<Visible>, DbErr> {
    let ids: Vec<i32> = procedures.iter().map(|p| p.id).collect();
    let links = procedure_class::Entity::find()
        .filter(procedure_class::Column::ProcedureId.is_in(ids))
        .all(db)
        .await?;
    let classes: BTreeMap<i32, class::Model> = class::Entity::find()
        .filter(class::Column::Id.is_in(links.iter().map(|l| l.class_id)))
        .order_by_asc(class::Column::Grade)
        .order_by_asc(class::Column::Letter)
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let subjects: BTreeMap<i32, subject::Model> = subject::Entity::find()
        .filter(subject::Column::Id.is_in(procedures.iter().map(|p| p.subject_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut out = Vec::new();
    for procedure in procedures {
        let Some(subject) = subjects.get(&procedure.subject_id).cloned() else {
            continue;
        };
        let mut seen: Vec<(class::Model, bool)> = links
            .iter()
            .filter(|l| l.procedure_id == procedure.id)
            .filter_map(|l| classes.get(&l.class_id))
            .filter_map(|c| {
                let resource = |c: &class::Model| Resource::ClassSubject {
                    class: class_ref(c),
                    subject_id: subject.id,
                    subject_group_id: subject.subject_group_id,
                };
                may(who, Action::View, resource(c))
                    .then(|| (c.clone(), may(who, Action::Edit, resource(c))))
            })
            .collect();
        seen.sort_by(|a, b| (a.0.grade, &a.0.letter).cmp(&(b.0.grade, &b.0.letter)));
        if !seen.is_empty() {
            out.push(Visible {
                procedure,
                subject,
                classes: seen,
            });
        }
    }
    Ok(out)
}

fn kind_title(code: &str) -> String {
    ProcedureKind::from_code(code)
        .map(|k| k.title().to_string())
        .unwrap_or_else(|| code.to_string())
}

/// See `api::result_sheet::my_procedures`.
pub async fn mine() -> Result<Vec<ProcedureItem>, AppError> {
    let (req, who) = Request::signed_in().await?;
    let db = &req.db;
    let taught = class::Entity::find()
        .filter(class::Column::Id.is_in(who.teaching.iter().map(|t| t.class_id)))
        .all(db)
        .await?;
    let schools: BTreeSet<i32> = who
        .grants
        .iter()
        .filter_map(|g| g.school_id)
        .chain(taught.iter().map(|c| c.school_id))
        .collect();
    let mut procedures = Vec::new();
    for school_id in schools {
        let Some(year) = current_year(db, school_id).await? else {
            continue;
        };
        procedures.extend(
            procedure::Entity::find()
                .filter(procedure::Column::AcademicYearId.eq(year.id))
                .filter(procedure::Column::CancelledAt.is_null())
                .order_by_desc(procedure::Column::HeldOn)
                .order_by_asc(procedure::Column::Title)
                .all(db)
                .await?,
        );
    }
    let visible = visible(db, &who, procedures).await?;
    let class_ids: Vec<i32> = visible
        .iter()
        .flat_map(|v| v.classes.iter().map(|(c, _)| c.id))
        .collect();
    let counts = student_counts(db, class_ids).await?;
    let mut items = Vec::new();
    for v in visible {
        let ids: Vec<i32> = v.classes.iter().map(|(c, _)| c.id).collect();
        let entered = procedure_result::Entity::find()
            .filter(procedure_result::Column::ProcedureId.eq(v.procedure.id))
            .filter(procedure_result::Column::ClassId.is_in(ids.clone()))
            .count(db)
            .await?;
        items.push(ProcedureItem {
            id: v.procedure.id,
            kind: kind_title(&v.procedure.kind),
            subject: v.subject.name.clone(),
            held_on: v.procedure.held_on.to_string(),
            classes: v.classes.iter().map(|(c, _)| c.name()).collect(),
            entered: entered as u32,
            students: ids.iter().filter_map(|id| counts.get(id)).sum(),
            editable: v.classes.iter().any(|(_, edit)| *edit),
            closed: v.procedure.closed_at.is_some(),
            title: v.procedure.title,
        });
    }
    Ok(items)
}

/// See `api::result_sheet::load_result_sheet`.
pub async fn sheet(procedure_id: i32) -> Result<ResultSheet, AppError> {
    let (req, who) = Request::signed_in().await?;
    let db = &req.db;
    // Read before the data: a change that lands in between is sent again by the next pull.
    let cursor = committed_change(db).await?;
    let found = procedure::Entity::find_by_id(procedure_id).one(db).await?;
    let Some(v) = visible(db, &who, found.into_iter().collect()).await?.pop() else {
        // An unknown procedure is answered like a forbidden one, so ids cannot be probed.
        return Err(AppError::Forbidden);
    };
    if v.procedure.cancelled_at.is_some() {
        return Err(AppError::invalid("Работа отменена."));
    }
    let own_kind = ProcedureKind::from_code(&v.procedure.kind).is_some_and(school_own);
    let can_change = v
        .classes
        .iter()
        .all(|(c, _)| may(&who, Action::Edit, change_resource(c, &v.subject, own_kind)));
    let class_ids: Vec<i32> = v.classes.iter().map(|(c, _)| c.id).collect();
    let results = procedure_result::Entity::find()
        .filter(procedure_result::Column::ProcedureId.eq(procedure_id))
        .filter(procedure_result::Column::ClassId.is_in(class_ids.clone()))
        .all(db)
        .await?;
    // Those now in the classes, and those who wrote in them and have moved or left since.
    let wrote_here: Vec<(i32, i32)> = results.iter().map(|r| (r.student_id, r.class_id)).collect();
    let mut students: Vec<SheetStudent> = student::Entity::find()
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(student::Column::ClassId.is_in(class_ids.clone()))
                        .add(student::Column::LeftOn.is_null()),
                )
                .add(student::Column::Id.is_in(wrote_here.iter().map(|(s, _)| *s))),
        )
        .order_by_asc(student::Column::LastName)
        .order_by_asc(student::Column::FirstName)
        .all(db)
        .await?
        .into_iter()
        .map(|s| SheetStudent {
            class_id: wrote_here
                .iter()
                .find(|(id, _)| *id == s.id)
                .map_or(s.class_id, |(_, class_id)| *class_id),
            full_name: s.full_name(),
            has_ovz: s.has_ovz,
            id: s.id,
        })
        .collect();
    students.retain(|s| class_ids.contains(&s.class_id));
    let tasks = procedure_task::Entity::find()
        .filter(procedure_task::Column::ProcedureId.eq(procedure_id))
        .order_by_asc(procedure_task::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|t| SheetTask {
            id: t.id,
            label: t.label,
            max_score: t.max_score,
            level: t.level,
            topic: t.topic,
            skill_code: t.skill_code,
        })
        .collect();
    let p = v.procedure;
    let test_scores = crate::procedure_setup::test_scores(&p);
    Ok(ResultSheet {
        procedure_id,
        kind: kind_title(&p.kind),
        subject: v.subject.name,
        grade: p.grade,
        held_on: p.held_on.to_string(),
        scale: Scale {
            mark3_from: p.mark3_from,
            mark4_from: p.mark4_from,
            mark5_from: p.mark5_from,
        },
        closed: p.closed_at.is_some(),
        can_close: may(
            &who,
            Action::Edit,
            Resource::EditWindow {
                school_id: p.school_id,
            },
        ),
        source: p.source,
        tasks,
        classes: v
            .classes
            .into_iter()
            .map(|(c, editable)| SheetClass {
                id: c.id,
                name: c.name(),
                editable,
            })
            .collect(),
        students,
        conflicts: unresolved(db, &results).await?,
        results: records(db, results.into_iter().map(|r| r.id).collect()).await?,
        cursor,
        test_scores,
        title: p.title,
        can_change,
    })
}

/// The conflicts of these results that nobody has resolved yet.
async fn unresolved(
    db: &impl ConnectionTrait,
    results: &[procedure_result::Model],
) -> Result<Vec<CellConflict>, DbErr> {
    let student_of: BTreeMap<i32, i32> = results.iter().map(|r| (r.id, r.student_id)).collect();
    let mut rows = Vec::new();
    for chunk in results.chunks(1000) {
        rows.extend(
            cell_history::Entity::find()
                .filter(cell_history::Column::Conflict.eq(true))
                .filter(cell_history::Column::ResolvedAt.is_null())
                .filter(cell_history::Column::ResultId.is_in(chunk.iter().map(|r| r.id)))
                .order_by_asc(cell_history::Column::Id)
                .all(db)
                .await?,
        );
    }
    let mut current = BTreeMap::new();
    for row in &rows {
        if let Some(cell) = result_cell::Entity::find_by_id((row.result_id, row.task_id))
            .one(db)
            .await?
        {
            current.insert((row.result_id, row.task_id), cell.account_id);
        }
    }
    let names = people::names(
        db,
        rows.iter()
            .filter_map(|r| r.account_id)
            .chain(current.values().flatten().copied()),
    )
    .await?;
    let name = |id: Option<i32>| {
        id.and_then(|id| names.get(&id).cloned())
            .unwrap_or_default()
    };
    Ok(rows
        .into_iter()
        .map(|r| CellConflict {
            id: r.id,
            student_id: student_of.get(&r.result_id).copied().unwrap_or_default(),
            task_id: r.task_id,
            overwritten: r.value.unwrap_or_default(),
            overwritten_by: name(r.account_id),
            replaced_by: name(current.get(&(r.result_id, r.task_id)).copied().flatten()),
        })
        .collect())
}

/// See `api::result_sheet::resolve_conflict`: those who enter the class's results
/// and the deputy may settle a conflict.
pub async fn resolve(conflict_id: i32) -> Result<(), AppError> {
    let (req, who) = Request::signed_in().await?;
    let db = &req.db;
    let Some(row) = cell_history::Entity::find_by_id(conflict_id)
        .one(db)
        .await?
    else {
        return Err(AppError::Forbidden);
    };
    let result = procedure_result::Entity::find_by_id(row.result_id)
        .one(db)
        .await?;
    let procedure = match &result {
        Some(r) => {
            procedure::Entity::find_by_id(r.procedure_id)
                .one(db)
                .await?
        }
        None => None,
    };
    let class = match &result {
        Some(r) => class::Entity::find_by_id(r.class_id).one(db).await?,
        None => None,
    };
    let (Some(procedure), Some(class)) = (procedure, class) else {
        return Err(AppError::Forbidden);
    };
    let group = subject::Entity::find_by_id(procedure.subject_id)
        .one(db)
        .await?
        .and_then(|s| s.subject_group_id);
    let enters = may(
        &who,
        Action::Edit,
        Resource::ClassSubject {
            class: class_ref(&class),
            subject_id: procedure.subject_id,
            subject_group_id: group,
        },
    );
    if !enters {
        req.authorize(
            &who,
            Action::Edit,
            Resource::EditWindow {
                school_id: procedure.school_id,
            },
        )
        .await?;
    }
    if row.resolved_at.is_some() {
        return Ok(());
    }
    let mut settled: cell_history::ActiveModel = row.into();
    settled.resolved_by = sea_orm::Set(Some(who.account_id));
    settled.resolved_at = sea_orm::Set(Some(chrono::Utc::now()));
    let txn = sea_orm::TransactionTrait::begin(db).await?;
    sea_orm::ActiveModelTrait::update(settled, &txn).await?;
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(conflict_id.to_string()),
            new_value: Some("resolved".into()),
            ..req.entry(who.account_id, "edit", "result.conflict")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
