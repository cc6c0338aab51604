//! Edits a device made that never reached the server (docs/design.md §4): its outbox lost them.
//! The deputy is told which device and teacher, and the gap, so the work can be typed again.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LostEdits {
    pub teacher: String,
    /// «Chrome, Android», from the device's browser.
    pub device: String,
    /// The seqs that never arrived: from the first missing one to the last the device made.
    pub first_missing: i64,
    pub last_made: i64,
    /// When the server first saw the gap, and the device's latest sync (ISO 8601).
    pub since: String,
    pub last_sync: Option<String>,
}

impl LostEdits {
    /// «изменения № 41–57 (17)»
    pub fn gap_text(&self) -> String {
        let n = self.last_made - self.first_missing + 1;
        if n == 1 {
            format!("изменение № {}", self.first_missing)
        } else {
            format!(
                "изменения № {}–{} ({n})",
                self.first_missing, self.last_made
            )
        }
    }
}

/// A browser and system in two words, from a `User-Agent`.
pub fn device_name(user_agent: Option<&str>) -> String {
    let ua = user_agent.unwrap_or("");
    let browser = [
        ("YaBrowser", "Яндекс Браузер"),
        ("Edg/", "Edge"),
        ("Firefox", "Firefox"),
        ("Chrome", "Chrome"),
        ("Safari", "Safari"),
    ]
    .iter()
    .find(|(mark, _)| ua.contains(mark))
    .map(|(_, name)| *name);
    let system = [
        ("Android", "Android"),
        ("iPad", "iPad"),
        ("iPhone", "iPhone"),
        ("Windows", "Windows"),
        ("Mac OS", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(mark, _)| ua.contains(mark))
    .map(|(_, name)| *name);
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b}, {s}"),
        (Some(one), None) | (None, Some(one)) => one.to_string(),
        (None, None) => "неизвестное устройство".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tablet_is_named_in_two_words_and_the_gap_counted() {
        let ua = "Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
        assert_eq!(device_name(Some(ua)), "Chrome, Android");
        assert_eq!(device_name(None), "неизвестное устройство");
        let lost = LostEdits {
            teacher: "Иванова М. П.".into(),
            device: "Chrome, Android".into(),
            first_missing: 41,
            last_made: 57,
            since: String::new(),
            last_sync: None,
        };
        assert_eq!(lost.gap_text(), "изменения № 41–57 (17)");
    }
}
