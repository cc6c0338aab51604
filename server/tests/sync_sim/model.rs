//! The reference model of the server: what each mutation should get, and every answer the
//! server gives, read and checked as it comes.

use std::collections::{BTreeMap, BTreeSet};

use domain::sync::outbox::SyncBody;
use domain::sync::result_edit::{absence_text, score_text, ABSENCE_CELL};
use domain::sync::{Conflict, ResultRecord, SyncResponse};

use crate::sim::Sim;

/// A cell as the model keys it: (student, task), task [`ABSENCE_CELL`] for «не писал(а)».
pub type Key = (i32, i32);
/// A score, or for the absence cell `Some(1)` absent and `None` present.
pub type Value = Option<i16>;

pub fn text(key: Key, value: Value) -> String {
    if key.1 == ABSENCE_CELL {
        absence_text(value.is_some())
    } else {
        score_text(value)
    }
}

/// Two answers alike, whatever order the database listed the changed results in.
pub fn same_answer(a: &SyncResponse, b: &SyncResponse) -> bool {
    let sorted = |r: &SyncResponse| {
        let mut r = r.clone();
        r.changes.sort_by_key(|c| (c.procedure_id, c.student_id));
        r
    };
    sorted(a) == sorted(b)
}

/// Records as (value, version) per cell; cells never written are left out.
pub fn cells(records: &[ResultRecord]) -> BTreeMap<Key, (Value, i64)> {
    let mut out = BTreeMap::new();
    for r in records {
        if r.absent || r.absent_version > 0 {
            out.insert(
                (r.student_id, ABSENCE_CELL),
                (r.absent.then_some(1), r.absent_version),
            );
        }
        for c in &r.scores {
            if c.score.is_some() || c.version > 0 {
                out.insert((r.student_id, c.task_id), (c.score, c.version));
            }
        }
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    Valid,
    Denied,
    OutOfRange,
    UnknownKind,
}

/// A mutation as its device made it. A device wiped and restored from a file sends it again
/// under its next server id, with another seq.
#[derive(Clone, Debug)]
pub struct Made {
    pub device: usize,
    /// Its seq in each incarnation of the device that carries it.
    pub seqs: BTreeMap<usize, i64>,
    pub key: Key,
    pub value: Value,
    pub base: Option<i64>,
    pub expect: Expect,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Got {
    Applied(Option<Conflict>),
    Rejected(String),
    Held(String),
}

impl Got {
    pub fn code(&self) -> &'static str {
        match self {
            Got::Applied(_) => "applied",
            Got::Rejected(_) => "rejected",
            Got::Held(_) => "held",
        }
    }
}

#[derive(Default)]
pub struct Oracle {
    pub made: BTreeMap<String, Made>,
    /// Where and how each mutation was first processed.
    pub first: BTreeMap<String, (String, Got)>,
    /// Mutation ids in the order the server first processed them.
    pub processed: Vec<String>,
    /// Every answer per (server device, mutation): a repeat must get the same.
    pub answers: BTreeMap<(String, String), Got>,
    /// Per server device, the seqs in the order they were first answered: 1, 2, 3…
    pub answered: BTreeMap<String, Vec<i64>>,
    /// Server device ids, with the simulated device and its incarnation.
    pub devices: BTreeMap<String, (usize, usize)>,
    /// The highest `last_seq_made` that reached the server, per server device.
    pub reached: BTreeMap<String, i64>,
    pub acked: BTreeMap<String, i64>,
}

impl Sim<'_> {
    /// The model reads every answer the server gives, whether or not the device gets it.
    pub fn observe(
        &mut self,
        i: usize,
        incarnation: usize,
        body: &SyncBody,
        r: &SyncResponse,
    ) -> Result<(), String> {
        match &body.device {
            Some(id) => check!(
                r.device == *id,
                "device {i}: answered for {} not {id}",
                r.device
            ),
            None => {
                check!(
                    !self.oracle.devices.contains_key(&r.device),
                    "device {i}: a registration got an existing id"
                );
                self.oracle
                    .devices
                    .insert(r.device.clone(), (i, incarnation));
            }
        }
        check!(
            self.oracle.devices.get(&r.device) == Some(&(i, incarnation)),
            "device {i}: answered with another device's id"
        );
        let dev = r.device.clone();
        let reached = self.oracle.reached.entry(dev.clone()).or_default();
        *reached = (*reached).max(body.last_seq_made);
        let acked = self.oracle.acked.entry(dev.clone()).or_default();
        check!(
            r.acked_seq >= *acked,
            "device {i}: acked_seq went back from {} to {}",
            *acked,
            r.acked_seq
        );
        *acked = r.acked_seq;

        let conflicts: BTreeMap<&str, &Conflict> =
            r.conflicts.iter().map(|c| (c.id.as_str(), c)).collect();
        check!(
            conflicts.keys().all(|id| r.applied.iter().any(|a| a == id)),
            "a conflict that was not applied: {r:?}"
        );
        let mut got: Vec<(i64, String, Got)> = Vec::new();
        for id in &r.applied {
            let conflict = conflicts.get(id.as_str()).map(|c| (*c).clone());
            got.push((0, id.clone(), Got::Applied(conflict)));
        }
        for x in &r.rejected {
            got.push((0, x.id.clone(), Got::Rejected(x.reason.clone())));
        }
        for x in &r.held {
            got.push((0, x.id.clone(), Got::Held(x.reason.clone())));
        }
        let sent: BTreeSet<&str> = body.mutations.iter().map(|m| m.id.as_str()).collect();
        for (seq, id, _) in got.iter_mut() {
            let Some(made) = self.oracle.made.get(id.as_str()) else {
                return Err(format!("an outcome for a mutation never made: {id}"));
            };
            check!(
                sent.contains(id.as_str()),
                "device {i}: an outcome for a mutation not sent: {id}"
            );
            check!(
                made.device == i,
                "device {i} answered for another's mutation"
            );
            *seq = made.seqs[&incarnation];
        }
        // The device sends from the head of its outbox, so the server answers all of it.
        check!(
            got.len() == sent.len(),
            "device {i}: {} mutations sent, {} answered (acked {})",
            sent.len(),
            got.len(),
            r.acked_seq
        );
        got.sort_by_key(|g| g.0);
        for (seq, id, outcome) in got {
            check!(
                seq <= r.acked_seq,
                "device {i}: seq {seq} ({id}) answered, but acked_seq stays {}: the device keeps \
                 resending it and its later mutations wait for ever",
                r.acked_seq
            );
            if let Some(before) = self.oracle.answers.get(&(dev.clone(), id.clone())) {
                check!(
                    *before == outcome,
                    "a repeat of {id} got {outcome:?}, first {before:?}"
                );
                self.f.duplicates += 1;
                continue;
            }
            self.oracle
                .answers
                .insert((dev.clone(), id.clone()), outcome.clone());
            self.oracle
                .answered
                .entry(dev.clone())
                .or_default()
                .push(seq);
            if self.oracle.first.contains_key(&id) {
                // A restored copy of what another incarnation had sent.
                check!(
                    matches!(&outcome, Got::Rejected(r) if r.contains("другого устройства")),
                    "a copy of {id} from a restored file got {outcome:?}"
                );
                self.f.copies += 1;
                continue;
            }
            let made = &self.oracle.made[&id];
            let ok = match (&outcome, made.expect) {
                (Got::Applied(_), Expect::Valid) => !self.closed,
                (Got::Held(reason), Expect::Valid) => self.closed && reason.contains("закрыта"),
                (Got::Rejected(reason), Expect::Denied) => reason.contains("нет права"),
                (Got::Rejected(reason), Expect::OutOfRange) => reason.contains("от 0 до"),
                (Got::Rejected(reason), Expect::UnknownKind) => reason.contains("result.score@9"),
                _ => false,
            };
            check!(
                ok,
                "mutation {id} ({made:?}, procedure closed: {}) got {outcome:?}",
                self.closed
            );
            match &outcome {
                Got::Applied(_) => self.f.applied += 1,
                Got::Held(_) => self.f.held += 1,
                Got::Rejected(_) => {
                    let why = match made.expect {
                        Expect::Denied => "no right to the class",
                        Expect::OutOfRange => "score out of range",
                        _ => "unknown kind",
                    };
                    *self.f.rejected.entry(why).or_default() += 1;
                }
            }
            self.oracle.processed.push(id.clone());
            self.oracle.first.insert(id, (dev.clone(), outcome));
        }
        Ok(())
    }
}
