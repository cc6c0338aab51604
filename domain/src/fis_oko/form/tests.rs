use super::*;
use crate::fis_oko::plan::{same_tasks, PaperTask};

/// The header of «Протокол» as ФИС ОКО issues it (English 8: tasks «1 (5б)», «4К1 (3б)»), then
/// the helper columns it keeps to the right.
fn header() -> Vec<String> {
    [
        "Код участника",
        "Вариант",
        "1 (5б)",
        "2 (5б)",
        "4К1 (3б)",
        "Порядковый номер класса",
        "Отметка за предыдущий триместр/ четверть/полугодие",
        "Итого баллов",
        "",
        "служебное",
    ]
    .map(String::from)
    .to_vec()
}

/// The empty form: the header and prepared rows whose only value is the formula's «0».
fn empty_form(prepared: usize) -> Vec<Vec<String>> {
    let mut rows = vec![header()];
    for _ in 0..prepared {
        let mut r = vec![String::new(); 10];
        r[7] = "0".into();
        r[9] = "1".into();
        rows.push(r);
    }
    rows
}

fn pupil(code: &str, ordinal: u32, sitting: Sitting, mark: Option<i16>) -> Participant {
    Participant {
        code: code.into(),
        ordinal,
        variant: Some(2),
        sitting,
        mark,
    }
}

fn at(cells: &[(usize, usize, Value)], row: usize, column: usize) -> Option<&Value> {
    cells
        .iter()
        .find(|(r, c, _)| *r == row && *c == column)
        .map(|(_, _, v)| v)
}

#[test]
fn the_columns_come_from_the_header_and_helpers_are_not_ours() {
    let l = layout(&empty_form(1498)).unwrap();
    assert_eq!(
        (l.header, l.code, l.variant, l.ordinal, l.mark),
        (0, 0, 1, 5, 6)
    );
    assert_eq!(l.total, Some(7));
    assert_eq!(
        l.task_list(),
        vec![("1".into(), 5), ("2".into(), 5), ("4К1".into(), 3)]
    );
    // The totals' zeros and the helper column are no participant's values.
    assert!(l.used.is_empty());
}

#[test]
fn a_report_or_another_table_is_not_a_form() {
    let mut f1 = empty_form(1);
    f1[0][7] = "Первичный балл".into();
    assert!(layout(&f1).unwrap_err().contains("отчёт Ф1"));
    let mut no_mark = empty_form(1);
    no_mark[0][6] = "Примечание".into();
    assert!(layout(&no_mark)
        .unwrap_err()
        .contains("«Отметка за предыдущий…»"));
    let list = vec![vec!["ФИО".to_string(), "Класс".into()]];
    assert!(layout(&list).unwrap_err().contains("«Код участника»"));
    let mut no_tasks = empty_form(1);
    for h in &mut no_tasks[0][2..5] {
        *h = "Задание".into();
    }
    assert!(layout(&no_tasks).unwrap_err().contains("столбцов заданий"));
}

#[test]
fn a_form_of_another_paper_or_with_a_task_missing_is_named() {
    let l = layout(&empty_form(1)).unwrap();
    let paper = |tasks: &[(&str, i16)]| -> Vec<PaperTask> {
        tasks
            .iter()
            .enumerate()
            .map(|(i, (label, max))| PaperTask {
                id: i as i32,
                label: (*label).into(),
                max_score: *max,
            })
            .collect()
    };
    let same = paper(&[("1", 5), ("2", 5), ("4К1", 3)]);
    assert!(same_tasks(&l.task_list(), &same, ("формы", "в форме")).is_ok());
    let more = paper(&[("1", 5), ("2", 5), ("3", 2), ("4К1", 3)]);
    let said = same_tasks(&l.task_list(), &more, ("формы", "в форме")).unwrap_err();
    assert!(
        said.contains("в форме 1 (5б), 2 (5б), 4К1 (3б); в работе 1 (5б), 2 (5б), 3 (2б)"),
        "{said}"
    );
}

