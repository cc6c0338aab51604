//! Who is signed in on this device. The answer of `/api/me` is kept in local storage, so a
//! teacher who opens the app with no network still sees her own screens; the server stays the
//! judge of every request.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use leptos::task::spawn_local;

use api::auth::{current_user, Me};
use domain::error::AppError;
use domain::policy::Role;

const KEY: &str = "mera.me";

#[derive(Clone, Copy)]
pub struct SignedIn {
    pub me: RwSignal<Option<Me>>,
    /// The server has answered (or could not be reached) since the app started.
    pub checked: RwSignal<bool>,
}

impl SignedIn {
    pub fn set(&self, me: Me) {
        let _ = LocalStorage::set(KEY, &me);
        self.me.set(Some(me));
    }

    pub fn clear(&self) {
        LocalStorage::delete(KEY);
        self.me.set(None);
    }

    pub fn has(&self, roles: &[Role]) -> bool {
        self.me.with(|me| {
            me.as_ref()
                .is_some_and(|me| me.roles.iter().any(|r| roles.contains(r)))
        })
    }
}

/// Starts with what the device remembers and asks the server once.
pub fn provide() -> SignedIn {
    let state = SignedIn {
        me: RwSignal::new(LocalStorage::get(KEY).ok()),
        checked: RwSignal::new(false),
    };
    provide_context(state);
    spawn_local(async move {
        match current_user().await {
            Ok(me) => state.set(me),
            Err(AppError::NotSignedIn) => state.clear(),
            // No network or a failing server: keep the remembered person.
            Err(_) => {}
        }
        state.checked.set(true);
    });
    state
}

pub fn use_signed_in() -> SignedIn {
    expect_context::<SignedIn>()
}
