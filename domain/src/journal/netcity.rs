//! «Сетевой город. Образование»: the saved report «Отчет об успеваемости и посещаемости ученика»
//! (studenttotal, formats note §1, seen in a real page of version 5.56). One pupil per page: her
//! name in `span[data-sheet-name]`, the period «с 1.09.2026 по 30.11.2026» that gives the dates
//! their year, and `table.table-print` with a subject per row, a cell per lesson date (under a
//! month header spanning its dates, over a row of day numbers) holding marks and absence codes,
//! then the term's average and final mark. Read by header text and class, never by position.

use super::html::{attribute, tables, text_of};
use super::{Absence, Batch, Entry, JournalValue, Period, When};
use crate::paper::table::RowProblem;
use crate::plan::deadline::Day;

/// What the page says of its pupil.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Header {
    pub pupil: String,
    /// «Класс: 5А» where the page has it; empty where it does not (the pupil is then found by
    /// name in the whole school).
    pub class: String,
    pub from: Option<Day>,
    pub to: Option<Day>,
}

const MONTHS: [&str; 12] = [
    "янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек",
];

fn month(text: &str) -> Option<u32> {
    let t = text.trim().to_lowercase();
    let t = if t.starts_with("мая") {
        "май"
    } else {
        t.as_str()
    };
    MONTHS
        .iter()
        .position(|m| t.starts_with(m))
        .map(|i| i as u32 + 1)
}

fn date(text: &str) -> Option<Day> {
    super::template::day(text.trim().trim_end_matches(['.', ',']))
}

/// Whether a page is this report: the printed table and the pupil's name.
pub fn is_report(page: &str) -> bool {
    page.contains("table-print") && page.contains("data-sheet-name")
}

fn header(page: &str) -> Header {
    let pupil = text_of(page, |a| attribute(a, "data-sheet-name").is_some()).unwrap_or_default();
    let plain = super::html::unescape(&strip_tags(page));
    let after = |label: &str| {
        plain
            .find(label)
            .map(|i| plain[i + label.len()..].trim_start().to_string())
    };
    let class = after("Класс:")
        .and_then(|t| t.split_whitespace().next().map(String::from))
        .filter(|c| !c.ends_with(':'))
        .unwrap_or_default();
    let (from, to) = match after("Период:") {
        Some(t) => {
            let w: Vec<&str> = t.split_whitespace().collect();
            let at = |label: &str| {
                w.iter()
                    .position(|x| *x == label)
                    .and_then(|i| w.get(i + 1))
                    .and_then(|d| date(d))
            };
            (at("с"), at("по"))
        }
        None => (None, None),
    };
    Header {
        pupil,
        class,
        from,
        to,
    }
}

