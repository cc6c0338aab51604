//! The sync protocol as both ends speak it (docs/design.md §4; `docs/sync.md` is the reference for
//! other clients). The device records every edit as a [`Mutation`] in its outbox; `POST
//! /api/sync` pushes the outbox and pulls what changed since the device's cursor.

pub mod measure_edit;
pub mod measure_overlay;
pub mod outbox;
pub mod replica;
pub mod result_edit;

use serde::{Deserialize, Serialize};

pub use result_edit::{AbsenceSet, ScoreSet};

/// The most payload one sync request carries: the mutations' payloads as JSON, together.
pub const MAX_PAYLOAD_BYTES: usize = 4 * 1024 * 1024;

/// The most bytes of a sync request's body: the payload and the envelope of up to 500 mutations.
pub const MAX_SYNC_BODY: usize = MAX_PAYLOAD_BYTES + 512 * 1024;

/// One edit made on a device. `id` is made by the device (a UUID); `seq` counts the device's
/// mutations from 1 without gaps; `base` is the version of the record the user saw; `at` is the
/// device's clock, shown to people and never used to order anything.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mutation {
    pub id: String,
    pub seq: i64,
    /// A name and a version, e.g. `result.score@1`.
    pub kind: String,
    pub payload: serde_json::Value,
    pub base: Option<i64>,
    pub at: String,
}

/// A mutation the server will not apply, and why (a Russian sentence for the teacher).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejected {
    pub id: String,
    pub reason: String,
}

/// A mutation that overwrote a value its author had not seen. It was applied (the later sync
/// wins); the overwritten value is kept and shown until someone resolves it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub id: String,
    pub procedure_id: i32,
    pub student_id: i32,
    /// 0 for the «не писал(а)» flag.
    pub task_id: i32,
    /// The value this mutation wrote, as shown in the grid.
    pub yours: String,
    /// The value it overwrote, and who had written it.
    pub theirs: String,
    pub theirs_by: String,
}

/// The current state of one result, as a pull sends it. Versions are change numbers; a device
/// sends the version it saw as the base of its next edit of that cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultRecord {
    pub procedure_id: i32,
    pub student_id: i32,
    pub absent: bool,
    pub absent_version: i64,
    pub scores: Vec<CellScore>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellScore {
    pub task_id: i32,
    /// `None`: the cell was cleared.
    pub score: Option<i16>,
    pub version: i64,
}

/// The server's answer to one sync request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncResponse {
    /// The device's id: the one sent, or a new one for a device that sent none.
    pub device: String,
    /// Applied now or before (a repeat gets its first outcome).
    pub applied: Vec<String>,
    pub rejected: Vec<Rejected>,
    /// Applied, but over a value the author had not seen.
    pub conflicts: Vec<Conflict>,
    /// Arrived after the procedure was closed: kept on the server until the deputy decides.
    pub held: Vec<Rejected>,
    /// Every mutation of this device up to here has an outcome; the device may drop them.
    pub acked_seq: i64,
    /// Results that changed since the request's cursor, that this user may see.
    pub changes: Vec<ResultRecord>,
    /// The cursor to send next time.
    pub cursor: i64,
    /// More changes wait: sync again at once.
    pub more: bool,
    /// Procedures whose paper changed, or that were cancelled, since the request's cursor, that
    /// this user may see: a device reloads their sheets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub papers: Vec<i32>,
    /// This device's held mutations the deputy decided on since the request's cursor: an
    /// approved one has landed (its result is among the changes), a declined one says why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decided: Vec<Decided>,
}

/// The deputy's decision on a held mutation, as its device learns it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decided {
    pub id: String,
    pub approved: bool,
    /// Why it was declined (or refused on approval), a Russian sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The outcome of one mutation, as stored beside it and repeated to a device that resends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Applied(Option<Conflict>),
    Rejected(String),
    Held(String),
}

impl Outcome {
    pub fn code(&self) -> &'static str {
        match self {
            Outcome::Applied(_) => "applied",
            Outcome::Rejected(_) => "rejected",
            Outcome::Held(_) => "held",
        }
    }
}

impl SyncResponse {
    /// Files one mutation's outcome under the right list.
    pub fn record(&mut self, id: &str, outcome: Outcome) {
        let id = id.to_string();
        match outcome {
            Outcome::Applied(conflict) => {
                self.applied.push(id);
                self.conflicts.extend(conflict);
            }
            Outcome::Rejected(reason) => self.rejected.push(Rejected { id, reason }),
            Outcome::Held(reason) => self.held.push(Rejected { id, reason }),
        }
    }
}
