//! The demo's assessment procedures with task-level results: this year's входная диагностика in
//! Russian and mathematics, and last spring's ВПР. The ВПР «Русский язык, 4 класс» and the
//! task list of «Английский язык, 8 класс» are the real 2026 papers (shared/data); every other
//! structure is illustrative and says so in its source.

use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeZone, Utc};
use rand::Rng;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use super::{normal, subject_ability, Pupil};
use backend::entity::{procedure_result, task_score};
use backend::procedure_setup::{insert as insert_procedure, Meta};
use domain::assessment::{ProcedureKind, Stage};
use domain::paper::catalogue::{known_papers, scale_by_share};
use domain::paper::Task;

const ILLUSTRATIVE: &str = "Демонстрационная структура: задания и шкала условные.";

pub(crate) struct Paper {
    pub kind: ProcedureKind,
    pub stage: Option<Stage>,
    pub title: String,
    pub subject_id: i32,
    pub grade: i16,
    pub held_on: NaiveDate,
    pub paper: domain::paper::Paper,
    pub source: String,
}

/// A real ВПР of the catalogue (domain/data/vpr-structure.json): its tasks, and its scale where
/// published (an illustrative one, said so in its source, where not).
fn known(subject: &str, grade: i16, subject_id: i32, held_on: NaiveDate) -> Paper {
    let known = known_papers()
        .iter()
        .find(|p| p.subject == subject && p.grade == grade)
        .expect("the paper is in the catalogue")
        .clone();
    Paper {
        kind: known.kind,
        stage: None,
        title: format!("ВПР. {subject}, {grade} класс"),
        subject_id,
        grade,
        held_on,
        paper: known.paper,
        source: known.source,
    }
}

/// ВПР 2026, Русский язык, 4 класс: the real paper (max 24; 3 from 10, 4 from 16, 5 from 21).
pub(crate) fn vpr_russian_4(subject_id: i32, held_on: NaiveDate) -> Paper {
    known("Русский язык", 4, subject_id, held_on)
}

/// ВПР 2026, Английский язык, 8 класс: real task labels and maxima (25); no published scale.
pub(crate) fn vpr_english_8(subject_id: i32, held_on: NaiveDate) -> Paper {
    known("Английский язык", 8, subject_id, held_on)
}

/// An illustrative paper: 8–11 tasks, the last ones of the advanced level.
pub(crate) fn illustrative(
    kind: ProcedureKind,
    stage: Option<Stage>,
    title: String,
    subject_id: i32,
    grade: i16,
    held_on: NaiveDate,
) -> Paper {
    const MAXIMA: [i16; 11] = [1, 1, 1, 2, 1, 2, 1, 2, 2, 3, 2];
    let count = 8 + (grade as usize / 4).min(3);
    let tasks: Vec<Task> = (0..count)
        .map(|i| Task {
            label: (i + 1).to_string(),
            max_score: MAXIMA[i],
            advanced: i + 2 >= count,
            ..Task::default()
        })
        .collect();
    let max = tasks.iter().map(|t| t.max_score).sum();
    Paper {
        kind,
        stage,
        title,
        subject_id,
        grade,
        held_on,
        paper: domain::paper::Paper {
            tasks,
            scale: scale_by_share(max),
            test_scores: Vec::new(),
        },
        source: ILLUSTRATIVE.into(),
    }
}

/// Writes the paper and the classes that write it; results come later (or never, for a
/// procedure still to be entered). Returns the procedure's id and its tasks' ids.
pub(crate) async fn insert_paper(
    db: &impl ConnectionTrait,
    school_id: i32,
    academic_year_id: i32,
    paper: &Paper,
    classes: Vec<i32>,
) -> Result<(i32, Vec<i32>), DbErr> {
    let meta = Meta {
        school_id,
        academic_year_id,
        subject_id: paper.subject_id,
        kind: paper.kind,
        stage: paper.stage,
        title: paper.title.clone(),
        grade: paper.grade,
        held_on: paper.held_on,
        source: Some(paper.source.clone()),
        paper_no: 0,
    };
    insert_procedure(db, &meta, &paper.paper, classes).await
}

/// Writes the paper, the classes that wrote it and every pupil's task scores.
pub(crate) async fn insert(
    db: &impl ConnectionTrait,
    rng: &mut impl Rng,
    school_id: i32,
    academic_year_id: i32,
    paper: &Paper,
    writers: &[(i32, &Pupil)],
) -> Result<(), DbErr> {
    let classes: Vec<i32> = writers.iter().map(|(class_id, _)| *class_id).collect();
    let (procedure_id, task_ids) =
        insert_paper(db, school_id, academic_year_id, paper, classes).await?;
    let written_at = Utc
        .from_local_datetime(&paper.held_on.and_hms_opt(15, 0, 0).expect("a time"))
        .single()
        .expect("UTC has no gaps");
    let mut absent = BTreeMap::new();
    let results: Vec<procedure_result::ActiveModel> = writers
        .iter()
        .map(|(class_id, pupil)| {
            let missed = rng.gen_bool(if pupil.struggling { 0.2 } else { 0.05 });
            absent.insert(pupil.id, missed);
            procedure_result::ActiveModel {
                procedure_id: Set(procedure_id),
                student_id: Set(pupil.id),
                class_id: Set(*class_id),
                absent: Set(missed),
                updated_by: Set(None),
                updated_at: Set(written_at),
                ..Default::default()
            }
        })
        .collect();
    procedure_result::Entity::insert_many(results)
        .exec(db)
        .await?;
    let stored = procedure_result::Entity::find()
        .filter(procedure_result::Column::ProcedureId.eq(procedure_id))
        .all(db)
        .await?;
    let ability: BTreeMap<i32, f64> = writers
        .iter()
        .map(|(_, p)| (p.id, subject_ability(p, paper.subject_id)))
        .collect();
    let mut scores = Vec::new();
    for result in stored.iter().filter(|r| !absent[&r.student_id]) {
        // Calibrated so the marks sit against the journal as ФИС ОКО's national figures do
        // (about a quarter lower, a tenth higher, the rest confirmed): an advanced task is
        // clearly harder, and a student's day varies a little.
        let form = ability[&result.student_id] + normal(rng) * 0.1;
        for (task_id, task) in task_ids.iter().zip(&paper.paper.tasks) {
            let hard = if task.advanced { 1.9 } else { 0.0 };
            let p = 1.0 / (1.0 + (-(0.8 * form + 0.8 - hard)).exp());
            let max = f64::from(task.max_score);
            let expected = max * p + normal(rng) * 0.2;
            let score = expected.round().clamp(0.0, max) as i16;
            scores.push(task_score::ActiveModel {
                result_id: Set(result.id),
                task_id: Set(*task_id),
                score: Set(score),
            });
        }
    }
    for chunk in scores.chunks(1000) {
        task_score::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(())
}
