//! Who makes a procedure: `Resource::NewProcedure`.

use super::*;

fn new_paper(class: ClassRef, subject_id: i32, school_own: bool) -> Resource {
    Resource::NewProcedure {
        class,
        subject_id,
        subject_group_id: (subject_id == MATHS).then_some(MATHS_GROUP),
        school_own,
    }
}

#[test]
fn procedures_are_made_by_the_deputy_of_the_grade_the_mo_head_and_a_teacher_for_her_own() {
    let deputy_5 = person(
        vec![Grant {
            grade: Some(5),
            ..grant(Role::Deputy)
        }],
        vec![],
    );
    assert!(may(
        &deputy_5,
        Action::Edit,
        new_paper(CLASS_5A, HISTORY, false)
    ));
    assert!(!may(
        &deputy_5,
        Action::Edit,
        new_paper(CLASS_9B, HISTORY, true)
    ));
    assert!(!may(
        &deputy_5,
        Action::Edit,
        new_paper(FOREIGN_5A, HISTORY, true)
    ));

    let mo_head = person(
        vec![Grant {
            subject_group_id: Some(MATHS_GROUP),
            ..grant(Role::MoHead)
        }],
        vec![],
    );
    assert!(may(
        &mo_head,
        Action::Edit,
        new_paper(CLASS_9B, MATHS, false)
    ));
    assert!(!may(
        &mo_head,
        Action::Edit,
        new_paper(CLASS_9B, HISTORY, true)
    ));

    let teaching = vec![Teaching {
        class_id: CLASS_5A.class_id,
        subject_id: MATHS,
    }];
    let teacher = person(vec![grant(Role::Teacher)], teaching);
    assert!(may(
        &teacher,
        Action::Edit,
        new_paper(CLASS_5A, MATHS, true)
    ));
    assert!(
        !may(&teacher, Action::Edit, new_paper(CLASS_5A, MATHS, false)),
        "a ВПР is not hers to make"
    );
    assert!(!may(
        &teacher,
        Action::Edit,
        new_paper(CLASS_5A, HISTORY, true)
    ));
    assert!(!may(
        &teacher,
        Action::Edit,
        new_paper(CLASS_9B, MATHS, true)
    ));

    for role in [
        Role::Admin,
        Role::Council,
        Role::Psychologist,
        Role::ClassTeacher,
    ] {
        let p = person(vec![grant(role)], vec![]);
        assert!(
            !may(&p, Action::Edit, new_paper(CLASS_5A, MATHS, true)),
            "{role:?}"
        );
    }
}
