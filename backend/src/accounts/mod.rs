//! The administrator's account list and account creation. Roles are given and taken back in
//! [`crate::accounts::grant`].

pub mod grant;
pub mod store;

use std::collections::BTreeMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};

use crate::accounts::store as accounts;
use crate::accounts::store::AccountError;
use crate::entity::{account, class, role_assignment, session, subject_group};
use crate::platform::audit;
use crate::platform::request::Request;
use crate::school::current_year;
use domain::error::AppError;
use domain::policy::{Action, Principal, Resource, Role};
use domain::wire::accounts::{AccountList, AccountRow, GrantRow, GIVEN_ON_CREATION};
use domain::wire::school::ClassChoice;
use domain::wire::staffing::Choice;

pub(super) async fn admin_school(req: &Request) -> Result<(Principal, i32), AppError> {
    let who = req.principal().await?;
    req.authorize(&who, Action::View, Resource::Accounts)
        .await?;
    let school_id = who
        .grants
        .iter()
        .find(|g| g.role == Role::Admin)
        .and_then(|g| g.school_id)
        .ok_or(AppError::Forbidden)?;
    Ok((who, school_id))
}

/// See `api::accounts::list_accounts`: everyone with a role in the school.
pub async fn list() -> Result<AccountList, AppError> {
    let req = Request::current()?;
    let (_, school_id) = admin_school(&req).await?;
    let db = &req.db;
    let grants = role_assignment::Entity::find()
        .filter(role_assignment::Column::SchoolId.eq(school_id))
        .order_by_asc(role_assignment::Column::Id)
        .all(db)
        .await?;
    let classes: BTreeMap<i32, String> = class::Entity::find()
        .filter(class::Column::SchoolId.eq(school_id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name()))
        .collect();
    let groups: BTreeMap<i32, String> = subject_group::Entity::find()
        .filter(subject_group::Column::SchoolId.eq(school_id))
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, g.name))
        .collect();
    let mut roles: BTreeMap<i32, Vec<GrantRow>> = BTreeMap::new();
    for g in &grants {
        let Some(role) = Role::from_code(&g.role) else {
            continue;
        };
        let scope = match (g.class_id, g.subject_group_id, g.grade) {
            (Some(id), _, _) => classes.get(&id).cloned(),
            (_, Some(id), _) => groups.get(&id).map(|n| format!("({n})")),
            (_, _, Some(grade)) => Some(format!("({grade}-е классы)")),
            _ => None,
        };
        let title = match scope {
            Some(scope) => format!("{} {scope}", role.title()),
            None => role.title().to_string(),
        };
        roles
            .entry(g.account_id)
            .or_default()
            .push(GrantRow { id: g.id, title });
    }
    let mut rows: Vec<AccountRow> = account::Entity::find()
        .filter(account::Column::Id.is_in(roles.keys().copied().collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|a| AccountRow {
            id: a.id,
            grants: roles.remove(&a.id).unwrap_or_default(),
            username: a.username,
            full_name: a.full_name,
        })
        .collect();
    rows.sort_by(|a, b| a.full_name.cmp(&b.full_name));
    let this_year = current_year(db, school_id).await?.map(|y| y.id);
    let classes: Vec<ClassChoice> = class::Entity::find()
        .filter(class::Column::SchoolId.eq(school_id))
        .filter(class::Column::AcademicYearId.eq(this_year.unwrap_or(-1)))
        .order_by_asc(class::Column::Grade)
        .order_by_asc(class::Column::Letter)
        .all(db)
        .await?
        .into_iter()
        .map(|c| ClassChoice {
            id: c.id,
            name: c.name(),
        })
        .collect();
    Ok(AccountList {
        rows,
        classes,
        groups: groups
            .into_iter()
            .map(|(id, name)| Choice { id, name })
            .collect(),
    })
}

/// See `api::accounts::create_account`.
pub async fn create(
    username: String,
    full_name: String,
    password: String,
    role: Role,
) -> Result<AccountRow, AppError> {
    let req = Request::current()?;
    let (who, school_id) = admin_school(&req).await?;
    req.authorize(&who, Action::Edit, Resource::Accounts)
        .await?;
    if !GIVEN_ON_CREATION.contains(&role) {
        return Err(AppError::invalid(
            "Эту роль назначают на экране настройки школы.",
        ));
    }
    let txn = req.db.begin().await?;
    let created = accounts::add(&txn, &username, &full_name, &password)
        .await
        .map_err(|e| match e {
            AccountError::Database(e) => AppError::from(e),
            other => AppError::Invalid(other.to_string()),
        })?;
    let grant = role_assignment::Entity::insert(role_assignment::ActiveModel {
        account_id: Set(created.id),
        role: Set(role.code().into()),
        school_id: Set(Some(school_id)),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(created.id.to_string()),
            new_value: Some(format!("{} ({})", created.username, role.code())),
            ..req.entry(who.account_id, "create", "account")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(AccountRow {
        id: created.id,
        username: created.username,
        full_name: created.full_name,
        grants: vec![GrantRow {
            id: grant.last_insert_id,
            title: role.title().to_string(),
        }],
    })
}

/// See `api::accounts::set_password`. Only for someone whose every role is in
/// the administrator's school: another school's administrator answers for the rest.
pub async fn set_password(account_id: i32, password: String) -> Result<(), AppError> {
    let req = Request::current()?;
    let (who, school_id) = admin_school(&req).await?;
    req.authorize(&who, Action::Edit, Resource::Accounts)
        .await?;
    if account_id == who.account_id {
        return Err(AppError::invalid(
            "Свой пароль меняйте на странице профиля.",
        ));
    }
    let grants = role_assignment::Entity::find()
        .filter(role_assignment::Column::AccountId.eq(account_id))
        .all(&req.db)
        .await?;
    if grants.is_empty() || grants.iter().any(|g| g.school_id != Some(school_id)) {
        return Err(AppError::invalid(
            "Пароль этого сотрудника меняет не администратор вашей школы.",
        ));
    }
    let hash = accounts::hash_password(&password).map_err(|e| AppError::Invalid(e.to_string()))?;
    let found = account::Entity::find_by_id(account_id)
        .one(&req.db)
        .await?
        .ok_or_else(|| AppError::invalid("Такой учётной записи нет."))?;
    let txn = req.db.begin().await?;
    let mut row = found.into_active_model();
    row.password_hash = Set(hash);
    row.update(&txn).await?;
    session::Entity::delete_many()
        .filter(session::Column::AccountId.eq(account_id))
        .exec(&txn)
        .await?;
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(account_id.to_string()),
            ..req.entry(who.account_id, "set_password", "account")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
