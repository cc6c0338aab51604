//! The one door every file a user gives Mera passes through before anything is built from it.
//!
//! A file is hostile until checked: a 1.6 KB XLSX that names cells A1 and XFD1048576 makes a
//! spreadsheet library allocate the whole 17-billion-cell grid, and the process dies (Rust aborts
//! on a failed allocation; no request can catch that). So the checks here read only what a file
//! declares and what it really holds, within fixed bounds, and refuse with a Russian sentence
//! before any grid, string table or tree is built:
//! - the file's size;
//! - for an archive (XLSX): the number of parts, every part really decompressed (never trusting
//!   the sizes it declares) against a total, markup nesting, and the string count it declares;
//! - for an old Excel file (XLS): the record stream's size, the dimensions it declares and the
//!   position of every cell record;
//! - for every sheet: rows, columns, the area the grid would take and the number of cells;
//! - for text (CSV, HTML): its encoding, rows and columns, markup nesting.
//!
//! Readers of every kind (the student list today; journals, ФИС ОКО and РЦОИ files, olympiad
//! protocols next) call [`sheets`] or [`markup`] with their own [`Limits`]; none opens a file
//! any other way.

mod archive;
mod biff;
mod csv;
mod grid;
mod text;

pub use grid::Sheet;

/// The bounds one reader accepts. Each is far above what a real school's file holds, and each
/// bounds memory: the grid's area times a string's size is the worst a sheet can cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The file as uploaded.
    pub max_bytes: usize,
    /// All parts of an archive (or the record stream of an XLS), decompressed.
    pub max_unpacked: u64,
    /// Parts of an archive.
    pub max_parts: usize,
    pub max_sheets: usize,
    pub max_rows: u32,
    pub max_columns: u32,
    /// Rows × columns of one sheet's grid, empty cells included.
    pub max_area: u64,
    /// Cells with a value, over all sheets (and the strings a workbook declares).
    pub max_cells: u64,
    /// How deep markup (the XML inside an XLSX, an HTML page) may nest.
    pub max_depth: usize,
}

impl Limits {
    /// A school's student list: 2,000 students make about 100 KB.
    pub const STUDENT_LIST: Limits = Limits {
        max_bytes: 1024 * 1024,
        max_unpacked: 32 * 1024 * 1024,
        max_parts: 200,
        max_sheets: 50,
        max_rows: 10_000,
        max_columns: 64,
        max_area: 640_000,
        max_cells: 200_000,
        max_depth: 64,
    };

    /// A paper's tasks: a few dozen rows.
    pub const TASK_LIST: Limits = Limits {
        max_bytes: 1024 * 1024,
        max_unpacked: 16 * 1024 * 1024,
        max_parts: 100,
        max_sheets: 20,
        max_rows: 1_000,
        max_columns: 32,
        max_area: 32_000,
        max_cells: 32_000,
        max_depth: 64,
    };

    /// Results, journals and protocols: a year's marks of a school, a ФИС ОКО form with its
    /// hidden lists, a regional protocol of several exams.
    pub const RESULTS: Limits = Limits {
        max_bytes: 10 * 1024 * 1024,
        max_unpacked: 128 * 1024 * 1024,
        max_parts: 500,
        max_sheets: 100,
        max_rows: 100_000,
        max_columns: 1_024,
        max_area: 2_000_000,
        max_cells: 2_000_000,
        max_depth: 256,
    };
}

/// What a file is, told by its content (a name can lie: HTML saved as «.xls» is common).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A ZIP archive: XLSX (or another office format, refused later).
    Zip,
    /// An OLE compound file: Excel 97–2003 (BIFF8).
    Ole,
    /// A web page or XML text.
    Markup,
    /// Anything else: read as CSV text.
    Text,
}

pub fn kind(bytes: &[u8]) -> Kind {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Kind::Zip;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Kind::Ole;
    }
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = start.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'<') {
        return Kind::Markup;
    }
    Kind::Text
}

/// A file as it came base64-encoded inside a server function's JSON (as the browser sends an
/// upload); one that does not decode is the client's mistake.
pub fn decoded(base64: &str) -> Result<Vec<u8>, domain::error::AppError> {
    use ::base64::Engine as _;
    ::base64::engine::general_purpose::STANDARD
        .decode(base64.trim())
        .map_err(|_| {
            domain::error::AppError::invalid("Файл повреждён при передаче. Выберите его снова.")
        })
}

/// The rows of the first sheet of an uploaded file (see [`decoded`]), through [`sheets`]: what
/// every table reader starts from. A file that holds no sheet is the client's mistake.
pub fn first_sheet(
    file_name: &str,
    base64: &str,
    limits: &Limits,
) -> Result<Vec<Vec<String>>, domain::error::AppError> {
    use domain::error::AppError;
    sheets(file_name, &decoded(base64)?, limits)
        .map_err(AppError::invalid)?
        .into_iter()
        .next()
        .map(|sheet| sheet.rows)
        .ok_or_else(|| AppError::invalid("В файле нет ни одного листа."))
}

