//! What a device keeps for one user: its id, the outbox of mutations not yet acknowledged, what
//! needs the user's attention, and the pull cursor. Pure: the browser glue stores it as one
//! value, so an edit and its outbox entry are saved in one write (docs/design.md §4).

use serde::{Deserialize, Serialize};

use crate::sync::{Decided, Mutation, ResultRecord, SyncResponse};

/// The most mutations sent in one request: all the server takes (500), so a long day offline
/// goes in few round trips.
pub const BATCH: usize = 500;

/// The most payload bytes sent in one request (all the server takes): a few photos at most. A
/// photo is scaled on the device to a few hundred KB, far under it.
pub const BATCH_BYTES: usize = super::MAX_PAYLOAD_BYTES;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeviceState {
    pub device: Option<String>,
    /// The seq the next mutation gets; the first is 1.
    pub next_seq: i64,
    pub cursor: i64,
    pub pending: Vec<Mutation>,
    pub attention: Vec<Attention>,
    /// Device time of the last completed sync, ISO 8601.
    pub last_sync: Option<String>,
}

impl Default for DeviceState {
    fn default() -> Self {
        DeviceState {
            device: None,
            next_seq: 1,
            cursor: 0,
            pending: Vec::new(),
            attention: Vec::new(),
            last_sync: None,
        }
    }
}

/// A mutation the server did not simply apply: rejected, held for the deputy, or applied over a
/// value its author had not seen. It stays until the user dismisses it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attention {
    pub mutation: Mutation,
    pub what: AttentionKind,
    /// The Russian sentence to show.
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttentionKind {
    Rejected,
    Held,
    Conflict { theirs: String, theirs_by: String },
}

/// The body of one `POST /api/sync`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SyncBody {
    pub device: Option<String>,
    pub cursor: i64,
    pub last_seq_made: i64,
    pub mutations: Vec<Mutation>,
}

