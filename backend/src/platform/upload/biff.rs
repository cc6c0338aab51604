//! XLS (Excel 97–2003, what regional centres still send): an OLE compound file whose
//! «Workbook» stream is a list of BIFF records. The spreadsheet library builds every sheet's
//! grid while it opens the file, from the dimensions a sheet declares and from the position of
//! every cell record, so those are all walked and checked here first, from the start of the
//! stream and from every sheet's declared offset, as the library will read them.

use std::io::{Cursor, Read};

use calamine::{Reader, Xls};

use crate::platform::upload::grid::{self, Bounds, Sheet};
use crate::platform::upload::{not_excel, password, size_text, Limits};

pub fn sheets(bytes: &[u8], limits: &Limits) -> Result<Vec<Sheet>, String> {
    let stream = workbook_stream(bytes, limits)?;
    check_records(&stream, limits)?;
    // The checks above cover what the library allocates; a malformed record it indexes
    // without checking still panics, and that must refuse one file, not fail the request.
    std::panic::catch_unwind(|| {
        let mut book = Xls::new(Cursor::new(bytes)).map_err(|e| match e {
            calamine::XlsError::Password => password(),
            _ => not_excel(),
        })?;
        Ok(book
            .worksheets()
            .into_iter()
            .map(|(name, range)| Sheet {
                name,
                origin: range.start().unwrap_or((0, 0)),
                rows: range
                    .rows()
                    .map(|row| row.iter().map(grid::cell_text).collect())
                    .collect(),
            })
            .collect())
    })
    .unwrap_or_else(|_| Err(not_excel()))
}

fn workbook_stream(bytes: &[u8], limits: &Limits) -> Result<Vec<u8>, String> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| not_excel())?;
    if file.exists("/EncryptedPackage") {
        return Err(password());
    }
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))
        .ok_or_else(not_excel)?;
    let mut stream = Vec::new();
    file.open_stream(name)
        .map_err(|_| not_excel())?
        .take(limits.max_unpacked + 1)
        .read_to_end(&mut stream)
        .map_err(|_| not_excel())?;
    if stream.len() as u64 > limits.max_unpacked {
        return Err(format!(
            "Данные книги занимают больше {}: это не обычная таблица.",
            size_text(limits.max_unpacked)
        ));
    }
    Ok(stream)
}

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const BOUND_SHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const FILE_PASS: u16 = 0x002F;
/// Records that start with the row and column of one cell.
const CELLS: [u16; 9] = [
    0x0006, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6, 0x0002,
];
/// Records for a run of cells in one row: row, first column … last column.
const RUNS: [u16; 2] = [0x00BD, 0x00BE];

fn u16_at(data: &[u8], at: usize) -> Option<u64> {
    data.get(at..at + 2)
        .map(|b| u64::from(u16::from_le_bytes([b[0], b[1]])))
}

