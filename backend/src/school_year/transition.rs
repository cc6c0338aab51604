//! See [`domain::wire::school_year`]. The archived year keeps its classes, results and marks as
//! they were (results and marks remember their class); its procedures are closed, so an edit
//! that arrives from a tablet afterwards waits for the deputy instead of changing history.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};

use crate::entity::{
    academic_year, class, procedure, role_assignment, student, teaching_assignment, term,
};
use crate::platform::audit;
use crate::platform::request::Request;
use crate::school::this_year;
use crate::school_year;
use domain::error::AppError;
use domain::policy::Role;
use domain::wire::school_year::{ClassStep, YearTransition};

/// The last grade level: its students leave school when the year ends.
const LAST_GRADE: i16 = 11;

struct Plan {
    year: academic_year::Model,
    opens_on: NaiveDate,
    /// This year's classes with the number of students still at school.
    classes: Vec<(class::Model, u32)>,
}

impl Plan {
    fn next_start(&self) -> i32 {
        school_year::start_of(self.year.starts_on) + 1
    }

    fn view(&self, today: NaiveDate) -> YearTransition {
        let next = self.next_start();
        YearTransition {
            from: self.year.name.clone(),
            to: format!("{next}/{}", next + 1),
            opens_on: self.opens_on.format("%d.%m.%Y").to_string(),
            open: today >= self.opens_on,
            classes: self
                .classes
                .iter()
                .map(|(c, students)| ClassStep {
                    from: c.name(),
                    to: (c.grade < LAST_GRADE).then(|| format!("{}{}", c.grade + 1, c.letter)),
                    students: *students,
                })
                .collect(),
        }
    }
}

async fn plan(db: &impl ConnectionTrait, school_id: i32) -> Result<Plan, AppError> {
    let year = this_year(db, school_id).await?;
    let last_term = term::Entity::find()
        .filter(term::Column::AcademicYearId.eq(year.id))
        .order_by_desc(term::Column::Number)
        .one(db)
        .await?;
    let opens_on = last_term.map_or(year.ends_on, |t| t.ends_on);
    let classes = crate::school::classes::of_year(db, year.id).await?;
    let mut counts: BTreeMap<i32, u32> = BTreeMap::new();
    for s in student::Entity::find()
        .filter(student::Column::ClassId.is_in(classes.iter().map(|c| c.id)))
        .filter(student::Column::LeftOn.is_null())
        .all(db)
        .await?
    {
        *counts.entry(s.class_id).or_default() += 1;
    }
    Ok(Plan {
        year,
        opens_on,
        classes: classes
            .into_iter()
            .map(|c| {
                let n = counts.get(&c.id).copied().unwrap_or(0);
                (c, n)
            })
            .collect(),
    })
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

pub async fn preview() -> Result<YearTransition, AppError> {
    let req = Request::current()?;
    let (_, school_id) = req.structure_editor().await?;
    Ok(plan(&req.db, school_id).await?.view(today()))
}

pub async fn start() -> Result<YearTransition, AppError> {
    let req = Request::current()?;
    let (who, school_id) = req.structure_editor().await?;
    let txn = req.db.begin().await?;
    let plan = plan(&txn, school_id).await?;
    let done = plan.view(today());
    if !done.open {
        return Err(AppError::invalid(format!(
            "Учебный год {} ещё идёт: перевести школу на следующий год можно с {}.",
            done.from, done.opens_on
        )));
    }
    // Archived first, and only if nobody archived it meanwhile: a second click, or a second
    // deputy at the same moment, finds nothing to archive and stops here.
    let archived = academic_year::Entity::update_many()
        .col_expr(academic_year::Column::Archived, Expr::value(true))
        .filter(academic_year::Column::Id.eq(plan.year.id))
        .filter(academic_year::Column::Archived.eq(false))
        .exec(&txn)
        .await?;
    if archived.rows_affected != 1 {
        return Err(AppError::invalid(format!(
            "Учебный год {} уже переведён в архив.",
            done.from
        )));
    }
    let taken = academic_year::Entity::find()
        .filter(academic_year::Column::SchoolId.eq(school_id))
        .filter(academic_year::Column::Name.eq(&done.to))
        .one(&txn)
        .await?;
    if taken.is_some() {
        return Err(AppError::invalid(format!(
            "Учебный год {} в школе уже есть.",
            done.to
        )));
    }
    let (next, _) = school_year::create(&txn, school_id, plan.next_start(), false).await?;
    for (old, _) in &plan.classes {
        if old.grade >= LAST_GRADE {
            role_assignment::Entity::delete_many()
                .filter(role_assignment::Column::ClassId.eq(old.id))
                .filter(role_assignment::Column::Role.eq(Role::ClassTeacher.code()))
                .exec(&txn)
                .await?;
            student::Entity::update_many()
                .col_expr(student::Column::LeftOn, Expr::value(plan.year.ends_on))
                .filter(student::Column::ClassId.eq(old.id))
                .filter(student::Column::LeftOn.is_null())
                .exec(&txn)
                .await?;
            continue;
        }
        let new = class::ActiveModel {
            school_id: Set(school_id),
            academic_year_id: Set(next.id),
            grade: Set(old.grade + 1),
            letter: Set(old.letter.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        carry_class(&txn, old.id, new.id).await?;
    }
    procedure::Entity::update_many()
        .col_expr(procedure::Column::ClosedAt, Expr::value(Utc::now()))
        .filter(procedure::Column::AcademicYearId.eq(plan.year.id))
        .filter(procedure::Column::ClosedAt.is_null())
        .exec(&txn)
        .await?;
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(plan.year.id.to_string()),
            old_value: Some(done.from.clone()),
            new_value: Some(format!(
                "{}: переведено {}, выпущено {}",
                done.to,
                done.promoted(),
                done.leaving()
            )),
            ..req.entry(who.account_id, "archive", "academic_year")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(done)
}

/// Moves a class's students, class teacher and teaching assignments to next year's class.
async fn carry_class(db: &impl ConnectionTrait, old: i32, new: i32) -> Result<(), AppError> {
    student::Entity::update_many()
        .col_expr(student::Column::ClassId, Expr::value(new))
        .filter(student::Column::ClassId.eq(old))
        .filter(student::Column::LeftOn.is_null())
        .exec(db)
        .await?;
    role_assignment::Entity::update_many()
        .col_expr(role_assignment::Column::ClassId, Expr::value(new))
        .filter(role_assignment::Column::ClassId.eq(old))
        .filter(role_assignment::Column::Role.eq(Role::ClassTeacher.code()))
        .exec(db)
        .await?;
    let teaching = teaching_assignment::Entity::find()
        .filter(teaching_assignment::Column::ClassId.eq(old))
        .all(db)
        .await?;
    if !teaching.is_empty() {
        teaching_assignment::Entity::insert_many(teaching.into_iter().map(|t| {
            teaching_assignment::ActiveModel {
                account_id: Set(t.account_id),
                class_id: Set(new),
                subject_id: Set(t.subject_id),
                ..Default::default()
            }
        }))
        .exec(db)
        .await?;
    }
    Ok(())
}
