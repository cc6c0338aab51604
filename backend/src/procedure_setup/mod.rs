//! «Новая работа»: a procedure made by the school (see `api::procedure_setup`). What the asker
//! may make is the policy's `NewProcedure`, asked per class; the paper's checks are
//! `domain::paper`; the whole procedure is written in one transaction, or nothing.

mod change;
pub mod tasks_file;
mod write;

pub use change::{cancel, change, open};

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait};

use write::empty;
pub use write::{insert, papers, test_scores, Meta};

use crate::entity::{academic_year, class, procedure, subject};
use crate::platform::audit;
use crate::platform::request::Request;
use crate::school::classes::class_ref;
use crate::school::this_year;
use crate::sync::clock::Clock;
use domain::assessment::{ProcedureKind, Stage};
use domain::error::AppError;
use domain::paper::catalogue::known_papers;
use domain::paper::{proposed_title, Paper};
use domain::policy::{may, Action, Principal, Resource};
use domain::wire::procedure_setup::{
    school_own, Allowed, EarlierProcedure, ProcedureDraft, ProcedureSetup, SetupClass,
};
use domain::wire::staffing::Choice;

/// How many earlier procedures the copy list offers.
const EARLIER: u64 = 60;
const MAX_TITLE: usize = 200;

pub(crate) fn resource(c: &class::Model, s: &subject::Model, school_own: bool) -> Resource {
    Resource::NewProcedure {
        class: class_ref(c),
        subject_id: s.id,
        subject_group_id: s.subject_group_id,
        school_own,
    }
}

pub async fn setup() -> Result<ProcedureSetup, AppError> {
    let (req, who) = Request::signed_in().await?;
    let school_id = who.school_id().ok_or(AppError::Forbidden)?;
    let (classes, subjects) = this_years(&req, school_id).await?;
    let allowed = allowed(&who, &classes, &subjects);
    if allowed.is_empty() {
        return refused(&req, &who).await;
    }
    let class_ids: BTreeSet<i32> = allowed.iter().map(|a| a.class_id).collect();
    let subject_ids: BTreeSet<i32> = allowed.iter().map(|a| a.subject_id).collect();
    Ok(ProcedureSetup {
        earlier: earlier(&req, school_id, &subject_ids).await?,
        subjects: subjects
            .into_iter()
            .filter(|s| subject_ids.contains(&s.id))
            .map(|s| Choice {
                id: s.id,
                name: s.name,
            })
            .collect(),
        classes: classes
            .into_iter()
            .filter(|c| class_ids.contains(&c.id))
            .map(|c| SetupClass {
                id: c.id,
                name: c.name(),
                grade: c.grade,
            })
            .collect(),
        allowed,
        catalogue: known_papers().to_vec(),
    })
}

/// Each (class, subject) of this year `who` may make a paper for.
fn allowed(who: &Principal, classes: &[class::Model], subjects: &[subject::Model]) -> Vec<Allowed> {
    let mut allowed = Vec::new();
    for c in classes {
        for s in subjects {
            let any_kind = may(who, Action::Edit, resource(c, s, false));
            if any_kind || may(who, Action::Edit, resource(c, s, true)) {
                allowed.push(Allowed {
                    class_id: c.id,
                    subject_id: s.id,
                    any_kind,
                });
            }
        }
    }
    allowed
}

async fn this_years(
    req: &Request,
    school_id: i32,
) -> Result<(Vec<class::Model>, Vec<subject::Model>), AppError> {
    let db = &req.db;
    let year = this_year(db, school_id).await?;
    let classes = crate::school::classes::of_year(db, year.id).await?;
    let subjects = subject::Entity::find()
        .filter(subject::Column::SchoolId.eq(school_id))
        .order_by_asc(subject::Column::Name)
        .all(db)
        .await?;
    Ok((classes, subjects))
}

/// Refuses (audited) someone who may make no paper at all: reading a task file is for them.
pub(crate) async fn may_make_some(req: &Request, who: &Principal) -> Result<(), AppError> {
    let school_id = who.school_id().ok_or(AppError::Forbidden)?;
    let (classes, subjects) = this_years(req, school_id).await?;
    if allowed(who, &classes, &subjects).is_empty() {
        return refused(req, who).await;
    }
    Ok(())
}

async fn refused<T>(req: &Request, who: &Principal) -> Result<T, AppError> {
    let entry = audit::Entry::new(
        Some(who.account_id),
        Some(req.address.clone()),
        req.user_agent.clone(),
        "edit",
        "procedure",
    );
    audit::denied(&req.db, entry).await?;
    Err(AppError::Forbidden)
}

