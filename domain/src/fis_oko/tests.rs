use super::plan::{plan, Coded, PaperTask, Typed};
use super::*;

/// A Ф1 sheet in the real layout (invented school and codes): title block, the difficulty row,
/// the header, a group row, participants.
pub(crate) fn f1_rows(participants: &[(&str, &str, [&str; 3], &str)]) -> Vec<Vec<String>> {
    let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    let mut rows = vec![
        row(&["Индивидуальные результаты"]),
        row(&[""]),
        row(&["ВПР 2027 Русский язык 4 класс"]),
        row(&["Предмет:", "Русский язык"]),
        row(&["Максимальный первичный балл:", "5"]),
        row(&["Дата:", "20.04.2027"]),
        row(&[
            "",
            "",
            "Уровень сложности задания",
            "",
            "",
            "",
            "Б",
            "Б",
            "П",
        ]),
        row(&[
            "ОО",
            "Муниципалитет",
            "Название ОО",
            "Код участника",
            "Класс",
            "Вариант",
            "1 (2б)",
            "9.1 (1б)",
            "4К1 (2б)",
            "Первичный балл",
            "Отметка",
            "Отметка по журналу",
        ]),
        row(&["МБОУ «Школа № 9»(edu123456) | Кол-во участников: 3"]),
    ];
    for (code, class, scores, total) in participants {
        let mut r = row(&[
            "edu123456",
            "Город Пример",
            "МБОУ «Школа № 9»(edu123456)",
            code,
            class,
            "1",
        ]);
        r.extend(scores.iter().map(|s| s.to_string()));
        r.extend([total.to_string(), "4".into(), "нет отметки".into()]);
        rows.push(r);
    }
    rows
}

#[test]
fn task_headers_give_label_and_maximum() {
    assert_eq!(task_header("1 (2б)"), Some(("1".into(), 2)));
    assert_eq!(task_header("9,1(1б)"), Some(("9.1".into(), 1)));
    assert_eq!(task_header("4К1 (3б)"), Some(("4К1".into(), 3)));
    assert_eq!(task_header("Первичный балл"), None);
}

#[test]
fn a_report_in_the_real_layout_is_read() {
    let rows = f1_rows(&[
        ("40001", "1", ["2", "1", "Х"], "3"),
        ("40002", "2", ["0", "X", "2"], "2"),
    ]);
    let f1 = read(&rows).unwrap();
    assert_eq!(f1.title.as_deref(), Some("ВПР 2027 Русский язык 4 класс"));
    assert_eq!(
        f1.tasks,
        [("1".into(), 2), ("9.1".into(), 1), ("4К1".into(), 2)]
    );
    assert_eq!(f1.rows.len(), 2, "the group row is skipped");
    assert_eq!(f1.rows[0].scores, [Some(2), Some(1), None]);
    assert_eq!((f1.rows[0].row, f1.rows[0].class), (10, Some(1)));
}

#[test]
fn a_broken_report_names_each_row_and_a_form_is_not_a_report() {
    let rows = f1_rows(&[
        ("40001", "1", ["3", "1", "0"], "4"),
        ("40001", "1", ["1", "1", "0"], "5"),
        ("40003", "1", ["1", "y", "0"], "1"),
    ]);
    let problems = read(&rows).unwrap_err();
    let said: Vec<(u32, &str)> = problems
        .iter()
        .map(|p| (p.row, p.message.as_str()))
        .collect();
    assert_eq!(said[0], (10, "задание 1: 3 больше максимума 2."));
    assert!(said
        .iter()
        .any(|(r, m)| *r == 11 && m.contains("уже был в строке 10")));
    assert!(said
        .iter()
        .any(|(r, m)| *r == 11 && m.contains("не равен сумме")));
    assert!(said
        .iter()
        .any(|(r, m)| *r == 12 && m.contains("«y» — не балл")));
    let form = vec![vec![
        "Код участника".to_string(),
        "Вариант".into(),
        "1 (2б)".into(),
        "Итого баллов".into(),
    ]];
    assert!(read(&form).unwrap_err()[0].message.contains("форма сбора"));
    assert!(read(&f1_rows(&[])).unwrap_err()[0]
        .message
        .contains("нет ни одного участника"));
}

fn tasks() -> Vec<PaperTask> {
    [("1", 2), ("9.1", 1), ("4К1", 2)]
        .iter()
        .enumerate()
        .map(|(i, (l, m))| PaperTask {
            id: 100 + i as i32,
            label: l.to_string(),
            max_score: *m,
        })
        .collect()
}

#[test]
fn the_report_fills_what_was_not_typed_and_reports_what_differs() {
    let f1 = read(&f1_rows(&[
        ("40001", "1", ["2", "1", "0"], "3"),
        ("40002", "1", ["1", "1", "2"], "4"),
    ]))
    .unwrap();
    let coded = BTreeMap::from([
        (
            "40001".to_string(),
            Coded {
                student_id: 1,
                ordinal: 1,
            },
        ),
        (
            "40002".to_string(),
            Coded {
                student_id: 2,
                ordinal: 1,
            },
        ),
    ]);
    // Pupil 1 typed 2, 0 and nothing for 4К1; pupil 2 nothing.
    let typed = BTreeMap::from([(
        1,
        Typed {
            absent: false,
            scores: BTreeMap::from([(100, 2), (101, 0)]),
        },
    )]);
    let p = plan(&f1, &tasks(), &coded, &typed).unwrap();
    assert_eq!(p.participants, 2);
    assert_eq!(p.same, 1);
    assert_eq!(p.fills.len(), 4, "4К1 for pupil 1, all three for pupil 2");
    assert_eq!(p.differences.len(), 1);
    assert_eq!(
        (
            p.differences[0].what.as_str(),
            p.differences[0].typed.as_str(),
            p.differences[0].reported.as_str()
        ),
        ("задание 9.1", "0", "1")
    );
}

#[test]
fn unknown_codes_wrong_classes_and_another_paper_are_refused() {
    let f1 = read(&f1_rows(&[
        ("40009", "1", ["2", "1", "0"], "3"),
        ("40001", "2", ["2", "1", "0"], "3"),
    ]))
    .unwrap();
    let coded = BTreeMap::from([(
        "40001".to_string(),
        Coded {
            student_id: 1,
            ordinal: 1,
        },
    )]);
    let problems = plan(&f1, &tasks(), &coded, &BTreeMap::new()).unwrap_err();
    assert!(problems[0].message.contains("код 40009 не выдан"));
    assert!(problems[1]
        .message
        .contains("порядковым номером 1, а в отчёте 2"));
    let mut other = tasks();
    other[2].max_score = 3;
    let problems = plan(&f1, &other, &coded, &BTreeMap::new()).unwrap_err();
    assert!(
        problems[0].message.contains("не совпадают с работой"),
        "{problems:?}"
    );
}
