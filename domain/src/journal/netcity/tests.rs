use super::*;

fn d(m: u32, day: u32) -> Day {
    Day::from_ymd(if m >= 9 { 2026 } else { 2027 }, m, day)
}

fn subject(name: &str, lessons: &[(u32, u32, &str)], final_mark: &str) -> PageSubject {
    PageSubject {
        name: name.into(),
        lessons: lessons
            .iter()
            .map(|&(m, day, t)| (d(m, day), t.to_string()))
            .collect(),
        average: "4,33".into(),
        final_mark: final_mark.into(),
    }
}

#[test]
fn marks_absences_and_the_final_mark_of_a_saved_page() {
    let page = page(
        "Ёлкина Алёна Петровна",
        "5А",
        d(9, 1),
        d(11, 30),
        "1 триместр",
        &[
            subject(
                "Русский язык",
                &[(9, 3, "5 4"), (10, 1, "НП"), (11, 28, "УП")],
                "4",
            ),
            subject(
                "Математика",
                &[(9, 3, "3"), (9, 5, "Б"), (10, 1, "Б ."), (11, 28, "ОП 5")],
                "н/а",
            ),
            subject("Разговоры о важном", &[(9, 5, "ОТ")], ""),
        ],
    );
    assert!(is_report(&page));
    let (head, batch) = read(&page).unwrap();
    assert_eq!(
        (head.pupil.as_str(), head.class.as_str()),
        ("Ёлкина Алёна Петровна", "5А")
    );
    let marks: Vec<(&str, When, JournalValue)> = batch
        .entries
        .iter()
        .map(|e| (e.subject.as_str(), e.when, e.value))
        .collect();
    let day = |m, x| When::Day(d(m, x).0);
    let term = When::Period(Period::Term(1));
    assert_eq!(
        marks,
        vec![
            ("Русский язык", day(9, 3), JournalValue::Mark(5)),
            ("Русский язык", day(9, 3), JournalValue::Mark(4)),
            ("Русский язык", term, JournalValue::Mark(4)),
            ("Математика", day(9, 3), JournalValue::Mark(3)),
            ("Математика", day(11, 28), JournalValue::Mark(5)),
            ("Математика", term, JournalValue::NotAttested),
        ]
    );
    let absences: Vec<(When, [i16; 4])> = batch
        .absences
        .iter()
        .map(|a| {
            (
                a.when.unwrap(),
                [a.excused, a.illness, a.unexcused, a.unspecified],
            )
        })
        .collect();
    assert_eq!(
        absences,
        vec![
            (day(9, 5), [0, 1, 0, 1]),
            (day(10, 1), [0, 1, 1, 0]),
            (day(11, 28), [1, 0, 0, 0]),
        ],
        "a lesson per code, by day; late and a debt are no absence"
    );
}

#[test]
fn a_page_that_is_not_the_report_or_has_a_bad_cell() {
    assert!(!is_report(
        "<html><table><tr><td>1</td></tr></table></html>"
    ));
    let no_period =
        r#"<span data-sheet-name="x">Белов Борис</span><table class="table-print"></table>"#;
    assert!(read(no_period).unwrap_err()[0].message.contains("период"));
    let bad = page(
        "Белов Борис",
        "",
        d(9, 1),
        d(12, 28),
        "1 четверть",
        &[subject("Математика", &[(9, 3, "4"), (12, 1, "отл")], "")],
    );
    let problems = read(&bad).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].row, 3);
    assert!(
        problems[0].message.contains("«отл»"),
        "{}",
        problems[0].message
    );
    assert!(
        problems[0].message.contains("01.12.2026"),
        "{}",
        problems[0].message
    );
}

#[test]
fn dates_across_the_new_year_take_the_period_s_years() {
    let page = page(
        "Белов Борис",
        "7Б",
        d(12, 1),
        d(2, 27),
        "2 триместр",
        &[subject("Физика", &[(12, 24, "4"), (1, 14, "5")], "5")],
    );
    let (_, batch) = read(&page).unwrap();
    let days: Vec<When> = batch.entries.iter().map(|e| e.when).collect();
    assert_eq!(
        days,
        vec![
            When::Day(Day::from_ymd(2026, 12, 24).0),
            When::Day(Day::from_ymd(2027, 1, 14).0),
            When::Period(Period::Term(2)),
        ]
    );
}