/// The sheets of a spreadsheet (XLSX, XLS) or of a CSV text (one sheet), each row a list of
/// trimmed cell texts. Anything else, or anything over `limits`, is refused with a sentence that
/// says what to do.
pub fn sheets(file_name: &str, bytes: &[u8], limits: &Limits) -> Result<Vec<Sheet>, String> {
    check_size(bytes, limits)?;
    let named_excel = {
        let lower = file_name.to_lowercase();
        lower.ends_with(".xlsx") || lower.ends_with(".xls")
    };
    match kind(bytes) {
        Kind::Zip => archive::sheets(bytes, limits),
        Kind::Ole => biff::sheets(bytes, limits),
        Kind::Markup => Err(if named_excel {
            "Это веб-страница, сохранённая под именем файла Excel, а не таблица. Откройте её в \
             Excel и сохраните как «Книга Excel (.xlsx)»."
                .into()
        } else {
            "Это веб-страница или XML, а не таблица: загрузите .xlsx, .xls или .csv.".into()
        }),
        Kind::Text if named_excel => Err(not_excel()),
        Kind::Text => Ok(vec![csv::sheet(&text::decode(bytes)?, limits)?]),
    }
}

/// The text of a web page (a saved report of an e-journal), decoded, with its nesting checked,
/// for a reader that parses HTML.
pub fn markup(bytes: &[u8], limits: &Limits) -> Result<String, String> {
    check_size(bytes, limits)?;
    if kind(bytes) != Kind::Markup {
        return Err(
            "Это не веб-страница: загрузите отчёт, сохранённый из браузера (.html).".into(),
        );
    }
    let text = text::decode(bytes)?;
    text::check_depth(text.as_bytes(), limits.max_depth, true)?;
    Ok(text)
}

/// Empty or over the size limit: the sentence that says so.
pub fn check_size(bytes: &[u8], limits: &Limits) -> Result<(), String> {
    if bytes.is_empty() {
        return Err("Файл пуст.".into());
    }
    if bytes.len() > limits.max_bytes {
        return Err(format!(
            "Файл больше {}: такой файл сюда не загружают. Проверьте, тот ли это файл.",
            size_text(limits.max_bytes as u64)
        ));
    }
    Ok(())
}

fn not_excel() -> String {
    "Не удалось прочитать файл Excel: он повреждён или это не таблица. Откройте его в Excel и \
     сохраните как «Книга Excel (.xlsx)» или как CSV."
        .into()
}

fn password() -> String {
    "Файл защищён паролем: снимите пароль в Excel («Файл» → «Сведения» → «Защита книги») и \
     загрузите снова."
        .into()
}

fn size_text(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} МБ", bytes / (1024 * 1024))
    } else {
        format!("{} КБ", bytes.div_ceil(1024))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_told_by_its_content() {
        assert_eq!(kind(b"PK\x03\x04rest"), Kind::Zip);
        assert_eq!(
            kind(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Kind::Ole
        );
        assert_eq!(kind(b"\xEF\xBB\xBF\r\n  <html>"), Kind::Markup);
        assert_eq!(kind("ФИО;Класс".as_bytes()), Kind::Text);
    }

    #[test]
    fn empty_large_and_disguised_files_are_refused() {
        let limits = Limits::STUDENT_LIST;
        assert_eq!(sheets("a.csv", b"", &limits).unwrap_err(), "Файл пуст.");
        let big = vec![b'a'; limits.max_bytes + 1];
        assert!(sheets("a.csv", &big, &limits).unwrap_err().contains("1 МБ"));
        let page = b"<html><body><table><tr><td>1</td></tr></table></body></html>";
        assert!(sheets("list.xlsx", page, &limits)
            .unwrap_err()
            .contains("веб-страница"));
        assert!(sheets("list.xls", "ФИО;Класс".as_bytes(), &limits)
            .unwrap_err()
            .contains("Excel"));
        assert!(markup("ФИО;Класс".as_bytes(), &limits).is_err());
    }

    #[test]
    fn a_page_nested_too_deep_is_refused() {
        let limits = Limits::STUDENT_LIST;
        let deep = format!("<html>{}</html>", "<div>".repeat(limits.max_depth + 1));
        assert!(markup(deep.as_bytes(), &limits)
            .unwrap_err()
            .contains("вложен"));
        let fine = "<html><body><p>Отчёт<br><img src=x></p></body></html>";
        assert!(markup(fine.as_bytes(), &limits).is_ok());
    }
}
