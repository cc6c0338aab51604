//! Runs the sync protocol from the browser: on start, when the network returns, every minute
//! while online, and on the button; and tells the header what is saved, waiting and synced.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::device::signed_in::{use_signed_in, SignedIn};
use crate::device::store;
use api::result_sheet::{load_result_sheet, my_procedures};
use api::sync::synchronize;
use domain::error::AppError;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// How the last attempt ended.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Phase {
    #[default]
    Idle,
    Syncing,
    NoNetwork,
    NeedsLogin,
    Failed(String),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    pub pending: usize,
    pub attention: usize,
    /// Device time (ISO) of the last completed sync.
    pub last_sync: Option<String>,
    pub phase: Phase,
    /// The last storage failure, shown until a write succeeds.
    pub storage_error: Option<String>,
    /// The browser's answer to the request for persistent storage.
    pub persisted: Option<bool>,
}

#[derive(Clone, Copy)]
pub struct SyncEngine {
    pub status: RwSignal<Status>,
    /// Bumped whenever the outbox or a stored sheet changes, so screens read them again.
    pub revision: RwSignal<u64>,
    running: StoredValue<bool>,
    signed_in: SignedIn,
}

const MINUTE_MS: u32 = 60_000;
/// Enough rounds for a long outbox and a long catch-up; the next trigger goes on.
const MAX_ROUNDS: usize = 50;

pub fn provide() -> SyncEngine {
    let signed_in = use_signed_in();
    let engine = SyncEngine {
        status: RwSignal::new(Status::default()),
        revision: RwSignal::new(0),
        running: StoredValue::new(false),
        signed_in,
    };
    provide_context(engine);
    // Whenever the signed-in person changes (start, login), read their outbox and sync.
    Effect::new(move |_| {
        if signed_in.me.with(Option::is_some) {
            engine.refresh();
            engine.sync_now();
        }
    });
    let online = window_event_listener_untyped("online", move |_| engine.sync_now());
    let offline = window_event_listener_untyped("offline", move |_| {
        engine.status.update(|s| s.phase = Phase::NoNetwork)
    });
    let interval = set_interval_with_handle(
        move || engine.sync_now(),
        std::time::Duration::from_millis(MINUTE_MS.into()),
    )
    .ok();
    on_cleanup(move || {
        online.remove();
        offline.remove();
        if let Some(i) = interval {
            i.clear();
        }
    });
    ask_for_persistence(engine);
    engine
}

pub fn use_sync() -> SyncEngine {
    expect_context::<SyncEngine>()
}

pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

impl SyncEngine {
    /// The signed-in user's name, the key of everything stored for them.
    pub fn user(&self) -> Option<String> {
        self.signed_in
            .me
            .with_untracked(|me| me.as_ref().map(|me| me.username.clone()))
    }

    /// Reads the counts from the stored outbox.
    pub fn refresh(&self) {
        let Some(user) = self.user() else { return };
        let state = store::state(&user);
        self.status.update(|s| {
            s.pending = state.pending.len();
            s.attention = state.attention.len();
            s.last_sync = state.last_sync.clone();
        });
        self.revision.update(|r| *r += 1);
    }

    /// A storage write's result: a failure stays visible until a write succeeds.
    /// A list a screen needs offline, as fetched: kept on the device when it came (`false`), or
    /// the kept copy when there is no network (`true`: the screen says it is the device's).
    pub fn or_kept<T: Serialize + DeserializeOwned>(
        &self,
        what: &str,
        fetched: Result<T, AppError>,
    ) -> Result<(T, bool), AppError> {
        let user = self.user();
        match fetched {
            Ok(fresh) => {
                if let Some(user) = &user {
                    self.stored(store::keep(user, what, &fresh));
                }
                Ok((fresh, false))
            }
            Err(AppError::Network) => user
                .and_then(|u| store::kept(&u, what))
                .map(|kept| (kept, true))
                .ok_or(AppError::Network),
            Err(e) => Err(e),
        }
    }

    pub fn stored(&self, result: Result<(), String>) -> bool {
        let ok = result.is_ok();
        self.status.update(|s| s.storage_error = result.err());
        // On a failure nothing is re-read: the screen keeps what the teacher typed.
        if ok {
            self.refresh();
        }
        ok
    }

    /// Saves one edit with its outbox entry; `false` when the device refused to store it (the
    /// status then says so and the screen keeps the value).
    pub fn record(&self, kind: &str, payload: serde_json::Value, base: Option<i64>) -> bool {
        let Some(user) = self.user() else {
            return false;
        };
        let mut state = store::state(&user);
        state.record(new_id(), kind, payload, base, now_iso());
        let ok = self.stored(store::save_state(&user, &state));
        if ok {
            let engine = *self;
            set_timeout(move || engine.sync_now(), std::time::Duration::from_secs(2));
        }
        ok
    }

