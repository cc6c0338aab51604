//! The mutations of «Мои мероприятия»: a teacher moves her measure on and writes what was done,
//! in class and offline. Notes are append-only and never conflict; a status change names the
//! status it started from, and is refused with the current status when the measure has moved.

use serde::{Deserialize, Serialize};

use crate::plan::MeasureStatus;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusSet {
    pub measure_id: i32,
    pub from: MeasureStatus,
    pub to: MeasureStatus,
    /// Required when cancelling.
    pub reason: Option<String>,
}

impl StatusSet {
    pub const KIND: &'static str = "measure.status@1";
}

/// A dated progress note; `note_id` is made by the device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteAdd {
    pub measure_id: i32,
    pub note_id: String,
    pub text: String,
}

impl NoteAdd {
    pub const KIND: &'static str = "measure.note@1";
}

/// A link given as evidence (an uploaded file needs the network and goes straight to the server).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkAdd {
    pub measure_id: i32,
    pub evidence_id: String,
    pub title: String,
    pub url: String,
}

impl LinkAdd {
    pub const KIND: &'static str = "measure.link@1";
}

/// A photo as evidence, taken in class: scaled down on the device (a JPEG of a few hundred KB),
/// so it waits in the outbox like any other edit until the network returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoAdd {
    pub measure_id: i32,
    pub evidence_id: String,
    pub name: String,
    pub content_base64: String,
}

impl PhotoAdd {
    pub const KIND: &'static str = "measure.photo@1";
}
