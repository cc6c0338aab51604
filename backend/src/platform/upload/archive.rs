//! XLSX: a ZIP archive of XML parts. Its directory, every part (decompressed for real) and the
//! string count it declares are checked first; then the cells are read one at a time, so no
//! grid exists before the last cell has passed [`Bounds`].

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx, XlsxError};

use crate::platform::upload::grid::{self, Bounds, Sheet};
use crate::platform::upload::{not_excel, password, size_text, text, Limits};

pub fn sheets(bytes: &[u8], limits: &Limits) -> Result<Vec<Sheet>, String> {
    check(bytes, limits)?;
    // A malformed part the library indexes without checking panics: one file refused.
    std::panic::catch_unwind(|| read(bytes, limits)).unwrap_or_else(|_| Err(not_excel()))
}

fn read(bytes: &[u8], limits: &Limits) -> Result<Vec<Sheet>, String> {
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|_| not_excel())?;
    let names = book.sheet_names();
    if names.len() > limits.max_sheets {
        return Err(format!(
            "В книге {} листов, а принимается не больше {}: оставьте нужные листы.",
            names.len(),
            limits.max_sheets
        ));
    }
    let mut bounds = Bounds::new(limits);
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        bounds.next_sheet();
        let mut reader = match book.worksheet_cells_reader(&name) {
            Ok(reader) => reader,
            // A chart sheet holds no cells.
            Err(XlsxError::NotAWorksheet(_)) => continue,
            Err(_) => return Err(not_excel()),
        };
        let mut cells = Vec::new();
        while let Some(cell) = reader.next_cell().map_err(|_| not_excel())? {
            let (row, column) = cell.get_position();
            let value = grid::cell_text(&Data::from(cell.get_value().clone()));
            bounds.cell(row.into(), column.into(), !value.is_empty())?;
            if !value.is_empty() {
                cells.push((row, column, value));
            }
        }
        out.push(grid::from_cells(name, cells));
    }
    Ok(out)
}

/// Everything checked before a spreadsheet library sees the archive.
fn check(bytes: &[u8], limits: &Limits) -> Result<(), String> {
    directory(bytes, limits)?;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_excel())?;
    let mut unpacked = 0u64;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|_| not_excel())?;
        if part.encrypted() {
            return Err(password());
        }
        let name = part.name().map(|n| n.to_lowercase()).unwrap_or_default();
        let budget = limits.max_unpacked - unpacked;
        let mut content = Vec::new();
        (&mut part)
            .take(budget + 1)
            .read_to_end(&mut content)
            .map_err(|_| not_excel())?;
        unpacked += content.len() as u64;
        if unpacked > limits.max_unpacked {
            return Err(format!(
                "Файл распаковывается больше чем в {}: это не обычная таблица (возможно, файл \
                 повреждён или собран намеренно). Сохраните таблицу заново в Excel.",
                size_text(limits.max_unpacked)
            ));
        }
        if name.ends_with(".xml") || name.ends_with(".rels") || name.ends_with(".vml") {
            text::check_depth(&content, limits.max_depth, false)?;
        }
        if name.ends_with("sharedstrings.xml") {
            declared_strings(&content, limits)?;
        }
    }
    Ok(())
}

/// The end-of-directory record, read by hand: its counts and offsets must fit the file, and
/// archives split over disks or in ZIP64 (never an XLSX of this size) are refused.
fn directory(bytes: &[u8], limits: &Limits) -> Result<(), String> {
    const RECORD: usize = 22;
    let search_from = bytes.len().saturating_sub(RECORD + u16::MAX as usize);
    let at = (search_from..=bytes.len().saturating_sub(RECORD))
        .rev()
        .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
        .ok_or_else(not_excel)?;
    let u16_at = |o: usize| u64::from(u16::from_le_bytes([bytes[at + o], bytes[at + o + 1]]));
    let u32_at = |o: usize| {
        u64::from(u32::from_le_bytes([
            bytes[at + o],
            bytes[at + o + 1],
            bytes[at + o + 2],
            bytes[at + o + 3],
        ]))
    };
    let (disk, start_disk, on_disk, entries) = (u16_at(4), u16_at(6), u16_at(8), u16_at(10));
    let (size, offset) = (u32_at(12), u32_at(16));
    let zip64 = entries == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF;
    if disk != 0 || start_disk != 0 || on_disk != entries || zip64 {
        return Err(not_excel());
    }
    if offset + size > at as u64 || entries * 46 > size {
        return Err(not_excel());
    }
    if entries as usize > limits.max_parts {
        return Err(format!(
            "В файле {entries} частей: это не обычная таблица. Сохраните её заново в Excel."
        ));
    }
    Ok(())
}

/// The shared string table declares how many strings it holds, and a reader reserves room for
/// them before reading one: a declared count larger than the bounds is refused.
fn declared_strings(xml: &[u8], limits: &Limits) -> Result<(), String> {
    let head = &xml[..xml.len().min(4096)];
    let Some(sst) = head.windows(4).position(|w| w == b"<sst") else {
        return Ok(());
    };
    for attribute in [b"uniqueCount=".as_slice(), b"count="] {
        let Some(at) = head[sst..]
            .windows(attribute.len())
            .position(|w| w == attribute)
        else {
            continue;
        };
        let value: String = head[sst + at + attribute.len()..]
            .iter()
            .skip(1)
            .take_while(|b| b.is_ascii_digit())
            .map(|&b| b as char)
            .collect();
        if value.len() > 12 || value.parse::<u64>().unwrap_or(0) > limits.max_cells {
            return Err(format!(
                "Файл объявляет больше {} строк текста: это не обычная таблица. Сохраните её \
                 заново в Excel.",
                limits.max_cells
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_directory_must_fit_the_file() {
        let limits = Limits::STUDENT_LIST;
        // An end record that claims a directory beyond the file.
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend_from_slice(b"PK\x05\x06\0\0\0\0\x01\0\x01\0\xFF\0\0\0\x10\0\0\0\0\0");
        assert!(directory(&bytes, &limits).is_err());
        assert!(directory(b"PK\x03\x04 no end record", &limits).is_err());
    }

    #[test]
    fn a_declared_string_count_is_bounded() {
        let limits = Limits::STUDENT_LIST;
        let fine = br#"<?xml version="1.0"?><sst xmlns="x" count="3" uniqueCount="2">"#;
        assert!(declared_strings(fine, &limits).is_ok());
        let huge = br#"<sst xmlns="x" count="3" uniqueCount="4000000000">"#;
        assert!(declared_strings(huge, &limits).is_err());
    }
}