#[test]
fn scores_x_absence_and_marks_as_the_drop_downs_hold_them() {
    let l = layout(&empty_form(10)).unwrap();
    let people = [
        pupil(
            "80002",
            2,
            Sitting::Wrote(vec![Some(5), None, Some(0)]),
            Some(4),
        ),
        pupil("80001", 1, Sitting::Absent, Some(3)),
        pupil("80003", 1, Sitting::NotEntered, None),
        Participant {
            variant: None,
            ..pupil(
                "0815",
                1,
                Sitting::Wrote(vec![Some(1), Some(2), Some(3)]),
                Some(1),
            )
        },
    ];
    let (cells, summary) = fill(&l, &people);
    let n = |v: i64| Some(Value::Number(v));
    let t = |v: &str| Some(Value::Text(v.into()));
    // Class 1 first, codes in order (a shorter code first); then class 2.
    assert_eq!(at(&cells, 1, 0).cloned(), t("0815"));
    assert_eq!(at(&cells, 2, 0).cloned(), n(80001));
    assert_eq!(at(&cells, 3, 0).cloned(), n(80003));
    assert_eq!(at(&cells, 4, 0).cloned(), n(80002));
    // The one who wrote: variant, X for the task not attempted, total, class, mark.
    let wrote: Vec<Option<Value>> = (1..8).map(|c| at(&cells, 4, c).cloned()).collect();
    assert_eq!(wrote, vec![n(2), n(5), t("X"), n(0), n(2), n(4), n(5)]);
    // Absent: «отсутствовал», no scores, the mark still given.
    assert_eq!(at(&cells, 2, 1).cloned(), t(ABSENT));
    assert_eq!(at(&cells, 2, 2).cloned(), Some(Value::Blank));
    assert_eq!(at(&cells, 2, 6).cloned(), n(3));
    // Nothing entered: the code and class only; no mark (and a 1, not in the list) is «нет отметки».
    assert_eq!(at(&cells, 3, 1).cloned(), Some(Value::Blank));
    assert_eq!(at(&cells, 3, 6).cloned(), t(NO_MARK));
    assert_eq!(at(&cells, 1, 6).cloned(), t(NO_MARK));
    assert_eq!(at(&cells, 1, 1).cloned(), Some(Value::Blank));
    assert_eq!(
        summary,
        FormSummary {
            participants: 4,
            wrote: 2,
            absent: 1,
            not_entered: vec!["80003".into()],
            without_variant: 1,
            without_mark: 2,
        }
    );
    // Nothing is written into the helper column.
    assert!(cells.iter().all(|(_, c, _)| *c != 9 && *c != 8));
}

#[test]
fn a_form_filled_before_is_refilled_and_its_extra_rows_emptied() {
    let mut rows = empty_form(5);
    for (r, row) in rows.iter_mut().enumerate().take(4).skip(1) {
        row[0] = format!("8000{r}");
        row[5] = "1".into();
    }
    let l = layout(&rows).unwrap();
    assert_eq!(l.used, vec![1, 2, 3]);
    let (cells, _) = fill(&l, &[pupil("80001", 1, Sitting::Absent, None)]);
    assert_eq!(at(&cells, 1, 0), Some(&Value::Number(80001)));
    for row in [2, 3] {
        for column in [0, 1, 2, 3, 4, 5, 6] {
            assert_eq!(
                at(&cells, row, column),
                Some(&Value::Blank),
                "{row}:{column}"
            );
        }
    }
    assert!(at(&cells, 4, 0).is_none());
}

#[test]
fn three_hundred_participants_take_three_hundred_rows() {
    let l = layout(&empty_form(1498)).unwrap();
    let people: Vec<Participant> = (1..=300)
        .map(|i| {
            pupil(
                &format!("{}", 80_000 + i),
                (i % 11 + 1) as u32,
                Sitting::Wrote(vec![Some(5), Some(4), Some(3)]),
                Some(5),
            )
        })
        .collect();
    let (cells, summary) = fill(&l, &people);
    assert_eq!(summary.wrote, 300);
    let rows: std::collections::BTreeSet<usize> = cells.iter().map(|c| c.0).collect();
    assert_eq!(
        (rows.first(), rows.last(), rows.len()),
        (Some(&1), Some(&300), 300)
    );
    let ordinals: Vec<&Value> = (1..=300).filter_map(|r| at(&cells, r, 5)).collect();
    assert!(ordinals.windows(2).all(|w| match (w[0], w[1]) {
        (Value::Number(a), Value::Number(b)) => a <= b,
        _ => false,
    }));
}
