use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{DataValidation, Formula, Workbook};

use super::sheet::reference;
use super::*;

/// A workbook built as ФИС ОКО builds its forms: a list sheet the drop-downs read, a sheet of
/// prepared rows with a validation per column, a total formula per row, a helper column.
fn form() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Протокол").unwrap();
    for (c, h) in ["Код участника", "Вариант", "1 (2б)", "Итого баллов"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..20u32 {
        sheet
            .write_formula(r, 3, Formula::new(format!("=SUM(C{0}:C{0})", r + 1)))
            .unwrap();
        sheet.write_number(r, 5, 7.0).unwrap();
    }
    let variants = DataValidation::new().allow_list_formula(Formula::new("=Служебный!$A$1:$A$3"));
    sheet.add_data_validation(1, 1, 19, 1, &variants).unwrap();
    let scores = DataValidation::new()
        .allow_list_strings(&["2", "1", "0", "X"])
        .unwrap();
    sheet.add_data_validation(1, 2, 19, 2, &scores).unwrap();
    let lists = book.add_worksheet();
    lists.set_name("Служебный").unwrap();
    for (r, v) in ["1", "2", "отсутствовал"].iter().enumerate() {
        lists.write_string(r as u32, 0, *v).unwrap();
    }
    lists.write_string(0, 1, "X").unwrap();
    book.save_to_buffer().unwrap()
}

fn part(book: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(book)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn between<'a>(xml: &'a str, open: &str, close: &str) -> &'a str {
    let a = xml.find(open).unwrap();
    let b = xml[a..].find(close).unwrap() + a + close.len();
    &xml[a..b]
}

#[test]
fn cell_references_count_letters_from_a() {
    assert_eq!(reference(0, 0), "A1");
    assert_eq!(reference(11, 2), "C12");
    assert_eq!(reference(0, 25), "Z1");
    assert_eq!(reference(1498, 26), "AA1499");
}

#[test]
fn values_go_in_and_the_drop_downs_formulas_and_helpers_stay() {
    let before = form();
    let puts: Puts = [
        ((1, 0), Put::Number(40001.0)),
        ((1, 1), Put::Number(2.0)),
        ((1, 2), Put::Text("X".into())),
        ((1, 3), Put::Number(0.0)),
        ((2, 0), Put::Number(40002.0)),
        ((2, 1), Put::Text("отсутствовал".into())),
        ((3, 0), Put::Number(40003.0)),
        ((3, 2), Put::Number(2.0)),
        ((3, 3), Put::Number(2.0)),
        ((3, 5), Put::Blank),
        // Past the prepared rows and to the right of every column.
        ((30, 0), Put::Text("Примечание: строка вне формы".into())),
    ]
    .into_iter()
    .collect();
    let after = fill(&before, "Протокол", &puts).unwrap();

    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(after.clone())).unwrap();
    let cells = book.worksheet_range("Протокол").unwrap();
    let at = |r: u32, c: u32| cells.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(at(0, 0), Data::String("Код участника".into()));
    assert_eq!(at(1, 0), Data::Float(40001.0));
    assert_eq!(at(1, 1), Data::Float(2.0));
    assert_eq!(at(1, 2), Data::String("X".into()));
    assert_eq!(at(2, 1), Data::String("отсутствовал".into()));
    assert_eq!(at(3, 2), Data::Float(2.0));
    // The total's cached value is what was put; the formula is still there.
    assert_eq!(at(3, 3), Data::Float(2.0));
    assert_eq!(
        at(30, 0),
        Data::String("Примечание: строка вне формы".into())
    );
    // The helper column: untouched where not put, emptied where put blank.
    assert_eq!(at(2, 5), Data::Float(7.0));
    assert_eq!(at(3, 5), Data::Empty);
    let formulas = book.worksheet_formula("Протокол").unwrap();
    for r in 1..20u32 {
        assert_eq!(
            formulas.get_value((r, 3)).map(String::as_str),
            Some(format!("SUM(C{0}:C{0})", r + 1).as_str()),
            "row {r}"
        );
    }
    // The validations are the same bytes, and the list sheet is whole.
    let sheet_before = part(&before, "xl/worksheets/sheet1.xml");
    let sheet_after = part(&after, "xl/worksheets/sheet1.xml");
    let validations =
        |xml: &str| between(xml, "<dataValidations", "</dataValidations>").to_string();
    assert_eq!(validations(&sheet_before), validations(&sheet_after));
    assert_eq!(
        part(&before, "xl/worksheets/sheet2.xml"),
        part(&after, "xl/worksheets/sheet2.xml")
    );
    // Strings the form already holds are reused, new ones appended once.
    let strings = part(&after, "xl/sharedStrings.xml");
    assert_eq!(strings.matches(">отсутствовал<").count(), 1);
    assert_eq!(strings.matches(">X<").count(), 1);
    assert_eq!(strings.matches("Примечание").count(), 1);
    assert!(part(&after, "xl/workbook.xml").contains("fullCalcOnLoad=\"1\""));
    assert!(
        sheet_after.contains("<dimension ref=\"A1:F31\"/>"),
        "{}",
        &sheet_after[..300]
    );
}

#[test]
fn a_sheet_that_is_not_there_or_a_broken_archive_is_refused() {
    let book = form();
    let puts: Puts = [((1, 0), Put::Number(1.0))].into_iter().collect();
    assert!(fill(&book, "Лист9", &puts).is_err());
    assert!(fill(b"PK\x03\x04 not a zip", "Протокол", &puts).is_err());
    // Nothing put: the sheet reads as before.
    let same = fill(&book, "Протокол", &Puts::new()).unwrap();
    let mut a: Xlsx<_> = Xlsx::new(Cursor::new(book)).unwrap();
    let mut b: Xlsx<_> = Xlsx::new(Cursor::new(same)).unwrap();
    assert_eq!(
        a.worksheet_range("Протокол").unwrap(),
        b.worksheet_range("Протокол").unwrap()
    );
}
