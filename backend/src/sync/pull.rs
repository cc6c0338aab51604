//! What a device receives: the results changed since its cursor, that its user may see.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::edits::result::ABSENCE_CELL;
use crate::entity::{
    change_log, class, mutation, procedure, procedure_class, procedure_result, result_cell,
    subject, task_score,
};
use crate::school::classes::class_ref;
use crate::sync::clock;
use domain::policy::{may, Action, Principal, Resource};
use domain::sync::{CellScore, Decided, ResultRecord, SyncResponse};

/// Change-log rows read per request; a device with more to catch up syncs again at once.
pub const PAGE: u64 = 2000;

pub async fn pull(
    db: &impl ConnectionTrait,
    who: &Principal,
    cursor: i64,
    response: &mut SyncResponse,
) -> Result<(), DbErr> {
    // Only below the committed clock: nothing numbered and still in flight is ever passed over.
    let upto = clock::committed(db).await?;
    // A cursor from the future means the server's database was replaced: start again.
    let cursor = if cursor > upto { 0 } else { cursor };
    let rows = change_log::Entity::find()
        .filter(change_log::Column::No.gt(cursor))
        .filter(change_log::Column::No.lte(upto))
        .order_by_asc(change_log::Column::No)
        .limit(PAGE)
        .all(db)
        .await?;
    response.more = rows.len() as u64 == PAGE;
    response.cursor = match rows.last() {
        Some(last) if response.more => last.no,
        _ => upto,
    };
    response.papers = papers(db, who, cursor, response.cursor).await?;
    let visible = Visibility::load(db, &rows).await?;
    let mut seen = BTreeSet::new();
    let ids: Vec<i32> = rows
        .iter()
        .filter(|row| visible.allows(who, row))
        .filter(|row| seen.insert(row.result_id))
        .map(|row| row.result_id)
        .collect();
    response.changes = records(db, ids).await?;
    Ok(())
}

/// The deputy's decisions on this device's held mutations in (cursor, response.cursor].
pub async fn decided(
    db: &impl ConnectionTrait,
    device_id: &str,
    cursor: i64,
    response: &mut SyncResponse,
) -> Result<(), DbErr> {
    let cursor = if cursor > response.cursor { 0 } else { cursor };
    response.decided = mutation::Entity::find()
        .filter(mutation::Column::DeviceId.eq(device_id))
        .filter(mutation::Column::DecidedNo.gt(cursor))
        .filter(mutation::Column::DecidedNo.lte(response.cursor))
        .order_by_asc(mutation::Column::DecidedNo)
        .all(db)
        .await?
        .into_iter()
        .map(|m| Decided {
            approved: m.outcome == "applied",
            id: m.id,
            reason: m.reason,
        })
        .collect();
    Ok(())
}

/// The procedures whose paper changed in (from, upto] that `who` sees in one of their classes.
async fn papers(
    db: &impl ConnectionTrait,
    who: &Principal,
    from: i64,
    upto: i64,
) -> Result<Vec<i32>, DbErr> {
    let changed = procedure::Entity::find()
        .filter(procedure::Column::PaperNo.gt(from))
        .filter(procedure::Column::PaperNo.lte(upto))
        .all(db)
        .await?;
    if changed.is_empty() {
        return Ok(Vec::new());
    }
    let writes = procedure_class::Entity::find()
        .filter(procedure_class::Column::ProcedureId.is_in(changed.iter().map(|p| p.id)))
        .all(db)
        .await?;
    let classes: BTreeMap<i32, class::Model> = class::Entity::find()
        .filter(class::Column::Id.is_in(writes.iter().map(|w| w.class_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let groups: BTreeMap<i32, Option<i32>> = subject::Entity::find()
        .filter(subject::Column::Id.is_in(changed.iter().map(|p| p.subject_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.subject_group_id))
        .collect();
    Ok(changed
        .into_iter()
        .filter(|p| {
            writes
                .iter()
                .filter(|w| w.procedure_id == p.id)
                .filter_map(|w| classes.get(&w.class_id))
                .any(|c| {
                    let resource = Resource::ClassSubject {
                        class: class_ref(c),
                        subject_id: p.subject_id,
                        subject_group_id: groups.get(&p.subject_id).copied().flatten(),
                    };
                    may(who, Action::View, resource)
                })
        })
        .map(|p| p.id)
        .collect())
}

/// The classes and subjects the rows name, to ask the policy about each row.
struct Visibility {
    classes: BTreeMap<i32, class::Model>,
    groups: BTreeMap<i32, Option<i32>>,
}

impl Visibility {
    async fn load(db: &impl ConnectionTrait, rows: &[change_log::Model]) -> Result<Self, DbErr> {
        let class_ids: BTreeSet<i32> = rows.iter().map(|r| r.class_id).collect();
        let subject_ids: BTreeSet<i32> = rows.iter().map(|r| r.subject_id).collect();
        let classes = class::Entity::find()
            .filter(class::Column::Id.is_in(class_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
        let groups = subject::Entity::find()
            .filter(subject::Column::Id.is_in(subject_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.id, s.subject_group_id))
            .collect();
        Ok(Visibility { classes, groups })
    }

    fn allows(&self, who: &Principal, row: &change_log::Model) -> bool {
        let Some(class) = self.classes.get(&row.class_id) else {
            return false;
        };
        let resource = Resource::ClassSubject {
            class: class_ref(class),
            subject_id: row.subject_id,
            subject_group_id: self.groups.get(&row.subject_id).copied().flatten(),
        };
        may(who, Action::View, resource)
    }
}

/// The current state of these results, with every cell's version.
pub async fn records(db: &impl ConnectionTrait, ids: Vec<i32>) -> Result<Vec<ResultRecord>, DbErr> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(1000) {
        let results = procedure_result::Entity::find()
            .filter(procedure_result::Column::Id.is_in(chunk.to_vec()))
            .all(db)
            .await?;
        let mut cells: BTreeMap<(i32, i32), CellScore> = BTreeMap::new();
        for s in task_score::Entity::find()
            .filter(task_score::Column::ResultId.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            cells.insert(
                (s.result_id, s.task_id),
                CellScore {
                    task_id: s.task_id,
                    score: Some(s.score),
                    version: 0,
                },
            );
        }
        let mut absent_versions = BTreeMap::new();
        for c in result_cell::Entity::find()
            .filter(result_cell::Column::ResultId.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            if c.task_id == ABSENCE_CELL {
                absent_versions.insert(c.result_id, c.version);
                continue;
            }
            cells
                .entry((c.result_id, c.task_id))
                .or_insert(CellScore {
                    task_id: c.task_id,
                    score: None,
                    version: 0,
                })
                .version = c.version;
        }
        for r in results {
            out.push(ResultRecord {
                procedure_id: r.procedure_id,
                student_id: r.student_id,
                absent: r.absent,
                absent_version: absent_versions.get(&r.id).copied().unwrap_or(0),
                scores: cells
                    .range((r.id, i32::MIN)..=(r.id, i32::MAX))
                    .map(|(_, cell)| *cell)
                    .collect(),
            });
        }
    }
    Ok(out)
}
