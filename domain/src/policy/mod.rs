//! The one place that answers «may this user do this action on this resource?» (docs/design.md §5).
//! Pure: no database, no Leptos. Server functions load the [`Principal`] from the session and
//! ask [`may`] before they read or change anything; the UI uses the same roles for navigation.

mod role;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use role::Role;

/// One role held by a person, with its scope. Which fields are set depends on the role:
/// municipal → `municipality_id`; school-wide roles → `school_id`; deputy may add `grade`
/// (one grant per grade level); mo_head → `subject_group_id`; class_teacher → `class_id`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub role: Role,
    pub municipality_id: Option<i32>,
    pub school_id: Option<i32>,
    pub grade: Option<i16>,
    pub subject_group_id: Option<i32>,
    pub class_id: Option<i32>,
}

/// A teaching assignment: this person teaches `subject_id` in `class_id`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Teaching {
    pub class_id: i32,
    pub subject_id: i32,
}

/// Who is asking: the signed-in account with its grants and teaching assignments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    pub account_id: i32,
    pub grants: Vec<Grant>,
    pub teaching: Vec<Teaching>,
}

/// Where a class sits, so scoped roles can be checked without another query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClassRef {
    pub school_id: i32,
    pub class_id: i32,
    pub grade: i16,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    View,
    Edit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    /// The school's structure without children's names: classes, subjects, staff, counts.
    SchoolStructure { school_id: i32 },
    /// The names of the students of a class (and, later, their results).
    ClassRoster(ClassRef),
    /// The results of one class in one subject; `subject_group_id` is the subject's МО.
    ClassSubject {
        class: ClassRef,
        subject_id: i32,
        subject_group_id: Option<i32>,
    },
    /// Aggregates of a municipality's schools: never a child's name.
    MunicipalAggregates { municipality_id: i32 },
    /// The school's results as aggregates per class and subject: no child's name.
    SchoolResults { school_id: i32 },
    /// One procedure's results as a whole and its analytical report: `grade` is its grade
    /// level, `subject_group_id` its subject's МО.
    ProcedureResults {
        school_id: i32,
        grade: i16,
        subject_group_id: Option<i32>,
    },
    /// Making a procedure for one class in one subject, and setting its structure.
    /// `school_own` is a school's own paper (a контрольная, a диагностика), not a federal one.
    NewProcedure {
        class: ClassRef,
        subject_id: i32,
        subject_group_id: Option<i32>,
        school_own: bool,
    },
    /// Lists of the school's students across classes, with names (the risk group).
    SchoolStudents { school_id: i32 },
    /// Closing a school's procedures for editing and deciding on the edits that arrive late.
    EditWindow { school_id: i32 },
    /// A school's plans of measures (seeds 001, 002, 004): reading them, and for `Edit` making
    /// them, assigning measures and managing any measure's status.
    Plan { school_id: i32 },
    /// One measure of a school's plan: its responsible people report progress on it.
    Measure { school_id: i32, responsible: bool },
    /// Approving a school's plan.
    PlanApproval { school_id: i32 },
    /// Accounts and role assignments.
    Accounts,
    /// Who was given access in a school, and by whom: the director's check on the admin.
    AccessLog { school_id: i32 },
    /// The school's year schedule of procedures (график оценочных процедур): every member of
    /// staff reads it (schools publish it); the deputy sets the lessons it is checked against.
    Schedule { school_id: i32 },
}

impl Principal {
    pub fn has_role(&self, role: Role) -> bool {
        self.grants.iter().any(|g| g.role == role)
    }

    /// The roles held, each once, in the order of [`Role::ALL`].
    pub fn roles(&self) -> Vec<Role> {
        Role::ALL
            .into_iter()
            .filter(|r| self.has_role(*r))
            .collect()
    }

    /// The municipality a municipal specialist follows.
    pub fn municipality_id(&self) -> Option<i32> {
        self.grants
            .iter()
            .find(|g| g.role == Role::Municipal)
            .and_then(|g| g.municipality_id)
    }