/// The school's procedures in the asker's subjects, newest first, with their papers to copy.
async fn earlier(
    req: &Request,
    school_id: i32,
    subject_ids: &BTreeSet<i32>,
) -> Result<Vec<EarlierProcedure>, AppError> {
    let db = &req.db;
    let rows = procedure::Entity::find()
        .filter(procedure::Column::SchoolId.eq(school_id))
        .filter(procedure::Column::SubjectId.is_in(subject_ids.iter().copied()))
        .order_by_desc(procedure::Column::HeldOn)
        .order_by_desc(procedure::Column::Id)
        .limit(EARLIER)
        .all(db)
        .await?;
    let years: BTreeMap<i32, String> = academic_year::Entity::find()
        .filter(academic_year::Column::SchoolId.eq(school_id))
        .all(db)
        .await?
        .into_iter()
        .map(|y| (y.id, y.name))
        .collect();
    let mut papers = papers(db, &rows).await?;
    Ok(rows
        .into_iter()
        .map(|p| EarlierProcedure {
            id: p.id,
            year: years.get(&p.academic_year_id).cloned().unwrap_or_default(),
            subject_id: p.subject_id,
            grade: p.grade,
            // A copy makes new tasks: it keeps none of the saved ids.
            paper: papers
                .remove(&p.id)
                .map(Paper::copied)
                .unwrap_or_else(|| empty(&p)),
            title: p.title,
        })
        .collect())
}

pub async fn create(draft: ProcedureDraft) -> Result<i32, AppError> {
    let (req, who) = Request::signed_in().await?;
    let school_id = who.school_id().ok_or(AppError::Forbidden)?;
    let paper = draft.paper.tidied();
    let problems = paper.problems();
    if !problems.is_empty() {
        return Err(AppError::invalid(problems.join(" ")));
    }
    let held_on = date(&draft.held_on)?;
    stage_fits(draft.kind, draft.stage)?;
    if !(1..=11).contains(&draft.grade) {
        return Err(AppError::invalid("Параллель — от 1 до 11."));
    }
    let wanted: BTreeSet<i32> = draft.class_ids.iter().copied().collect();
    if wanted.is_empty() {
        return Err(AppError::invalid("Выберите хотя бы один класс."));
    }
    let title = title(&draft.title)?;
    // Checked before the transaction: a refusal is audited on its own connection.
    let db = &req.db;
    let year = this_year(db, school_id).await?;
    let subject = subject::Entity::find_by_id(draft.subject_id)
        .one(db)
        .await?
        .filter(|s| s.school_id == school_id)
        .ok_or_else(|| AppError::invalid("Такого предмета в школе нет."))?;
    let classes = class::Entity::find()
        .filter(class::Column::Id.is_in(wanted.iter().copied()))
        .filter(class::Column::AcademicYearId.eq(year.id))
        .filter(class::Column::Grade.eq(draft.grade))
        .all(db)
        .await?;
    if classes.len() != wanted.len() {
        return Err(AppError::invalid(
            "Классы работы — этого учебного года и той же параллели, что и работа.",
        ));
    }
    authorize(&req, &who, &classes, &subject, school_own(draft.kind)).await?;
    let title = if title.is_empty() {
        proposed_title(draft.kind, draft.stage, &subject.name, draft.grade)
    } else {
        title
    };
    let meta = Meta {
        school_id,
        academic_year_id: year.id,
        subject_id: subject.id,
        kind: draft.kind,
        stage: draft.stage,
        title: title.clone(),
        grade: draft.grade,
        held_on,
        source: draft.source.map(|s| s.chars().take(MAX_TITLE).collect()),
        paper_no: 0,
    };
    let txn = req.db.begin().await?;
    // Numbered like a change, so the teachers' tablets fetch it at their next sync.
    let mut clock = Clock::lock(&txn).await?;
    let meta = Meta {
        paper_no: clock.next(),
        ..meta
    };
    let (id, _) = insert(&txn, &meta, &paper, wanted.into_iter().collect()).await?;
    clock.save(&txn).await?;
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(id.to_string()),
            new_value: Some(title),
            ..req.entry(who.account_id, "create", "procedure")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

async fn authorize(
    req: &Request,
    who: &Principal,
    classes: &[class::Model],
    subject: &subject::Model,
    school_own: bool,
) -> Result<(), AppError> {
    for c in classes {
        req.authorize(who, Action::Edit, resource(c, subject, school_own))
            .await?;
    }
    Ok(())
}

pub(super) fn date(text: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::invalid("Укажите дату работы."))
}

pub(super) fn title(text: &str) -> Result<String, AppError> {
    let title = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.chars().count() > MAX_TITLE {
        return Err(AppError::invalid("Название длиннее 200 знаков."));
    }
    Ok(title)
}

pub(super) fn stage_fits(kind: ProcedureKind, stage: Option<Stage>) -> Result<(), AppError> {
    match stage {
        Some(s) if !kind.stages().contains(&s) => Err(AppError::invalid(format!(
            "Этап «{}» не бывает у работы вида «{}».",
            s.title(),
            kind.title()
        ))),
        _ => Ok(()),
    }
}
