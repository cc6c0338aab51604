//! Spreadsheets built by hand, part by part and record by record, so a test can make a valid
//! file and, from the same builder, every way of breaking one.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// A ZIP archive of `(name, content)` parts, deflated.
pub fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1));
    for (name, content) in parts {
        writer.start_file(*name, options).unwrap();
        writer.write_all(content).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// The parts every workbook has, around one sheet's XML (and a shared string table).
pub fn xlsx_parts(sheet: &str, shared_strings: Option<&str>) -> Vec<(&'static str, Vec<u8>)> {
    let types = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>{}</Types>"#,
        if shared_strings.is_some() {
            r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
        } else {
            ""
        }
    );
    let rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
    );
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    );
    let workbook_rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>{}</Relationships>"#,
        if shared_strings.is_some() {
            format!(
                r#"<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>"#
            )
        } else {
            String::new()
        }
    );
    let mut parts = vec![
        ("[Content_Types].xml", types.into_bytes()),
        ("_rels/.rels", rels.into_bytes()),
        ("xl/workbook.xml", workbook.into_bytes()),
        ("xl/_rels/workbook.xml.rels", workbook_rels.into_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes().to_vec()),
    ];
    if let Some(strings) = shared_strings {
        parts.push(("xl/sharedStrings.xml", strings.as_bytes().to_vec()));
    }
    parts
}

pub fn xlsx_from_parts(parts: &[(&'static str, Vec<u8>)]) -> Vec<u8> {
    let refs: Vec<(&str, &[u8])> = parts.iter().map(|(n, c)| (*n, c.as_slice())).collect();
    zip(&refs)
}

/// A worksheet's XML around `cells`, each `(reference, text)` as an inline string.
pub fn sheet_xml(cells: &[(&str, &str)]) -> String {
    let cells: String = cells
        .iter()
        .map(|(r, text)| format!(r#"<c r="{r}" t="inlineStr"><is><t>{text}</t></is></c>"#))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData><row>{cells}</row></sheetData></worksheet>"#
    )
}

pub fn xlsx(cells: &[(&str, &str)]) -> Vec<u8> {
    xlsx_from_parts(&xlsx_parts(&sheet_xml(cells), None))
}

/// One BIFF record.
pub fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    [
        &typ.to_le_bytes()[..],
        &(data.len() as u16).to_le_bytes(),
        data,
    ]
    .concat()
}

fn bof(kind: u16) -> Vec<u8> {
    let data = [
        &0x0600u16.to_le_bytes()[..],
        &kind.to_le_bytes(),
        &0x0DBBu16.to_le_bytes(),
        &0x07CCu16.to_le_bytes(),
        &0u32.to_le_bytes(),
        &6u32.to_le_bytes(),
    ]
    .concat();
    record(0x0809, &data)
}

/// A LABEL record: a UTF-16 string in one cell.
pub fn label(row: u16, col: u16, text: &str) -> Vec<u8> {
    let units: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let data = [
        &row.to_le_bytes()[..],
        &col.to_le_bytes(),
        &0u16.to_le_bytes(),
        &(text.encode_utf16().count() as u16).to_le_bytes(),
        &[1],
        &units,
    ]
    .concat();
    record(0x0204, &data)
}

/// A DIMENSIONS record (BIFF8): first row, one past the last row, first and one past the last
/// column.
pub fn dimensions(first_row: u32, end_row: u32, first_col: u16, end_col: u16) -> Vec<u8> {
    let data = [
        &first_row.to_le_bytes()[..],
        &end_row.to_le_bytes(),
        &first_col.to_le_bytes(),
        &end_col.to_le_bytes(),
        &[0, 0],
    ]
    .concat();
    record(0x0200, &data)
}

/// An Excel 97–2003 workbook of one sheet whose records are `sheet` (between its BOF and EOF).
pub fn xls(sheet: &[Vec<u8>]) -> Vec<u8> {
    let name = "Лист1";
    let name_units: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let bound = |offset: u32| {
        let data = [
            &offset.to_le_bytes()[..],
            &[0, 0, name.encode_utf16().count() as u8, 1],
            &name_units,
        ]
        .concat();
        record(0x0085, &data)
    };
    let globals_len = bof(0x0005).len() + bound(0).len() + record(0x000A, &[]).len();
    let globals = [bof(0x0005), bound(globals_len as u32), record(0x000A, &[])].concat();
    let body: Vec<u8> = sheet.concat();
    let stream = [globals, bof(0x0010), body, record(0x000A, &[])].concat();
    compound(&[("/Workbook", &stream)])
}

/// An OLE compound file of `(path, content)` streams.
pub fn compound(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    for (path, content) in streams {
        let mut stream = file.create_stream(path).unwrap();
        stream.write_all(content).unwrap();
    }
    file.flush().unwrap();
    file.into_inner().into_inner()
}
