//! Classes: lists without names for the leadership, rosters for those who may see them.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::entity::{academic_year, class, role_assignment, student, subject, teaching_assignment};
use crate::platform::people;
use crate::platform::request::Request;
use domain::error::AppError;
use domain::policy::{may, Action, ClassRef, Principal, Resource, Role};
use domain::wire::school::{
    ClassChoice, ClassDetail, ClassSummary, MyClass, StudentRow, SubjectTeachers,
};

/// The classes that write a procedure.
pub async fn writing(db: &impl ConnectionTrait, procedure_id: i32) -> Result<Vec<i32>, DbErr> {
    Ok(crate::entity::procedure_class::Entity::find()
        .filter(crate::entity::procedure_class::Column::ProcedureId.eq(procedure_id))
        .all(db)
        .await?
        .into_iter()
        .map(|w| w.class_id)
        .collect())
}

/// A year's classes in the order lists show them: by grade, then letter.
pub async fn of_year(
    db: &impl ConnectionTrait,
    academic_year_id: i32,
) -> Result<Vec<class::Model>, DbErr> {
    class::Entity::find()
        .filter(class::Column::AcademicYearId.eq(academic_year_id))
        .order_by_asc(class::Column::Grade)
        .order_by_asc(class::Column::Letter)
        .all(db)
        .await
}

pub fn class_ref(class: &class::Model) -> ClassRef {
    ClassRef {
        school_id: class.school_id,
        class_id: class.id,
        grade: class.grade,
    }
}

/// Students who have not left, per class.
pub async fn student_counts(
    db: &impl ConnectionTrait,
    class_ids: Vec<i32>,
) -> Result<BTreeMap<i32, u32>, DbErr> {
    let rows: Vec<(i32, i64)> = student::Entity::find()
        .select_only()
        .column(student::Column::ClassId)
        .column_as(student::Column::Id.count(), "n")
        .filter(student::Column::ClassId.is_in(class_ids))
        .filter(student::Column::LeftOn.is_null())
        .group_by(student::Column::ClassId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, n)| (id, n as u32)).collect())
}

pub async fn summaries(
    db: &impl ConnectionTrait,
    who: &Principal,
    school_id: i32,
    classes: Vec<class::Model>,
) -> Result<Vec<ClassSummary>, DbErr> {
    let ids: Vec<i32> = classes.iter().map(|c| c.id).collect();
    let counts = student_counts(db, ids.clone()).await?;
    let leads = role_assignment::Entity::find()
        .filter(role_assignment::Column::SchoolId.eq(school_id))
        .filter(role_assignment::Column::Role.eq(Role::ClassTeacher.code()))
        .filter(role_assignment::Column::ClassId.is_in(ids))
        .all(db)
        .await?;
    let names = people::names(db, leads.iter().map(|l| l.account_id)).await?;
    Ok(classes
        .into_iter()
        .map(|c| ClassSummary {
            id: c.id,
            name: c.name(),
            grade: c.grade,
            students: counts.get(&c.id).copied().unwrap_or(0),
            class_teacher: leads
                .iter()
                .find(|l| l.class_id == Some(c.id))
                .and_then(|l| names.get(&l.account_id).cloned()),
            can_open: may(who, Action::View, Resource::ClassRoster(class_ref(&c))),
        })
        .collect())
}

