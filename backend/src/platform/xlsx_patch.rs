//! Cells written into a workbook someone gave us, leaving the rest of it as it came: the ФИС ОКО
//! form's drop-downs (data validations), formulas, styles, hidden lists and helper columns. A
//! spreadsheet library that reads a workbook into its model and writes it out again keeps only
//! what it models; here no part is rebuilt: the one sheet's XML is streamed through with the
//! filled cells replaced, strings are appended to the shared table, the workbook is told to
//! recalculate on opening, and every other part is copied byte for byte.
//!
//! The workbook must have passed the upload guard (`platform::upload`) first: its parts are
//! bounded there.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use quick_xml::events::Event;
use quick_xml::Reader;

mod sheet;
mod strings;

/// A value to write into a cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Put {
    Number(f64),
    Text(String),
    /// The cell's value removed; its style (and a formula) kept.
    Blank,
}

/// Cells by (row, column), both from 0.
pub type Puts = BTreeMap<(u32, u32), Put>;

fn broken() -> String {
    "Файл формы повреждён: его не удалось заполнить. Скачайте форму из ФИС ОКО заново.".into()
}

/// The workbook with `puts` written into the sheet named `sheet_name`.
pub fn fill(book: &[u8], sheet_name: &str, puts: &Puts) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(book)).map_err(|_| broken())?;
    let part = |zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str| -> Option<Vec<u8>> {
        let mut file = zip.by_name(name).ok()?;
        let mut out = Vec::new();
        file.read_to_end(&mut out).ok()?;
        Some(out)
    };
    let workbook = part(&mut zip, "xl/workbook.xml").ok_or_else(broken)?;
    let rels = part(&mut zip, "xl/_rels/workbook.xml.rels").ok_or_else(broken)?;
    let sheet_path = sheet_part(&workbook, &rels, sheet_name).ok_or_else(broken)?;
    let sheet_xml = part(&mut zip, &sheet_path).ok_or_else(broken)?;
    let shared = part(&mut zip, "xl/sharedStrings.xml");
    let mut table = strings::Table::read(shared.as_deref());
    let sheet_xml = sheet::rewrite(&sheet_xml, puts, &mut table)?;
    let mut changed: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    changed.insert(sheet_path, sheet_xml);
    changed.insert("xl/workbook.xml".into(), recalculate_on_open(&workbook));
    if let Some(shared) = shared {
        changed.insert("xl/sharedStrings.xml".into(), table.write(&shared));
    }

    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(book.len() * 2)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let name = zip
            .by_index_raw(i)
            .map_err(|_| broken())?
            .name()
            .map_err(|_| broken())?
            .to_string();
        match changed.get(&name) {
            Some(content) => {
                out.start_file(name.as_str(), options)
                    .map_err(|_| broken())?;
                out.write_all(content).map_err(|_| broken())?;
            }
            None => {
                let raw = zip.by_index_raw(i).map_err(|_| broken())?;
                out.raw_copy_file(raw).map_err(|_| broken())?;
            }
        }
    }
    Ok(out.finish().map_err(|_| broken())?.into_inner())
}

/// The value of attribute `key` of an element, as text.
fn attribute(e: &quick_xml::events::BytesStart, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| a.value.into_owned())
}

/// Unescapes the five XML entities and numeric references of an attribute value.
fn unescaped(value: &str) -> String {
    quick_xml::escape::unescape(value)
        .map(|v| v.into_owned())
        .unwrap_or_else(|_| value.to_string())
}

/// The path inside the archive of the sheet named `name`: workbook.xml names it with a
/// relationship id, the workbook's relationships give the target.
fn sheet_part(workbook: &[u8], rels: &[u8], name: &str) -> Option<String> {
    let mut id = None;
    let mut reader = Reader::from_reader(workbook);
    loop {
        match reader.read_event().ok()? {
            Event::Empty(e) | Event::Start(e) if e.local_name().as_ref() == "sheet" => {
                let this = attribute(&e, "name").map(|n| unescaped(&n));
                if this.as_deref() == Some(name) {
                    id = attribute(&e, "r:id");
                    break;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let id = id?;
    let mut reader = Reader::from_reader(rels);
    loop {
        match reader.read_event().ok()? {
            Event::Empty(e) | Event::Start(e)
                if e.local_name().as_ref() == "Relationship"
                    && attribute(&e, "Id").as_deref() == Some(id.as_str()) =>
            {
                let target = unescaped(&attribute(&e, "Target")?);
                return Some(match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_string(),
                    None => format!("xl/{target}"),
                });
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// workbook.xml with `fullCalcOnLoad`, so the form's totals are recomputed from the written
/// scores the moment it is opened (the cached values written are right as well).
fn recalculate_on_open(workbook: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(workbook);
    if text.contains("fullCalcOnLoad") {
        return workbook.to_vec();
    }
    if let Some(at) = text.find("<calcPr") {
        let at = at + "<calcPr".len();
        return format!("{} fullCalcOnLoad=\"1\"{}", &text[..at], &text[at..]).into_bytes();
    }
    // calcPr comes after these, in the schema's order; sheets is always there.
    let after = [
        "</definedNames>",
        "</externalReferences>",
        "</functionGroups>",
        "</sheets>",
    ]
    .iter()
    .find_map(|end| text.find(end).map(|at| at + end.len()));
    match after {
        Some(at) => format!(
            "{}<calcPr fullCalcOnLoad=\"1\"/>{}",
            &text[..at],
            &text[at..]
        )
        .into_bytes(),
        None => workbook.to_vec(),
    }
}

#[cfg(test)]
mod tests;
