use crate::policy::*;

mod new_procedure;
mod schedule;

const SCHOOL: i32 = 1;
const OTHER_SCHOOL: i32 = 2;
const CLASS_5A: ClassRef = ClassRef {
    school_id: SCHOOL,
    class_id: 10,
    grade: 5,
};
const CLASS_9B: ClassRef = ClassRef {
    school_id: SCHOOL,
    class_id: 20,
    grade: 9,
};
const FOREIGN_5A: ClassRef = ClassRef {
    school_id: OTHER_SCHOOL,
    class_id: 30,
    grade: 5,
};
const MATHS: i32 = 100;
const HISTORY: i32 = 200;
const MATHS_GROUP: i32 = 7;

fn grant(role: Role) -> Grant {
    Grant {
        role,
        municipality_id: None,
        school_id: Some(SCHOOL),
        grade: None,
        subject_group_id: None,
        class_id: None,
    }
}

fn person(grants: Vec<Grant>, teaching: Vec<Teaching>) -> Principal {
    Principal {
        account_id: 1,
        grants,
        teaching,
    }
}

fn maths_in(class: ClassRef) -> Resource {
    Resource::ClassSubject {
        class,
        subject_id: MATHS,
        subject_group_id: Some(MATHS_GROUP),
    }
}

fn history_in(class: ClassRef) -> Resource {
    Resource::ClassSubject {
        class,
        subject_id: HISTORY,
        subject_group_id: None,
    }
}

#[test]
fn a_teacher_sees_only_the_classes_and_subjects_she_teaches() {
    let teacher = person(
        vec![grant(Role::Teacher)],
        vec![Teaching {
            class_id: 10,
            subject_id: MATHS,
        }],
    );
    assert!(may(&teacher, Action::View, Resource::ClassRoster(CLASS_5A)));
    assert!(may(&teacher, Action::View, maths_in(CLASS_5A)));
    assert!(may(&teacher, Action::Edit, maths_in(CLASS_5A)));
    assert!(
        !may(&teacher, Action::View, history_in(CLASS_5A)),
        "another teacher's subject"
    );
    assert!(
        !may(&teacher, Action::View, Resource::ClassRoster(CLASS_9B)),
        "another teacher's class"
    );
    assert!(!may(
        &teacher,
        Action::Edit,
        Resource::ClassRoster(CLASS_5A)
    ));
    assert!(!may(
        &teacher,
        Action::View,
        Resource::SchoolStructure { school_id: SCHOOL }
    ));
    assert!(!may(&teacher, Action::View, Resource::Accounts));
}

#[test]
fn teaching_assignments_without_the_teacher_role_grant_nothing() {
    let former = person(
        vec![],
        vec![Teaching {
            class_id: 10,
            subject_id: MATHS,
        }],
    );
    assert!(!may(&former, Action::View, maths_in(CLASS_5A)));
    assert!(!may(&former, Action::View, Resource::ClassRoster(CLASS_5A)));
}

#[test]
fn a_class_teacher_sees_every_subject_of_her_class_only() {
    let ct = person(
        vec![Grant {
            class_id: Some(10),
            ..grant(Role::ClassTeacher)
        }],
        vec![],
    );
    assert!(may(&ct, Action::View, Resource::ClassRoster(CLASS_5A)));
    assert!(may(&ct, Action::View, maths_in(CLASS_5A)));
    assert!(may(&ct, Action::View, history_in(CLASS_5A)));
    assert!(
        !may(&ct, Action::Edit, maths_in(CLASS_5A)),
        "she does not teach it"
    );
    assert!(!may(&ct, Action::View, Resource::ClassRoster(CLASS_9B)));
}

#[test]
fn an_mo_head_sees_her_subjects_across_the_school() {
    let mo = person(
        vec![Grant {
            subject_group_id: Some(MATHS_GROUP),
            ..grant(Role::MoHead)
        }],
        vec![],
    );
    assert!(may(&mo, Action::View, maths_in(CLASS_5A)));
    assert!(may(&mo, Action::View, maths_in(CLASS_9B)));
    assert!(!may(&mo, Action::View, history_in(CLASS_5A)));
    assert!(!may(&mo, Action::View, maths_in(FOREIGN_5A)));
    assert!(may(
        &mo,
        Action::View,
        Resource::SchoolStructure { school_id: SCHOOL }
    ));
}

#[test]
fn a_deputy_scoped_to_grade_levels_sees_those_levels() {
    let deputy = person(
        vec![Grant {
            grade: Some(5),
            ..grant(Role::Deputy)
        }],
        vec![],
    );
    assert!(may(&deputy, Action::View, Resource::ClassRoster(CLASS_5A)));
    assert!(may(&deputy, Action::Edit, Resource::ClassRoster(CLASS_5A)));
    assert!(!may(&deputy, Action::View, Resource::ClassRoster(CLASS_9B)));
    assert!(may(
        &deputy,
        Action::View,
        Resource::SchoolStructure { school_id: SCHOOL }
    ));
    assert!(!may(
        &deputy,
        Action::Edit,
        Resource::SchoolStructure { school_id: SCHOOL }
    ));
}

