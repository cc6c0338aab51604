//! Text inside a file: its encoding, and how deep its markup nests.

/// UTF-8 (with or without BOM) when it is valid; otherwise Windows-1251, what Excel and the
/// e-journals on a Russian Windows save. Text with control characters is not text.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(
            "Файл в кодировке UTF-16: сохраните его в Excel как «CSV UTF-8» и загрузите снова."
                .into(),
        );
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => single_byte(bytes).decode(bytes).0.into_owned(),
    };
    let binary = text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n' | '\u{0C}'));
    if binary {
        return Err("Файл не похож на таблицу: загрузите .xlsx, .xls или .csv.".into());
    }
    Ok(text)
}

/// Windows-1251 or KOI8-R, the two Russian single-byte encodings, told apart by case: Russian
/// text is mostly lower case, which Windows-1251 keeps in 0xE0–0xFF and KOI8-R in 0xC0–0xDF.
fn single_byte(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    let upper_half = bytes.iter().filter(|&&b| b >= 0xE0).count();
    let lower_half = bytes.iter().filter(|&&b| (0xC0..0xE0).contains(&b)).count();
    if lower_half > upper_half * 2 {
        encoding_rs::KOI8_R
    } else {
        encoding_rs::WINDOWS_1251
    }
}

/// HTML elements that never have content, so never nest.
const VOID: [&[u8]; 14] = [
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param",
    b"source", b"track", b"wbr",
];

/// Refuses markup whose elements nest deeper than `max_depth`: what a tree builder would
/// recurse through. A rough count on purpose (an unclosed `<td>` counts as open): real files
/// stay far below the bound, and a crafted one cannot hide depth from it.
pub fn check_depth(bytes: &[u8], max_depth: usize, html: bool) -> Result<(), String> {
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        i += offset + 1;
        match bytes.get(i) {
            Some(b'/') => {
                depth = depth.saturating_sub(1);
                i = skip_tag(bytes, i);
            }
            Some(b'!') if bytes[i..].starts_with(b"!--") => i = skip_past(bytes, i, b"-->"),
            Some(b'!') if bytes[i..].starts_with(b"![CDATA[") => i = skip_past(bytes, i, b"]]>"),
            Some(b'!' | b'?') => i = skip_tag(bytes, i),
            Some(c) if c.is_ascii_alphabetic() => {
                let name_end = bytes[i..]
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b':' | b'-' | b'_')))
                    .map_or(bytes.len(), |n| i + n);
                let name = bytes[i..name_end].to_ascii_lowercase();
                let end = skip_tag(bytes, name_end);
                let self_closed = end >= 2 && bytes.get(end - 2) == Some(&b'/');
                i = end;
                if self_closed || (html && VOID.contains(&name.as_slice())) {
                    continue;
                }
                if html && (name == b"script" || name == b"style") {
                    // Raw text: a `<` inside a script is not a tag.
                    let close = [b"</".as_slice(), &name].concat();
                    i = find_ascii_ci(bytes, i, &close)
                        .map_or(bytes.len(), |n| skip_tag(bytes, n + close.len()));
                    continue;
                }
                depth += 1;
                if depth > max_depth {
                    return Err(format!(
                        "В файле разметка вложена глубже {max_depth} уровней: так не выглядит ни \
                         одна настоящая таблица или отчёт. Сохраните файл заново из программы, \
                         которая его создала."
                    ));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The index just past the `>` that ends a tag, quotes respected.
fn skip_tag(bytes: &[u8], mut i: usize) -> usize {
    let mut quote = None;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return i,
            _ => {}
        }
    }
    i
}

fn skip_past(bytes: &[u8], i: usize, end: &[u8]) -> usize {
    bytes[i..]
        .windows(end.len())
        .position(|w| w == end)
        .map_or(bytes.len(), |n| i + n + end.len())
}

fn find_ascii_ci(bytes: &[u8], i: usize, needle: &[u8]) -> Option<usize> {
    bytes[i..]
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|n| i + n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_windows_1251_and_utf16() {
        let text = "ФИО;Класс\r\nИванова Анна;5А\r\n";
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        assert_eq!(decode(&cp1251).unwrap(), text);
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&bom).unwrap(), text);
        let list = "ФИО;Класс\r\nИванова Анна Петровна;5А\r\nПетров Иван Сергеевич;6Б\r\n";
        let (koi8, _, _) = encoding_rs::KOI8_R.encode(list);
        assert_eq!(decode(&koi8).unwrap(), list);
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(list);
        assert_eq!(decode(&cp1251).unwrap(), list);
        assert!(decode(b"\xFF\xFEa\0b\0").unwrap_err().contains("UTF-16"));
        assert!(decode(b"\x00\x01\x02binary")
            .unwrap_err()
            .contains("не похож"));
    }

    #[test]
    fn depth_counts_elements_not_text() {
        let xml = br#"<?xml version="1.0"?><a><!-- <b><b><b> --><b x="1>2"><c/><d></d></b></a>"#;
        assert!(check_depth(xml, 3, false).is_ok());
        assert!(check_depth(xml, 2, false).is_err());
        let page = b"<html><head><script>if (a<b) {}</script><style>p<q{}</style></head>\
                     <body><br><img src=x><p>a</p></body></html>";
        assert!(check_depth(page, 3, true).is_ok());
        let cdata = b"<a><![CDATA[<b><b><b>]]></a>";
        assert!(check_depth(cdata, 1, false).is_ok());
    }
}
