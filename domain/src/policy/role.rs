use serde::{Deserialize, Serialize};

/// The roles of docs/design.md §1. The code is what the database stores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    Director,
    Deputy,
    Council,
    MoHead,
    ClassTeacher,
    Teacher,
    Psychologist,
    Municipal,
    Admin,
}

impl Role {
    pub const ALL: [Role; 9] = [
        Role::Director,
        Role::Deputy,
        Role::Council,
        Role::MoHead,
        Role::ClassTeacher,
        Role::Teacher,
        Role::Psychologist,
        Role::Municipal,
        Role::Admin,
    ];

    /// Works in a school, so may answer for a plan measure (the municipal specialist and the
    /// admin do not).
    pub fn is_school_staff(self) -> bool {
        !matches!(self, Role::Municipal | Role::Admin)
    }

    pub fn code(self) -> &'static str {
        match self {
            Role::Director => "director",
            Role::Deputy => "deputy",
            Role::Council => "council",
            Role::MoHead => "mo_head",
            Role::ClassTeacher => "class_teacher",
            Role::Teacher => "teacher",
            Role::Psychologist => "psychologist",
            Role::Municipal => "municipal",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// As staff call the role.
    pub fn title(self) -> &'static str {
        match self {
            Role::Director => "Директор",
            Role::Deputy => "Заместитель директора по УВР",
            Role::Council => "Член методического совета",
            Role::MoHead => "Руководитель МО",
            Role::ClassTeacher => "Классный руководитель",
            Role::Teacher => "Учитель",
            Role::Psychologist => "Педагог-психолог",
            Role::Municipal => "Специалист управления образования",
            Role::Admin => "Администратор",
        }
    }
}
