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
        test_scores: Vec::new(),
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

#[test]
fn a_test_score_table_covers_every_primary_score_and_never_falls() {
    let mut p = paper(vec![task("1", 2), task("2", 1)], (1, 2, 3));
    p.test_scores = vec![0, 20, 40, 60];
    assert!(p.problems().is_empty());
    assert_eq!(p.test_score(3), Some(60));
    assert_eq!(p.test_score(-1), None);
    p.test_scores = vec![0, 20, 40];
    assert!(p.problems()[0].contains("от 0 до 3, а указано чисел: 3"));
    p.test_scores = vec![0, 40, 20, 60];
    assert_eq!(
        p.problems(),
        vec!["Таблица перевода: тестовый балл за первичный 2 (20) меньше, чем за 1 (40)."]
    );
    p.test_scores = vec![0, 20, 40, 101];
    assert!(p.problems()[0].contains("от 0 до 100"));
}

#[test]
fn each_kind_names_its_own_stages() {
    assert!(ProcedureKind::Vpr.stages().is_empty());
    assert!(ProcedureKind::Olympiad
        .stages()
        .contains(&Stage::SchoolRound));
    assert!(!ProcedureKind::Olympiad.stages().contains(&Stage::Entry));
    assert!(ProcedureKind::Metasubject.stages().contains(&Stage::Entry));
    assert_eq!(
        proposed_title(
            ProcedureKind::Olympiad,
            Some(Stage::MunicipalRound),
            "Физика",
            9
        ),
        "Олимпиада, муниципальный этап. Физика, 9 класс"
    );
}
