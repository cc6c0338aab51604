//! One worksheet's XML streamed through with cells put in: a row without puts is copied event
//! by event; a row with puts is read, merged column by column and written again, each put cell
//! keeping its style and its formula (the value written becomes the formula's cached result).

use std::collections::BTreeMap;

use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};

use super::strings::Table;
use super::{attribute, broken, Put, Puts};

type Out = Writer<Vec<u8>>;

/// A cell already in the sheet: its opening tag and the events inside it.
struct Cell {
    start: BytesStart<'static>,
    inner: Vec<Event<'static>>,
}

fn local<'a>(e: &'a BytesStart) -> &'a str {
    e.local_name().into_inner()
}

fn name_of(e: &BytesStart) -> String {
    e.name().as_ref().to_string()
}

fn put_event(w: &mut Out, event: Event) -> Result<(), String> {
    w.write_event(event).map_err(|_| broken())
}

/// «C12» from (11, 2).
pub fn reference(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// (row, column) from «C12», both from 0.
fn position(r: &str) -> Option<(u32, u32)> {
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    if letters.is_empty() || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let column = letters.bytes().try_fold(0u32, |n, b| {
        n.checked_mul(26)?.checked_add(u32::from(b - b'A') + 1)
    })?;
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, column - 1))
}

pub fn rewrite(xml: &[u8], puts: &Puts, strings: &mut Table) -> Result<Vec<u8>, String> {
    let mut by_row: BTreeMap<u32, BTreeMap<u32, &Put>> = BTreeMap::new();
    for ((row, column), put) in puts {
        by_row.entry(*row).or_default().insert(*column, put);
    }
    let mut pending = by_row.into_iter().peekable();
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(Vec::with_capacity(xml.len() + puts.len() * 48));
    let mut prefix = String::new();
    // The index of the last row seen: a row without «r» follows it.
    let mut last: Option<u32> = None;
    loop {
        let event = match reader.read_event().map_err(|_| broken())? {
            Event::Start(e) if local(&e) == "row" => Ok((e, false)),
            Event::Empty(e) if local(&e) == "row" => Ok((e, true)),
            other => Err(other),
        };
        let event = match event {
            Ok((e, empty)) => {
                let row = attribute(&e, "r")
                    .and_then(|r| r.parse::<u32>().ok())
                    .and_then(|r| r.checked_sub(1))
                    .unwrap_or(last.map_or(0, |l| l + 1));
                last = Some(row);
                while let Some((earlier, cells)) = pending.next_if(|(r, _)| *r < row) {
                    write_row(&mut w, &prefix, None, earlier, Vec::new(), cells, strings)?;
                }
                match pending.next_if(|(r, _)| *r == row) {
                    Some((_, mine)) => {
                        let old = if empty {
                            Vec::new()
                        } else {
                            read_cells(&mut reader, row)?
                        };
                        write_row(&mut w, &prefix, Some(&e), row, old, mine, strings)?;
                    }
                    None if empty => put_event(&mut w, Event::Empty(e))?,
                    None => put_event(&mut w, Event::Start(e))?,
                }
                continue;
            }
            Err(other) => other,
        };
        match event {
            Event::Start(e) if local(&e) == "sheetData" => {
                prefix = prefix_of(&e);
                put_event(&mut w, Event::Start(e))?;
            }
            Event::Empty(e) if local(&e) == "sheetData" => {
                prefix = prefix_of(&e);
                let name = name_of(&e);
                put_event(&mut w, Event::Start(e))?;
                for (row, cells) in pending.by_ref() {
                    write_row(&mut w, &prefix, None, row, Vec::new(), cells, strings)?;
                }
                put_event(&mut w, Event::End(BytesEnd::new(name)))?;
            }
            Event::End(e) if e.local_name().as_ref() == "sheetData" => {
                for (row, cells) in pending.by_ref() {
                    write_row(&mut w, &prefix, None, row, Vec::new(), cells, strings)?;
                }
                put_event(&mut w, Event::End(e))?;
            }
            Event::Empty(e) if local(&e) == "dimension" => {
                put_event(&mut w, Event::Empty(widened(&e, puts)))?;
            }
            Event::Eof => break,
            other => put_event(&mut w, other)?,
        }
    }
    Ok(w.into_inner())
}

fn prefix_of(e: &BytesStart) -> String {
    e.name()
        .prefix()
        .map(|p| format!("{}:", p.as_ref()))
        .unwrap_or_default()
}

/// The cells of a row up to its closing tag, each with its column.
fn read_cells(reader: &mut Reader<&[u8]>, row: u32) -> Result<Vec<(u32, Cell)>, String> {
    let mut cells: Vec<(u32, Cell)> = Vec::new();
    loop {
        let event = reader.read_event().map_err(|_| broken())?;
        let (start, has_inner) = match event {
            Event::Start(e) if local(&e) == "c" => (e.into_owned(), true),
            Event::Empty(e) if local(&e) == "c" => (e.into_owned(), false),
            Event::End(e) if e.local_name().as_ref() == "row" => return Ok(cells),
            Event::Eof => return Err(broken()),
            // Whitespace, or a row's extension list: not kept in a rewritten row.
            _ => continue,
        };
        let column = attribute(&start, "r")
            .and_then(|r| position(&r))
            .filter(|(r, _)| *r == row)
            .map(|(_, c)| c)
            .unwrap_or(cells.last().map_or(0, |(c, _)| c + 1));
        let mut inner = Vec::new();
        if has_inner {
            let mut depth = 0;
            loop {
                match reader.read_event().map_err(|_| broken())? {
                    Event::End(e) if depth == 0 && e.local_name().as_ref() == "c" => break,
                    Event::Eof => return Err(broken()),
                    event => {
                        match &event {
                            Event::Start(_) => depth += 1,
                            Event::End(_) => depth -= 1,
                            _ => {}
                        }
                        inner.push(event.into_owned());
                    }
                }
            }
        }
        cells.push((column, Cell { start, inner }));
    }
}

