//! Results worked out by hand from the raw rows, for tests that hold the SQL aggregates to the
//! pure functions.

use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use backend::entity::{procedure, procedure_result, procedure_task, school, task_score};
use domain::assessment::Scale;

/// The demo's main school.
pub async fn main_school(db: &DatabaseConnection) -> school::Model {
    school::Entity::find()
        .filter(school::Column::ShortName.eq("Школа № 17"))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

/// The rows of one sheet of a downloaded workbook.
pub fn sheet_rows(bytes: Vec<u8>, name: &str) -> Vec<Vec<calamine::Data>> {
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = calamine::Reader::worksheet_range(&mut book, name).unwrap();
    sheet.rows().map(|r| r.to_vec()).collect()
}

/// Every written result's mark, by result id, from the raw task scores and the scale.
pub async fn marks_by_hand(
    db: &DatabaseConnection,
    procedures: &[procedure::Model],
) -> BTreeMap<i32, i16> {
    // (tasks scored, sum): a result counts only with every task scored.
    let mut totals: BTreeMap<i32, (usize, i16)> = BTreeMap::new();
    let results = procedure_result::Entity::find()
        .filter(procedure_result::Column::ProcedureId.is_in(procedures.iter().map(|p| p.id)))
        .filter(procedure_result::Column::Absent.eq(false))
        .all(db)
        .await
        .unwrap();
    let ids: Vec<i32> = results.iter().map(|r| r.id).collect();
    for chunk in ids.chunks(5000) {
        for s in task_score::Entity::find()
            .filter(task_score::Column::ResultId.is_in(chunk.to_vec()))
            .all(db)
            .await
            .unwrap()
        {
            let t = totals.entry(s.result_id).or_default();
            *t = (t.0 + 1, t.1 + s.score);
        }
    }
    let scales: BTreeMap<i32, Scale> = procedures
        .iter()
        .map(|p| {
            let scale = Scale {
                mark3_from: p.mark3_from,
                mark4_from: p.mark4_from,
                mark5_from: p.mark5_from,
            };
            (p.id, scale)
        })
        .collect();
    let mut tasks: BTreeMap<i32, usize> = BTreeMap::new();
    for t in procedure_task::Entity::find()
        .filter(procedure_task::Column::ProcedureId.is_in(procedures.iter().map(|p| p.id)))
        .all(db)
        .await
        .unwrap()
    {
        *tasks.entry(t.procedure_id).or_default() += 1;
    }
    results
        .iter()
        .filter_map(|r| {
            let (scored, sum) = totals.get(&r.id).copied()?;
            let n = tasks.get(&r.procedure_id).copied().unwrap_or(0);
            let total = domain::assessment::counted_total(r.absent, scored, n, sum)?;
            Some((r.id, scales[&r.procedure_id].mark(total)))
        })
        .collect()
}
