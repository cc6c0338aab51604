//! An ОГЭ or ЕГЭ protocol from the РЦОИ loaded into the school's exam procedure (see
//! `api::rcoi`): read by `domain::rcoi`, the block of the procedure's subject taken, each
//! participant matched by name and class to a pupil of the procedure's classes, the answer strings
//! turned into points per task, then previewed and written like a Ф1 report
//! (`fis_oko::apply`): empty cells filled, differences shown, all or nothing.

use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::entity::{class, student, subject};
use crate::fis_oko::{apply, refused, tasks_of};
use crate::participant_codes::managed;
use crate::platform::request::Request;
use crate::platform::upload::{self, Limits};
use domain::assessment::ProcedureKind;
use domain::error::AppError;
use domain::fis_oko::plan::Coded;
use domain::fis_oko::{F1Row, F1};
use domain::participant_code::key;
use domain::rcoi::read;
use domain::wire::fis_oko::{F1Outcome, RowProblem};

const EXAMS: [ProcedureKind; 3] = [
    ProcedureKind::Oge,
    ProcedureKind::Ege,
    ProcedureKind::TrialExam,
];

pub async fn import(
    procedure_id: i32,
    file_name: String,
    data: String,
    write: bool,
) -> Result<F1Outcome, AppError> {
    let (req, who) = Request::signed_in().await?;
    let p = managed(
        &req,
        &who,
        procedure_id,
        &EXAMS,
        "Протокол РЦОИ загружают в ОГЭ, ЕГЭ или пробный экзамен.",
    )
    .await?;
    let rows = upload::first_sheet(&file_name, &data, &Limits::RESULTS)?;
    let exams = match read(&rows) {
        Ok(exams) => exams,
        Err(problems) => return refused(problems),
    };
    let db = &req.db;
    let subject = subject::Entity::find_by_id(p.subject_id)
        .one(db)
        .await?
        .map(|s| s.name)
        .unwrap_or_default();
    let unnamed = || (exams.len() == 1 && exams[0].subject.is_empty()).then(|| &exams[0]);
    let named = exams.iter().find(|e| key(&e.subject) == key(&subject));
    let Some(exam) = named.or_else(unnamed) else {
        let found: Vec<&str> = exams.iter().map(|e| e.subject.as_str()).collect();
        return Err(AppError::invalid(format!(
            "В протоколе нет экзамена по предмету «{subject}»: есть {}.",
            found.join(", ")
        )));
    };
    // Pupils by name and class; by name without the patronymic too, where that is unique.
    let class_ids: Vec<i32> = crate::school::classes::writing(db, p.id).await?;
    let classes: BTreeMap<i32, String> = class::Entity::find()
        .filter(class::Column::Id.is_in(class_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name()))
        .collect();
    let mut coded: BTreeMap<String, Coded> = BTreeMap::new();
    let mut short: BTreeMap<String, Vec<i32>> = BTreeMap::new();
    for s in student::Entity::find()
        .filter(student::Column::ClassId.is_in(class_ids))
        .filter(student::Column::LeftOn.is_null())
        .all(db)
        .await?
    {
        let class = key(classes.get(&s.class_id).map_or("", String::as_str));
        let pupil = Coded {
            student_id: s.id,
            ordinal: 0,
        };
        coded.insert(format!("{}|{class}", key(&s.full_name())), pupil.clone());
        short
            .entry(format!(
                "{}|{class}",
                key(&format!("{} {}", s.last_name, s.first_name))
            ))
            .or_default()
            .push(s.id);
    }
    for (name, ids) in short {
        if let [id] = ids.as_slice() {
            coded.entry(name).or_insert(Coded {
                student_id: *id,
                ordinal: 0,
            });
        }
    }
    let tasks = tasks_of(db, &p).await?;
    let maxima: Vec<i16> = tasks.iter().map(|t| t.max_score).collect();
    let mut problems = Vec::new();
    let mut rows_out = Vec::new();
    for r in &exam.rows {
        let class = key(&r.class_in(p.grade));
        let full = format!("{}|{class}", key(&r.name()));
        let brief = format!(
            "{}|{class}",
            key(&format!("{} {}", r.last_name, r.first_name))
        );
        let Some(code) = [full, brief].into_iter().find(|c| coded.contains_key(c)) else {
            problems.push(RowProblem {
                row: r.row,
                message: format!(
                    "{} ({}) нет среди учеников классов этой работы.",
                    r.name(),
                    r.class_in(p.grade)
                ),
            });
            continue;
        };
        match r.scores(&maxima) {
            Ok(scores) => {
                let sum: i16 = scores.iter().sum();
                if r.primary.is_some_and(|t| t != sum) {
                    problems.push(RowProblem {
                        row: r.row,
                        message: format!(
                            "первичный балл {} не равен сумме баллов за задания ({sum}).",
                            r.primary.unwrap_or(0)
                        ),
                    });
                    continue;
                }
                rows_out.push(F1Row {
                    row: r.row,
                    code,
                    class: None,
                    scores: scores.into_iter().map(Some).collect(),
                    total: r.primary,
                });
            }
            Err(e) => problems.push(RowProblem {
                row: r.row,
                message: e,
            }),
        }
    }
    if !problems.is_empty() {
        return refused(problems);
    }
    let results = F1 {
        title: Some(format!("{} {}", exam.subject, exam.date)),
        tasks: tasks
            .iter()
            .map(|t| (t.label.clone(), t.max_score))
            .collect(),
        rows: rows_out,
    };
    apply(&req, &who, &p, &results, &coded, write, "протокол РЦОИ").await
}
