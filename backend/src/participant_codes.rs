//! «Коды участников» of a ВПР (see `api::participant_codes`): the deputy or the director issues
//! each pupil of the procedure's classes a code (`domain::participant_code`), prints the list per
//! class, or loads the school's own list; a code once given is never changed. The list is the only
//! place a code meets a name, so it is for those who decide on the procedure's results.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};

use crate::entity::{class, participant_code, procedure, student};
use crate::platform::audit;
use crate::platform::request::Request;
use crate::platform::upload::{self, Limits};
use crate::platform::xlsx::{Cell, Sheet};
use crate::report::resource_of;
use domain::assessment::ProcedureKind;
use domain::error::AppError;
use domain::paper::table::file_problem;
use domain::participant_code::{self as codes, key};
use domain::policy::{Action, Principal};
use domain::wire::participant_codes::{CodeClass, CodeList, CodedPupil, CodesLoaded, RowProblem};

/// The procedure, when it is of one of `kinds` and `who` decides on its results (the deputy, the
/// director); `refusal` says what the kinds are for.
pub(crate) async fn managed(
    req: &Request,
    who: &Principal,
    id: i32,
    kinds: &[ProcedureKind],
    refusal: &str,
) -> Result<procedure::Model, AppError> {
    let p = procedure::Entity::find_by_id(id)
        .one(&req.db)
        .await?
        .filter(|p| p.cancelled_at.is_none())
        .ok_or(AppError::Forbidden)?;
    req.authorize(who, Action::Edit, resource_of(&req.db, &p).await?)
        .await?;
    if !ProcedureKind::from_code(&p.kind).is_some_and(|k| kinds.contains(&k)) {
        return Err(AppError::invalid(refusal));
    }
    Ok(p)
}

/// The ВПР, when `who` may manage its codes and files.
pub(crate) async fn vpr(
    req: &Request,
    who: &Principal,
    id: i32,
) -> Result<procedure::Model, AppError> {
    managed(
        req,
        who,
        id,
        &[ProcedureKind::Vpr],
        "Коды участников и отчёты ФИС ОКО — только для ВПР.",
    )
    .await
}

/// The procedure's classes with their pupils (those on the list now) and codes.
async fn list_of(db: &impl ConnectionTrait, p: &procedure::Model) -> Result<CodeList, DbErr> {
    let class_ids: Vec<i32> = crate::school::classes::writing(db, p.id).await?;
    let classes = class::Entity::find()
        .filter(class::Column::Id.is_in(class_ids.clone()))
        .all(db)
        .await?;
    // Ordinals among every class of the grade, as the school numbers them for ФИС ОКО.
    let grade: Vec<(i32, String)> = class::Entity::find()
        .filter(class::Column::AcademicYearId.eq(p.academic_year_id))
        .filter(class::Column::Grade.eq(p.grade))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.letter))
        .collect();
    let ordinals = codes::ordinals(&grade);
    let given: BTreeMap<i32, (String, Option<i16>)> = participant_code::Entity::find()
        .filter(participant_code::Column::ProcedureId.eq(p.id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.student_id, (c.code, c.variant)))
        .collect();
    let pupils = student::Entity::find()
        .filter(student::Column::ClassId.is_in(class_ids))
        .filter(student::Column::LeftOn.is_null())
        .order_by_asc(student::Column::LastName)
        .order_by_asc(student::Column::FirstName)
        .all(db)
        .await?;
    let mut out: Vec<CodeClass> = classes
        .into_iter()
        .map(|c| CodeClass {
            class_id: c.id,
            ordinal: ordinals.get(&c.id).copied().unwrap_or(0),
            name: c.name(),
            pupils: pupils
                .iter()
                .filter(|s| s.class_id == c.id)
                .map(|s| CodedPupil {
                    student_id: s.id,
                    name: s.full_name(),
                    code: given.get(&s.id).map(|g| g.0.clone()),
                    variant: given.get(&s.id).and_then(|g| g.1),
                })
                .collect(),
        })
        .collect();
    out.sort_by_key(|c| c.ordinal);
    let missing = out
        .iter()
        .flat_map(|c| &c.pupils)
        .filter(|s| s.code.is_none())
        .count() as u32;
    Ok(CodeList {
        procedure_id: p.id,
        title: p.title.clone(),
        classes: out,
        missing,
    })
}

pub async fn list(procedure_id: i32) -> Result<CodeList, AppError> {
    let (req, who) = Request::signed_in().await?;
    let p = vpr(&req, &who, procedure_id).await?;
    Ok(list_of(&req.db, &p).await?)
}

/// Gives every pupil without a code one; the codes already given stay.
pub async fn issue(procedure_id: i32) -> Result<CodeList, AppError> {
    let (req, who) = Request::signed_in().await?;
    let p = vpr(&req, &who, procedure_id).await?;
    let txn = req.db.begin().await?;
    let before = list_of(&txn, &p).await?;
    let taken: BTreeSet<String> = before
        .classes
        .iter()
        .flat_map(|c| &c.pupils)
        .filter_map(|s| s.code.clone())
        .collect();
    let without: Vec<i32> = before
        .classes
        .iter()
        .flat_map(|c| &c.pupils)
        .filter(|s| s.code.is_none())
        .map(|s| s.student_id)
        .collect();
    let fresh = codes::issue(p.grade, &taken, without.len());
    write(&txn, p.id, without.into_iter().zip(fresh).collect()).await?;
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(p.id.to_string()),
            new_value: Some(format!("выдано кодов: {}", before.missing)),
            ..req.entry(who.account_id, "issue", "participant_code")
        },
    )
    .await?;
    let after = list_of(&txn, &p).await?;
    txn.commit().await?;
    Ok(after)
}

