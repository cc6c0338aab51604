//! One case: the devices, the model and the figures, and how a case is played.

use chrono::Utc;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, IntoActiveModel, Set};

use api::result_sheet::{ResultSheet, SheetClass, SheetStudent, SheetTask};
use backend::entity::procedure;
use backend::sync::committed_change;
use domain::assessment::Scale;
use domain::policy::Principal;
use domain::sync::outbox::DeviceState;

use crate::common::sync::last_audit_id;
use crate::db_err;
use crate::device::Device;
use crate::figures::Figures;
use crate::model::Oracle;
use crate::network::Fault;
use crate::school::{new_procedure, Class, Fixture, Person};

/// A case: one new procedure, a few of its students, the devices that edit them, the model
/// and the figures.
pub struct Sim<'a> {
    pub db: &'a DatabaseConnection,
    pub fx: &'a Fixture,
    pub rng: ChaCha8Rng,
    pub procedure: i32,
    pub tasks: Vec<(i32, i16)>,
    pub students: Vec<(i32, Class)>,
    pub devices: Vec<Device>,
    pub oracle: Oracle,
    pub closed: bool,
    pub start_clock: i64,
    pub start_audit: i64,
    pub f: Figures,
}

impl<'a> Sim<'a> {
    pub async fn new(
        db: &'a DatabaseConnection,
        fx: &'a Fixture,
        seed: u64,
    ) -> Result<Sim<'a>, String> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let maxima: Vec<i16> = (0..3).map(|_| rng.gen_range(1..=3)).collect();
        let (procedure, task_ids) = new_procedure(db, fx, &maxima).await;
        let tasks = task_ids.into_iter().zip(maxima).collect();
        // A few students per class, so devices meet in the same cells.
        let mut students = Vec::new();
        for class in [Class::A, Class::B] {
            let mut of: Vec<(i32, Class)> = fx
                .pupils
                .iter()
                .copied()
                .filter(|(_, c)| *c == class)
                .collect();
            of.shuffle(&mut rng);
            students.extend(of.into_iter().take(if class == Class::A { 3 } else { 2 }));
        }
        let start_clock = committed_change(db).await.map_err(db_err)?;
        let start_audit = last_audit_id(db).await.map_err(db_err)?;
        // Two teachers of 5А, often on a second device too; often someone who may look but
        // not enter.
        let mut people = vec![Person::Teacher, Person::Teacher2];
        for (person, p) in [
            (Person::Teacher, 0.6),
            (Person::ClassTeacher, 0.5),
            (Person::Deputy, 0.25),
        ] {
            if rng.gen_bool(p) {
                people.push(person);
            }
        }
        let mut sim = Sim {
            db,
            fx,
            rng,
            procedure,
            tasks,
            students,
            devices: Vec::new(),
            oracle: Oracle::default(),
            closed: false,
            start_clock,
            start_audit,
            f: Figures {
                cases: 1,
                ..Default::default()
            },
        };
        for person in people {
            sim.devices.push(Device {
                person,
                incarnation: 0,
                state: sim.fresh_state(),
                sheet: sim.empty_sheet(person),
                delayed: Vec::new(),
                offline: 0,
                more: false,
            });
        }
        sim.f.devices = sim.devices.len() as u64;
        Ok(sim)
    }

    /// A device that holds everything before this case (the procedure is new).
    pub fn fresh_state(&self) -> DeviceState {
        DeviceState {
            cursor: self.start_clock,
            ..Default::default()
        }
    }

    /// The procedure's grid as the device loads it before anyone has entered anything.
    pub fn empty_sheet(&self, person: Person) -> ResultSheet {
        let seen: Vec<Class> = [Class::A, Class::B]
            .into_iter()
            .filter(|c| person.sees(*c))
            .collect();
        ResultSheet {
            procedure_id: self.procedure,
            title: "Симуляция синхронизации".into(),
            kind: "Диагностика".into(),
            subject: "Математика".into(),
            grade: 5,
            held_on: "2026-10-01".into(),
            scale: Scale {
                mark3_from: 1,
                mark4_from: 2,
                mark5_from: 3,
            },
            closed: false,
            can_close: false,
            can_change: false,
            test_scores: Vec::new(),
            source: None,
            tasks: self
                .tasks
                .iter()
                .map(|(id, max)| SheetTask {
                    id: *id,
                    label: id.to_string(),
                    max_score: *max,
                    level: None,
                    skill_code: None,
                    topic: None,
                })
                .collect(),
            classes: seen
                .iter()
                .map(|c| SheetClass {
                    id: self.fx.classes[c],
                    name: format!("{c:?}"),
                    editable: person.edits(*c),
                })
                .collect(),
            students: self
                .students
                .iter()
                .filter(|(_, c)| seen.contains(c))
                .map(|(id, c)| SheetStudent {
                    id: *id,
                    full_name: format!("Ученик {id}"),
                    class_id: self.fx.classes[c],
                    has_ovz: false,
                })
                .collect(),
            results: Vec::new(),
            conflicts: Vec::new(),
            cursor: self.start_clock,
        }
    }

    pub fn principal(&self, i: usize) -> &'a Principal {
        &self.fx.people[&self.devices[i].person].0
    }

    pub async fn play(&mut self) -> Result<(), String> {
        let rounds = self.rng.gen_range(1..=5);
        let close_at = self
            .rng
            .gen_bool(0.12)
            .then(|| self.rng.gen_range(1..=rounds));
        for round in 0..rounds {
            if close_at == Some(round) {
                self.close_procedure().await?;
            }
            let mut order: Vec<usize> = (0..self.devices.len()).collect();
            order.shuffle(&mut self.rng);
            for i in order {
                let editor = matches!(self.devices[i].person, Person::Teacher | Person::Teacher2);
                let edits = if editor {
                    self.rng.gen_range(0..=2)
                } else {
                    usize::from(self.rng.gen_bool(0.2))
                };
                for _ in 0..edits {
                    self.edit(i);
                }
                if !self.devices[i].state.pending.is_empty() && self.rng.gen_bool(0.02) {
                    self.wipe(i);
                }
                if self.devices[i].offline > 0 {
                    self.devices[i].offline -= 1;
                    continue;
                }
                if self.rng.gen_bool(0.08) {
                    self.devices[i].offline = self.rng.gen_range(1..=4);
                    self.f.offline_periods += 1;
                    continue;
                }
                if self.rng.gen_bool(0.75) {
                    let registering = self.devices[i].state.device.is_none();
                    let fault = self.fault();
                    self.sync(i, fault).await?;
                    // A device that has just registered syncs again at once.
                    if registering && self.devices[i].state.device.is_some() {
                        let fault = self.fault();
                        self.sync(i, fault).await?;
                    }
                }
                if !self.devices[i].delayed.is_empty() && self.rng.gen_bool(0.3) {
                    self.deliver_late(i).await?;
                }
            }
        }
        if close_at == Some(rounds) {
            self.close_procedure().await?;
        }
        // The network goes quiet: what was still travelling arrives, in any order.
        let mut late: Vec<usize> = self
            .devices
            .iter()
            .enumerate()
            .flat_map(|(i, d)| std::iter::repeat_n(i, d.delayed.len()))
            .collect();
        late.shuffle(&mut self.rng);
        for i in late {
            self.deliver_late(i).await?;
        }
        // Every device syncs until it has nothing to send and nothing to fetch; twice round,
        // so each also fetches what the ones after it sent.
        for _ in 0..2 {
            for i in 0..self.devices.len() {
                self.devices[i].offline = 0;
                let mut n = 0;
                loop {
                    let clock = committed_change(self.db).await.map_err(db_err)?;
                    let d = &self.devices[i];
                    if d.state.device.is_some()
                        && d.state.pending.is_empty()
                        && !d.more
                        && d.state.cursor == clock
                    {
                        break;
                    }
                    let pending = d.state.pending.len();
                    self.sync(i, Fault::None).await?;
                    n += 1;
                    check!(
                        n < 50,
                        "device {i} never finishes syncing: {pending} pending"
                    );
                }
            }
        }
        self.verify().await
    }

    async fn close_procedure(&mut self) -> Result<(), String> {
        let mut row = procedure::Entity::find_by_id(self.procedure)
            .one(self.db)
            .await
            .map_err(db_err)?
            .ok_or("the procedure is gone")?
            .into_active_model();
        row.closed_at = Set(Some(Utc::now()));
        row.update(self.db).await.map_err(db_err)?;
        self.closed = true;
        self.f.closed += 1;
        Ok(())
    }
}
