//! The demo's assessment procedures with task-level results: this year's входная диагностика in
//! Russian and mathematics, and last spring's ВПР. The ВПР «Русский язык, 4 класс» and the
//! task list of «Английский язык, 8 класс» are the real 2026 papers (shared/data); every other
//! structure is illustrative and says so in its source.

use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeZone, Utc};
use rand::Rng;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

use super::{normal, subject_ability, Pupil};
use backend::entity::{procedure, procedure_class, procedure_result, procedure_task, task_score};
use domain::assessment::{ProcedureKind, Scale, Stage};

const ILLUSTRATIVE: &str = "Демонстрационная структура: задания и шкала условные.";
const VPR_SOURCE: &str =
    "ВПР 2026: структура работы по открытым данным (shared/data/vpr-structure.json).";

/// (label, max score, advanced, topic)
type Task = (&'static str, i16, bool, Option<&'static str>);

/// ВПР 2026, Русский язык, 4 класс: the real paper (max 24; 3 from 10, 4 from 16, 5 from 21).
const VPR_RUSSIAN_4: [Task; 15] = [
    ("1", 2, false, Some("Нормы ударения")),
    ("2", 1, false, Some("Характеристика согласных звуков")),
    ("3", 2, false, Some("Тема и основная мысль текста")),
    ("4", 3, false, Some("План текста")),
    ("5", 2, false, Some("Вопросы по содержанию текста")),
    ("6", 1, false, Some("Значение слова по контексту")),
    ("7", 1, false, Some("Синонимы")),
    ("8", 2, false, Some("Разбор слова по составу")),
    ("9.1", 1, true, Some("Имя существительное")),
    ("9.2", 2, true, Some("Имя существительное")),
    ("10.1", 1, true, Some("Имя прилагательное")),
    ("10.2", 2, true, Some("Имя прилагательное")),
    ("11", 1, false, Some("Глагол")),
    ("12.1", 2, false, Some("Создание письменного текста")),
    (
        "12.2",
        1,
        false,
        Some("Соблюдение орфографических и пунктуационных норм"),
    ),
];

/// ВПР 2026, Английский язык, 8 класс: real task labels and maxima (25); no published scale.
const VPR_ENGLISH_8: [Task; 7] = [
    ("1", 5, false, None),
    ("2", 5, false, None),
    ("3", 5, false, None),
    ("4К1", 3, false, None),
    ("4К2", 2, false, None),
    ("4К3", 3, false, None),
    ("4К4", 2, false, None),
];

pub(crate) struct Paper {
    pub kind: ProcedureKind,
    pub stage: Option<Stage>,
    pub title: String,
    pub subject_id: i32,
    pub grade: i16,
    pub held_on: NaiveDate,
    pub tasks: Vec<Task>,
    pub scale: Scale,
    pub source: &'static str,
}

pub(crate) fn vpr_russian_4(subject_id: i32, held_on: NaiveDate) -> Paper {
    Paper {
        kind: ProcedureKind::Vpr,
        stage: None,
        title: "ВПР. Русский язык, 4 класс".into(),
        subject_id,
        grade: 4,
        held_on,
        tasks: VPR_RUSSIAN_4.to_vec(),
        scale: Scale {
            mark3_from: 10,
            mark4_from: 16,
            mark5_from: 21,
        },
        source: VPR_SOURCE,
    }
}

pub(crate) fn vpr_english_8(subject_id: i32, held_on: NaiveDate) -> Paper {
    Paper {
        kind: ProcedureKind::Vpr,
        stage: None,
        title: "ВПР. Английский язык, 8 класс".into(),
        subject_id,
        grade: 8,
        held_on,
        tasks: VPR_ENGLISH_8.to_vec(),
        // The task list is real; the scale is not published, so this one is illustrative.
        scale: scale_by_share(25),
        source: "ВПР 2026: задания и максимальные баллы по открытым данным; шкала условная.",
    }
}

/// 3 from 40 %, 4 from 62 %, 5 from 82 % of the maximum: the usual shape of a school scale.
fn scale_by_share(max: i16) -> Scale {
    let at = |share: f64| ((f64::from(max) * share).round() as i16).max(1);
    Scale {
        mark3_from: at(0.40),
        mark4_from: at(0.62),
        mark5_from: at(0.82),
    }
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
        .map(|i| (LABELS[i], MAXIMA[i], i + 2 >= count, None))
        .collect();
    let max = tasks.iter().map(|t| t.1).sum();
    Paper {
        kind,
        stage,
        title,
        subject_id,
        grade,
        held_on,
        tasks,
        scale: scale_by_share(max),
        source: ILLUSTRATIVE,
    }
}

const LABELS: [&str; 11] = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"];

/// Writes the paper and the classes that write it; results come later (or never, for a
/// procedure still to be entered). Returns the procedure's id and its tasks' ids.
pub(crate) async fn insert_paper(
    db: &impl ConnectionTrait,
    school_id: i32,
    academic_year_id: i32,
    paper: &Paper,
    mut classes: Vec<i32>,
) -> Result<(i32, Vec<i32>), DbErr> {
    let row = procedure::ActiveModel {
        school_id: Set(school_id),
        academic_year_id: Set(academic_year_id),
        subject_id: Set(paper.subject_id),
        kind: Set(paper.kind.code().into()),
        stage: Set(paper.stage.map(|s| s.code().into())),
        title: Set(paper.title.clone()),
        grade: Set(paper.grade),
        held_on: Set(paper.held_on),
        mark3_from: Set(paper.scale.mark3_from),
        mark4_from: Set(paper.scale.mark4_from),
        mark5_from: Set(paper.scale.mark5_from),
        source: Set(Some(paper.source.into())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    classes.sort_unstable();
    classes.dedup();
    procedure_class::Entity::insert_many(classes.into_iter().map(|class_id| {
        procedure_class::ActiveModel {
            procedure_id: Set(row.id),
            class_id: Set(class_id),
        }
    }))
    .exec(db)
    .await?;
    let mut task_ids = Vec::new();
    for (position, (label, max, advanced, topic)) in paper.tasks.iter().enumerate() {
        let task = procedure_task::ActiveModel {
            procedure_id: Set(row.id),
            position: Set(position as i16 + 1),
            label: Set((*label).into()),
            max_score: Set(*max),
            level: Set(Some(if *advanced { "advanced" } else { "base" }.into())),
            skill_code: Set(None),
            topic: Set(topic.map(str::to_string)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        task_ids.push(task.id);
    }
    Ok((row.id, task_ids))
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
        for (task_id, (_, max, advanced, _)) in task_ids.iter().zip(&paper.tasks) {
            let p = 1.0 / (1.0 + (-(0.8 * form + 0.8 - if *advanced { 1.9 } else { 0.0 })).exp());
            let expected = f64::from(*max) * p + normal(rng) * 0.2;
            let score = expected.round().clamp(0.0, f64::from(*max)) as i16;
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
