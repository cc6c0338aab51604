//! Reads an uploaded spreadsheet into rows of text cells: XLSX/XLS through calamine, CSV in
//! UTF-8 or Windows-1251 (what Excel on a Russian Windows saves) with `;`, tab or `,` between
//! cells.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader};

/// Larger than any school's list (a 2 000-student list is about 100 KB).
pub const MAX_BYTES: usize = 1024 * 1024;

pub fn read(file_name: &str, bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    if bytes.is_empty() {
        return Err("Файл пуст.".into());
    }
    if bytes.len() > MAX_BYTES {
        return Err("Файл больше 1 МБ: это не похоже на список учеников одной школы.".into());
    }
    let lower = file_name.to_lowercase();
    let zip_or_ole =
        bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if zip_or_ole || lower.ends_with(".xlsx") || lower.ends_with(".xls") {
        return spreadsheet(bytes);
    }
    csv(&decode(bytes)?)
}

fn spreadsheet(bytes: &[u8]) -> Result<Vec<Vec<String>>, String> {
    let unreadable = |_| {
        "Не удалось прочитать файл Excel. Сохраните его как .xlsx или .csv и попробуйте снова."
            .to_string()
    };
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(unreadable)?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| "В файле нет ни одного листа.".to_string())?
        .map_err(unreadable)?;
    Ok(range
        .rows()
        .map(|row| row.iter().map(cell_text).collect())
        .collect())
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        other => other.to_string().trim().to_string(),
    }
}

/// UTF-8 (with or without BOM) when it is valid; otherwise Windows-1251.
fn decode(bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1251.decode(bytes);
            text.into_owned()
        }
    };
    let binary = text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n'));
    if binary {
        return Err("Файл не похож на таблицу: загрузите .xlsx или .csv.".into());
    }
    Ok(text)
}

/// RFC 4180 CSV with the separator guessed from the first line.
fn csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let first = text.lines().next().unwrap_or("");
    let separator = [';', '\t', ',']
        .into_iter()
        .max_by_key(|s| first.matches(*s).count())
        .filter(|s| first.contains(*s))
        .unwrap_or(';');
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            (c, false) if c == separator => row.push(std::mem::take(&mut cell).trim().to_string()),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell).trim().to_string());
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    if quoted {
        return Err("В файле не закрыта кавычка: проверьте его в Excel и сохраните снова.".into());
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell.trim().to_string());
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_utf8_and_windows_1251_read_the_same() {
        let text = "ФИО;Класс\r\nИванова Анна Петровна;5А\r\n";
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        let utf8 = read("list.csv", text.as_bytes()).unwrap();
        assert_eq!(utf8[1], ["Иванова Анна Петровна", "5А"]);
        assert_eq!(read("list.csv", &cp1251).unwrap(), utf8);
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(read("list.csv", &bom).unwrap(), utf8);
    }

    #[test]
    fn quotes_commas_and_tabs() {
        let rows = read(
            "a.csv",
            "ФИО,Класс\n\"Петров, Иван\",\"5\"\"А\"\"\"\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(rows[1], ["Петров, Иван", "5\"А\""]);
        let rows = read("a.txt", "ФИО\tКласс\nПетров Иван\t6Б".as_bytes()).unwrap();
        assert_eq!(rows[1], ["Петров Иван", "6Б"]);
    }

    #[test]
    fn empty_huge_and_binary_files_are_refused() {
        assert_eq!(read("a.csv", b"").unwrap_err(), "Файл пуст.");
        assert!(read("a.csv", &vec![b'a'; MAX_BYTES + 1])
            .unwrap_err()
            .contains("1 МБ"));
        assert!(read("a.csv", b"\x00\x01\x02binary")
            .unwrap_err()
            .contains("не похож"));
        assert!(read("a.xlsx", b"PK\x03\x04broken")
            .unwrap_err()
            .contains("Excel"));
        assert!(read("a.csv", "ФИО;Класс\n\"Петров;5А\n".as_bytes())
            .unwrap_err()
            .contains("кавычка"));
    }
}
