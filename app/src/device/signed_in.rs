//! Who is signed in on this device. The answer of `/api/me` is kept in local storage, so a
//! teacher who opens the app with no network still sees her own screens; the server stays the
//! judge of every request.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::error::AppError;
use crate::functions::auth::{current_user, Me};
use crate::policy::Role;

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

/// Roles whose start screen is the school.
pub const SCHOOL_ROLES: [Role; 5] = [
    Role::Director,
    Role::Deputy,
    Role::Council,
    Role::Psychologist,
    Role::MoHead,
];

/// Where a person lands after signing in: their role's own screen.
pub fn start_path(me: &Me) -> String {
    let has = |role: Role| me.roles.contains(&role);
    if has(Role::Director) {
        "/dashboard".into()
    } else if has(Role::Deputy) || has(Role::MoHead) {
        "/analysis".into()
    } else if SCHOOL_ROLES.iter().any(|r| has(*r)) {
        "/school".into()
    } else if let (true, Some(id)) = (has(Role::ClassTeacher), me.class_id) {
        format!("/classes/{id}")
    } else if has(Role::Teacher) {
        "/classes".into()
    } else if has(Role::Municipal) {
        "/municipality".into()
    } else if has(Role::Admin) {
        "/accounts".into()
    } else {
        "/profile".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn me(roles: Vec<Role>, class_id: Option<i32>) -> Me {
        Me {
            account_id: 1,
            username: "x".into(),
            full_name: "X".into(),
            roles,
            place: None,
            class_id,
            can_set_up: false,
        }
    }

    #[test]
    fn each_role_lands_on_its_own_screen() {
        assert_eq!(start_path(&me(vec![Role::Director], None)), "/dashboard");
        assert_eq!(start_path(&me(vec![Role::Deputy], None)), "/analysis");
        assert_eq!(
            start_path(&me(vec![Role::MoHead, Role::Teacher], None)),
            "/analysis"
        );
        assert_eq!(start_path(&me(vec![Role::Council], None)), "/school");
        assert_eq!(
            start_path(&me(vec![Role::ClassTeacher, Role::Teacher], Some(7))),
            "/classes/7"
        );
        assert_eq!(start_path(&me(vec![Role::Teacher], None)), "/classes");
        assert_eq!(
            start_path(&me(vec![Role::Municipal], None)),
            "/municipality"
        );
        assert_eq!(start_path(&me(vec![Role::Admin], None)), "/accounts");
        assert_eq!(start_path(&me(vec![], None)), "/profile");
    }
}
