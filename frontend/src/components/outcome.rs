//! How the last request on a screen ended: a line under its form, green or red.

use leptos::prelude::*;

use domain::error::AppError;

/// (succeeded, what to say).
pub type Outcome = RwSignal<Option<(bool, String)>>;

/// Records how a request ended: `text` on success, the server's reason otherwise. Answers
/// whether it succeeded, so the caller reloads what changed.
pub fn settle(outcome: Outcome, answer: Result<(), AppError>, text: String) -> bool {
    let ok = answer.is_ok();
    outcome.set(Some(match answer {
        Ok(()) => (true, text),
        Err(err) => (false, err.to_string()),
    }));
    ok
}
