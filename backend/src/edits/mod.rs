//! Applying an edit made on a device, whatever it edits: a result cell (`result`) or a plan
//! measure's progress (`measure`). The sync protocol (`crate::sync`) hands each mutation here.

pub mod measure;
pub mod result;

use crate::platform::audit;
use crate::sync::Origin;
use domain::policy::Principal;
use domain::sync::Outcome;

/// Who makes the edit, from where, and what they had seen.
pub struct Edit<'a> {
    pub who: &'a Principal,
    pub origin: &'a Origin,
    pub device_id: &'a str,
    pub mutation_id: &'a str,
    pub base: Option<i64>,
    /// The deputy approved this edit after the procedure was closed.
    pub approved: bool,
    /// It comes from a file the deputy or director loaded for the whole procedure (a ФИС ОКО
    /// report), her right to it checked once for the file rather than per class and subject.
    pub imported: bool,
}

/// An edit refused, with the Russian reason the device shows in «требует внимания».
fn rejected(reason: &str) -> Outcome {
    Outcome::Rejected(reason.to_string())
}

/// The audit entry of an edit: its author, and the device and address it came from.
fn entry<'a>(edit: &Edit<'_>, entity: &'a str, entity_id: Option<String>) -> audit::Entry<'a> {
    let device = match &edit.origin.user_agent {
        Some(agent) => format!("{} ({agent})", edit.device_id),
        None => edit.device_id.to_string(),
    };
    audit::Entry {
        entity_id,
        ..audit::Entry::new(
            Some(edit.who.account_id),
            edit.origin.address.clone(),
            Some(device),
            "edit",
            entity,
        )
    }
}
