//! Signing in and out, and who is signed in. `POST /api/login` and `POST /api/logout` are part
//! of the stable HTTP surface (README).

use serde::{Deserialize, Serialize};

use crate::policy::Role;

/// The signed-in person as the app shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    /// Absent in a copy kept by an older version of the app.
    #[serde(default)]
    pub account_id: i32,
    pub username: String,
    pub full_name: String,
    pub roles: Vec<Role>,
    /// The school's short name, or the municipality's for a municipal account.
    pub place: Option<String>,
    /// The class a class teacher leads: her start screen.
    pub class_id: Option<i32>,
    /// The policy lets this person change the school's structure («Настройка»).
    pub can_set_up: bool,
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