#[test]
fn school_wide_roles_see_their_school_and_no_other() {
    for role in [
        Role::Director,
        Role::Deputy,
        Role::Council,
        Role::Psychologist,
    ] {
        let who = person(vec![grant(role)], vec![]);
        for class in [CLASS_5A, CLASS_9B] {
            assert!(
                may(&who, Action::View, Resource::ClassRoster(class)),
                "{role:?}"
            );
            assert!(may(&who, Action::View, history_in(class)), "{role:?}");
        }
        assert!(
            !may(&who, Action::View, Resource::ClassRoster(FOREIGN_5A)),
            "{role:?}"
        );
        assert!(!may(
            &who,
            Action::View,
            Resource::SchoolStructure {
                school_id: OTHER_SCHOOL
            }
        ));
        assert!(!may(&who, Action::View, Resource::Accounts), "{role:?}");
        assert!(
            !may(&who, Action::Edit, maths_in(CLASS_5A)),
            "{role:?} does not enter results"
        );
    }
}

#[test]
fn the_municipal_role_never_sees_a_child() {
    let municipal = person(
        vec![Grant {
            municipality_id: Some(3),
            school_id: None,
            ..grant(Role::Municipal)
        }],
        vec![],
    );
    assert!(may(
        &municipal,
        Action::View,
        Resource::MunicipalAggregates { municipality_id: 3 }
    ));
    assert!(!may(
        &municipal,
        Action::View,
        Resource::MunicipalAggregates { municipality_id: 4 }
    ));
    assert!(!may(
        &municipal,
        Action::Edit,
        Resource::MunicipalAggregates { municipality_id: 3 }
    ));
    for class in [CLASS_5A, CLASS_9B, FOREIGN_5A] {
        assert!(!may(&municipal, Action::View, Resource::ClassRoster(class)));
        assert!(!may(&municipal, Action::View, maths_in(class)));
    }
}

#[test]
fn only_the_admin_manages_accounts() {
    for role in Role::ALL {
        let who = person(vec![grant(role)], vec![]);
        assert_eq!(
            may(&who, Action::Edit, Resource::Accounts),
            role == Role::Admin,
            "{role:?}"
        );
    }
}

#[test]
fn a_procedure_s_report_is_read_as_far_as_the_analysis_reaches() {
    let maths_5 = Resource::ProcedureResults {
        school_id: SCHOOL,
        grade: 5,
        subject_group_id: Some(MATHS_GROUP),
    };
    let history_9 = Resource::ProcedureResults {
        school_id: SCHOOL,
        grade: 9,
        subject_group_id: Some(MATHS_GROUP + 1),
    };
    let head = person(
        vec![Grant {
            subject_group_id: Some(MATHS_GROUP),
            ..grant(Role::MoHead)
        }],
        vec![],
    );
    assert!(may(&head, Action::View, maths_5));
    assert!(!may(&head, Action::View, history_9), "another МО's report");
    assert!(
        !may(&head, Action::Edit, maths_5),
        "the report is the deputy's to write"
    );
    let grade_deputy = person(
        vec![Grant {
            grade: Some(5),
            ..grant(Role::Deputy)
        }],
        vec![],
    );
    assert!(may(&grade_deputy, Action::View, maths_5));
    assert!(
        !may(&grade_deputy, Action::View, history_9),
        "another grade's report"
    );
    assert!(!may(&grade_deputy, Action::Edit, maths_5));
    for role in [
        Role::Director,
        Role::Deputy,
        Role::Council,
        Role::Psychologist,
    ] {
        let who = person(vec![grant(role)], vec![]);
        assert!(may(&who, Action::View, history_9), "{role:?}");
    }
    for role in [
        Role::Teacher,
        Role::ClassTeacher,
        Role::Admin,
        Role::Municipal,
    ] {
        let who = person(vec![grant(role)], vec![]);
        assert!(!may(&who, Action::View, maths_5), "{role:?}");
    }
    let foreign = Resource::ProcedureResults {
        school_id: OTHER_SCHOOL,
        grade: 5,
        subject_group_id: Some(MATHS_GROUP),
    };
    assert!(!may(
        &person(vec![grant(Role::Director)], vec![]),
        Action::View,
        foreign
    ));
}

