//! How much of each class's work is entered (`domain::indicators::completeness`), counted in SQL
//! for one procedure or for every procedure of a school since a date.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, DbErr, Value};

use crate::platform::sql::{int, rows};
use domain::indicators::completeness::Completeness;

/// (procedure, class) → completeness.
pub type ByClass = BTreeMap<(i32, i32), Completeness>;

pub async fn of_procedure(db: &impl ConnectionTrait, procedure_id: i32) -> Result<ByClass, DbErr> {
    count(db, "p.id = $1", vec![procedure_id.into()]).await
}

pub async fn of_school(
    db: &impl ConnectionTrait,
    school_id: i32,
    since: NaiveDate,
) -> Result<ByClass, DbErr> {
    count(
        db,
        "p.school_id = $1 AND p.held_on >= $2",
        vec![school_id.into(), since.into()],
    )
    .await
}

/// The whole of a procedure's classes.
pub fn total(by_class: &ByClass, procedure_id: i32) -> Completeness {
    let mut all = Completeness::default();
    for c in by_class
        .range((procedure_id, i32::MIN)..=(procedure_id, i32::MAX))
        .map(|(_, c)| c)
    {
        all.add(*c);
    }
    all
}

async fn count(
    db: &impl ConnectionTrait,
    filter: &str,
    values: Vec<Value>,
) -> Result<ByClass, DbErr> {
    // In the class on the day: not yet left, or left after it.
    let there = "(s.left_on IS NULL OR s.left_on >= p.held_on)";
    let roster = format!(
        "SELECT pc.procedure_id, pc.class_id, COUNT(*) FROM procedure_class pc
         JOIN procedure p ON p.id = pc.procedure_id
         JOIN student s ON s.class_id = pc.class_id
         WHERE {filter} AND {there}
         GROUP BY pc.procedure_id, pc.class_id"
    );
    // Results of pupils who are not on that roster (moved since, or left before the day).
    let others = format!(
        "SELECT r.procedure_id, r.class_id, COUNT(*) FROM procedure_result r
         JOIN procedure p ON p.id = r.procedure_id
         JOIN student s ON s.id = r.student_id
         WHERE {filter} AND NOT (s.class_id = r.class_id AND {there})
         GROUP BY r.procedure_id, r.class_id"
    );
    let entered = format!(
        "SELECT r.procedure_id, r.class_id, COUNT(*) FROM procedure_result r
         JOIN procedure p ON p.id = r.procedure_id
         WHERE {filter} AND (r.absent OR (
             (SELECT COUNT(*) FROM procedure_task k WHERE k.procedure_id = p.id) > 0 AND
             (SELECT COUNT(*) FROM task_score t WHERE t.result_id = r.id)
               >= (SELECT COUNT(*) FROM procedure_task k WHERE k.procedure_id = p.id)))
         GROUP BY r.procedure_id, r.class_id"
    );
    let mut out = ByClass::new();
    for (sql, entered) in [(roster, false), (others, false), (entered, true)] {
        for row in rows(db, &sql, values.clone()).await? {
            let key: (i32, i32) = (row.try_get_by_index(0)?, row.try_get_by_index(1)?);
            let n = int(&row, 2)?;
            let c = out.entry(key).or_default();
            if entered {
                c.entered += n;
            } else {
                c.roster += n;
            }
        }
    }
    Ok(out)
}
