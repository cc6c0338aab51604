//! The one XLSX writer: a titled sheet of headed columns and rows of typed cells. Every workbook
//! Mera hands out (the analysis tables, the plan) is written here, so they look alike and a
//! writer error is answered the same way everywhere.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use domain::error::AppError;

/// One cell as the reader of the workbook should see it.
pub enum Cell<'a> {
    Text(&'a str),
    /// A section line: bold.
    Heading(&'a str),
    /// Long text that wraps within its column.
    Wrapped(&'a str),
    Count(f64),
    /// A percentage as its number (43.5), one decimal.
    Percent(f64),
    /// A mean or another measure, two decimals.
    Decimal(f64),
    /// A calendar day (year, month, day), a real date cell.
    Date(i64, u32, u32),
    Empty,
}

pub struct Sheet {
    book: Workbook,
    next_row: u32,
    formats: Formats,
}

struct Formats {
    bold: Format,
    wrap: Format,
    percent: Format,
    decimal: Format,
    date: Format,
}

impl Sheet {
    /// A sheet named `name` with `title` on the first line and `headers` on the third, each
    /// column `widths[i]` characters wide (the last width repeats).
    pub fn new(
        name: &str,
        title: &str,
        headers: &[&str],
        widths: &[f64],
    ) -> Result<Sheet, AppError> {
        let formats = Formats {
            bold: Format::new().set_bold().set_text_wrap(),
            wrap: Format::new().set_text_wrap(),
            percent: Format::new().set_num_format("0.0"),
            decimal: Format::new().set_num_format("0.00"),
            date: Format::new().set_num_format("dd.mm.yyyy"),
        };
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let head = |sheet: &mut Worksheet| -> Result<(), XlsxError> {
            sheet.set_name(name)?;
            sheet.write_string_with_format(0, 0, title, &formats.bold)?;
            for (c, h) in headers.iter().enumerate() {
                sheet.write_string_with_format(2, c as u16, *h, &formats.bold)?;
                let width = widths.get(c).or(widths.last()).copied().unwrap_or(14.0);
                sheet.set_column_width(c as u16, width)?;
            }
            Ok(())
        };
        head(sheet).map_err(failed)?;
        Ok(Sheet {
            book,
            next_row: 3,
            formats,
        })
    }

    pub fn row(&mut self, cells: &[Cell]) -> Result<(), AppError> {
        let r = self.next_row;
        self.next_row += 1;
        let f = &self.formats;
        let sheet = self.book.worksheet_from_index(0).map_err(failed)?;
        for (c, cell) in cells.iter().enumerate() {
            let c = c as u16;
            let written = match cell {
                Cell::Text(s) => sheet.write_string(r, c, *s).map(drop),
                Cell::Heading(s) => sheet.write_string_with_format(r, c, *s, &f.bold).map(drop),
                Cell::Wrapped(s) => sheet.write_string_with_format(r, c, *s, &f.wrap).map(drop),
                Cell::Count(n) => sheet.write_number(r, c, *n).map(drop),
                Cell::Percent(p) => sheet
                    .write_number_with_format(r, c, *p, &f.percent)
                    .map(drop),
                Cell::Decimal(x) => sheet
                    .write_number_with_format(r, c, *x, &f.decimal)
                    .map(drop),
                Cell::Date(y, m, d) => ExcelDateTime::from_ymd(*y as u16, *m as u8, *d as u8)
                    .and_then(|day| {
                        sheet
                            .write_datetime_with_format(r, c, &day, &f.date)
                            .map(drop)
                    }),
                Cell::Empty => Ok(()),
            };
            written.map_err(failed)?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<Vec<u8>, AppError> {
        self.book.save_to_buffer().map_err(failed)
    }
}

fn failed(e: XlsxError) -> AppError {
    tracing::error!(error = %e, "xlsx writer");
    AppError::Server
}
