//! Where journal figures come from: the latest load of the school's journal files.

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::entity::{account, journal_import};
use domain::wire::journal_import::Provenance;

/// The latest load of the school's journal, said as a screen shows it.
pub async fn provenance(
    db: &impl ConnectionTrait,
    school_id: i32,
) -> Result<Option<Provenance>, DbErr> {
    let Some(load) = journal_import::Entity::find()
        .filter(journal_import::Column::SchoolId.eq(school_id))
        .order_by_desc(journal_import::Column::LoadedAt)
        .order_by_desc(journal_import::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let by = match load.account_id {
        Some(id) => signature(db, id).await?,
        None => String::new(),
    };
    let names: Vec<&str> = load.files.lines().collect();
    let files = match names.as_slice() {
        [one] => format!("файл {one}"),
        [a, b] => format!("файлы {a}, {b}"),
        [a, b, ..] => format!(
            "{}: {a}, {b}, …",
            domain::format::count(names.len() as u32, "файл", "файла", "файлов")
        ),
        [] => "файл".into(),
    };
    let zone = crate::entity::school::Entity::find_by_id(school_id)
        .one(db)
        .await?
        .map(|s| s.timezone)
        .unwrap_or_default();
    let local = load.loaded_at
        + chrono::Duration::minutes(
            domain::plan::deadline::utc_offset_minutes(&zone)
                .unwrap_or(0)
                .into(),
        );
    Ok(Some(Provenance {
        files,
        loaded_at: local.format("%d.%m.%Y в %H:%M").to_string(),
        by,
        summary: load.summary,
    }))
}

/// The account's name as a signature under a figure, «Петрова А. И.».
pub(super) async fn signature(db: &impl ConnectionTrait, account_id: i32) -> Result<String, DbErr> {
    Ok(account::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .map(|a| initials(&a.full_name))
        .unwrap_or_default())
}

/// «Петрова Анна Ивановна» → «Петрова А. И.».
fn initials(full_name: &str) -> String {
    let mut words = full_name.split_whitespace();
    let Some(last) = words.next() else {
        return String::new();
    };
    let rest: Vec<String> = words
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{c}."))
        .collect();
    if rest.is_empty() {
        last.to_string()
    } else {
        format!("{last} {}", rest.join(" "))
    }
}
