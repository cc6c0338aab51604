//! What a batch reads again and again: the procedure, the student, the class, the subject's МО and
//! the task behind each cell. None of them changes inside a sync transaction, so each is read once
//! per batch; results and cells, which the batch itself writes, are always read afresh.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

use crate::entity::{class, procedure, procedure_class, procedure_task, student, subject};

#[derive(Default)]
pub struct Lookups {
    procedures: HashMap<i32, Option<procedure::Model>>,
    students: HashMap<i32, Option<student::Model>>,
    classes: HashMap<i32, Option<class::Model>>,
    writes: HashMap<(i32, i32), bool>,
    groups: HashMap<i32, Option<i32>>,
    tasks: HashMap<i32, Option<procedure_task::Model>>,
}

impl Lookups {
    pub async fn procedure(
        &mut self,
        db: &impl ConnectionTrait,
        id: i32,
    ) -> Result<Option<procedure::Model>, DbErr> {
        if let Some(known) = self.procedures.get(&id) {
            return Ok(known.clone());
        }
        let row = procedure::Entity::find_by_id(id).one(db).await?;
        self.procedures.insert(id, row.clone());
        Ok(row)
    }

    pub async fn student(
        &mut self,
        db: &impl ConnectionTrait,
        id: i32,
    ) -> Result<Option<student::Model>, DbErr> {
        if let Some(known) = self.students.get(&id) {
            return Ok(known.clone());
        }
        let row = student::Entity::find_by_id(id).one(db).await?;
        self.students.insert(id, row.clone());
        Ok(row)
    }

    pub async fn class(
        &mut self,
        db: &impl ConnectionTrait,
        id: i32,
    ) -> Result<Option<class::Model>, DbErr> {
        if let Some(known) = self.classes.get(&id) {
            return Ok(known.clone());
        }
        let row = class::Entity::find_by_id(id).one(db).await?;
        self.classes.insert(id, row.clone());
        Ok(row)
    }

    /// Whether the class writes the procedure.
    pub async fn writes(
        &mut self,
        db: &impl ConnectionTrait,
        procedure_id: i32,
        class_id: i32,
    ) -> Result<bool, DbErr> {
        let key = (procedure_id, class_id);
        if let Some(known) = self.writes.get(&key) {
            return Ok(*known);
        }
        let found = procedure_class::Entity::find_by_id(key)
            .one(db)
            .await?
            .is_some();
        self.writes.insert(key, found);
        Ok(found)
    }

    /// The МО of a subject.
    pub async fn group(
        &mut self,
        db: &impl ConnectionTrait,
        subject_id: i32,
    ) -> Result<Option<i32>, DbErr> {
        if let Some(known) = self.groups.get(&subject_id) {
            return Ok(*known);
        }
        let group = subject::Entity::find_by_id(subject_id)
            .one(db)
            .await?
            .and_then(|s| s.subject_group_id);
        self.groups.insert(subject_id, group);
        Ok(group)
    }

    pub async fn task(
        &mut self,
        db: &impl ConnectionTrait,
        id: i32,
    ) -> Result<Option<procedure_task::Model>, DbErr> {
        if let Some(known) = self.tasks.get(&id) {
            return Ok(known.clone());
        }
        let row = procedure_task::Entity::find_by_id(id).one(db).await?;
        self.tasks.insert(id, row.clone());
        Ok(row)
    }
}