    /// The school this person works in, if any grant names one.
    pub fn school_id(&self) -> Option<i32> {
        self.grants.iter().find_map(|g| g.school_id)
    }

    /// The subject groups (МО) whose results this person reads: `None` for all of the school's
    /// (its leadership), else the МО they head.
    pub fn result_groups(&self, school_id: i32) -> Option<Vec<i32>> {
        if self.holds_in(school_id, &SCHOOL_READERS) {
            return None;
        }
        Some(
            self.grants
                .iter()
                .filter(|g| g.role == Role::MoHead && g.school_id == Some(school_id))
                .filter_map(|g| g.subject_group_id)
                .collect(),
        )
    }

    /// Holds one of `roles` in the school, whatever its narrower scope.
    fn holds_in(&self, school_id: i32, roles: &[Role]) -> bool {
        self.grants
            .iter()
            .any(|g| roles.contains(&g.role) && g.school_id == Some(school_id))
    }

    /// Holds one of `roles` for the whole school (a deputy scoped to grade levels does not).
    fn school_wide(&self, school_id: i32, roles: &[Role]) -> bool {
        self.grants.iter().any(|g| {
            roles.contains(&g.role)
                && g.school_id == Some(school_id)
                && (g.role != Role::Deputy || g.grade.is_none())
        })
    }

    fn deputy_of_grade(&self, class: ClassRef) -> bool {
        self.deputy_of(class.school_id, class.grade)
    }

    fn deputy_of(&self, school_id: i32, grade: i16) -> bool {
        self.grants.iter().any(|g| {
            g.role == Role::Deputy
                && g.school_id == Some(school_id)
                && g.grade.is_none_or(|own| own == grade)
        })
    }

    fn class_teacher_of(&self, class_id: i32) -> bool {
        self.grants
            .iter()
            .any(|g| g.role == Role::ClassTeacher && g.class_id == Some(class_id))
    }

    fn teaches_in(&self, class_id: i32) -> bool {
        self.has_role(Role::Teacher) && self.teaching.iter().any(|t| t.class_id == class_id)
    }

    fn teaches(&self, class_id: i32, subject_id: i32) -> bool {
        self.has_role(Role::Teacher)
            && self
                .teaching
                .iter()
                .any(|t| t.class_id == class_id && t.subject_id == subject_id)
    }

    fn heads_group(&self, school_id: i32, group: Option<i32>) -> bool {
        group.is_some()
            && self.grants.iter().any(|g| {
                g.role == Role::MoHead
                    && g.school_id == Some(school_id)
                    && g.subject_group_id == group
            })
    }
}

/// Roles that see their whole school, children's names included (docs/design.md §5).
const SCHOOL_READERS: [Role; 4] = [
    Role::Director,
    Role::Deputy,
    Role::Council,
    Role::Psychologist,
];