    /// Removes an item of «Требует внимания» once the user has read it.
    pub fn dismiss(&self, mutation_id: &str) {
        let Some(user) = self.user() else { return };
        let mut state = store::state(&user);
        state.dismiss(mutation_id);
        self.stored(store::save_state(&user, &state));
    }

    pub fn sync_now(&self) {
        let engine = *self;
        if engine.running.get_value() || !window().navigator().on_line() {
            if !window().navigator().on_line() {
                engine.status.update(|s| s.phase = Phase::NoNetwork);
            }
            return;
        }
        engine.running.set_value(true);
        spawn_local(async move {
            engine.run().await;
            engine.fetch_papers().await;
            engine.running.set_value(false);
        });
    }

    async fn run(self) {
        let Some(user) = self.user() else { return };
        self.status.update(|s| s.phase = Phase::Syncing);
        for _ in 0..MAX_ROUNDS {
            let before = store::state(&user);
            let body = before.body();
            let registering = body.device.is_none();
            let first_unacked = before.pending.first().map(|m| m.seq);
            let answer =
                synchronize(body.device, body.cursor, body.last_seq_made, body.mutations).await;
            match answer {
                Ok(response) => {
                    if !response.papers.is_empty() {
                        let mut wanted = store::papers_to_fetch(&user);
                        for id in &response.papers {
                            if !wanted.contains(id) {
                                wanted.push(*id);
                            }
                        }
                        if !self.stored(store::save_papers_to_fetch(&user, &wanted)) {
                            break;
                        }
                    }
                    let more = response.more;
                    let acked = response.acked_seq;
                    // Read again: the teacher may have typed while the request was away.
                    let mut state = store::state(&user);
                    let changes = state.absorb(response, now_iso());
                    let saved = store::save_state(&user, &state)
                        .and_then(|()| store::apply_changes(&user, &changes));
                    if !self.stored(saved) {
                        break;
                    }
                    let progressed = registering || first_unacked.is_some_and(|s| acked >= s);
                    if !(more || (!state.pending.is_empty() && progressed)) {
                        self.status.update(|s| s.phase = Phase::Idle);
                        return;
                    }
                }
                Err(AppError::UnknownDevice) => {
                    let mut state = store::state(&user);
                    state.forget_device();
                    if !self.stored(store::save_state(&user, &state)) {
                        break;
                    }
                }
                Err(AppError::Busy) => {
                    // At the bell: try again soon, each tablet after its own pause so they do not
                    // come back all at once.
                    let wait = 3000.0 + js_sys::Math::random() * 4000.0;
                    let engine = self;
                    set_timeout(
                        move || engine.sync_now(),
                        std::time::Duration::from_millis(wait as u64),
                    );
                    self.status
                        .update(|s| s.phase = Phase::Failed(AppError::Busy.to_string()));
                    return;
                }
                Err(error) => {
                    let phase = match error {
                        AppError::NotSignedIn => Phase::NeedsLogin,
                        AppError::Network => Phase::NoNetwork,
                        other => Phase::Failed(other.to_string()),
                    };
                    self.status.update(|s| s.phase = phase);
                    return;
                }
            }
        }
        self.status.update(|s| s.phase = Phase::Idle);
    }
}

impl SyncEngine {
    /// The sheets of procedures made, changed or cancelled since the last pull, fetched again so
    /// an open sheet shows the new paper and a new procedure opens offline; then the list.
    async fn fetch_papers(self) {
        let Some(user) = self.user() else { return };
        let mut wanted = store::papers_to_fetch(&user);
        if wanted.is_empty() {
            return;
        }
        while let Some(&id) = wanted.first() {
            match load_result_sheet(id).await {
                Ok(sheet) => {
                    if !self.stored(store::save_sheet(&user, &sheet)) {
                        return;
                    }
                }
                // Cancelled, or no longer this user's: nothing of it stays on the device.
                Err(AppError::Invalid(_) | AppError::Forbidden) => store::forget_sheet(&user, id),
                Err(_) => return,
            }
            wanted.remove(0);
            if !self.stored(store::save_papers_to_fetch(&user, &wanted)) {
                return;
            }
        }
        if let Ok(list) = my_procedures().await {
            self.stored(store::save_procedures(&user, &list));
        }
        self.refresh();
    }
}

/// Asks the browser not to evict the outbox under storage pressure, and remembers the answer.
fn ask_for_persistence(engine: SyncEngine) {
    let Ok(promise) = window().navigator().storage().persist() else {
        engine.status.update(|s| s.persisted = Some(false));
        return;
    };
    spawn_local(async move {
        let granted = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        engine.status.update(|s| s.persisted = Some(granted));
    });
}

/// A fresh UUID v4 for a mutation, from the browser's CSPRNG (works on plain http too, where
/// `crypto.randomUUID` is missing).
pub fn new_id() -> String {
    let mut bytes = [0u8; 16];
    let filled = window()
        .crypto()
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).map(|_| ()))
        .is_ok();
    if !filled {
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}
