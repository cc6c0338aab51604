//! Who reads the schedule and who sets its lessons: `Resource::Schedule`.

use super::*;

#[test]
fn all_staff_read_the_schedule_and_only_the_school_wide_deputy_sets_its_lessons() {
    let schedule = Resource::Schedule { school_id: SCHOOL };
    for role in STAFF {
        let who = person(vec![grant(role)], vec![]);
        assert!(may(&who, Action::View, schedule), "{role:?}");
        assert_eq!(
            may(&who, Action::Edit, schedule),
            role == Role::Deputy,
            "{role:?}"
        );
    }
    let deputy_5 = person(
        vec![Grant {
            grade: Some(5),
            ..grant(Role::Deputy)
        }],
        vec![],
    );
    assert!(
        !may(&deputy_5, Action::Edit, schedule),
        "one grade is not the year"
    );
    for role in [Role::Admin, Role::Municipal] {
        let who = person(vec![grant(role)], vec![]);
        assert!(!may(&who, Action::View, schedule), "{role:?}");
    }
    let elsewhere = person(vec![grant(Role::Director)], vec![]);
    assert!(!may(
        &elsewhere,
        Action::View,
        Resource::Schedule {
            school_id: OTHER_SCHOOL
        }
    ));
}
