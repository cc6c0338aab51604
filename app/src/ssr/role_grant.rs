//! See [`crate::functions::accounts::grant_role`] and [`crate::functions::accounts::revoke_role`].
//! Every id must be of the administrator's school (a class of its current year); a refused
//! request changes nothing. The school always keeps an administrator, and every person keeps
//! at least one role in it, so nobody drops out of the administrator's list by accident.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set, TransactionTrait,
};

use super::accounts::admin_school;
use super::entity::{class, role_assignment, subject_group, teaching_assignment};
use super::request::Request;
use super::{audit, people, school::current_year};
use crate::error::AppError;
use crate::functions::accounts::{scope_of, Scope, GIVEN_BY_SCHOOL};
use crate::policy::{Action, Resource, Role};

fn invalid(text: impl Into<String>) -> AppError {
    AppError::Invalid(text.into())
}

pub async fn grant(
    account_id: i32,
    role: Role,
    grade: Option<i16>,
    subject_group_id: Option<i32>,
    class_id: Option<i32>,
) -> Result<(), AppError> {
    let req = Request::current()?;
    let (who, school_id) = admin_school(&req).await?;
    req.authorize(&who, Action::Edit, Resource::Accounts)
        .await?;
    if !GIVEN_BY_SCHOOL.contains(&role) {
        return Err(invalid(
            "Роль специалиста управления образования назначает муниципалитет.",
        ));
    }
    let scope = scope_of(role, grade, subject_group_id, class_id).map_err(AppError::Invalid)?;
    let db = &req.db;
    let held = role_assignment::Entity::find()
        .filter(role_assignment::Column::AccountId.eq(account_id))
        .filter(role_assignment::Column::SchoolId.eq(school_id))
        .all(db)
        .await?;
    if held.is_empty() {
        return Err(invalid("Такого сотрудника в школе нет."));
    }
    let (mut grade, mut group, mut class_id) = (None, None, None);
    let scope_name = match scope {
        Scope::School => None,
        Scope::Grade(g) => {
            grade = Some(g);
            Some(format!("{g}-е классы"))
        }
        Scope::Group(id) => {
            let found = subject_group::Entity::find_by_id(id)
                .one(db)
                .await?
                .filter(|g| g.school_id == school_id)
                .ok_or_else(|| invalid("Такого МО в школе нет."))?;
            let head = role_assignment::Entity::find()
                .filter(role_assignment::Column::Role.eq(Role::MoHead.code()))
                .filter(role_assignment::Column::SubjectGroupId.eq(id))
                .one(db)
                .await?;
            if let Some(head) = head.filter(|h| h.account_id != account_id) {
                let names = people::names(db, [head.account_id]).await?;
                return Err(invalid(format!(
                    "У МО «{}» уже есть руководитель: {}. Сначала снимите с него эту роль.",
                    found.name,
                    names.get(&head.account_id).cloned().unwrap_or_default()
                )));
            }
            group = Some(id);
            Some(found.name)
        }
        Scope::Class(id) => {
            let year = current_year(db, school_id).await?.map(|y| y.id);
            let class = class::Entity::find_by_id(id)
                .one(db)
                .await?
                .filter(|c| c.school_id == school_id && Some(c.academic_year_id) == year)
                .ok_or_else(|| invalid("Такого класса в текущем учебном году нет."))?;
            let leader = role_assignment::Entity::find()
                .filter(role_assignment::Column::Role.eq(Role::ClassTeacher.code()))
                .filter(role_assignment::Column::ClassId.eq(id))
                .one(db)
                .await?;
            if let Some(leader) = leader.filter(|l| l.account_id != account_id) {
                let names = people::names(db, [leader.account_id]).await?;
                return Err(invalid(format!(
                    "У {} уже есть классный руководитель: {}. Сменить его можно на экране «Учебная нагрузка».",
                    class.name(),
                    names.get(&leader.account_id).cloned().unwrap_or_default()
                )));
            }
            class_id = Some(id);
            Some(class.name())
        }
    };
    let same = held.iter().any(|g| {
        g.role == role.code()
            && g.grade == grade
            && g.subject_group_id == group
            && g.class_id == class_id
    });
    if same {
        return Err(invalid("У сотрудника уже есть эта роль."));
    }
    let row = role_assignment::ActiveModel {
        account_id: Set(account_id),
        role: Set(role.code().into()),
        school_id: Set(Some(school_id)),
        grade: Set(grade),
        subject_group_id: Set(group),
        class_id: Set(class_id),
        ..Default::default()
    };
    let txn = db.begin().await?;
    let stored = row.insert(&txn).await?;
    let what = match scope_name {
        Some(scope) => format!("{account_id}: {} ({scope})", role.code()),
        None => format!("{account_id}: {}", role.code()),
    };
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(stored.id.to_string()),
            new_value: Some(what),
            ..req.entry(who.account_id, "grant", "role_assignment")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn revoke(grant_id: i32) -> Result<(), AppError> {
    let req = Request::current()?;
    let (who, school_id) = admin_school(&req).await?;
    req.authorize(&who, Action::Edit, Resource::Accounts)
        .await?;
    let db = &req.db;
    let grant = role_assignment::Entity::find_by_id(grant_id)
        .one(db)
        .await?
        .filter(|g| g.school_id == Some(school_id))
        .ok_or_else(|| invalid("Такой роли в школе нет."))?;
    let of_school = |role: Option<&str>| {
        let mut q =
            role_assignment::Entity::find().filter(role_assignment::Column::SchoolId.eq(school_id));
        if let Some(role) = role {
            q = q.filter(role_assignment::Column::Role.eq(role));
        }
        q
    };
    if grant.role == Role::Admin.code() && of_school(Some(Role::Admin.code())).count(db).await? < 2
    {
        return Err(invalid(
            "Это единственный администратор школы: сначала назначьте другого.",
        ));
    }
    if grant.role == Role::Teacher.code() {
        let year = current_year(db, school_id).await?.map(|y| y.id);
        let classes = class::Entity::find()
            .filter(class::Column::SchoolId.eq(school_id))
            .filter(class::Column::AcademicYearId.eq(year.unwrap_or(-1)))
            .all(db)
            .await?
            .into_iter()
            .map(|c| c.id);
        let teaching = teaching_assignment::Entity::find()
            .filter(teaching_assignment::Column::AccountId.eq(grant.account_id))
            .filter(teaching_assignment::Column::ClassId.is_in(classes))
            .count(db)
            .await?;
        if teaching > 0 {
            return Err(invalid(format!(
                "Учитель ведёт предметы в этом году (назначений: {teaching}): сначала снимите их на экране «Учебная нагрузка»."
            )));
        }
    }
    let roles_held = of_school(None)
        .filter(role_assignment::Column::AccountId.eq(grant.account_id))
        .count(db)
        .await?;
    if roles_held < 2 {
        return Err(invalid(
            "Это единственная роль сотрудника в школе: сначала назначьте другую.",
        ));
    }
    let txn = db.begin().await?;
    role_assignment::Entity::delete_by_id(grant.id)
        .exec(&txn)
        .await?;
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(grant.id.to_string()),
            old_value: Some(format!("{}: {}", grant.account_id, grant.role)),
            ..req.entry(who.account_id, "revoke", "role_assignment")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
