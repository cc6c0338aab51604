use super::catalogue::{known_papers, scale_by_share};
use super::*;
use crate::assessment::Stage;

fn task(label: &str, max: i16) -> Task {
    Task {
        label: label.into(),
        max_score: max,
        ..Task::default()
    }
}

fn paper(tasks: Vec<Task>, s: (i16, i16, i16)) -> Paper {
    Paper {
        tasks,
        scale: Scale {
            mark3_from: s.0,
            mark4_from: s.1,
            mark5_from: s.2,
        },
    }
}

#[test]
fn a_sound_paper_has_no_problems() {
    let p = paper(
        vec![task("1", 2), task("9.1", 1), task("4К1", 3)],
        (2, 4, 6),
    );
    assert_eq!(p.max_primary(), 6);
    assert!(p.problems().is_empty(), "{:?}", p.problems());
}

#[test]
fn each_broken_rule_is_said_with_its_task() {
    let p = paper(
        vec![task("1", 2), task(" 1 ", 1), task("3", 0), task("", 1)],
        (3, 3, 9),
    );
    let problems = p.problems();
    let has = |s: &str| problems.iter().any(|p| p.contains(s));
    assert!(has("«1» указано дважды"), "{problems:?}");
    assert!(has("«3»: максимальный балл — не меньше 1"), "{problems:?}");
    assert!(has("строке 4: укажите номер"), "{problems:?}");
    assert!(has("строго возрастать"), "{problems:?}");
    assert!(
        has("порог «5» (9) больше максимума работы (4)"),
        "{problems:?}"
    );
}

#[test]
fn labels_differ_whatever_their_case_and_an_empty_paper_is_refused() {
    let p = paper(vec![task("4К1", 1), task("4к1", 1)], (1, 2, 3));
    assert_eq!(p.problems().len(), 2, "{:?}", p.problems()); // twice, and 5 above the max (2)
    assert!(paper(vec![], (1, 2, 3)).problems()[0].contains("хотя бы одно"));
}

#[test]
fn a_threshold_at_the_maximum_is_allowed_and_above_it_is_not() {
    assert!(paper(vec![task("1", 5)], (1, 3, 5)).problems().is_empty());
    assert_eq!(paper(vec![task("1", 5)], (1, 3, 6)).problems().len(), 1);
}

#[test]
fn the_catalogue_holds_the_real_papers() {
    let papers = known_papers();
    let ru = papers
        .iter()
        .find(|p| p.subject == "Русский язык" && p.grade == 4)
        .expect("ВПР Русский язык 4");
    assert_eq!(ru.paper.max_primary(), 24);
    assert_eq!(
        (
            ru.paper.scale.mark3_from,
            ru.paper.scale.mark4_from,
            ru.paper.scale.mark5_from
        ),
        (10, 16, 21)
    );
    assert!(ru.scale_confirmed && ru.paper.problems().is_empty());
    assert!(ru
        .paper
        .tasks
        .iter()
        .any(|t| t.label == "9.1" && t.advanced));
    let en = papers
        .iter()
        .find(|p| p.grade == 8)
        .expect("ВПР Английский 8");
    assert_eq!(en.paper.max_primary(), 25);
    assert!(!en.scale_confirmed && en.source.contains(super::catalogue::ILLUSTRATIVE));
    assert!(en.paper.problems().is_empty(), "{:?}", en.paper.problems());
}

#[test]
fn an_illustrative_scale_always_rises() {
    for max in 1..=80 {
        let s = scale_by_share(max);
        assert!(
            s.mark3_from < s.mark4_from && s.mark4_from < s.mark5_from,
            "{max}: {s:?}"
        );
    }
    assert_eq!(
        scale_by_share(25),
        Scale {
            mark3_from: 10,
            mark4_from: 16,
            mark5_from: 21
        }
    );
}

#[test]
fn titles_are_proposed_as_schools_write_them() {
    assert_eq!(
        proposed_title(ProcedureKind::Vpr, None, "Русский язык", 4),
        "ВПР. Русский язык, 4 класс"
    );
    assert_eq!(
        proposed_title(
            ProcedureKind::Diagnostic,
            Some(Stage::Entry),
            "Математика",
            5
        ),
        "Входная диагностика. Математика, 5 класс"
    );
}
