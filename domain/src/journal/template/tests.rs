use super::*;

fn rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| l.split(';').map(String::from).collect())
        .collect()
}

#[test]
fn periods_as_journals_name_them() {
    assert_eq!(Period::parse("1 четверть"), Some(Period::Term(1)));
    assert_eq!(Period::parse("IV четверть"), Some(Period::Term(4)));
    assert_eq!(Period::parse("2 триместр"), Some(Period::Term(2)));
    assert_eq!(Period::parse("1-е полугодие"), Some(Period::HalfYear(1)));
    assert_eq!(Period::parse("Годовая"), Some(Period::Year));
    assert_eq!(Period::parse("зима"), None);
    assert_eq!(Period::parse("3 полугодие"), None);
}

#[test]
fn term_and_current_marks_with_every_journal_value() {
    // The header in row 3, under a title; columns in the journal's own order.
    let file = rows(
        "Отметки 4А;;;;\n\
         ;;;;\n\
         Класс;ФИО;Предмет;Период;Дата;Отметка\n\
         4А;Акимова Анна;Математика;1 четверть;;5\n\
         4А;Белов Борис;Математика;1 четверть;;н/а\n\
         4А;Волков Вадим;Физическая культура;1 четверть;;осв\n\
         4А;Акимова Анна;ОРКСЭ;1 четверть;;зач\n\
         4А;Акимова Анна;Математика;;20.11.2026;4\n\
         4А;Акимова Анна;Математика;;20.11.2026;5\n\
         4А;Белов Борис;Математика;;2026-11-21;\n",
    );
    let read = read(&file).unwrap().entries;
    let got: Vec<(u32, &str, When, JournalValue)> = read
        .iter()
        .map(|r| (r.row, r.name.as_str(), r.when, r.value))
        .collect();
    let term = When::Period(Period::Term(1));
    let day = When::Day(Day::from_ymd(2026, 11, 20).0);
    assert_eq!(
        got,
        vec![
            (4, "Акимова Анна", term, JournalValue::Mark(5)),
            (5, "Белов Борис", term, JournalValue::NotAttested),
            (6, "Волков Вадим", term, JournalValue::Exempt),
            (7, "Акимова Анна", term, JournalValue::Pass),
            (8, "Акимова Анна", day, JournalValue::Mark(4)),
            (9, "Акимова Анна", day, JournalValue::Mark(5)),
        ],
        "two current marks a day are kept; a blank is no value"
    );
}

#[test]
fn each_mistake_is_named_by_its_row() {
    let file = rows(
        "ФИО;Класс;Предмет;Период;Отметка\n\
         Акимова Анна;4А;Математика;1 четверть;5\n\
         акимова  анна;4а;математика;1 четверть;4\n\
         Белов Борис;4А;Математика;зима;4\n\
         Волков Вадим;4А;Математика;1 четверть;6\n\
         ;4А;Математика;1 четверть;3\n\
         Гусев Глеб;4А;Математика;;3\n",
    );
    let problems = read(&file).unwrap_err();
    let at: Vec<u32> = problems.iter().map(|p| p.row).collect();
    assert_eq!(at, [3, 4, 5, 6, 7]);
    assert!(
        problems[0].message.contains("строка 2"),
        "{}",
        problems[0].message
    );
    assert!(problems[1].message.contains("«зима»"));
    assert!(problems[2].message.contains("«6»"));
}

#[test]
fn a_file_without_the_header_or_without_values_says_so() {
    let none = read(&rows("Фамилия;Имя\nАкимова;Анна\n")).unwrap_err();
    assert_eq!(none[0].row, 0);
    assert!(none[0].message.contains("«Период» или «Дата»"));
    let empty = read(&rows("ФИО;Класс;Предмет;Период;Отметка\n")).unwrap_err();
    assert!(empty[0].message.contains("пустой файл"));
}

#[test]
fn a_spreadsheet_day_number_is_a_date() {
    assert_eq!(day("45981"), Some(Day::from_ymd(2025, 11, 20)));
    assert_eq!(day("31.02.2026"), None);
}

#[test]
fn attendance_rows_with_or_without_a_mark() {
    let file = rows(
        "ФИО;Класс;Предмет;Период;Отметка;Пропущено уроков;По уважительной;По болезни;Без уважительной\n\
         Акимова Анна;4А;;1 четверть;;12;2;6;3\n\
         Белов Борис;4А;Математика;1 четверть;4;;;;2\n\
         Волков Вадим;4А;;1 четверть;;3;;5;\n",
    );
    let problems = read(&file).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].row, 4, "{problems:?}");
    let ok: Vec<Vec<String>> = file[..3].to_vec();
    let batch = read(&ok).unwrap();
    assert_eq!(batch.entries.len(), 1, "Белов's mark");
    let a = &batch.absences[0];
    assert_eq!(
        (a.excused, a.illness, a.unexcused, a.unspecified, a.missed()),
        (2, 6, 3, 1, 12),
        "a total above its parts keeps the rest as unspecified"
    );
    let b = &batch.absences[1];
    assert_eq!(
        (b.unexcused, b.missed()),
        (2, 2),
        "no total: the parts are it"
    );
}
