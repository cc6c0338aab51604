use super::*;

/// A protocol as the flattened XLS reads: spacer columns, two exams.
fn protocol() -> Vec<Vec<String>> {
    let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    let header = row(&[
        "№",
        "Код ОО",
        "Класс",
        "",
        "Код ППЭ",
        "",
        "Аудитория",
        "",
        "Код МСУ",
        "",
        "Фамилия",
        "",
        "Имя",
        "Отчество",
        "Задания с кратким ответом",
        "",
        "",
        "Задания с развёрнутым ответом",
        "Первичный балл",
        "",
        "Оценка",
    ]);
    vec![
        row(&["Протокол проверки результатов"]),
        row(&["99 - Тестовый регион"]),
        row(&["12 - Обществознание 2027.06.03"]),
        row(&[""]),
        header.clone(),
        row(&[
            "1",
            "9306",
            "9А",
            "",
            "1",
            "",
            "5",
            "",
            "1",
            "",
            "Акимова",
            "",
            "Анна",
            "Сергеевна",
            "++-+2",
            "",
            "",
            "1(2)2(3)",
            "9",
            "",
            "4",
        ]),
        row(&[
            "Средние",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "9",
            "",
            "",
        ]),
        row(&["2 - Математика 2027.06.06"]),
        header.clone(),
        row(&[
            "1",
            "9306",
            "А",
            "",
            "1",
            "",
            "5",
            "",
            "1",
            "",
            "Белов",
            "",
            "Борис",
            "",
            "+-",
            "",
            "",
            "0(2)",
            "1",
            "",
            "2",
        ]),
    ]
}

#[test]
fn a_protocol_gives_each_exam_with_its_participants() {
    let exams = read(&protocol()).unwrap();
    assert_eq!(exams.len(), 2);
    assert_eq!(
        (exams[0].subject.as_str(), exams[0].date.as_str()),
        ("Обществознание", "2027.06.03")
    );
    let a = &exams[0].rows[0];
    assert_eq!(
        (a.last_name.as_str(), a.class.as_str(), a.short.as_str()),
        ("Акимова", "9А", "++-+2")
    );
    assert_eq!(a.long, [(1, 2), (2, 3)]);
    assert_eq!(a.primary, Some(9));
    assert_eq!(exams[1].rows[0].class, "А");
}

#[test]
fn answer_strings_read_as_points() {
    assert_eq!(
        long_answers("1(2)2(3)2(2)").unwrap(),
        [(1, 2), (2, 3), (2, 2)]
    );
    assert!(long_answers("3(2)")
        .unwrap_err()
        .contains("больше максимума"));
    assert!(long_answers("1(2").is_err());
    assert_eq!(short_answer('+', 1), Ok(1));
    assert_eq!(short_answer('-', 2), Ok(0));
    assert_eq!(short_answer('2', 2), Ok(2));
    assert!(short_answer('3', 2).is_err());
    assert!(short_answer('?', 1).is_err());
}

#[test]
fn a_row_fits_a_paper_of_its_shape() {
    let exams = read(&protocol()).unwrap();
    let a = &exams[0].rows[0];
    assert_eq!(
        a.scores(&[1, 1, 1, 1, 2, 2, 3]).unwrap(),
        [1, 1, 0, 1, 2, 1, 2]
    );
    assert!(a
        .scores(&[1, 1, 1, 1, 2, 2])
        .unwrap_err()
        .contains("в работе 6 заданий"));
    assert!(a
        .scores(&[1, 1, 1, 1, 2, 2, 4])
        .unwrap_err()
        .contains("максимум в протоколе 3"));
    assert_eq!(a.name(), "Акимова Анна Сергеевна");
    assert_eq!(exams[1].rows[0].class_in(9), "9А");
}

#[test]
fn a_file_that_is_no_protocol_says_so() {
    let rows = vec![vec!["ФИО".to_string(), "Класс".into()]];
    assert!(read(&rows).unwrap_err()[0]
        .message
        .contains("не протокол РЦОИ"));
}

#[test]
fn the_oge_csv_export_is_one_unnamed_exam() {
    let row = |cells: &str| cells.split(';').map(String::from).collect::<Vec<_>>();
    let rows = vec![
        row("SchoolCode;ClassCode;StationCode;AuditoriumCode;GovernmentCell;SurnameCell;NameCell;SecondNameCell;DocumentSeriesCode;DocumentNumberCode;TestResultBCell;TestResultCCell;PrimaryMark;Mark5"),
        row("9306;9А;1201;0007;99;Орлова;Вера;Игоревна;4511;000001;++-+2;1(2)2(3);8;4"),
        row(";А;1201;0007;99;Петров;Олег;;4511;000002;-+--0;0(2)1(3);2;2"),
    ];
    let exams = read(&rows).unwrap();
    assert_eq!(exams.len(), 1);
    assert_eq!(exams[0].subject, "");
    let r = &exams[0].rows;
    assert_eq!(
        (
            r[0].last_name.as_str(),
            r[0].first_name.as_str(),
            r[0].patronymic.as_str()
        ),
        ("Орлова", "Вера", "Игоревна")
    );
    assert_eq!(
        (r[0].class.as_str(), r[0].short.as_str(), r[0].primary),
        ("9А", "++-+2", Some(8))
    );
    assert_eq!(r[1].long, vec![(0, 2), (1, 3)]);
    assert_eq!(r[1].row, 3);
}