/// A row written again: its attributes (but the span hint, which the puts may pass), the old
/// cells with their references made explicit, and the puts in column order.
fn write_row(
    w: &mut Out,
    prefix: &str,
    old_start: Option<&BytesStart>,
    row: u32,
    old: Vec<(u32, Cell)>,
    puts: BTreeMap<u32, &Put>,
    strings: &mut Table,
) -> Result<(), String> {
    let name = format!("{prefix}row");
    let mut start = BytesStart::new(name.clone());
    start.push_attribute(("r", (row + 1).to_string().as_str()));
    if let Some(old_start) = old_start {
        for a in old_start.attributes().flatten() {
            if !matches!(a.key.as_ref(), "r" | "spans") {
                start.push_attribute(a);
            }
        }
    }
    put_event(w, Event::Start(start))?;
    let mut cells: BTreeMap<u32, (Option<Cell>, Option<&Put>)> = BTreeMap::new();
    for (column, cell) in old {
        cells.entry(column).or_default().0 = Some(cell);
    }
    for (column, put) in puts {
        cells.entry(column).or_default().1 = Some(put);
    }
    for (column, (cell, put)) in cells {
        let at = reference(row, column);
        match (cell, put) {
            (Some(cell), None) => {
                let mut start = BytesStart::new(name_of(&cell.start));
                start.push_attribute(("r", at.as_str()));
                for a in cell.start.attributes().flatten() {
                    if a.key.as_ref() != "r" {
                        start.push_attribute(a);
                    }
                }
                if cell.inner.is_empty() {
                    put_event(w, Event::Empty(start))?;
                } else {
                    put_event(w, Event::Start(start.clone()))?;
                    for e in cell.inner {
                        put_event(w, e)?;
                    }
                    put_event(w, Event::End(BytesEnd::new(name_of(&start))))?;
                }
            }
            (cell, Some(put)) => write_cell(w, prefix, &at, cell.as_ref(), put, strings)?,
            (None, None) => {}
        }
    }
    put_event(w, Event::End(BytesEnd::new(name)))
}

/// A put cell: the old cell's style and formula kept, its value replaced.
fn write_cell(
    w: &mut Out,
    prefix: &str,
    at: &str,
    old: Option<&Cell>,
    put: &Put,
    strings: &mut Table,
) -> Result<(), String> {
    let name = format!("{prefix}c");
    let mut start = BytesStart::new(name.clone());
    start.push_attribute(("r", at));
    if let Some(style) = old.and_then(|c| attribute(&c.start, "s")) {
        start.push_attribute(("s", style.as_str()));
    }
    let formula = old.map(formula_events).unwrap_or_default();
    let (kind, value): (Option<&str>, Option<String>) = match put {
        Put::Number(n) => (None, Some(n.to_string())),
        Put::Blank => (None, None),
        Put::Text(t) if !formula.is_empty() => (Some("str"), Some(t.clone())),
        Put::Text(t) => match strings.id(t) {
            Some(i) => (Some("s"), Some(i.to_string())),
            None => (Some("inlineStr"), None),
        },
    };
    if let Some(kind) = kind {
        start.push_attribute(("t", kind));
    }
    let inline = matches!(kind, Some("inlineStr"));
    if formula.is_empty() && value.is_none() && !inline {
        return put_event(w, Event::Empty(start));
    }
    put_event(w, Event::Start(start))?;
    for e in formula {
        put_event(w, e)?;
    }
    let element = |w: &mut Out, tag: &str, text: &str| -> Result<(), String> {
        put_event(w, Event::Start(BytesStart::new(format!("{prefix}{tag}"))))?;
        put_event(w, Event::Text(BytesText::new(text)))?;
        put_event(w, Event::End(BytesEnd::new(format!("{prefix}{tag}"))))
    };
    if inline {
        if let Put::Text(t) = put {
            put_event(w, Event::Start(BytesStart::new(format!("{prefix}is"))))?;
            element(w, "t", t)?;
            put_event(w, Event::End(BytesEnd::new(format!("{prefix}is"))))?;
        }
    } else if let Some(value) = value {
        element(w, "v", &value)?;
    }
    put_event(w, Event::End(BytesEnd::new(name)))
}

/// The events of a cell's formula element, when it has one.
fn formula_events(cell: &Cell) -> Vec<Event<'static>> {
    let mut out = Vec::new();
    let mut inside = false;
    for e in &cell.inner {
        match e {
            Event::Empty(s) if local(s) == "f" => return vec![e.clone()],
            Event::Start(s) if local(s) == "f" => inside = true,
            _ => {}
        }
        if inside {
            out.push(e.clone());
        }
        if matches!(e, Event::End(s) if s.local_name().as_ref() == "f") {
            return out;
        }
    }
    out
}

/// The sheet's declared extent, grown to take the puts in.
fn widened(e: &BytesStart, puts: &Puts) -> BytesStart<'static> {
    let declared = attribute(e, "ref").unwrap_or_default();
    let mut parts = declared.split(':');
    let first = parts.next().and_then(position).unwrap_or((0, 0));
    let last = parts.next().and_then(position).unwrap_or(first);
    let (mut rows, mut columns) = (last.0, last.1);
    for (row, column) in puts.keys() {
        rows = rows.max(*row);
        columns = columns.max(*column);
    }
    let mut out = BytesStart::new(name_of(e));
    let span = format!(
        "{}:{}",
        reference(first.0, first.1),
        reference(rows, columns)
    );
    out.push_attribute(("ref", span.as_str()));
    out
}
