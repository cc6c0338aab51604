//! The director's check on the administrator: every role given, account made and password set
//! anew in the school, read back from the audit log. The administrator sees no children's data
//! and cannot give himself a role, but he makes the accounts that do; this list is how the
//! director learns of each one.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::entity::{audit_log, role_assignment};
use crate::platform::people;
use crate::platform::request::Request;
use domain::error::AppError;
use domain::policy::{Action, Resource, Role};
use domain::wire::dashboard::{AccessEvent, AccessReview};

/// How far back the director's list goes; the dashboard counts the last [`RECENT_DAYS`].
pub const DAYS: u32 = 90;
pub const RECENT_DAYS: u32 = 30;

pub async fn review() -> Result<AccessReview, AppError> {
    let (req, _, school_id) =
        Request::school_access(Action::View, |school_id| Resource::AccessLog { school_id }).await?;
    Ok(AccessReview {
        days: DAYS,
        events: events(&req.db, school_id, DAYS).await?,
    })
}

/// A role's own words, «?» for a code Mera no longer knows.
fn role_title(code: &str) -> String {
    Role::from_code(code).map_or_else(|| code.to_string(), |r| r.title().to_string())
}

fn sees_children(code: &str) -> bool {
    Role::from_code(code).is_some_and(|r| r.is_school_staff())
}

/// The school's access events of the last `days` days, newest first.
pub async fn events(
    db: &impl ConnectionTrait,
    school_id: i32,
    days: u32,
) -> Result<Vec<AccessEvent>, DbErr> {
    let staff: BTreeSet<i32> = role_assignment::Entity::find()
        .filter(role_assignment::Column::SchoolId.eq(school_id))
        .all(db)
        .await?
        .into_iter()
        .map(|g| g.account_id)
        .collect();
    let since = Utc::now() - Duration::days(i64::from(days));
    let rows = audit_log::Entity::find()
        .filter(audit_log::Column::Outcome.eq("ok"))
        .filter(audit_log::Column::At.gte(since))
        .filter(audit_log::Column::Action.is_in(["grant", "create", "set_password"]))
        .filter(audit_log::Column::Entity.is_in(["role_assignment", "account"]))
        .filter(audit_log::Column::AccountId.is_in(staff.iter().copied()))
        .order_by_desc(audit_log::Column::At)
        .all(db)
        .await?;
    // (row, the person it was done to, the role code, its scope)
    let parsed: Vec<(audit_log::Model, i32, Option<String>, Option<String>)> = rows
        .into_iter()
        .filter_map(|row| {
            let (person, role, scope) = subject_of(&row)?;
            Some((row, person, role, scope))
        })
        .collect();
    let ids = parsed
        .iter()
        .flat_map(|(row, person, _, _)| [row.account_id.unwrap_or(0), *person]);
    let names = people::names(db, ids).await?;
    let held: BTreeMap<i32, Vec<String>> = role_assignment::Entity::find()
        .filter(role_assignment::Column::AccountId.is_in(parsed.iter().map(|p| p.1)))
        .all(db)
        .await?
        .into_iter()
        .fold(BTreeMap::new(), |mut m, g| {
            m.entry(g.account_id).or_insert_with(Vec::new).push(g.role);
            m
        });
    let name = |id: i32| names.get(&id).cloned().unwrap_or_else(|| format!("№ {id}"));
    Ok(parsed
        .into_iter()
        .map(|(row, person, role, scope)| {
            let scoped = |title: String| match &scope {
                Some(scope) => format!("{title} ({scope})"),
                None => title,
            };
            let (what, sees) = match (row.action.as_str(), &role) {
                ("grant", Some(code)) => (
                    format!("Назначена роль: {}", scoped(role_title(code))),
                    sees_children(code),
                ),
                ("create", Some(code)) => (
                    format!("Создана учётная запись с ролью: {}", role_title(code)),
                    sees_children(code),
                ),
                _ => (
                    "Задан новый пароль (вход под этой учётной записью)".to_string(),
                    held.get(&person)
                        .is_some_and(|roles| roles.iter().any(|r| sees_children(r))),
                ),
            };
            AccessEvent {
                at: row.at.to_rfc3339(),
                by: row.account_id.map(name).unwrap_or_default(),
                person: name(person),
                what,
                sees_children: sees,
            }
        })
        .collect())
}

/// Whom an audit row is about, and the role and scope it gave, in the forms `accounts::grant`
/// (`"{account}: {role} ({scope})"`) and `accounts` (`"{username} ({role})"`) write.
fn subject_of(row: &audit_log::Model) -> Option<(i32, Option<String>, Option<String>)> {
    match row.action.as_str() {
        "grant" => {
            let value = row.new_value.as_deref()?;
            let (person, rest) = value.split_once(": ")?;
            let (role, scope) = match rest.split_once(" (") {
                Some((role, scope)) => (role, Some(scope.trim_end_matches(')').to_string())),
                None => (rest, None),
            };
            Some((person.parse().ok()?, Some(role.to_string()), scope))
        }
        "create" => {
            let person = row.entity_id.as_deref()?.parse().ok()?;
            let role = row
                .new_value
                .as_deref()
                .and_then(|v| v.rsplit_once(" ("))
                .map(|(_, r)| r.trim_end_matches(')').to_string());
            Some((person, role, None))
        }
        _ => Some((row.entity_id.as_deref()?.parse().ok()?, None, None)),
    }
}
