//! A journal file, whatever the deputy gives, read into values and absences: its type is told by
//! its content (`upload::kind`), never its name. A web page is a «Сетевой город» report; a
//! spreadsheet or CSV is Mera's template.

use domain::journal::{html, netcity, table, template, Batch};
use domain::paper::table::RowProblem;
use domain::plan::deadline::Day;

use crate::platform::upload::{self, Kind, Limits};

/// A file read: what it holds and how it is scoped when it replaces what is stored.
pub struct Read {
    pub format: &'static str,
    pub batch: Batch,
    /// One pupil's report: it replaces her values only, over `span`.
    pub per_pupil: bool,
    /// The days the file covers, where it says (a report's «Период»).
    pub span: Option<(Day, Day)>,
    pub problems: Vec<RowProblem>,
}

pub const TEMPLATE: &str = "шаблон Mera";
pub const NETCITY: &str = "Сетевой город: отчёт об успеваемости и посещаемости ученика";
pub const TABLE: &str = "таблица журнала: ученики в строках, предметы в столбцах";
pub const WEB_TABLE: &str = "веб-страница журнала: ученики в строках, предметы в столбцах";

/// A grid read as Mera's template when it has the template's header, else as a journal's own
/// table of pupils by subjects.
fn grid(rows: &[Vec<String>], out: &mut Read, table_format: &'static str) {
    if table::is_table(rows) && !template::is_template(rows) {
        out.format = table_format;
        match table::read(rows) {
            Ok(batch) => out.batch = batch,
            Err(problems) => out.problems = problems,
        }
        return;
    }
    match template::read(rows) {
        Ok(batch) => out.batch = batch,
        Err(problems) => out.problems = problems,
    }
}

fn whole(message: String) -> Vec<RowProblem> {
    vec![RowProblem { row: 0, message }]
}

pub fn read(name: &str, bytes: &[u8], limits: &Limits) -> Read {
    let mut out = Read {
        format: TEMPLATE,
        batch: Batch::default(),
        per_pupil: false,
        span: None,
        problems: Vec::new(),
    };
    if upload::kind(bytes) == Kind::Markup {
        out.format = NETCITY;
        match upload::markup(bytes, limits) {
            Ok(page) if netcity::is_report(&page) => match netcity::read(&page) {
                Ok((head, batch)) => {
                    out.batch = batch;
                    out.per_pupil = true;
                    out.span = head.from.zip(head.to);
                }
                Err(problems) => out.problems = problems,
            },
            // Another page: its largest table, as a journal's «Excel» export saved as HTML is.
            Ok(page) => match html::tables(&page).into_iter().max_by_key(|t| t.rows.len()) {
                Some(t) => {
                    out.format = TEMPLATE;
                    let mut rows = vec![vec![html::text_before_tables(&page)]];
                    match t.grid() {
                        Ok(g) => {
                            rows.extend(g);
                            grid(&rows, &mut out, WEB_TABLE)
                        }
                        Err(message) => out.problems = whole(message),
                    }
                }
                None => {
                    out.problems = whole(
                        "Это веб-страница без таблицы отметок: сохраните отчёт журнала из \
                         браузера целиком или перенесите отметки в шаблон Mera."
                            .into(),
                    )
                }
            },
            Err(message) => out.problems = whole(message),
        }
        return out;
    }
    match upload::sheets(name, bytes, limits) {
        Ok(sheets) => match sheets.into_iter().next() {
            Some(sheet) => grid(&sheet.rows, &mut out, TABLE),
            None => out.problems = whole("В файле нет ни одного листа.".into()),
        },
        Err(message) => out.problems = whole(message),
    }
    out
}