fn u32_at(data: &[u8], at: usize) -> Option<u64> {
    data.get(at..at + 4)
        .map(|b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
}

/// The records from `start`: (type, data), ending at the stream's end or a cut-off record.
fn records(stream: &[u8], start: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = start;
    std::iter::from_fn(move || {
        let typ = u16_at(stream, at)? as u16;
        let len = u16_at(stream, at + 2)? as usize;
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((typ, data))
    })
}

fn check_records(stream: &[u8], limits: &Limits) -> Result<(), String> {
    let mut starts = vec![0usize];
    for (typ, data) in records(stream, 0) {
        match typ {
            FILE_PASS if u16_at(data, 0) != Some(0) => return Err(password()),
            BOUND_SHEET if data.len() < 8 => return Err(not_excel()),
            BOUND_SHEET => starts.push(u32_at(data, 0).ok_or_else(not_excel)? as usize),
            _ => {}
        }
    }
    if starts.len() - 1 > limits.max_sheets {
        return Err(format!(
            "В книге {} листов, а принимается не больше {}: оставьте нужные листы.",
            starts.len() - 1,
            limits.max_sheets
        ));
    }
    let mut bounds = Bounds::new(limits);
    for start in starts {
        bounds.next_sheet();
        let mut depth = 0usize;
        for (typ, data) in records(stream, start) {
            match typ {
                BOF => depth += 1,
                EOF if depth <= 1 => break,
                EOF => depth -= 1,
                DIMENSIONS => declared(data, &bounds)?,
                t if CELLS.contains(&t) => {
                    let (row, column) = (u16_at(data, 0), u16_at(data, 2));
                    let (row, column) = row.zip(column).ok_or_else(not_excel)?;
                    bounds.cell(row, column, true)?;
                }
                t if RUNS.contains(&t) && data.len() >= 6 => {
                    let row = u16_at(data, 0).ok_or_else(not_excel)?;
                    let first = u16_at(data, 2).ok_or_else(not_excel)?;
                    let last = u16_at(data, data.len() - 2).ok_or_else(not_excel)?;
                    if last < first {
                        return Err(not_excel());
                    }
                    bounds.cell(row, first, true)?;
                    bounds.cell(row, last, true)?;
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// A sheet's declared used range (rows and columns as first and one-past-last): the library
/// reserves room for all of it.
fn declared(data: &[u8], bounds: &Bounds) -> Result<(), String> {
    let (first_row, end_row, first_col, end_col) = match data.len() {
        10 => (
            u16_at(data, 0),
            u16_at(data, 2),
            u16_at(data, 4),
            u16_at(data, 6),
        ),
        14 | 16 => (
            u32_at(data, 0),
            u32_at(data, 4),
            u16_at(data, 8),
            u16_at(data, 10),
        ),
        _ => return Err(not_excel()),
    };
    let (Some(r0), Some(r1), Some(c0), Some(c1)) = (first_row, end_row, first_col, end_col) else {
        return Err(not_excel());
    };
    if r1 == 0 || c1 == 0 {
        return Ok(());
    }
    let c0 = if c0 > 0xFF || c1 < c0 { 0 } else { c0 };
    if r1 - 1 < r0 {
        return Err(not_excel());
    }
    bounds.position(r1 - 1, c1 - 1)?;
    bounds.area((r1 - r0) * (c1 - c0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        [
            typ.to_le_bytes().as_slice(),
            &(data.len() as u16).to_le_bytes(),
            data,
        ]
        .concat()
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let data = [
            row.to_le_bytes().as_slice(),
            &col.to_le_bytes(),
            &[0; 2],
            &1.0f64.to_le_bytes(),
        ]
        .concat();
        record(0x0203, &data)
    }

    #[test]
    fn far_cells_and_huge_declared_ranges_are_refused() {
        let limits = Limits::STUDENT_LIST;
        let fine = [number(0, 0), number(5, 3), record(EOF, &[])].concat();
        assert!(check_records(&fine, &limits).is_ok());
        let far = [number(0, 0), number(65_535, 255)].concat();
        assert!(check_records(&far, &limits).unwrap_err().contains("строк"));
        let declared = [0u32.to_le_bytes(), u32::MAX.to_le_bytes()].concat();
        let declared = [
            declared.as_slice(),
            &0u16.to_le_bytes(),
            &200u16.to_le_bytes(),
            &[0, 0],
        ]
        .concat();
        let huge = record(DIMENSIONS, &declared);
        assert!(check_records(&huge, &limits).is_err());
        // Last row before the first: the library would compute a negative height.
        let upside = [9u32.to_le_bytes(), 2u32.to_le_bytes()].concat();
        let upside = [
            upside.as_slice(),
            &0u16.to_le_bytes(),
            &2u16.to_le_bytes(),
            &[0, 0],
        ]
        .concat();
        assert!(check_records(&record(DIMENSIONS, &upside), &limits).is_err());
    }

    #[test]
    fn a_sheet_offset_is_walked_as_the_library_walks_it() {
        let limits = Limits::STUDENT_LIST;
        // The sheet's declared offset points inside a record, where a far cell hides.
        let hidden = number(60_000, 0);
        let mut label = vec![0u8; 4];
        label.extend_from_slice(&hidden);
        let globals = record(0x0001, &label);
        let offset = 12 + 4 + 4; // past the bound-sheet record, inside the next one
        let sheet = [&(offset as u32).to_le_bytes()[..], &[0, 0, 1, b'a']].concat();
        let stream = [record(BOUND_SHEET, &sheet), globals].concat();
        assert!(check_records(&stream, &limits)
            .unwrap_err()
            .contains("строк"));
    }
}
