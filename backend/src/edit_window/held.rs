//! The late edits waiting for a decision, grouped as the deputy settles them: one teacher's edits
//! to one procedure in one class.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{as_mutation, target};
use crate::entity::{account, class, device, mutation, procedure, procedure_task, student};
use crate::platform::request::Request;
use domain::error::AppError;
use domain::policy::{Action, Resource};
use domain::sync::result_edit::{absence_text, score_text};
use domain::sync::{AbsenceSet, Mutation, ScoreSet};
use domain::wire::edit_window::{HeldEdit, HeldGroup};

pub async fn list() -> Result<Vec<HeldGroup>, AppError> {
    let (req, who, school_id) =
        Request::school_access(Action::Edit, |school_id| Resource::EditWindow { school_id })
            .await?;
    let db = &req.db;
    let rows = mutation::Entity::find()
        .filter(mutation::Column::Outcome.eq("held"))
        .order_by_asc(mutation::Column::ReceivedAt)
        .order_by_asc(mutation::Column::Seq)
        .all(db)
        .await?;
    let held: Vec<(mutation::Model, Mutation, (i32, i32))> = rows
        .into_iter()
        .filter_map(|row| {
            let m = as_mutation(&row);
            let at = target(&m)?;
            Some((row, m, at))
        })
        .collect();
    let procedures: BTreeMap<i32, procedure::Model> = procedure::Entity::find()
        .filter(procedure::Column::Id.is_in(ids(held.iter().map(|h| h.2 .0))))
        .filter(procedure::Column::SchoolId.eq(school_id))
        .all(db)
        .await?
        .into_iter()
        .filter(|p| {
            domain::policy::may(
                &who,
                Action::Edit,
                Resource::EditWindow {
                    school_id: p.school_id,
                },
            )
        })
        .map(|p| (p.id, p))
        .collect();
    let held: Vec<_> = held
        .into_iter()
        .filter(|h| procedures.contains_key(&h.2 .0))
        .collect();
    let names = Names::load(db, &held).await?;
    let mut groups: BTreeMap<(i32, i32, i32), (usize, HeldGroup)> = BTreeMap::new();
    for (order, (row, m, (procedure_id, student_id))) in held.into_iter().enumerate() {
        let Some(s) = names.students.get(&student_id) else {
            continue;
        };
        let author = names
            .devices
            .get(&row.device_id)
            .copied()
            .unwrap_or_default();
        let key = (procedure_id, s.class_id, author);
        let group = groups.entry(key).or_insert_with(|| {
            (
                order,
                HeldGroup {
                    procedure_id,
                    procedure: procedures[&procedure_id].title.clone(),
                    class: names.classes.get(&s.class_id).cloned().unwrap_or_default(),
                    author: names.accounts.get(&author).cloned().unwrap_or_default(),
                    edits: Vec::new(),
                },
            )
        });
        group.1.edits.push(HeldEdit {
            change: names.describe(&m),
            mutation_id: row.id,
            student: s.full_name(),
            typed_at: row.made_at,
            received_at: row.received_at.to_rfc3339(),
        });
    }
    // The group that has waited longest first.
    let mut out: Vec<(usize, HeldGroup)> = groups.into_values().collect();
    out.sort_by_key(|(first, _)| *first);
    Ok(out.into_iter().map(|(_, g)| g).collect())
}

fn ids(of: impl Iterator<Item = i32>) -> Vec<i32> {
    of.collect::<BTreeSet<i32>>().into_iter().collect()
}

/// What the held edits name, read in a few queries however many there are.
struct Names {
    students: BTreeMap<i32, student::Model>,
    classes: BTreeMap<i32, String>,
    /// device → its account
    devices: BTreeMap<String, i32>,
    accounts: BTreeMap<i32, String>,
    tasks: BTreeMap<i32, String>,
}

impl Names {
    async fn load(
        db: &impl ConnectionTrait,
        held: &[(mutation::Model, Mutation, (i32, i32))],
    ) -> Result<Names, AppError> {
        let students: BTreeMap<i32, student::Model> = student::Entity::find()
            .filter(student::Column::Id.is_in(ids(held.iter().map(|h| h.2 .1))))
            .all(db)
            .await?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
        let classes = class::Entity::find()
            .filter(class::Column::Id.is_in(ids(students.values().map(|s| s.class_id))))
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name()))
            .collect();
        let device_ids: BTreeSet<String> = held.iter().map(|h| h.0.device_id.clone()).collect();
        let devices: BTreeMap<String, i32> = device::Entity::find()
            .filter(device::Column::Id.is_in(device_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|d| (d.id, d.account_id))
            .collect();
        let accounts = account::Entity::find()
            .filter(account::Column::Id.is_in(ids(devices.values().copied())))
            .all(db)
            .await?
            .into_iter()
            .map(|a| (a.id, a.full_name))
            .collect();
        let task_ids = held
            .iter()
            .filter(|h| h.1.kind == ScoreSet::KIND)
            .filter_map(|h| serde_json::from_value::<ScoreSet>(h.1.payload.clone()).ok())
            .map(|s| s.task_id);
        let tasks = procedure_task::Entity::find()
            .filter(procedure_task::Column::Id.is_in(ids(task_ids)))
            .all(db)
            .await?
            .into_iter()
            .map(|t| (t.id, t.label))
            .collect();
        Ok(Names {
            students,
            classes,
            devices,
            accounts,
            tasks,
        })
    }

    fn describe(&self, m: &Mutation) -> String {
        match m.kind.as_str() {
            ScoreSet::KIND => {
                let Ok(s) = serde_json::from_value::<ScoreSet>(m.payload.clone()) else {
                    return m.kind.clone();
                };
                let label = self.tasks.get(&s.task_id).cloned().unwrap_or_default();
                match score_text(s.score) {
                    value if value.is_empty() => format!("Задание {label}: очистить"),
                    value => format!("Задание {label}: {value}"),
                }
            }
            AbsenceSet::KIND => serde_json::from_value::<AbsenceSet>(m.payload.clone())
                .map(|s| absence_text(s.absent))
                .unwrap_or_else(|_| m.kind.clone()),
            _ => m.kind.clone(),
        }
    }
}