async fn write(
    db: &impl ConnectionTrait,
    procedure_id: i32,
    pairs: Vec<(i32, String)>,
) -> Result<(), DbErr> {
    let now = Utc::now();
    for chunk in pairs.chunks(500) {
        participant_code::Entity::insert_many(chunk.iter().map(|(student_id, code)| {
            participant_code::ActiveModel {
                procedure_id: Set(procedure_id),
                student_id: Set(*student_id),
                code: Set(code.clone()),
                variant: Set(None),
                issued_at: Set(now),
            }
        }))
        .exec(db)
        .await?;
    }
    Ok(())
}

/// The school's own list (ФИО, класс, код; XLSX, XLS or CSV): every row matched to a pupil of
/// the procedure's classes, or nothing is written.
pub async fn load(
    procedure_id: i32,
    file_name: String,
    data: String,
) -> Result<CodesLoaded, AppError> {
    let (req, who) = Request::signed_in().await?;
    let p = vpr(&req, &who, procedure_id).await?;
    let rows = upload::first_sheet(&file_name, &data, &Limits::STUDENT_LIST)?;
    let listed = match codes::from_rows(&rows) {
        Ok(listed) => listed,
        Err(problems) => return refused(problems),
    };
    let txn = req.db.begin().await?;
    let current = list_of(&txn, &p).await?;
    let mut by_key: BTreeMap<(String, String), &CodedPupil> = BTreeMap::new();
    let mut codes_now: BTreeMap<&str, i32> = BTreeMap::new();
    for c in &current.classes {
        for s in &c.pupils {
            by_key.insert((key(&s.name), key(&c.name)), s);
            if let Some(code) = &s.code {
                codes_now.insert(code, s.student_id);
            }
        }
    }
    let mut problems = Vec::new();
    let mut pairs = Vec::new();
    let mut variants = Vec::new();
    for l in &listed {
        let mut say = |message: String| {
            problems.push(RowProblem {
                row: l.row,
                message,
            })
        };
        let Some(pupil) = by_key.get(&(key(&l.name), key(&l.class))) else {
            say(format!(
                "{} ({}) нет среди учеников классов этой работы.",
                l.name, l.class
            ));
            continue;
        };
        match (&pupil.code, codes_now.get(l.code.as_str())) {
            (Some(own), _) if *own == l.code => {
                if l.variant.is_some() {
                    variants.push((pupil.student_id, l.variant));
                }
            }
            (Some(own), _) => say(format!(
                "у ученика уже есть код {own}: выданный код не меняется."
            )),
            (None, Some(_)) => say(format!("код {} уже у другого ученика.", l.code)),
            (None, None) => {
                pairs.push((pupil.student_id, l.code.clone()));
                variants.push((pupil.student_id, l.variant));
            }
        }
    }
    if !problems.is_empty() {
        return refused(problems);
    }
    let loaded = pairs.len();
    write(&txn, p.id, pairs).await?;
    for (student_id, variant) in variants.into_iter().filter(|v| v.1.is_some()) {
        participant_code::Entity::update_many()
            .col_expr(participant_code::Column::Variant, Expr::value(variant))
            .filter(participant_code::Column::ProcedureId.eq(p.id))
            .filter(participant_code::Column::StudentId.eq(student_id))
            .exec(&txn)
            .await?;
    }
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(p.id.to_string()),
            new_value: Some(format!("загружено кодов: {loaded}")),
            ..req.entry(who.account_id, "load", "participant_code")
        },
    )
    .await?;
    let list = list_of(&txn, &p).await?;
    txn.commit().await?;
    Ok(CodesLoaded {
        list: Some(list),
        problems: Vec::new(),
    })
}

/// Rows that cannot be placed come back to be shown; a file that is no code list is a 400.
fn refused(problems: Vec<RowProblem>) -> Result<CodesLoaded, AppError> {
    match file_problem(&problems) {
        Some(whole) => Err(AppError::invalid(whole)),
        None => Ok(CodesLoaded {
            list: None,
            problems,
        }),
    }
}

/// «Список кодов участников» as XLSX: per class (with its ordinal) each pupil and code.
pub async fn workbook(
    db: &sea_orm::DatabaseConnection,
    token: Option<&str>,
    procedure_id: i32,
) -> Result<(String, Vec<u8>), AppError> {
    let who = crate::platform::principal::from_token(db, token).await?;
    let p = procedure::Entity::find_by_id(procedure_id)
        .one(db)
        .await?
        .ok_or(AppError::Forbidden)?;
    if !domain::policy::may(&who, Action::Edit, resource_of(db, &p).await?)
        || ProcedureKind::from_code(&p.kind) != Some(ProcedureKind::Vpr)
    {
        return Err(AppError::Forbidden);
    }
    let list = list_of(db, &p).await?;
    let mut sheet = Sheet::new(
        "Коды участников",
        &format!("Список кодов участников. {}", list.title),
        &[
            "Класс",
            "Порядковый номер класса",
            "ФИО",
            "Код участника",
            "Вариант",
        ],
        &[10.0, 12.0, 40.0, 16.0, 10.0],
    )?;
    for c in &list.classes {
        for s in &c.pupils {
            sheet.row(&[
                Cell::Text(&c.name),
                Cell::Count(f64::from(c.ordinal)),
                Cell::Text(&s.name),
                Cell::Text(s.code.as_deref().unwrap_or("код не выдан")),
                s.variant.map_or(Cell::Empty, |v| Cell::Count(f64::from(v))),
            ])?;
        }
    }
    Ok((
        format!("Коды участников. {}.xlsx", list.title),
        sheet.finish()?,
    ))
}