/// The decision. Anything not granted here is refused.
pub fn may(who: &Principal, action: Action, resource: Resource) -> bool {
    match (action, resource) {
        (Action::View, Resource::SchoolStructure { school_id }) => {
            who.holds_in(school_id, &SCHOOL_READERS)
                || who.holds_in(school_id, &[Role::MoHead, Role::Admin])
        }
        (Action::Edit, Resource::SchoolStructure { school_id }) => {
            who.school_wide(school_id, &[Role::Deputy, Role::Admin])
        }
        (Action::View, Resource::ClassRoster(class)) => {
            who.school_wide(class.school_id, &SCHOOL_READERS)
                || who.deputy_of_grade(class)
                || who.class_teacher_of(class.class_id)
                || who.teaches_in(class.class_id)
        }
        (Action::Edit, Resource::ClassRoster(class)) => {
            who.school_wide(class.school_id, &[Role::Deputy, Role::Admin])
                || who.deputy_of_grade(class)
        }
        (
            Action::View,
            Resource::ClassSubject {
                class,
                subject_id,
                subject_group_id,
            },
        ) => {
            who.school_wide(class.school_id, &SCHOOL_READERS)
                || who.deputy_of_grade(class)
                || who.class_teacher_of(class.class_id)
                || who.teaches(class.class_id, subject_id)
                || who.heads_group(class.school_id, subject_group_id)
        }
        // Results are entered by those who teach; the deputy approves late ones (edit window).
        (
            Action::Edit,
            Resource::ClassSubject {
                class, subject_id, ..
            },
        ) => who.teaches(class.class_id, subject_id),
        (Action::View, Resource::MunicipalAggregates { municipality_id }) => who
            .grants
            .iter()
            .any(|g| g.role == Role::Municipal && g.municipality_id == Some(municipality_id)),
        (Action::Edit, Resource::MunicipalAggregates { .. }) => false,
        (Action::View, Resource::SchoolResults { school_id }) => {
            who.holds_in(school_id, &SCHOOL_READERS) || who.holds_in(school_id, &[Role::MoHead])
        }
        // Setting the school's objectivity thresholds is the leadership's.
        (Action::Edit, Resource::SchoolResults { school_id }) => {
            who.school_wide(school_id, &[Role::Deputy, Role::Director])
        }
        // What the reader's analysis screen shows of the procedure: the leadership all, a
        // deputy her grade levels, an МО head her МО's subjects.
        (
            Action::View,
            Resource::ProcedureResults {
                school_id,
                grade,
                subject_group_id,
            },
        ) => {
            who.school_wide(school_id, &SCHOOL_READERS)
                || who.deputy_of(school_id, grade)
                || who.heads_group(school_id, subject_group_id)
        }
        (Action::Edit, Resource::ProcedureResults { school_id, .. }) => {
            who.school_wide(school_id, &[Role::Deputy, Role::Director])
        }
        // The deputy of the grade any paper; the МО's head any paper in its subjects; a
        // teacher her own контрольная or диагностика in a class and subject she teaches.
        (
            _,
            Resource::NewProcedure {
                class,
                subject_id,
                subject_group_id,
                school_own,
            },
        ) => {
            who.deputy_of_grade(class)
                || who.heads_group(class.school_id, subject_group_id)
                || (school_own && who.teaches(class.class_id, subject_id))
        }
        (Action::View, Resource::SchoolStudents { school_id }) => {
            who.school_wide(school_id, &SCHOOL_READERS)
        }
        (Action::Edit, Resource::SchoolStudents { .. }) => false,
        // The leadership decides about results; the admin, a technical role, does not.
        (_, Resource::EditWindow { school_id }) => {
            who.school_wide(school_id, &[Role::Deputy, Role::Director])
        }
        (Action::View, Resource::Plan { school_id }) => {
            who.holds_in(school_id, &SCHOOL_READERS) || who.holds_in(school_id, &[Role::MoHead])
        }
        (Action::Edit, Resource::Plan { school_id }) => who.school_wide(school_id, &PLAN_MANAGERS),
        // A responsible person reports on her measure only while she works in its school.
        (
            action,
            Resource::Measure {
                school_id,
                responsible,
            },
        ) => {
            (responsible && who.holds_in(school_id, &Role::ALL))
                || may(who, action, Resource::Plan { school_id })
        }
        (_, Resource::PlanApproval { school_id }) => who.school_wide(school_id, &[Role::Director]),
        (_, Resource::Accounts) => who.has_role(Role::Admin),
        (Action::View, Resource::AccessLog { school_id }) => {
            who.school_wide(school_id, &[Role::Director])
        }
        (Action::Edit, Resource::AccessLog { .. }) => false,
        (Action::View, Resource::Schedule { school_id }) => who.holds_in(school_id, &STAFF),
        (Action::Edit, Resource::Schedule { school_id }) => {
            who.school_wide(school_id, &[Role::Deputy])
        }
    }
}

/// Everyone who works in the school, as the schedule's readers.
pub const STAFF: [Role; 7] = [
    Role::Director,
    Role::Deputy,
    Role::Council,
    Role::Psychologist,
    Role::MoHead,
    Role::Teacher,
    Role::ClassTeacher,
];

/// Those who make a school's plans and manage their measures (docs/design.md §1).
const PLAN_MANAGERS: [Role; 3] = [Role::Deputy, Role::Council, Role::Director];
