//! The checks at the end of a case: the server and every device against the model.

use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use backend::entity::{audit_log, cell_history, change_log, device, mutation, procedure_result};
use backend::sync::records;
use domain::sync::outbox::AttentionKind;
use domain::sync::result_edit::ABSENCE_CELL;
use domain::sync::Conflict;

use crate::db_err;
use crate::model::{cells, text, Expect, Got, Key, Value};
use crate::school::{Class, Person};
use crate::sim::Sim;

impl Sim<'_> {
    pub async fn verify(&mut self) -> Result<(), String> {
        let db = self.db;
        let o = &self.oracle;
        self.f.orphan_devices = (o.devices.len() - self.devices.len()) as u64;
        let current = |i: usize| self.devices[i].state.device.clone().unwrap_or_default();

        // Every mutation made was processed exactly once, and none is pending.
        let lost = o
            .made
            .keys()
            .filter(|id| !o.first.contains_key(*id))
            .count() as u64;
        self.f.lost = lost;
        check!(lost == 0, "{lost} mutations made have no outcome");
        for (i, d) in self.devices.iter().enumerate() {
            check!(
                d.state.pending.is_empty() && d.delayed.is_empty(),
                "device {i} still has something to send"
            );
        }

        // The mutation table: each stored once, where and as first processed.
        let server_ids: Vec<String> = o.devices.keys().cloned().collect();
        let rows = mutation::Entity::find()
            .filter(mutation::Column::DeviceId.is_in(server_ids))
            .all(db)
            .await
            .map_err(db_err)?;
        check!(
            rows.len() == o.made.len(),
            "{} mutations stored, {} made",
            rows.len(),
            o.made.len()
        );
        for row in &rows {
            let (Some(m), Some((dev, first))) = (o.made.get(&row.id), o.first.get(&row.id)) else {
                return Err(format!("a stored mutation nobody made: {}", row.id));
            };
            check!(
                *dev == row.device_id,
                "{} stored for another device",
                row.id
            );
            check!(
                row.outcome == first.code(),
                "{} stored as {}, answered {}",
                row.id,
                row.outcome,
                first.code()
            );
            check!(
                row.seq == m.seqs[&o.devices[dev].1],
                "{} stored with seq {}",
                row.id,
                row.seq
            );
            let conflict = matches!(first, Got::Applied(Some(_)));
            check!(
                row.conflict.is_some() == conflict,
                "{}: stored conflict differs",
                row.id
            );
        }
        // Each device's seqs were answered in order, 1..n, and n is what it made.
        for (server_id, &(i, incarnation)) in &o.devices {
            let answered = o.answered.get(server_id).cloned().unwrap_or_default();
            let n = answered.len() as i64;
            check!(
                answered == (1..=n).collect::<Vec<_>>(),
                "device {i} ({server_id}): seqs answered in the order {answered:?}"
            );
            let row = device::Entity::find_by_id(server_id.clone())
                .one(db)
                .await
                .map_err(db_err)?
                .ok_or("a device row is missing")?;
            check!(
                row.applied_seq == n,
                "device {i}: applied_seq {} of {n}",
                row.applied_seq
            );
            if current(i) == *server_id {
                let made = self.devices[i].state.next_seq - 1;
                check!(
                    (n, row.last_seq_made) == (made, made),
                    "device {i}: made {made}, {n} answered, last_seq_made {}",
                    row.last_seq_made
                );
            } else {
                check!(
                    incarnation <= self.devices[i].incarnation,
                    "a device from the future"
                );
            }
        }

        // The change log: one row per applied mutation that changed a cell.
        let log = change_log::Entity::find()
            .filter(change_log::Column::No.gt(self.start_clock))
            .order_by_asc(change_log::Column::No)
            .all(db)
            .await
            .map_err(db_err)?;
        let mut no_of: BTreeMap<String, i64> = BTreeMap::new();
        for row in &log {
            check!(
                row.procedure_id == self.procedure,
                "a change of another procedure in this case"
            );
            let id = row
                .mutation_id
                .clone()
                .ok_or("a change without its mutation")?;
            check!(
                no_of.insert(id.clone(), row.no).is_none(),
                "mutation {id} applied twice"
            );
        }

        // Replay what was applied, in the server's order, through the model.
        #[derive(Default)]
        struct ModelCell {
            value: Value,
            /// The server device and the change number of the last write.
            last: Option<(String, i64)>,
        }
        type HistoryRow = (String, i32, String, i64, String, bool);
        let mut model: BTreeMap<Key, ModelCell> = BTreeMap::new();
        let mut want_history: Vec<HistoryRow> = Vec::new();
        let mut want_conflicts: BTreeMap<String, (String, String, Person)> = BTreeMap::new();
        let mut last_no = self.start_clock;
        let mut effective = 0;
        for id in &o.processed {
            let (dev, got) = &o.first[id];
            if !matches!(got, Got::Applied(_)) {
                check!(
                    !no_of.contains_key(id),
                    "{id} changed a cell without being applied"
                );
                continue;
            }
            let m = &o.made[id];
            let cell = model.entry(m.key).or_default();
            if cell.value == m.value {
                check!(
                    !no_of.contains_key(id),
                    "{id} changed nothing but was logged"
                );
                self.f.no_ops += 1;
                continue;
            }
            let Some(&no) = no_of.get(id) else {
                return Err(format!("{id} changed a cell but is not in the change log"));
            };
            check!(
                no > last_no,
                "change numbers out of the order of application at {id}"
            );
            last_no = no;
            effective += 1;
            match &cell.last {
                // The flag of a result nobody has marked reads «писал(а)»; the server keeps
                // that too when it is first overwritten (version 0, no author, no conflict).
                None if m.key.1 == ABSENCE_CELL => want_history.push((
                    id.clone(),
                    ABSENCE_CELL,
                    text(m.key, None),
                    0,
                    String::new(),
                    false,
                )),
                None => {}
                Some((by, version)) => {
                    // The rule: the cell's last write came from another device, at a version
                    // newer than the one this edit's author had seen.
                    let conflict = by != dev && *version > m.base.unwrap_or(0);
                    want_history.push((
                        id.clone(),
                        m.key.1,
                        text(m.key, cell.value),
                        *version,
                        by.clone(),
                        conflict,
                    ));
                    if conflict {
                        let author = self.devices[o.devices[by].0].person;
                        want_conflicts.insert(
                            id.clone(),
                            (text(m.key, m.value), text(m.key, cell.value), author),
                        );
                    }
                }
            }
            cell.value = m.value;
            cell.last = Some((dev.clone(), no));
        }
        check!(
            effective == log.len(),
            "{} changes logged, the model made {effective}",
            log.len()
        );

        // Conflicts: exactly the model's, reported with the right values and author.
        let got_conflicts: BTreeMap<&String, &Conflict> = o
            .first
            .iter()
            .filter_map(|(id, (_, g))| match g {
                Got::Applied(Some(c)) => Some((id, c)),
                _ => None,
            })
            .collect();
        check!(
            got_conflicts.len() == want_conflicts.len()
                && got_conflicts
                    .keys()
                    .all(|id| want_conflicts.contains_key(*id)),
            "conflicts {:?}, the model says {:?}",
            got_conflicts.keys().collect::<Vec<_>>(),
            want_conflicts.keys().collect::<Vec<_>>()
        );
        for (id, c) in &got_conflicts {
            let (yours, theirs, by) = &want_conflicts[*id];
            let m = &o.made[*id];
            check!(
                c.yours == *yours
                    && c.theirs == *theirs
                    && c.theirs_by == self.fx.people[by].1
                    && (c.procedure_id, c.student_id, c.task_id)
                        == (self.procedure, m.key.0, m.key.1),
                "conflict {id}: {c:?}, the model says yours «{yours}» theirs «{theirs}» by {by:?}"
            );
        }
        self.f.conflicts = want_conflicts.len() as u64;

        // The cell history: every overwritten value, flagged as the model says.
        let results = procedure_result::Entity::find()
            .filter(procedure_result::Column::ProcedureId.eq(self.procedure))
            .all(db)
            .await
            .map_err(db_err)?;
        let student_of: BTreeMap<i32, i32> = results.iter().map(|r| (r.id, r.student_id)).collect();
        let history = cell_history::Entity::find()
            .filter(cell_history::Column::ResultId.is_in(results.iter().map(|r| r.id)))
            .all(db)
            .await
            .map_err(db_err)?;
        for h in &history {
            let m = o
                .made
                .get(&h.replaced_by)
                .ok_or("history names an unknown mutation")?;
            check!(
                student_of[&h.result_id] == m.key.0,
                "a history row on another student's result"
            );
        }
        let mut got_history: Vec<HistoryRow> = history
            .into_iter()
            .map(|h| {
                (
                    h.replaced_by,
                    h.task_id,
                    h.value.unwrap_or_default(),
                    h.version,
                    h.device_id.unwrap_or_default(),
                    h.conflict,
                )
            })
            .collect();
        got_history.sort();
        want_history.sort();
        check!(
            got_history == want_history,
            "the cell history differs from the model:\n got  {got_history:?}\n want {want_history:?}"
        );
        self.f.history = want_history.len() as u64;

        // Nothing without the right: each refusal audited once, nothing refused applied.
        let denied_audit = audit_log::Entity::find()
            .filter(audit_log::Column::Id.gt(self.start_audit))
            .filter(audit_log::Column::Outcome.eq("denied"))
            .count(db)
            .await
            .map_err(db_err)?;
        let denied = o
            .made
            .values()
            .filter(|m| m.expect == Expect::Denied)
            .count() as u64;
        check!(
            denied_audit == denied,
            "{denied_audit} refusals audited, {denied} refused"
        );

        // The server holds the model's state, and every device the server's state of all it
        // may see (and nothing else).
        let ids = results.iter().map(|r| r.id).collect();
        let server = cells(&records(db, ids).await.map_err(db_err)?);
        let want: BTreeMap<Key, (Value, i64)> = model
            .iter()
            .filter_map(|(key, c)| c.last.as_ref().map(|(_, no)| (*key, (c.value, *no))))
            .collect();
        check!(
            server == want,
            "the server's cells differ from the model:\n server {server:?}\n model  {want:?}"
        );
        let class_of: BTreeMap<i32, Class> = self.students.iter().copied().collect();
        for (i, d) in self.devices.iter().enumerate() {
            let scope: BTreeMap<Key, (Value, i64)> = server
                .iter()
                .filter(|(k, _)| d.person.sees(class_of[&k.0]))
                .map(|(k, v)| (*k, *v))
                .collect();
            let held = cells(&d.sheet.results);
            if held != scope {
                self.f.diverged += 1;
                return Err(format!(
                    "device {i} ({:?}) diverged:\n device {held:?}\n server {scope:?}",
                    d.person
                ));
            }
            // What needs the user's attention (since the last wipe): exactly the device's
            // refused, held and conflicting mutations.
            let me = current(i);
            let mut want_attention: Vec<(String, &'static str)> = o
                .answers
                .iter()
                .filter(|((dev, _), _)| *dev == me)
                .filter_map(|((_, id), got)| match got {
                    Got::Applied(None) => None,
                    Got::Applied(Some(_)) => Some((id.clone(), "conflict")),
                    Got::Rejected(_) => Some((id.clone(), "rejected")),
                    Got::Held(_) => Some((id.clone(), "held")),
                })
                .collect();
            let mut attention: Vec<(String, &'static str)> = d
                .state
                .attention
                .iter()
                .map(|a| {
                    let what = match a.what {
                        AttentionKind::Rejected => "rejected",
                        AttentionKind::Held => "held",
                        AttentionKind::Conflict { .. } => "conflict",
                    };
                    (a.mutation.id.clone(), what)
                })
                .collect();
            want_attention.sort();
            attention.sort();
            check!(
                attention == want_attention,
                "device {i}: attention list {attention:?}, expected {want_attention:?}"
            );
        }
        Ok(())
    }
}
