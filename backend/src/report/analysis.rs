//! The analysis stage of a procedure's report, aggregated in SQL: marks per class, task solve
//! rates, the low- and high-results groups.

use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::dashboard::objectivity::{result_marks, AGAINST};
use crate::entity::{procedure, procedure_task};
use crate::platform::sql::{int, rows};
use domain::indicators::elements::{element_rates, ElementRate, TaskScores};
use domain::indicators::{is_gap, MarkCounts};
use domain::wire::report::TaskRate;

/// Marks of the written results, per class.
pub async fn class_counts(
    db: &impl ConnectionTrait,
    procedure_id: i32,
) -> Result<BTreeMap<i32, MarkCounts>, DbErr> {
    let sql = format!(
        "SELECT x.class_id, x.mark, COUNT(*) FROM ({}) x GROUP BY x.class_id, x.mark",
        result_marks("p.id = $1")
    );
    let mut out: BTreeMap<i32, MarkCounts> = BTreeMap::new();
    for row in rows(db, &sql, vec![procedure_id.into()]).await? {
        let class_id: i32 = row.try_get_by_index(0)?;
        let mark: i32 = row.try_get_by_index(1)?;
        out.entry(class_id)
            .or_default()
            .add_n(mark as i16, int(&row, 2)?);
    }
    Ok(out)
}

/// Each task's solve rate: the mean score over its maximum, among the written results; and the
/// rates per element of the кодификатор the tasks name.
pub async fn task_rates(
    db: &impl ConnectionTrait,
    procedure_id: i32,
) -> Result<(Vec<TaskRate>, Vec<ElementRate>), DbErr> {
    let tasks = procedure_task::Entity::find()
        .filter(procedure_task::Column::ProcedureId.eq(procedure_id))
        .order_by_asc(procedure_task::Column::Position)
        .all(db)
        .await?;
    let mut sums: BTreeMap<i32, (i64, i64)> = BTreeMap::new();
    for row in rows(
        db,
        "SELECT s.task_id, SUM(s.score), COUNT(*) FROM task_score s
         JOIN procedure_result r ON r.id = s.result_id
         WHERE r.procedure_id = $1 AND NOT r.absent
         GROUP BY s.task_id",
        vec![procedure_id.into()],
    )
    .await?
    {
        let task_id: i32 = row.try_get_by_index(0)?;
        let sum: Option<i64> = row.try_get_by_index(1)?;
        sums.insert(task_id, (sum.unwrap_or(0), i64::from(int(&row, 2)?)));
    }
    let totals = |t: &procedure_task::Model| sums.get(&t.id).copied().unwrap_or((0, 0));
    let elements = element_rates(
        &tasks
            .iter()
            .map(|t| TaskScores {
                label: &t.label,
                skill_code: t.skill_code.as_deref().unwrap_or_default(),
                advanced: t.level.as_deref() == Some("advanced"),
                max_score: t.max_score,
                sum: totals(t).0,
                scored: totals(t).1,
            })
            .collect::<Vec<_>>(),
    );
    let rates = tasks
        .iter()
        .map(|t| {
            let advanced = t.level.as_deref() == Some("advanced");
            let (sum, n) = totals(t);
            let rate = (n > 0 && t.max_score > 0)
                .then(|| sum as f64 * 100.0 / (n as f64 * f64::from(t.max_score)));
            TaskRate {
                label: t.label.clone(),
                topic: t.topic.clone(),
                max_score: t.max_score,
                advanced,
                gap: rate.is_some_and(|r| is_gap(r, advanced)),
                rate,
                skill_code: t.skill_code.clone(),
            }
        })
        .collect();
    Ok((rates, elements))
}

/// The students of the low-results («2») and high-results («5») groups.
pub async fn groups(
    db: &impl ConnectionTrait,
    procedure_id: i32,
) -> Result<(Vec<i32>, Vec<i32>), DbErr> {
    let sql = format!(
        "SELECT x.student_id, x.mark FROM ({}) x WHERE x.mark = 2 OR x.mark = 5",
        result_marks("p.id = $1")
    );
    let (mut low, mut high) = (Vec::new(), Vec::new());
    for row in rows(db, &sql, vec![procedure_id.into()]).await? {
        let student_id: i32 = row.try_get_by_index(0)?;
        let mark: i32 = row.try_get_by_index(1)?;
        if mark == 2 { &mut low } else { &mut high }.push(student_id);
    }
    Ok((low, high))
}

/// The latest earlier procedure of the school in the same subject and grade that has results,
/// (student, procedure mark, journal mark) of every written result set against a term mark.
pub async fn against_journal(
    db: &impl ConnectionTrait,
    p: &procedure::Model,
) -> Result<Vec<(i32, i16, i16)>, DbErr> {
    let sql = format!(
        "SELECT x.student_id, x.mark, j.mark FROM ({}) x
         JOIN journal_mark j ON j.student_id = x.student_id AND j.subject_id = x.subject_id
                            AND j.kind = 'term' AND j.mark > 0
         WHERE {AGAINST}",
        result_marks("p.id = $2")
    );
    let mut out = Vec::new();
    for row in rows(db, &sql, vec![p.school_id.into(), p.id.into()]).await? {
        let student_id: i32 = row.try_get_by_index(0)?;
        let mark: i32 = row.try_get_by_index(1)?;
        let journal: i16 = row.try_get_by_index(2)?;
        out.push((student_id, mark as i16, journal));
    }
    Ok(out)
}

/// Every written result's total primary score, for the histogram's boundary peaks.
pub async fn totals(db: &impl ConnectionTrait, procedure_id: i32) -> Result<Vec<i16>, DbErr> {
    let sql = format!(
        "SELECT x.total, COUNT(*) FROM ({}) x GROUP BY x.total",
        result_marks("p.id = $1")
    );
    let mut out = Vec::new();
    for row in rows(db, &sql, vec![procedure_id.into()]).await? {
        let total: Option<i64> = row.try_get_by_index(0)?;
        let n = int(&row, 1)?;
        out.extend(std::iter::repeat_n(total.unwrap_or(0) as i16, n as usize));
    }
    Ok(out)
}
