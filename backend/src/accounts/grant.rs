//! See `api::accounts::grant_role` and `api::accounts::revoke_role`.
//! Every id must be of the administrator's school (a class of its current year); a refused
//! request changes nothing. The school always keeps an administrator, and every person keeps
//! at least one role in it, so nobody drops out of the administrator's list by accident.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
    TransactionTrait,
};

use crate::accounts::admin_school;
use crate::entity::{class, role_assignment, subject_group, teaching_assignment};
use crate::platform::request::Request;
use crate::platform::{audit, people};
use crate::school::current_year;
use domain::error::AppError;
use domain::policy::{Action, Resource, Role};
use domain::wire::accounts::{scope_of, Scope};

/// The name of whoever else holds `role` for this МО or class: each has only one head.
async fn other_holder(
    db: &impl ConnectionTrait,
    role: Role,
    scope: role_assignment::Column,
    id: i32,
    account_id: i32,
) -> Result<Option<String>, AppError> {
    let holder = role_assignment::Entity::find()
        .filter(role_assignment::Column::Role.eq(role.code()))
        .filter(scope.eq(id))
        .filter(role_assignment::Column::AccountId.ne(account_id))
        .one(db)
        .await?;
    let Some(holder) = holder else {
        return Ok(None);
    };
    let names = people::names(db, [holder.account_id]).await?;
    Ok(Some(
        names.get(&holder.account_id).cloned().unwrap_or_default(),
    ))
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
    // The administrator sees no children's data; a role he gave himself would. Every role is
    // given by one person to another, and the director reads each grant (dashboard/access).
    if account_id == who.account_id {
        return Err(AppError::invalid(
            "Роль нельзя назначить самому себе: её назначает другой администратор школы.",
        ));
    }
    let scope = scope_of(role, grade, subject_group_id, class_id).map_err(AppError::invalid)?;
    let db = &req.db;
    let held = role_assignment::Entity::find()
        .filter(role_assignment::Column::AccountId.eq(account_id))
        .filter(role_assignment::Column::SchoolId.eq(school_id))
        .all(db)
        .await?;
    if held.is_empty() {
        return Err(AppError::invalid("Такого сотрудника в школе нет."));
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
                .ok_or_else(|| AppError::invalid("Такого МО в школе нет."))?;
            let column = role_assignment::Column::SubjectGroupId;
            if let Some(head) = other_holder(db, Role::MoHead, column, id, account_id).await? {
                return Err(AppError::invalid(format!(
                    "У МО «{}» уже есть руководитель: {head}. Сначала снимите с него эту роль.",
                    found.name
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
                .ok_or_else(|| AppError::invalid("Такого класса в текущем учебном году нет."))?;
            let column = role_assignment::Column::ClassId;
            if let Some(leader) =
                other_holder(db, Role::ClassTeacher, column, id, account_id).await?
            {
                return Err(AppError::invalid(format!(
                    "У {} уже есть классный руководитель: {leader}. Сменить его можно на экране «Учебная нагрузка».",
                    class.name()
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
        return Err(AppError::invalid("У сотрудника уже есть эта роль."));
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
        .ok_or_else(|| AppError::invalid("Такой роли в школе нет."))?;
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
        return Err(AppError::invalid(
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
            return Err(AppError::invalid(format!(
                "Учитель ведёт предметы в этом году (назначений: {teaching}): сначала снимите их на экране «Учебная нагрузка»."
            )));
        }
    }
    let roles_held = of_school(None)
        .filter(role_assignment::Column::AccountId.eq(grant.account_id))
        .count(db)
        .await?;
    if roles_held < 2 {
        return Err(AppError::invalid(
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
