use super::*;

fn rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| l.split(';').map(String::from).collect())
        .collect()
}

#[test]
fn a_class_s_term_with_subjects_in_columns() {
    let file = rows(
        "Итоговые отметки за 1 четверть 2026/2027 учебного года;;;;;\n\
         Класс: 5А;;;;;\n\
         №;ФИО;Рус. яз.;Матем.;Физ-ра;Средний балл;Пропущено уроков;По болезни\n\
         1;Акимова Анна;5;4;осв;4,5;6;6\n\
         2;Белов Борис;н/а;3;5;4;;\n\
         ;Итого;;;;;\n",
    );
    let batch = read(&file).unwrap();
    let got: Vec<(u32, &str, &str, &str, JournalValue)> = batch
        .entries
        .iter()
        .map(|e| {
            (
                e.row,
                e.name.as_str(),
                e.class.as_str(),
                e.subject.as_str(),
                e.value,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (4, "Акимова Анна", "5А", "Рус. яз.", JournalValue::Mark(5)),
            (4, "Акимова Анна", "5А", "Матем.", JournalValue::Mark(4)),
            (4, "Акимова Анна", "5А", "Физ-ра", JournalValue::Exempt),
            (
                5,
                "Белов Борис",
                "5А",
                "Рус. яз.",
                JournalValue::NotAttested
            ),
            (5, "Белов Борис", "5А", "Матем.", JournalValue::Mark(3)),
            (5, "Белов Борис", "5А", "Физ-ра", JournalValue::Mark(5)),
        ]
    );
    assert!(batch
        .entries
        .iter()
        .all(|e| e.when == When::Period(Period::Term(1))));
    let a = &batch.absences[0];
    assert_eq!((a.row, a.illness, a.missed()), (4, 6, 6));
    assert_eq!(batch.absences.len(), 1);
}

#[test]
fn the_vedomost_gives_a_row_per_period_under_a_headless_column() {
    let file = rows(
        "Сводная ведомость успеваемости;;;;\n\
         № п/п;ФИО ученика;;Русский язык;Математика;Решение педсовета\n\
         1;Гусев Глеб Ильич;1 четв.;4;4;\n\
         1;Гусев Глеб Ильич;2 четв.;3;4;\n\
         1;Гусев Глеб Ильич;год;4;4;переведён\n",
    );
    let file: Vec<Vec<String>> = file
        .into_iter()
        .map(|mut r| {
            // The class from a column the journal adds.
            r.insert(
                1,
                if r[0].starts_with('№') {
                    "Класс".into()
                } else if r[0] == "1" {
                    "6Б".into()
                } else {
                    String::new()
                },
            );
            r
        })
        .collect();
    let batch = read(&file).unwrap();
    let periods: Vec<When> = batch.entries.iter().map(|e| e.when).collect();
    assert_eq!(periods.len(), 6);
    assert_eq!(periods[0], When::Period(Period::Term(1)));
    assert_eq!(periods[2], When::Period(Period::Term(2)));
    assert_eq!(periods[4], When::Period(Period::Year));
    assert!(batch.entries.iter().all(|e| e.class == "6Б"));
}

#[test]
fn what_is_missing_or_wrong_is_said_by_row() {
    let no_period = rows("Класс: 5А\nФИО;Математика\nАкимова Анна;5\n");
    assert!(read(&no_period).unwrap_err()[0]
        .message
        .contains("период не указан"));
    let no_class = rows("1 четверть\nФИО;Математика\nАкимова Анна;5\n");
    assert!(read(&no_class).unwrap_err()[0]
        .message
        .contains("класс не указан"));
    let bad = rows("5 А класс, 1 четверть\nФИО;Математика;Физика\nАкимова Анна;5;отл\n");
    let p = read(&bad).unwrap_err();
    assert_eq!((p.len(), p[0].row), (1, 3));
    assert!(p[0].message.contains("«Физика»"), "{}", p[0].message);
    assert!(read(&rows("Отчёт\nФамилия;Имя\n")).is_err());
    let empty = read(&rows("Класс: 5А, 1 четверть\nФИО;Математика\n")).unwrap_err();
    assert!(empty[0].message.contains("пустой файл"));
}

#[test]
fn classes_in_titles() {
    assert_eq!(class_in("Класс: 5А").as_deref(), Some("5А"));
    assert_eq!(class_in("Класс: 10 б, 1 четверть").as_deref(), Some("10Б"));
    assert_eq!(class_in("Итоги 7-в класс").as_deref(), Some("7В"));
    assert_eq!(class_in("Отметки за 1 четверть"), None);
}

#[test]
fn the_name_column_under_its_usual_headings() {
    for heading in [
        "Ф.И.О. обучающегося",
        "Ф. И. О.",
        "Учащийся",
        "Фамилия, имя",
    ] {
        let file = rows(&format!(
            "Итоговые отметки за 1 четверть, класс: 6Б;;\n{heading};Математика\nАкимова Анна;4\n"
        ));
        let batch = read(&file).unwrap_or_else(|p| panic!("{heading}: {p:?}"));
        assert_eq!(batch.entries.len(), 1, "{heading}");
        assert_eq!(batch.entries[0].name, "Акимова Анна", "{heading}");
    }
}