/// See `api::school::my_classes`.
pub async fn mine() -> Result<Vec<MyClass>, AppError> {
    let (req, who) = Request::signed_in().await?;
    let own: BTreeSet<i32> = who
        .grants
        .iter()
        .filter(|g| g.role == Role::ClassTeacher)
        .filter_map(|g| g.class_id)
        .collect();
    let ids: BTreeSet<i32> = who
        .teaching
        .iter()
        .map(|t| t.class_id)
        .chain(own.iter().copied())
        .collect();
    // An archived year's classes keep their assignments as history; «my classes» are this year's.
    let archived: BTreeSet<i32> = academic_year::Entity::find()
        .filter(academic_year::Column::Archived.eq(true))
        .all(&req.db)
        .await?
        .into_iter()
        .map(|y| y.id)
        .collect();
    let classes: Vec<class::Model> = class::Entity::find()
        .filter(class::Column::Id.is_in(ids))
        .filter(class::Column::AcademicYearId.is_not_in(archived))
        .order_by_asc(class::Column::Grade)
        .order_by_asc(class::Column::Letter)
        .all(&req.db)
        .await?
        .into_iter()
        .filter(|c| may(&who, Action::View, Resource::ClassRoster(class_ref(c))))
        .collect();
    let subject_ids: BTreeSet<i32> = who.teaching.iter().map(|t| t.subject_id).collect();
    let subjects: BTreeMap<i32, String> = subject::Entity::find()
        .filter(subject::Column::Id.is_in(subject_ids))
        .all(&req.db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let mut mine = Vec::new();
    for (school_id, group) in group_by_school(classes) {
        for summary in summaries(&req.db, &who, school_id, group).await? {
            let mut taught: Vec<String> = who
                .teaching
                .iter()
                .filter(|t| t.class_id == summary.id)
                .filter_map(|t| subjects.get(&t.subject_id).cloned())
                .collect();
            taught.sort();
            mine.push(MyClass {
                own_class: own.contains(&summary.id),
                subjects: taught,
                class: summary,
            });
        }
    }
    Ok(mine)
}

fn group_by_school(classes: Vec<class::Model>) -> BTreeMap<i32, Vec<class::Model>> {
    let mut by_school: BTreeMap<i32, Vec<class::Model>> = BTreeMap::new();
    for c in classes {
        by_school.entry(c.school_id).or_default().push(c);
    }
    by_school
}

/// See `api::school::class_roster`.
pub async fn roster(class_id: i32) -> Result<ClassDetail, AppError> {
    let (req, who) = Request::signed_in().await?;
    // An unknown class is answered like a forbidden one, so ids cannot be probed.
    let Some(class) = class::Entity::find_by_id(class_id).one(&req.db).await? else {
        return Err(AppError::Forbidden);
    };
    req.authorize(&who, Action::View, Resource::ClassRoster(class_ref(&class)))
        .await?;
    let db = &req.db;
    let students = student::Entity::find()
        .filter(student::Column::ClassId.eq(class.id))
        .filter(student::Column::LeftOn.is_null())
        .order_by_asc(student::Column::LastName)
        .order_by_asc(student::Column::FirstName)
        .all(db)
        .await?
        .into_iter()
        .map(|s| StudentRow {
            id: s.id,
            full_name: s.full_name(),
            has_ovz: s.has_ovz,
        })
        .collect();
    let teaching = teaching_assignment::Entity::find()
        .filter(teaching_assignment::Column::ClassId.eq(class.id))
        .all(db)
        .await?;
    let subjects: BTreeMap<i32, subject::Model> = subject::Entity::find()
        .filter(subject::Column::SchoolId.eq(class.school_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let names = people::names(db, teaching.iter().map(|t| t.account_id)).await?;
    let mut by_subject: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    for t in &teaching {
        if let Some(name) = names.get(&t.account_id) {
            by_subject
                .entry(t.subject_id)
                .or_default()
                .push(name.clone());
        }
    }
    let subjects = by_subject
        .into_iter()
        .filter_map(|(id, teachers)| {
            subjects.get(&id).map(|s| SubjectTeachers {
                subject: s.name.clone(),
                teachers,
            })
        })
        .collect();
    let move_to = if may(&who, Action::Edit, Resource::ClassRoster(class_ref(&class))) {
        class::Entity::find()
            .filter(class::Column::AcademicYearId.eq(class.academic_year_id))
            .filter(class::Column::Id.ne(class.id))
            .order_by_asc(class::Column::Grade)
            .order_by_asc(class::Column::Letter)
            .all(db)
            .await?
            .into_iter()
            .filter(|c| may(&who, Action::Edit, Resource::ClassRoster(class_ref(c))))
            .map(|c| ClassChoice {
                id: c.id,
                name: c.name(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let school_id = class.school_id;
    let summary = summaries(db, &who, school_id, vec![class])
        .await?
        .pop()
        .ok_or(AppError::Forbidden)?;
    Ok(ClassDetail {
        class: summary,
        students,
        subjects,
        move_to,
    })
}
