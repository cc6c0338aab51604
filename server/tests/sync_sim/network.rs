//! The network between the devices and the server, and its faults.

use rand::Rng;
use sea_orm::{
    ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, TransactionTrait,
};

use backend::entity::{cell_history, device, mutation, procedure_result};
use backend::sync::{committed_change, push, run};
use domain::sync::outbox::SyncBody;
use domain::sync::SyncResponse;

use crate::common::sync::{last_audit_id, request};
use crate::db_err;
use crate::model::same_answer;
use crate::school::origin;
use crate::sim::Sim;

#[derive(Clone, Copy, Debug)]
pub enum Fault {
    None,
    RequestLost,
    ResponseLost,
    Duplicated,
    Delayed,
    ServerStop,
}

/// What a replay or an interrupted batch must leave unchanged.
#[derive(Debug, PartialEq, Eq)]
pub struct Fingerprint {
    pub clock: i64,
    pub mutations: u64,
    pub applied_seq: i64,
    pub results: u64,
    pub history: i32,
    pub audit: i64,
}

impl Sim<'_> {
    async fn fingerprint(&self, device_id: &str) -> Result<Fingerprint, String> {
        let db = self.db;
        Ok(Fingerprint {
            clock: committed_change(db).await.map_err(db_err)?,
            mutations: mutation::Entity::find()
                .filter(mutation::Column::DeviceId.eq(device_id))
                .count(db)
                .await
                .map_err(db_err)?,
            applied_seq: device::Entity::find_by_id(device_id.to_string())
                .one(db)
                .await
                .map_err(db_err)?
                .map_or(0, |d| d.applied_seq),
            results: procedure_result::Entity::find()
                .filter(procedure_result::Column::ProcedureId.eq(self.procedure))
                .count(db)
                .await
                .map_err(db_err)?,
            history: cell_history::Entity::find()
                .order_by_desc(cell_history::Column::Id)
                .one(db)
                .await
                .map_err(db_err)?
                .map_or(0, |h| h.id),
            audit: last_audit_id(db).await.map_err(db_err)?,
        })
    }

    /// The request reaches the server and the server answers; whether the answer reaches the
    /// device is the caller's business.
    async fn deliver(
        &mut self,
        i: usize,
        incarnation: usize,
        body: &SyncBody,
    ) -> Result<SyncResponse, String> {
        let response = run(self.db, self.principal(i), &origin(), request(body.clone()))
            .await
            .map_err(|e| format!("device {i}: the server failed: {e:?}"))?;
        self.f.syncs += 1;
        self.observe(i, incarnation, body, &response)?;
        Ok(response)
    }

    pub async fn sync(&mut self, i: usize, fault: Fault) -> Result<(), String> {
        let body = self.devices[i].state.body();
        let incarnation = self.devices[i].incarnation;
        let registering = body.device.is_none();
        match fault {
            Fault::None => {
                let r = self.deliver(i, incarnation, &body).await?;
                self.receive(i, r)?;
            }
            Fault::RequestLost => self.f.requests_lost += 1,
            Fault::ResponseLost => {
                self.deliver(i, incarnation, &body).await?;
                self.f.responses_lost += 1;
            }
            Fault::Duplicated => {
                self.f.duplicated += 1;
                let first = self.deliver(i, incarnation, &body).await?;
                let before = self.fingerprint(&first.device).await?;
                let second = self.deliver(i, incarnation, &body).await?;
                if !registering {
                    let after = self.fingerprint(&first.device).await?;
                    check!(
                        before == after,
                        "device {i}: a replayed batch changed {before:?} to {after:?}"
                    );
                    check!(
                        same_answer(&first, &second),
                        "device {i}: a replay answered differently:\n{first:?}\n{second:?}"
                    );
                }
                // Either answer may be the one that gets back.
                let keep = if self.rng.gen_bool(0.5) {
                    first
                } else {
                    second
                };
                self.receive(i, keep)?;
            }
            Fault::Delayed => {
                self.f.delayed += 1;
                self.devices[i].delayed.push((incarnation, body));
            }
            Fault::ServerStop => {
                let Some(device_id) = body.device.clone().filter(|_| !body.mutations.is_empty())
                else {
                    self.f.requests_lost += 1;
                    return Ok(());
                };
                self.f.server_stops += 1;
                let before = self.fingerprint(&device_id).await?;
                let txn = self.db.begin().await.map_err(db_err)?;
                let mut response = SyncResponse {
                    device: device_id.clone(),
                    ..Default::default()
                };
                push(
                    &txn,
                    self.principal(i),
                    &origin(),
                    &device_id,
                    body.mutations.clone(),
                    &mut response,
                )
                .await
                .map_err(db_err)?;
                // The process dies here: the transaction is never committed.
                drop(txn);
                let after = self.fingerprint(&device_id).await?;
                check!(
                    before == after,
                    "device {i}: a batch cut off by a stop left {before:?} → {after:?}"
                );
            }
        }
        Ok(())
    }

    /// A request the device gave up on arrives after all; nobody hears the answer.
    pub async fn deliver_late(&mut self, i: usize) -> Result<(), String> {
        let n = self.devices[i].delayed.len();
        let (incarnation, body) = self.devices[i].delayed.remove(self.rng.gen_range(0..n));
        let before = match &body.device {
            Some(id)
                if body.mutations.iter().all(|m| {
                    self.oracle
                        .answers
                        .contains_key(&(id.clone(), m.id.clone()))
                }) =>
            {
                Some(self.fingerprint(id).await?)
            }
            _ => None,
        };
        let r = self.deliver(i, incarnation, &body).await?;
        if let Some(before) = before {
            let after = self.fingerprint(&r.device).await?;
            check!(
                before == after,
                "device {i}: a late replay changed {before:?} to {after:?}"
            );
        }
        // A late request does not take back what the device said it had made.
        let row = device::Entity::find_by_id(r.device.clone())
            .one(self.db)
            .await
            .map_err(db_err)?
            .ok_or("the device row is gone")?;
        check!(
            row.last_seq_made >= self.oracle.reached[&r.device],
            "device {i}: last_seq_made went back to {} (the device had said {})",
            row.last_seq_made,
            self.oracle.reached[&r.device]
        );
        Ok(())
    }

    pub fn fault(&mut self) -> Fault {
        match self.rng.gen_range(0..100) {
            0..=47 => Fault::None,
            48..=57 => Fault::RequestLost,
            58..=69 => Fault::ResponseLost,
            70..=79 => Fault::Duplicated,
            80..=89 => Fault::Delayed,
            _ => Fault::ServerStop,
        }
    }
}