fn strip_tags(page: &str) -> String {
    let mut out = String::with_capacity(page.len() / 2);
    let mut inside = false;
    for c in page.chars() {
        match c {
            '<' => inside = true,
            '>' => {
                inside = false;
                out.push(' ');
            }
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// One token of a lesson's cell.
enum Token {
    Mark(JournalValue),
    Absent(usize),
    Nothing,
}

fn token(t: &str) -> Option<Token> {
    let upper = t.to_uppercase();
    Some(match upper.as_str() {
        "УП" => Token::Absent(0),
        "Б" => Token::Absent(1),
        "НП" => Token::Absent(2),
        "ОТ" | "Н" => Token::Absent(3),
        // Late, a debt («.»), or exempt from the lesson: no mark and no lesson missed.
        "ОП" | "." | "ОСВ" => Token::Nothing,
        _ => match JournalValue::parse(t) {
            Ok(Some(v @ JournalValue::Mark(_))) => Token::Mark(v),
            Ok(None) => Token::Nothing,
            _ => return None,
        },
    })
}

/// The pupil's marks and absences from one saved page, or every problem (row 0: the page).
pub fn read(page: &str) -> Result<(Header, Batch), Vec<RowProblem>> {
    let whole = |message: String| vec![RowProblem { row: 0, message }];
    let head = header(page);
    if head.pupil.is_empty() {
        return Err(whole("На странице отчёта нет имени ученика.".into()));
    }
    let (Some(from), Some(to)) = (head.from, head.to) else {
        return Err(whole(
            "В отчёте не найден период «с … по …»: сохраните страницу отчёта целиком.".into(),
        ));
    };
    let Some(table) = tables(page)
        .into_iter()
        .find(|t| t.class.split_whitespace().any(|c| c == "table-print"))
    else {
        return Err(whole("В отчёте нет таблицы отметок.".into()));
    };
    let grid = table.grid().map_err(whole)?;
    if grid.len() < 2 {
        return Err(whole("В таблице отчёта нет строк.".into()));
    }
    // Columns: each lesson date from the month over the day; the final mark's term.
    let mut dates: Vec<Option<Day>> = Vec::new();
    let mut final_col = None;
    let mut term = None;
    for (c, top) in grid[0].iter().enumerate() {
        let day: Option<u32> = grid[1].get(c).and_then(|d| d.trim().parse().ok());
        let lesson = month(top).zip(day).and_then(|(m, d)| {
            let (y0, _, _) = from.ymd();
            [y0, y0 + 1]
                .into_iter()
                .map(|y| Day::from_ymd(y, m, d))
                .find(|day| day.ymd().1 == m && *day >= from && *day <= to)
        });
        dates.push(lesson);
        let lower = top.to_lowercase();
        if lower.starts_with("итог") {
            final_col = Some(c);
            term = Period::parse(&lower).or(Some(Period::Year).filter(|_| lower.contains("год")));
        }
    }
    let mut batch = Batch::default();
    let mut problems = Vec::new();
    let mut per_day: std::collections::BTreeMap<Day, [i16; 4]> = Default::default();
    for (i, row) in grid.iter().enumerate().skip(2) {
        let at = i as u32 + 1;
        let Some(subject) = table.rows[i]
            .iter()
            .find(|c| c.class.split_whitespace().any(|x| x == "cell-text"))
            .map(|c| c.text.clone())
            .or_else(|| row.first().cloned())
            .filter(|s| !s.is_empty())
        else {
            continue;
        };
        for (c, text) in row.iter().enumerate() {
            let Some(day) = dates.get(c).copied().flatten() else {
                continue;
            };
            for t in text.split([' ', '/', ',']).filter(|t| !t.is_empty()) {
                match token(t) {
                    Some(Token::Mark(value)) => batch.entries.push(Entry {
                        row: at,
                        name: head.pupil.clone(),
                        class: head.class.clone(),
                        subject: subject.clone(),
                        when: When::Day(day.0),
                        value,
                    }),
                    Some(Token::Absent(reason)) => per_day.entry(day).or_default()[reason] += 1,
                    Some(Token::Nothing) => {}
                    None => problems.push(RowProblem {
                        row: at,
                        message: format!(
                            "«{subject}», {}: «{t}» — не отметка и не код пропуска (УП, Б, НП, ОТ, ОП, ОСВ).",
                            day.russian()
                        ),
                    }),
                }
            }
        }
        let last = final_col
            .and_then(|c| row.get(c))
            .map(String::as_str)
            .unwrap_or("");
        match (JournalValue::parse(last), term) {
            (Ok(Some(value)), Some(period)) => batch.entries.push(Entry {
                row: at,
                name: head.pupil.clone(),
                class: head.class.clone(),
                subject,
                when: When::Period(period),
                value,
            }),
            (Ok(None), _) => {}
            (Ok(Some(_)), None) => problems.push(RowProblem {
                row: at,
                message:
                    "итоговая отметка без периода: в заголовке нет «1 четверть» или «1 триместр»."
                        .into(),
            }),
            (Err(e), _) => problems.push(RowProblem {
                row: at,
                message: format!("итоговая отметка: {e}"),
            }),
        }
    }
    for (day, [excused, illness, unexcused, unspecified]) in per_day {
        batch.absences.push(Absence {
            row: 0,
            name: head.pupil.clone(),
            class: head.class.clone(),
            when: Some(When::Day(day.0)),
            excused,
            illness,
            unexcused,
            unspecified,
        });
    }
    if problems.is_empty() {
        Ok((head, batch))
    } else {
        Err(problems)
    }
}

/// A subject's row of a page as «Сетевой город» prints it: lessons `(day, cell text)`.
pub struct PageSubject {
    pub name: String,
    pub lessons: Vec<(Day, String)>,
    pub average: String,
    pub final_mark: String,
}

/// A page in the report's layout, for the import screen's sample file and the tests: what the
/// real page holds (formats note §1), with the names given.
pub fn page(
    pupil: &str,
    class: &str,
    from: Day,
    to: Day,
    term: &str,
    subjects: &[PageSubject],
) -> String {
    let mut days: Vec<Day> = subjects
        .iter()
        .flat_map(|s| s.lessons.iter().map(|l| l.0))
        .collect();
    days.sort();
    days.dedup();
    let names = [
        "Январь",
        "Февраль",
        "Март",
        "Апрель",
        "Май",
        "Июнь",
        "Июль",
        "Август",
        "Сентябрь",
        "Октябрь",
        "Ноябрь",
        "Декабрь",
    ];
    let mut months: Vec<(u32, usize)> = Vec::new();
    for d in &days {
        let m = d.ymd().1;
        match months.last_mut() {
            Some((last, n)) if *last == m => *n += 1,
            _ => months.push((m, 1)),
        }
    }
    let mut html = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Отчет об успеваемости и посещаемости ученика</title></head><body>",
    );
    let (fy, fm, fd) = from.ymd();
    let (ty, tm, td) = to.ymd();
    html.push_str(&format!(
        "<h5 class=\"report-title-school\">МБОУ «Школа»</h5><div>Учебный год: {fy}/{}</div>\
         <div>Период: с {fd}.{fm:02}.{fy} по {td}.{tm:02}.{ty}</div>{}\
         <div>Ученик: <span data-sheet-name=\"{pupil}\">{pupil}</span></div>\
         <table class=\"table-print\"><tr><th rowspan=\"2\">Предмет</th>",
        fy + 1,
        if class.is_empty() {
            String::new()
        } else {
            format!("<div>Класс: {class}</div>")
        }
    ));
    for (m, n) in &months {
        html.push_str(&format!(
            "<th colspan=\"{n}\">{}</th>",
            names[*m as usize - 1]
        ));
    }
    html.push_str(&format!(
        "<th rowspan=\"2\">Средн. оценка {term}</th><th rowspan=\"2\">Итог. оценка {term}</th></tr><tr>"
    ));
    for d in &days {
        html.push_str(&format!("<th>{}</th>", d.ymd().2));
    }
    html.push_str("</tr>");
    for s in subjects {
        html.push_str(&format!("<tr><td class=\"cell-text\">{}</td>", s.name));
        for d in &days {
            let text = s
                .lessons
                .iter()
                .find(|l| l.0 == *d)
                .map_or("", |l| l.1.as_str());
            html.push_str(&format!("<td class=\"cell-num\">{text}</td>"));
        }
        html.push_str(&format!(
            "<td class=\"cell-num-2\">{}</td><td class=\"cell-num-2\">{}</td></tr>",
            s.average, s.final_mark
        ));
    }
    html.push_str("</table></body></html>");
    html
}

#[cfg(test)]
mod tests;
