//! The user's data on this device, in local storage, one key per thing and per user so a shared
//! tablet keeps each person's outbox apart. The outbox and the edits it holds are one value: an
//! edit is saved with its outbox entry in one write, or not at all. Local storage (not IndexedDB)
//! is enough for what a teacher keeps: a cell edit is ~200 bytes, a whole class sheet ~30 KB.

use gloo_storage::{LocalStorage, Storage};
use serde::de::DeserializeOwned;
use serde::Serialize;

use api::result_sheet::{ProcedureItem, ResultSheet};
use domain::sync::outbox::DeviceState;
use domain::sync::replica;
use domain::sync::ResultRecord;

/// Said when the browser refuses to store: full, or storage switched off.
pub const FULL: &str = "Память устройства заполнена или недоступна: новое не сохраняется. \
    Введённое остаётся на экране — синхронизируйте или сохраните файл, прежде чем продолжать.";

fn key(user: &str, what: &str) -> String {
    format!("mera.{what}.{user}")
}

fn save<T: Serialize>(key: &str, value: &T) -> Result<(), String> {
    LocalStorage::set(key, value).map_err(|_| FULL.to_string())
}

fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    LocalStorage::get(key).ok()
}

pub fn state(user: &str) -> DeviceState {
    load(&key(user, "sync")).unwrap_or_default()
}

pub fn save_state(user: &str, state: &DeviceState) -> Result<(), String> {
    save(&key(user, "sync"), state)
}

/// A list a screen needs offline («Работы», «Мои классы», «Мои мероприятия»), as last fetched.
pub const PROCEDURES: &str = "procedures";
pub const CLASSES: &str = "classes";
pub const MEASURES: &str = "measures";

pub fn kept<T: DeserializeOwned>(user: &str, what: &str) -> Option<T> {
    load(&key(user, what))
}

pub fn keep<T: Serialize>(user: &str, what: &str, value: &T) -> Result<(), String> {
    save(&key(user, what), value)
}

pub fn procedures(user: &str) -> Option<Vec<ProcedureItem>> {
    kept(user, PROCEDURES)
}

pub fn save_procedures(user: &str, list: &[ProcedureItem]) -> Result<(), String> {
    keep(user, PROCEDURES, &list)
}

fn sheet_key(user: &str, procedure_id: i32) -> String {
    key(user, &format!("sheet.{procedure_id}"))
}

pub fn sheet(user: &str, procedure_id: i32) -> Option<ResultSheet> {
    load(&sheet_key(user, procedure_id))
}

/// The procedures whose sheets are kept on the device.
fn sheet_ids(user: &str) -> Vec<i32> {
    load(&key(user, "sheets")).unwrap_or_default()
}

pub fn save_sheet(user: &str, sheet: &ResultSheet) -> Result<(), String> {
    save(&sheet_key(user, sheet.procedure_id), sheet)?;
    let mut ids = sheet_ids(user);
    if !ids.contains(&sheet.procedure_id) {
        ids.push(sheet.procedure_id);
        save(&key(user, "sheets"), &ids)?;
    }
    Ok(())
}

pub fn forget_sheet(user: &str, procedure_id: i32) {
    LocalStorage::delete(sheet_key(user, procedure_id));
    let mut ids = sheet_ids(user);
    ids.retain(|id| *id != procedure_id);
    let _ = save(&key(user, "sheets"), &ids);
}

/// Procedures a pull said were made, changed or cancelled, whose sheets are still to fetch:
/// kept until fetched, so a network cut between the pull and the fetch loses none.
pub fn papers_to_fetch(user: &str) -> Vec<i32> {
    load(&key(user, "papers")).unwrap_or_default()
}

pub fn save_papers_to_fetch(user: &str, ids: &[i32]) -> Result<(), String> {
    save(&key(user, "papers"), &ids)
}

/// Puts pulled changes into the sheets kept on the device.
pub fn apply_changes(user: &str, changes: &[ResultRecord]) -> Result<(), String> {
    if changes.is_empty() {
        return Ok(());
    }
    for id in sheet_ids(user) {
        if let Some(mut sheet) = sheet(user, id) {
            if replica::apply_changes(&mut sheet, changes) {
                save(&sheet_key(user, id), &sheet)?;
            }
        }
    }
    Ok(())
}

/// Removes everything of this user from the device (signing out).
pub fn forget(user: &str) {
    for id in sheet_ids(user) {
        LocalStorage::delete(sheet_key(user, id));
    }
    for what in ["sheets", PROCEDURES, CLASSES, MEASURES, "sync", "papers"] {
        LocalStorage::delete(key(user, what));
    }
}
