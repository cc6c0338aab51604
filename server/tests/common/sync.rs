//! What the sync tests (`sync_api`, `sync_sim`) share: the demo school's grade 5 and its people,
//! procedures made for a test, and mutations and requests as a device sends them.

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set,
};
use serde::Serialize;

use backend::entity::{
    academic_year, account, audit_log, class, procedure, procedure_class, procedure_task, school,
    student, subject,
};
use backend::sync::SyncRequest;
use domain::policy::Principal;
use domain::sync::outbox::SyncBody;
use domain::sync::Mutation;

/// The main demo school, loaded with its structure only, and its current year.
pub struct DemoSchool {
    pub school_id: i32,
    pub year_id: i32,
}

/// A procedure of grade 5 as a test makes it.
pub struct NewProcedure<'a> {
    pub subject_id: i32,
    /// The classes that write it.
    pub classes: &'a [i32],
    pub title: &'a str,
    pub held_on: NaiveDate,
    /// The lowest totals that earn a 3, a 4, a 5.
    pub marks: [i16; 3],
    /// The level of every task.
    pub level: Option<&'a str>,
}

impl DemoSchool {
    pub async fn load(db: &DatabaseConnection) -> DemoSchool {
        server::demo::load(db, super::structure_only())
            .await
            .unwrap();
        let school = school::Entity::find()
            .filter(school::Column::ShortName.eq("Школа № 17"))
            .one(db)
            .await
            .unwrap()
            .expect("the main demo school");
        let year = academic_year::Entity::find()
            .filter(academic_year::Column::SchoolId.eq(school.id))
            .filter(academic_year::Column::Archived.eq(false))
            .one(db)
            .await
            .unwrap()
            .expect("the current year");
        DemoSchool {
            school_id: school.id,
            year_id: year.id,
        }
    }

    pub async fn subject(&self, db: &DatabaseConnection, name: &str) -> i32 {
        subject::Entity::find()
            .filter(subject::Column::SchoolId.eq(self.school_id))
            .filter(subject::Column::Name.eq(name))
            .one(db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("subject {name}"))
            .id
    }

    /// Class 5 `letter` of the current year.
    pub async fn class_5(&self, db: &DatabaseConnection, letter: &str) -> i32 {
        class::Entity::find()
            .filter(class::Column::SchoolId.eq(self.school_id))
            .filter(class::Column::AcademicYearId.eq(self.year_id))
            .filter(class::Column::Grade.eq(5))
            .filter(class::Column::Letter.eq(letter))
            .order_by_asc(class::Column::Id)
            .one(db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("class 5{letter}"))
            .id
    }

    /// Makes the procedure with tasks of these maxima; returns its id and its tasks' ids.
    pub async fn new_procedure(
        &self,
        db: &DatabaseConnection,
        p: &NewProcedure<'_>,
        maxima: &[i16],
    ) -> (i32, Vec<i32>) {
        let [mark3, mark4, mark5] = p.marks;
        let row = procedure::ActiveModel {
            school_id: Set(self.school_id),
            academic_year_id: Set(self.year_id),
            subject_id: Set(p.subject_id),
            kind: Set(domain::assessment::ProcedureKind::Diagnostic.code().into()),
            stage: Set(None),
            title: Set(p.title.into()),
            grade: Set(5),
            held_on: Set(p.held_on),
            mark3_from: Set(mark3),
            mark4_from: Set(mark4),
            mark5_from: Set(mark5),
            source: Set(None),
            closed_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        for &class_id in p.classes {
            procedure_class::ActiveModel {
                procedure_id: Set(row.id),
                class_id: Set(class_id),
            }
            .insert(db)
            .await
            .unwrap();
        }
        let mut tasks = Vec::new();
        for (i, &max) in maxima.iter().enumerate() {
            let task = procedure_task::ActiveModel {
                procedure_id: Set(row.id),
                position: Set(i as i16 + 1),
                label: Set(format!("{}", i + 1)),
                max_score: Set(max),
                level: Set(p.level.map(Into::into)),
                skill_code: Set(None),
                topic: Set(None),
                ..Default::default()
            }
            .insert(db)
            .await
            .unwrap();
            tasks.push(task.id);
        }
        (row.id, tasks)
    }
}

/// The pupils of a class who have not left, in the order of their ids.
pub async fn pupils(db: &DatabaseConnection, class_id: i32) -> Vec<i32> {
    student::Entity::find()
        .filter(student::Column::ClassId.eq(class_id))
        .filter(student::Column::LeftOn.is_null())
        .order_by_asc(student::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect()
}

pub async fn account(db: &DatabaseConnection, username: &str) -> account::Model {
    account::Entity::find()
        .filter(account::Column::Username.eq(username))
        .one(db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("demo account {username}"))
}

pub async fn principal(db: &DatabaseConnection, username: &str) -> Principal {
    backend::platform::principal::load(db, account(db, username).await.id)
        .await
        .unwrap()
}

/// A mutation as a device makes it, stamped with the device's clock now.
pub fn new_mutation(
    id: String,
    seq: i64,
    kind: &str,
    payload: &impl Serialize,
    base: Option<i64>,
) -> Mutation {
    Mutation {
        id,
        seq,
        kind: kind.into(),
        payload: serde_json::to_value(payload).unwrap(),
        base,
        at: Utc::now().to_rfc3339(),
    }
}

/// What a device's outbox sends, as the endpoint takes it.
pub fn request(body: SyncBody) -> SyncRequest {
    SyncRequest {
        device: body.device,
        cursor: body.cursor,
        last_seq_made: body.last_seq_made,
        mutations: body.mutations,
    }
}

/// The id of the latest audit entry, 0 when there is none.
pub async fn last_audit_id(db: &impl ConnectionTrait) -> Result<i64, DbErr> {
    Ok(audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .one(db)
        .await?
        .map_or(0, |a| a.id))
}
