//! The hostile-file corpus: every way a file given to Mera has been, or could be, made to hurt
//! the server. Every reader of user files is run against all of it (tests/hostile_files.rs):
//! no crash, no 5xx, a Russian sentence, nothing written.

use super::files::{
    compound, dimensions, label, record, sheet_xml, xls, xlsx, xlsx_from_parts, xlsx_parts, zip,
};

pub struct Hostile {
    pub what: &'static str,
    pub file_name: &'static str,
    pub bytes: Vec<u8>,
}

fn hostile(what: &'static str, file_name: &'static str, bytes: Vec<u8>) -> Hostile {
    Hostile {
        what,
        file_name,
        bytes,
    }
}

/// A valid one-sheet list, the base the broken ones are made from.
pub fn valid_xlsx() -> Vec<u8> {
    xlsx(&[("A1", "ФИО"), ("B1", "Класс")])
}

pub fn corpus() -> Vec<Hostile> {
    let valid = valid_xlsx();
    let mut out = vec![
        // The probe's file: two cells, A1 and XFD1048576, a grid of 17 billion cells.
        hostile(
            "a bomb by dimension (A1 and XFD1048576)",
            "list.xlsx",
            xlsx(&[("A1", "ФИО"), ("XFD1048576", "x")]),
        ),
        hostile(
            "a far row inside the column bounds",
            "list.xlsx",
            xlsx(&[("A1", "ФИО"), ("B900000", "x")]),
        ),
        hostile(
            "a bomb by compression (48 MB of one sheet)",
            "list.xlsx",
            xlsx_from_parts(&xlsx_parts(
                &sheet_xml(&[("A1", "ФИО")]).replace("<sheetData>", &" ".repeat(48 << 20)),
                None,
            )),
        ),
        hostile(
            "a string table that declares four billion strings",
            "list.xlsx",
            xlsx_from_parts(&xlsx_parts(
                &sheet_xml(&[("A1", "ФИО")]),
                Some(r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000000000" uniqueCount="4000000000"><si><t>x</t></si></sst>"#),
            )),
        ),
        hostile(
            "markup nested 100,000 deep",
            "list.xlsx",
            xlsx_from_parts(&xlsx_parts(
                &sheet_xml(&[("A1", "ФИО")])
                    .replace("<sheetData>", &format!("{}<sheetData>", "<x>".repeat(100_000))),
                None,
            )),
        ),
        hostile(
            "an archive of 5,000 parts",
            "list.xlsx",
            {
                let names: Vec<String> = (0..5_000).map(|i| format!("p{i}.txt")).collect();
                let parts: Vec<(&str, &[u8])> =
                    names.iter().map(|n| (n.as_str(), b"x".as_slice())).collect();
                zip(&parts)
            },
        ),
        hostile(
            "a truncated archive",
            "list.xlsx",
            valid[..valid.len() / 2].to_vec(),
        ),
        hostile(
            "an archive with its directory cut off",
            "list.xlsx",
            valid[..valid.len() - 10].to_vec(),
        ),
        hostile("a text document's archive", "list.xlsx", zip(&[("word/document.xml", b"<w/>")])),
        hostile(
            "a web page named .xlsx",
            "list.xlsx",
            b"<!DOCTYPE html><html><body><table><tr><td>\xd0\xa4\xd0\x98\xd0\x9e</td></tr></table></body></html>".to_vec(),
        ),
        hostile(
            "formulas without values",
            "list.xlsx",
            xlsx_from_parts(&xlsx_parts(
                r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ФИО</t></is></c><c r="B1" t="inlineStr"><is><t>Класс</t></is></c></row><row r="2"><c r="A2" t="str"><f>HYPERLINK("http://example.invalid","x")</f></c><c r="B2"><f>1/0</f></c></row></sheetData></worksheet>"#,
                None,
            )),
        ),
        hostile(
            "an encrypted workbook",
            "list.xlsx",
            compound(&[("/EncryptedInfo", b"x"), ("/EncryptedPackage", b"x")]),
        ),
        hostile(
            "an old Excel file with a cell at row 65,536",
            "list.xls",
            xls(&[label(0, 0, "ФИО"), label(65_535, 255, "x")]),
        ),
        hostile(
            "an old Excel file that declares four billion rows",
            "list.xls",
            xls(&[dimensions(0, u32::MAX, 0, 200), label(0, 0, "ФИО")]),
        ),
        hostile(
            "an old Excel file whose last row comes before its first",
            "list.xls",
            xls(&[dimensions(9, 2, 0, 2), label(0, 0, "ФИО")]),
        ),
        hostile(
            "an old Excel file with a run of cells backwards",
            "list.xls",
            xls(&[record(0x00BE, &[0, 0, 9, 0, 0, 0, 2, 0])]),
        ),
        hostile(
            "an old Excel file with a short record",
            "list.xls",
            xls(&[record(0x0204, &[0])]),
        ),
        hostile(
            "a compound file that is not a workbook",
            "list.xls",
            compound(&[("/WordDocument", b"x")]),
        ),
        hostile(
            "random bytes after an archive's signature",
            "list.xlsx",
            [b"PK\x03\x04".as_slice(), &[0x5A; 2_000]].concat(),
        ),
        hostile("100,000 rows", "list.csv", "ФИО;Класс\n".bytes().chain("a;b\n".repeat(100_000).into_bytes()).collect()),
        hostile(
            "a row of 100,000 columns",
            "list.csv",
            format!("ФИО;Класс{}\n", ";x".repeat(100_000)).into_bytes(),
        ),
        hostile(
            "UTF-16 text",
            "list.csv",
            [&[0xFF, 0xFE][..], &"ФИО;Класс\n".encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<_>>()].concat(),
        ),
        hostile(
            "an image named .csv",
            "list.csv",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec(),
        ),
        hostile("an unclosed quote", "list.csv", "ФИО;Класс\n\"Иванова;5А\n".as_bytes().to_vec()),
        hostile("an empty file", "list.csv", Vec::new()),
    ];
    out.push(hostile(
        "a file over any reader's size",
        "list.csv",
        vec![b'x'; 17 * 1024 * 1024],
    ));
    out
}