impl DeviceState {
    /// Adds an edit to the outbox with the next seq.
    pub fn record(
        &mut self,
        id: String,
        kind: &str,
        payload: serde_json::Value,
        base: Option<i64>,
        at: String,
    ) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.pending.push(Mutation {
            id,
            seq,
            kind: kind.to_string(),
            payload,
            base,
            at,
        });
    }

    /// What to send now. A device without an id registers first, with no mutations.
    pub fn body(&self) -> SyncBody {
        SyncBody {
            device: self.device.clone(),
            cursor: self.cursor,
            last_seq_made: self.next_seq - 1,
            mutations: if self.device.is_some() {
                let mut bytes = 0;
                self.pending
                    .iter()
                    .take(BATCH)
                    .take_while(|m| {
                        let first = bytes == 0;
                        bytes += m.payload.to_string().len().max(1);
                        first || bytes <= BATCH_BYTES
                    })
                    .cloned()
                    .collect()
            } else {
                Vec::new()
            },
        }
    }

    /// Takes in the server's answer: acknowledged mutations leave the outbox (those that were
    /// not simply applied go to the attention list), the cursor moves on. Returns the changes to
    /// apply to the local copies.
    pub fn absorb(&mut self, response: SyncResponse, now: String) -> Vec<ResultRecord> {
        self.device = Some(response.device);
        let acked: Vec<Mutation> = self
            .pending
            .iter()
            .filter(|m| m.seq <= response.acked_seq)
            .cloned()
            .collect();
        self.pending.retain(|m| m.seq > response.acked_seq);
        for m in acked {
            let file = |what, reason: &str| Attention {
                mutation: m.clone(),
                what,
                reason: reason.to_string(),
            };
            if let Some(r) = response.rejected.iter().find(|r| r.id == m.id) {
                self.attention
                    .push(file(AttentionKind::Rejected, &r.reason));
            } else if let Some(h) = response.held.iter().find(|h| h.id == m.id) {
                self.attention.push(file(AttentionKind::Held, &h.reason));
            } else if let Some(c) = response.conflicts.iter().find(|c| c.id == m.id) {
                let reason = format!(
                    "Вы записали «{}» поверх «{}» ({}), которого не видели.",
                    c.yours, c.theirs, c.theirs_by
                );
                let what = AttentionKind::Conflict {
                    theirs: c.theirs.clone(),
                    theirs_by: c.theirs_by.clone(),
                };
                self.attention.push(file(what, &reason));
            }
        }
        for d in &response.decided {
            self.decided(d);
        }
        self.cursor = response.cursor;
        self.last_sync = Some(now);
        response.changes
    }

    /// A held edit the deputy decided on: an approved one needs nothing more (its value comes
    /// with the changes), a declined one is told as refused, with the reason.
    fn decided(&mut self, d: &Decided) {
        if d.approved {
            self.attention
                .retain(|a| a.mutation.id != d.id || a.what != AttentionKind::Held);
            return;
        }
        for a in &mut self.attention {
            if a.mutation.id == d.id && a.what == AttentionKind::Held {
                a.what = AttentionKind::Rejected;
                a.reason = d.reason.clone().unwrap_or_else(|| {
                    "Заместитель директора не принял изменение: работа закрыта.".into()
                });
            }
        }
    }

    /// The edits that reached a closed procedure and wait for the deputy: still the user's
    /// values, shown in the grid until decided.
    pub fn held(&self) -> Vec<Mutation> {
        self.attention
            .iter()
            .filter(|a| a.what == AttentionKind::Held)
            .map(|a| a.mutation.clone())
            .collect()
    }

    /// The server no longer knows this device (its database was replaced): register again and
    /// resend everything, numbered afresh.
    pub fn forget_device(&mut self) {
        self.device = None;
        self.cursor = 0;
        for (i, m) in self.pending.iter_mut().enumerate() {
            m.seq = i as i64 + 1;
        }
        self.next_seq = self.pending.len() as i64 + 1;
    }

    /// Mutations saved to a file (the last resort before wiping a tablet) come back into the
    /// outbox with new seqs; their ids stay, so the server never applies one twice.
    pub fn restore(&mut self, saved: Vec<Mutation>) -> usize {
        let mut added = 0;
        for mut m in saved {
            if self.pending.iter().any(|p| p.id == m.id) {
                continue;
            }
            m.seq = self.next_seq;
            self.next_seq += 1;
            self.pending.push(m);
            added += 1;
        }
        added
    }

    pub fn dismiss(&mut self, id: &str) {
        self.attention.retain(|a| a.mutation.id != id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::{Conflict, Rejected};

    fn edit(state: &mut DeviceState, n: i32) {
        state.record(
            format!("m{n}"),
            "result.score@1",
            serde_json::json!({ "n": n }),
            None,
            "2026-11-25T10:00:00Z".into(),
        );
    }

    #[test]
    fn a_new_device_registers_before_it_sends() {
        let mut state = DeviceState::default();
        edit(&mut state, 1);
        assert!(state.body().mutations.is_empty());
        state.absorb(
            SyncResponse {
                device: "d1".into(),
                ..Default::default()
            },
            "now".into(),
        );
        assert_eq!(
            state.pending.len(),
            1,
            "nothing acknowledged, nothing dropped"
        );
        let body = state.body();
        assert_eq!(body.device.as_deref(), Some("d1"));
        assert_eq!(body.mutations[0].seq, 1);
        assert_eq!(body.last_seq_made, 1);
    }

    #[test]
    fn photos_go_a_few_at_a_time_and_a_big_one_alone() {
        let mut state = DeviceState {
            device: Some("d1".into()),
            ..Default::default()
        };
        // Three photos of 1.5 MB: two fit in one request (3 MB ≤ 4 MB), the third waits.
        for n in 1..=3 {
            let photo = "x".repeat(1_500_000);
            state.record(
                format!("p{n}"),
                "measure.photo@1",
                serde_json::json!({ "content_base64": photo }),
                None,
                "2026-11-25T10:00:00Z".into(),
            );
        }
        edit(&mut state, 4);
        assert_eq!(state.body().mutations.len(), 2);
        // One photo larger than the limit still goes, alone.
        state.pending.drain(..3);
        state.pending[0].payload = serde_json::json!({ "content_base64": "y".repeat(5_000_000) });
        edit(&mut state, 5);
        assert_eq!(state.body().mutations.len(), 1);
    }

    #[test]
    fn only_acknowledged_mutations_leave_and_problems_stay_in_sight() {
        let mut state = DeviceState {
            device: Some("d1".into()),
            ..Default::default()
        };
        for n in 1..=4 {
            edit(&mut state, n);
        }
        let response = SyncResponse {
            device: "d1".into(),
            applied: vec!["m1".into(), "m3".into()],
            rejected: vec![Rejected {
                id: "m2".into(),
                reason: "Балл за задание 2 должен быть от 0 до 1.".into(),
            }],
            conflicts: vec![Conflict {
                id: "m3".into(),
                procedure_id: 1,
                student_id: 2,
                task_id: 3,
                yours: "2".into(),
                theirs: "1".into(),
                theirs_by: "Петрова А. И.".into(),
            }],
            acked_seq: 3,
            cursor: 17,
            ..Default::default()
        };
        state.absorb(response, "now".into());
        assert_eq!(state.pending.len(), 1);
        assert_eq!(state.pending[0].id, "m4", "seq 4 was not acknowledged");
        assert_eq!(state.attention.len(), 2);
        assert_eq!(state.attention[0].what, AttentionKind::Rejected);
        assert!(state.attention[1].reason.contains("Петрова"));
        assert_eq!(state.cursor, 17);
    }

    #[test]
    fn a_held_edit_stays_in_sight_until_the_deputy_decides() {
        let mut state = DeviceState {
            device: Some("d1".into()),
            ..Default::default()
        };
        for n in 1..=2 {
            edit(&mut state, n);
        }
        let closed = "Работа закрыта для изменений: ждёт решения.";
        let held = |id: &str| Rejected {
            id: id.into(),
            reason: closed.into(),
        };
        state.absorb(
            SyncResponse {
                device: "d1".into(),
                held: vec![held("m1"), held("m2")],
                acked_seq: 2,
                ..Default::default()
            },
            "now".into(),
        );
        assert!(state.pending.is_empty());
        let ids: Vec<String> = state.held().into_iter().map(|m| m.id).collect();
        assert_eq!(
            ids,
            ["m1", "m2"],
            "acknowledged, but still the teacher's values"
        );
        state.absorb(
            SyncResponse {
                device: "d1".into(),
                acked_seq: 2,
                decided: vec![
                    Decided {
                        id: "m1".into(),
                        approved: true,
                        reason: None,
                    },
                    Decided {
                        id: "m2".into(),
                        approved: false,
                        reason: Some("Не принято заместителем директора.".into()),
                    },
                ],
                ..Default::default()
            },
            "later".into(),
        );
        assert!(state.held().is_empty());
        assert_eq!(
            state.attention.len(),
            1,
            "the approved one needs nothing more"
        );
        assert_eq!(state.attention[0].mutation.id, "m2");
        assert_eq!(state.attention[0].what, AttentionKind::Rejected);
        assert_eq!(
            state.attention[0].reason,
            "Не принято заместителем директора."
        );
    }

    #[test]
    fn a_forgotten_device_renumbers_its_outbox() {
        let mut state = DeviceState {
            device: Some("old".into()),
            cursor: 40,
            ..Default::default()
        };
        for n in 1..=5 {
            edit(&mut state, n);
        }
        state.pending.drain(..2);
        state.forget_device();
        let seqs: Vec<i64> = state.pending.iter().map(|m| m.seq).collect();
        assert_eq!(seqs, [1, 2, 3]);
        assert_eq!(state.next_seq, 4);
        assert_eq!((state.device.clone(), state.cursor), (None, 0));
    }

    #[test]
    fn restoring_a_saved_file_keeps_ids_and_skips_what_is_there() {
        let mut saved = DeviceState::default();
        for n in 1..=3 {
            edit(&mut saved, n);
        }
        let mut fresh = DeviceState::default();
        edit(&mut fresh, 2);
        assert_eq!(fresh.restore(saved.pending.clone()), 2);
        let ids: Vec<&str> = fresh.pending.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["m2", "m1", "m3"]);
        let seqs: Vec<i64> = fresh.pending.iter().map(|m| m.seq).collect();
        assert_eq!(seqs, [1, 2, 3]);
    }
}
