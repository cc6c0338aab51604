//! The tables of a saved web page: what «Сетевой город» gives for its reports and what some
//! journals name «.xls». A small reader on purpose: it knows tags, attributes, text and the
//! table elements, which is all these pages use, and it runs on text the upload guard has already
//! bounded in size and nesting (`platform::upload::markup`).

/// A cell as the page has it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub class: String,
    pub colspan: usize,
    pub rowspan: usize,
}

/// One `<table>`, its rows as written (spans not yet laid out), with the classes it carries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub class: String,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The table laid out as a grid: a spanned cell's text in every place it covers, so a header
    /// over several columns and a name over several rows read like a spreadsheet's. A page can
    /// declare spans far beyond its size, so the grid is bounded in places and in text.
    pub fn grid(&self) -> Result<Vec<Vec<String>>, String> {
        let too_big = || {
            "Таблица на странице слишком велика для отчёта журнала: проверьте, тот ли это файл."
                .to_string()
        };
        let (mut places, mut bytes) = (0usize, 0usize);
        let mut grid: Vec<Vec<Option<String>>> = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            if grid.len() <= r {
                grid.resize(r + 1, Vec::new());
            }
            let mut c = 0;
            for cell in row {
                while grid[r].get(c).is_some_and(Option::is_some) {
                    c += 1;
                }
                let (cols, rows) = (cell.colspan.clamp(1, 400), cell.rowspan.clamp(1, 400));
                places += cols * rows;
                bytes += cols * rows * cell.text.len();
                if places > MAX_PLACES || bytes > MAX_BYTES || c + cols > MAX_COLUMNS {
                    return Err(too_big());
                }
                for dr in 0..rows {
                    if grid.len() <= r + dr {
                        grid.resize(r + dr + 1, Vec::new());
                    }
                    let line = &mut grid[r + dr];
                    if line.len() < c + cols {
                        line.resize(c + cols, None);
                    }
                    for place in &mut line[c..c + cols] {
                        *place = Some(cell.text.clone());
                    }
                }
                c += cols;
            }
        }
        grid.truncate(self.rows.len().max(1));
        Ok(grid
            .into_iter()
            .map(|r| r.into_iter().map(Option::unwrap_or_default).collect())
            .collect())
    }
}

/// Bounds of a laid-out table: far above a school year's report (a column per lesson day).
const MAX_PLACES: usize = 2_000_000;
const MAX_BYTES: usize = 64 * 1024 * 1024;
const MAX_COLUMNS: usize = 2_000;

enum Token<'a> {
    Open(&'a str, &'a str),
    Close(&'a str),
    Text(&'a str),
}

fn tokens(page: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = page;
    while !rest.is_empty() {
        let Some(at) = rest.find('<') else {
            out.push(Token::Text(rest));
            break;
        };
        if at > 0 {
            out.push(Token::Text(&rest[..at]));
        }
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[1..end];
        rest = rest.get(end + 1..).unwrap_or("");
        if let Some(name) = tag.strip_prefix('/') {
            out.push(Token::Close(name.trim()));
        } else if !tag.starts_with('!') && !tag.starts_with('?') {
            let split = tag
                .find(|c: char| c.is_whitespace() || c == '/')
                .unwrap_or(tag.len());
            out.push(Token::Open(&tag[..split], &tag[split..]));
            // A script's or style's content is no text of the page.
            let name = tag[..split].to_ascii_lowercase();
            if name == "script" || name == "style" {
                let close = format!("</{name}");
                let lower = rest.to_ascii_lowercase();
                rest = lower.find(&close).map_or("", |i| &rest[i..]);
            }
        }
    }
    out
}

/// An attribute's value in a tag's attribute text (`class="a b"`, `colspan=3`, `hidden`).
pub fn attribute(attrs: &str, name: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let key = &rest[..end];
        rest = rest[end..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (value, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let close = body.find(q).unwrap_or(body.len());
                    (&body[..close], body.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let close = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..close], &after[close..])
                }
            };
            rest = next;
            value
        } else {
            ""
        };
        if key.eq_ignore_ascii_case(name) {
            return Some(unescape(value));
        }
    }
}

/// Text with its character references resolved and its white space collapsed.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[..rest.len().min(12)].find(';');
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "nbsp" => Some(' '),
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn span(attrs: &str, name: &str) -> usize {
    attribute(attrs, name)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1)
}

