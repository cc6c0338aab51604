//! The shared string table of a workbook: a written text reuses an equal plain entry (the
//! form's own «X», «отсутствовал», «нет отметки» of its drop-down lists) or is appended.

use std::collections::HashMap;

use quick_xml::escape::escape;
use quick_xml::events::Event;
use quick_xml::Reader;

pub struct Table {
    present: bool,
    index: HashMap<String, u32>,
    existing: u32,
    added: Vec<String>,
    /// Cells written with a shared string, for the table's `count`.
    uses: u32,
}

impl Table {
    /// The table as `xml` holds it (`None`: the workbook has none, strings go inline).
    pub fn read(xml: Option<&[u8]>) -> Table {
        let mut table = Table {
            present: xml.is_some(),
            index: HashMap::new(),
            existing: 0,
            added: Vec::new(),
            uses: 0,
        };
        let Some(xml) = xml else { return table };
        let mut reader = Reader::from_reader(xml);
        // The text of the current entry while it is a single plain <t>; None once it is not.
        let mut current: Option<Option<String>> = None;
        let mut depth = 0;
        while let Ok(event) = reader.read_event() {
            match event {
                Event::Start(e) if e.local_name().as_ref() == "si" => {
                    current = Some(None);
                    depth = 0;
                }
                Event::Empty(e) if e.local_name().as_ref() == "si" => {
                    table.index.entry(String::new()).or_insert(table.existing);
                    table.existing += 1;
                }
                Event::End(e) if e.local_name().as_ref() == "si" => {
                    if let Some(Some(text)) = current.take() {
                        table.index.entry(text).or_insert(table.existing);
                    }
                    table.existing += 1;
                }
                Event::Start(e) if current.is_some() => {
                    depth += 1;
                    if e.local_name().as_ref() != "t" || depth > 1 {
                        current = Some(Some("\u{0}".into()));
                    }
                }
                Event::End(_) if current.is_some() => depth -= 1,
                Event::Text(t) if depth != 1 && t.trim().is_empty() => {}
                Event::Text(t) if current.is_some() && depth == 1 => {
                    if let Some(slot) = current.as_mut() {
                        let text = t.to_string();
                        match slot {
                            None => *slot = Some(text),
                            Some(s) => s.push_str(&text),
                        }
                    }
                }
                Event::Eof => break,
                // An entity reference or anything else inside an entry: never reused.
                _ if current.is_some() => current = Some(Some("\u{0}".into())),
                _ => {}
            }
        }
        table
    }

    /// The index of `text` in the table, appending it when new; `None` when the workbook has no
    /// table (write the string inline).
    pub fn id(&mut self, text: &str) -> Option<u32> {
        if !self.present {
            return None;
        }
        self.uses += 1;
        if let Some(&i) = self.index.get(text) {
            return Some(i);
        }
        let i = self.existing + self.added.len() as u32;
        self.added.push(text.to_string());
        self.index.insert(text.to_string(), i);
        Some(i)
    }

    /// The table's XML with the appended entries and its counts brought up to date.
    pub fn write(&self, original: &[u8]) -> Vec<u8> {
        let text = String::from_utf8_lossy(original);
        if self.added.is_empty() && self.uses == 0 {
            return original.to_vec();
        }
        // The root's closing tag is the last one.
        let Some(end) = text.rfind("</") else {
            return original.to_vec();
        };
        let mut out = String::with_capacity(text.len() + self.added.len() * 32);
        out.push_str(&text[..end]);
        for s in &self.added {
            out.push_str("<si><t xml:space=\"preserve\">");
            out.push_str(&escape(s.as_str()));
            out.push_str("</t></si>");
        }
        out.push_str(&text[end..]);
        let unique = self.existing + self.added.len() as u32;
        let out = set_count(&out, "uniqueCount", |_| unique);
        set_count(&out, "count", |old| old + self.uses).into_bytes()
    }
}

/// Sets the number in attribute `name` of the opening <sst> tag, when it has one.
fn set_count(xml: &str, name: &str, value: impl Fn(u32) -> u32) -> String {
    let Some(open) = xml.find("sst ").or_else(|| xml.find("sst>")) else {
        return xml.to_string();
    };
    let close = open + xml[open..].find('>').unwrap_or(0);
    let tag = &xml[open..close];
    let needle = format!(" {name}=\"");
    let Some(at) = tag.find(&needle) else {
        return xml.to_string();
    };
    let start = open + at + needle.len();
    let Some(len) = xml[start..].find('"') else {
        return xml.to_string();
    };
    let old = xml[start..start + len].parse().unwrap_or(0);
    format!("{}{}{}", &xml[..start], value(old), &xml[start + len..])
}
