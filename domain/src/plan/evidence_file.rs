//! Which files are kept as evidence: documents and photos, recognised by their content and not
//! only by their name, up to a size a school's server and a tablet's upload both bear.

/// The largest file kept: a scanned order or a phone photo fits, a video does not.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// What a file is, from its first bytes and (for the zip-based office formats) its name.
pub fn content_type(name: &str, bytes: &[u8]) -> Result<&'static str, String> {
    if bytes.is_empty() {
        return Err("Файл пустой.".into());
    }
    if bytes.len() > MAX_BYTES {
        return Err(format!(
            "Файл больше {} МБ: уменьшите его (например, сожмите фото или скан).",
            MAX_BYTES / 1024 / 1024
        ));
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default();
    let kind = if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else if bytes.len() > 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else if bytes.starts_with(b"PK\x03\x04") {
        match ext.as_str() {
            "docx" => {
                Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            }
            "xlsx" => Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            "pptx" => {
                Some("application/vnd.openxmlformats-officedocument.presentationml.presentation")
            }
            "odt" => Some("application/vnd.oasis.opendocument.text"),
            "ods" => Some("application/vnd.oasis.opendocument.spreadsheet"),
            _ => None,
        }
    } else {
        None
    };
    kind.ok_or_else(|| {
        "Такой файл не принимается: приложите PDF, фото (JPEG, PNG, WebP) или документ Word, \
         Excel, PowerPoint, OpenDocument."
            .into()
    })
}

/// A file name safe to send back in a header: no path, no quotes, no control characters.
pub fn safe_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';'))
        .take(120)
        .collect();
    if clean.trim().is_empty() {
        "файл".into()
    } else {
        clean.trim().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_and_photos_are_recognised_by_content() {
        assert_eq!(
            content_type("приказ.pdf", b"%PDF-1.7\n..."),
            Ok("application/pdf")
        );
        assert_eq!(
            content_type("IMG_1.JPG", &[0xFF, 0xD8, 0xFF, 0xE0]),
            Ok("image/jpeg")
        );
        assert_eq!(
            content_type("план.docx", b"PK\x03\x04rest"),
            Ok("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        );
        // A renamed program is still refused.
        assert!(content_type("приказ.pdf", b"MZ\x90\x00").is_err());
        assert!(content_type("script.html", b"<html><script>").is_err());
        // A zip that is not an office document.
        assert!(content_type("архив.zip", b"PK\x03\x04").is_err());
    }

    #[test]
    fn empty_and_too_large_files_are_refused_with_the_reason() {
        assert_eq!(content_type("a.pdf", b""), Err("Файл пустой.".into()));
        let mut big = b"%PDF-".to_vec();
        big.resize(MAX_BYTES + 1, 0);
        assert!(content_type("a.pdf", &big)
            .unwrap_err()
            .contains("больше 10 МБ"));
    }

    #[test]
    fn names_lose_paths_and_quotes() {
        assert_eq!(
            safe_name("C:\\Users\\t\\Приказ \"о совете\".pdf"),
            "Приказ о совете.pdf"
        );
        assert_eq!(safe_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_name("  "), "файл");
    }
}