/// Every table of the page, nested ones apart from their parent, in the order they close.
pub fn tables(page: &str) -> Vec<Table> {
    struct Open {
        table: Table,
        cell: Option<(Cell, String)>,
    }
    let mut done = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let finish_cell = |open: &mut Open| {
        if let Some((mut cell, raw)) = open.cell.take() {
            cell.text = unescape(&raw);
            match open.table.rows.last_mut() {
                Some(row) => row.push(cell),
                None => open.table.rows.push(vec![cell]),
            }
        }
    };
    for token in tokens(page) {
        match token {
            Token::Open(name, attrs) => match name.to_ascii_lowercase().as_str() {
                "table" => stack.push(Open {
                    table: Table {
                        class: attribute(attrs, "class").unwrap_or_default(),
                        rows: Vec::new(),
                    },
                    cell: None,
                }),
                "tr" => {
                    if let Some(open) = stack.last_mut() {
                        finish_cell(open);
                        open.table.rows.push(Vec::new());
                    }
                }
                "td" | "th" => {
                    if let Some(open) = stack.last_mut() {
                        finish_cell(open);
                        open.cell = Some((
                            Cell {
                                text: String::new(),
                                class: attribute(attrs, "class").unwrap_or_default(),
                                colspan: span(attrs, "colspan"),
                                rowspan: span(attrs, "rowspan"),
                            },
                            String::new(),
                        ));
                    }
                }
                "br" | "p" | "div" => {
                    if let Some((_, raw)) = stack.last_mut().and_then(|o| o.cell.as_mut()) {
                        raw.push(' ');
                    }
                }
                _ => {}
            },
            Token::Close(name) => match name.to_ascii_lowercase().as_str() {
                "table" => {
                    if let Some(mut open) = stack.pop() {
                        finish_cell(&mut open);
                        open.table.rows.retain(|r| !r.is_empty());
                        done.push(open.table);
                    }
                }
                "td" | "th" | "tr" => {
                    if let Some(open) = stack.last_mut() {
                        finish_cell(open);
                    }
                }
                _ => {}
            },
            Token::Text(text) => {
                if let Some((_, raw)) = stack.last_mut().and_then(|o| o.cell.as_mut()) {
                    raw.push_str(text);
                }
            }
        }
    }
    done
}

/// The text inside the first element whose attributes satisfy `wanted` (such as a class or a
/// `data-` attribute), up to its closing tag.
pub fn text_of(page: &str, wanted: impl Fn(&str) -> bool) -> Option<String> {
    let toks = tokens(page);
    let start = toks
        .iter()
        .position(|t| matches!(t, Token::Open(_, attrs) if wanted(attrs)))?;
    let Token::Open(name, _) = toks[start] else {
        return None;
    };
    let mut depth = 0usize;
    let mut text = String::new();
    for t in &toks[start + 1..] {
        match t {
            Token::Open(n, _) if n.eq_ignore_ascii_case(name) => depth += 1,
            Token::Close(n) if n.eq_ignore_ascii_case(name) => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            Token::Text(s) => text.push_str(s),
            _ => {}
        }
    }
    Some(unescape(&text))
}

/// The page's text before its first table: the title a journal prints over it («Класс: 6Б,
/// 1 четверть»).
pub fn text_before_tables(page: &str) -> String {
    let mut text = String::new();
    for t in tokens(page) {
        match t {
            Token::Open(name, _) if name.eq_ignore_ascii_case("table") => break,
            Token::Text(s) => {
                text.push_str(s);
                text.push(' ');
            }
            _ => {}
        }
    }
    unescape(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_with_spans_reads_as_a_grid() {
        let page = r#"<html><body><!-- <table> --><table class="table-print">
            <tr><th rowspan="2">Предмет</th><th colspan=2>Сентябрь</th><th rowspan='2'>Итог</th></tr>
            <tr><th>1</th><th>3</th></tr>
            <tr><td class="cell-text">Рус.&nbsp;яз.</td><td>5 4</td><td>НП<br>3</td><td>4</td>
            </table><script>var t = "<table>";</script></body></html>"#;
        let t = tables(page);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].class, "table-print");
        assert_eq!(t[0].rows[2][0].class, "cell-text");
        assert_eq!(
            t[0].grid().unwrap(),
            vec![
                vec!["Предмет", "Сентябрь", "Сентябрь", "Итог"],
                vec!["Предмет", "1", "3", "Итог"],
                vec!["Рус. яз.", "5 4", "НП 3", "4"],
            ]
        );
    }

    #[test]
    fn spans_beyond_any_report_are_refused() {
        let cell = "<td colspan=400 rowspan=400>x</td>";
        let page = format!("<table><tr>{}</tr></table>", cell.repeat(20));
        assert!(tables(&page)[0]
            .grid()
            .unwrap_err()
            .contains("слишком велика"));
    }

    #[test]
    fn attributes_and_text_of_an_element() {
        assert_eq!(
            attribute(r#" class="a b" data-x=1"#, "class").as_deref(),
            Some("a b")
        );
        assert_eq!(attribute(r#" data-class="z""#, "class"), None);
        assert_eq!(
            attribute(" hidden colspan=3", "colspan").as_deref(),
            Some("3")
        );
        let page = r#"<h5 class="report-title-school">Школа &#8470; 5</h5><span data-sheet-name="x">Ёлкина <b>Алёна</b></span>"#;
        assert_eq!(
            text_of(page, |a| attribute(a, "class").as_deref()
                == Some("report-title-school"))
            .as_deref(),
            Some("Школа № 5")
        );
        assert_eq!(
            text_of(page, |a| attribute(a, "data-sheet-name").is_some()).as_deref(),
            Some("Ёлкина Алёна")
        );
    }
}
