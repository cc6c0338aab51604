//! One device: the app's own outbox and replica, and its user.

use std::collections::BTreeMap;

use chrono::Utc;
use rand::seq::SliceRandom;
use rand::Rng;

use api::result_sheet::ResultSheet;
use domain::sync::outbox::{DeviceState, SyncBody};
use domain::sync::replica;
use domain::sync::result_edit::ABSENCE_CELL;
use domain::sync::{AbsenceSet, ScoreSet, SyncResponse};

use crate::model::{cells, Expect, Made};
use crate::school::{uuid, Person};
use crate::sim::Sim;

/// A device as the app runs it: its outbox and its copy of the procedure's grid.
pub struct Device {
    pub person: Person,
    /// Counts wipes: every incarnation registers as a new device.
    pub incarnation: usize,
    pub state: DeviceState,
    pub sheet: ResultSheet,
    /// Requests the device gave up on, still travelling the network (with the incarnation
    /// that sent them).
    pub delayed: Vec<(usize, SyncBody)>,
    pub offline: u32,
    pub more: bool,
}

impl Sim<'_> {
    /// The user of device `i` types into one cell (or the app sends something odd).
    pub fn edit(&mut self, i: usize) {
        let rng = &mut self.rng;
        // The first student of each class is edited most, so devices collide.
        let (student, class) = if rng.gen_bool(0.4) {
            self.students[if rng.gen_bool(0.6) { 0 } else { 3 }]
        } else {
            *self.students.choose(rng).unwrap()
        };
        let dev = &self.devices[i];
        let edits = replica::Edits {
            held: dev.state.held(),
            pending: dev.state.pending.clone(),
        };
        let row = replica::row(&dev.sheet, &edits, student);
        let roll = rng.gen_range(0..100);
        let (kind, payload, key, value, out_of_range) = if roll < 18 {
            let absent = if rng.gen_bool(0.85) {
                !row.absent
            } else {
                row.absent
            };
            let payload = serde_json::to_value(AbsenceSet {
                procedure_id: self.procedure,
                student_id: student,
                absent,
            })
            .unwrap();
            (
                AbsenceSet::KIND,
                payload,
                (student, ABSENCE_CELL),
                absent.then_some(1),
                false,
            )
        } else {
            let (task, max) = *self.tasks.choose(rng).unwrap();
            let score = match rng.gen_range(0..100) {
                0..=11 => None,
                12..=17 => Some(if rng.gen_bool(0.5) { max + 1 } else { -1 }),
                _ => Some(rng.gen_range(0..=max)),
            };
            let payload = serde_json::to_value(ScoreSet {
                procedure_id: self.procedure,
                student_id: student,
                task_id: task,
                score,
            })
            .unwrap();
            let bad = score.is_some_and(|s| !(0..=max).contains(&s));
            // An app newer than the server.
            let kind = if roll < 21 {
                "result.score@9"
            } else {
                ScoreSet::KIND
            };
            (kind, payload, (student, task), score, bad)
        };
        let expect = if kind != ScoreSet::KIND && kind != AbsenceSet::KIND {
            Expect::UnknownKind
        } else if !dev.person.edits(class) {
            Expect::Denied
        } else if out_of_range {
            Expect::OutOfRange
        } else {
            Expect::Valid
        };
        // The base is the server version of the cell this device has seen.
        let base = replica::version(&dev.sheet, key.0, key.1);
        let id = uuid(rng);
        let dev = &mut self.devices[i];
        let seq = dev.state.next_seq;
        dev.state
            .record(id.clone(), kind, payload, base, Utc::now().to_rfc3339());
        self.oracle.made.insert(
            id,
            Made {
                device: i,
                seqs: BTreeMap::from([(dev.incarnation, seq)]),
                key,
                value,
                base,
                expect,
            },
        );
        self.f.made += 1;
    }

    /// The last resort: the user saves the outbox to a file, the tablet is wiped, she signs in
    /// again (a new device id, the grid loaded afresh) and loads the file back.
    pub fn wipe(&mut self, i: usize) {
        let saved = self.devices[i].state.pending.clone();
        let state = self.fresh_state();
        let sheet = self.empty_sheet(self.devices[i].person);
        let dev = &mut self.devices[i];
        dev.incarnation += 1;
        dev.state = state;
        dev.sheet = sheet;
        dev.more = false;
        dev.state.restore(saved);
        for m in &dev.state.pending {
            if let Some(made) = self.oracle.made.get_mut(&m.id) {
                made.seqs.insert(dev.incarnation, m.seq);
            }
        }
        self.f.wipes += 1;
    }

    /// The device takes in an answer, as the app does.
    pub fn receive(&mut self, i: usize, r: SyncResponse) -> Result<(), String> {
        let dev = &mut self.devices[i];
        check!(
            r.cursor >= dev.state.cursor,
            "device {i}: the cursor went back"
        );
        // Nothing acknowledged may leave the outbox without its outcome.
        for m in dev.state.pending.iter().filter(|m| m.seq <= r.acked_seq) {
            check!(
                r.applied.contains(&m.id)
                    || r.rejected.iter().any(|x| x.id == m.id)
                    || r.held.iter().any(|x| x.id == m.id),
                "device {i}: seq {} acknowledged without its outcome",
                m.seq
            );
        }
        dev.more = r.more;
        let changes = dev.state.absorb(r, Utc::now().to_rfc3339());
        for change in &changes {
            check!(
                change.procedure_id == self.procedure,
                "device {i}: a change of another procedure"
            );
            // Versions only grow: a pull never takes a device back.
            if let Some(old) = dev
                .sheet
                .results
                .iter()
                .find(|x| x.student_id == change.student_id)
            {
                let after = cells(std::slice::from_ref(change));
                for (key, (_, version)) in cells(std::slice::from_ref(old)) {
                    let now = after.get(&key).map_or(0, |c| c.1);
                    check!(
                        now >= version,
                        "device {i}: cell {key:?} went back from version {version} to {now}"
                    );
                }
            }
        }
        replica::apply_changes(&mut dev.sheet, &changes);
        Ok(())
    }
}