#[test]
fn only_the_director_sees_who_was_given_access() {
    for role in Role::ALL {
        let who = person(vec![grant(role)], vec![]);
        let here = Resource::AccessLog { school_id: SCHOOL };
        assert_eq!(
            may(&who, Action::View, here),
            role == Role::Director,
            "{role:?}"
        );
        assert!(!may(&who, Action::Edit, here), "{role:?}");
        let there = Resource::AccessLog {
            school_id: OTHER_SCHOOL,
        };
        assert!(!may(&who, Action::View, there), "{role:?}");
    }
}

#[test]
fn only_the_deputy_and_director_decide_on_late_edits() {
    for role in Role::ALL {
        let who = person(vec![grant(role)], vec![]);
        let here = Resource::EditWindow { school_id: SCHOOL };
        let there = Resource::EditWindow {
            school_id: OTHER_SCHOOL,
        };
        assert_eq!(
            may(&who, Action::Edit, here),
            matches!(role, Role::Deputy | Role::Director),
            "{role:?}"
        );
        assert!(!may(&who, Action::Edit, there), "{role:?}");
    }
}

#[test]
fn school_results_are_for_the_leadership_and_mo_heads_not_the_admin() {
    for role in Role::ALL {
        let who = person(vec![grant(role)], vec![]);
        let here = Resource::SchoolResults { school_id: SCHOOL };
        let expected = matches!(
            role,
            Role::Director | Role::Deputy | Role::Council | Role::Psychologist | Role::MoHead
        );
        assert_eq!(may(&who, Action::View, here), expected, "{role:?}");
        let there = Resource::SchoolResults {
            school_id: OTHER_SCHOOL,
        };
        assert!(!may(&who, Action::View, there), "{role:?}");
        assert_eq!(
            may(&who, Action::Edit, here),
            matches!(role, Role::Director | Role::Deputy),
            "{role:?}: objectivity thresholds"
        );
    }
}

#[test]
fn the_school_wide_lists_of_students_are_for_school_readers_only() {
    for role in Role::ALL {
        let who = person(vec![grant(role)], vec![]);
        let here = Resource::SchoolStudents { school_id: SCHOOL };
        let expected = matches!(
            role,
            Role::Director | Role::Deputy | Role::Council | Role::Psychologist
        );
        assert_eq!(may(&who, Action::View, here), expected, "{role:?}");
        assert!(!may(&who, Action::Edit, here), "{role:?}");
        let there = Resource::SchoolStudents {
            school_id: OTHER_SCHOOL,
        };
        assert!(!may(&who, Action::View, there), "{role:?}");
    }
}

#[test]
fn role_codes_round_trip() {
    for role in Role::ALL {
        assert_eq!(Role::from_code(role.code()), Some(role));
    }
    assert_eq!(Role::from_code("superuser"), None);
}

#[test]
fn the_leadership_and_the_council_manage_plans_and_only_the_director_approves() {
    let plan = Resource::Plan { school_id: SCHOOL };
    for role in [Role::Deputy, Role::Council, Role::Director] {
        let who = person(vec![grant(role)], vec![]);
        assert!(may(&who, Action::Edit, plan), "{role:?}");
        assert!(may(&who, Action::View, plan), "{role:?}");
        assert_eq!(
            may(
                &who,
                Action::Edit,
                Resource::PlanApproval { school_id: SCHOOL }
            ),
            role == Role::Director
        );
    }
    for role in [Role::Psychologist, Role::MoHead] {
        let who = person(vec![grant(role)], vec![]);
        assert!(may(&who, Action::View, plan) && !may(&who, Action::Edit, plan));
    }
    let teacher = person(vec![grant(Role::Teacher)], vec![]);
    assert!(!may(&teacher, Action::View, plan));
    let foreign = Resource::Plan {
        school_id: OTHER_SCHOOL,
    };
    assert!(!may(
        &person(vec![grant(Role::Deputy)], vec![]),
        Action::View,
        foreign
    ));
    let municipal = Grant {
        role: Role::Municipal,
        school_id: None,
        municipality_id: Some(1),
        ..grant(Role::Municipal)
    };
    assert!(!may(&person(vec![municipal], vec![]), Action::View, plan));
}

#[test]
fn a_teacher_reports_only_on_the_measures_she_is_responsible_for() {
    let teacher = person(vec![grant(Role::Teacher)], vec![]);
    let mine = Resource::Measure {
        school_id: SCHOOL,
        responsible: true,
    };
    let other = Resource::Measure {
        school_id: SCHOOL,
        responsible: false,
    };
    assert!(may(&teacher, Action::Edit, mine) && may(&teacher, Action::View, mine));
    assert!(!may(&teacher, Action::Edit, other) && !may(&teacher, Action::View, other));
    let council = person(vec![grant(Role::Council)], vec![]);
    assert!(may(&council, Action::Edit, other));
    // Responsible in a school she no longer works in: nothing.
    let moved = Resource::Measure {
        school_id: OTHER_SCHOOL,
        responsible: true,
    };
    assert!(!may(&teacher, Action::Edit, moved));
}
