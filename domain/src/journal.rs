//! What an e-journal holds for a pupil, kept as the journal wrote it (issue 18): a mark 1–5,
//! «н/а» (не аттестован), «осв» (освобождён), «зач» / «незач», or nothing. DESIGN.md §3 counts
//! them apart: «н/а» is in N as a failing result, «осв» is out of N, «зач» / «незач» are no
//! marks at all. Read from any spelling journals export; written back in one.

use serde::{Deserialize, Serialize};

pub mod template;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum JournalValue {
    Mark(i16),
    NotAttested,
    Exempt,
    Pass,
    Fail,
}

impl JournalValue {
    /// A cell as a journal exports it: `Ok(None)` for a blank, `Err` with the sentence for
    /// anything that is no journal value.
    pub fn parse(text: &str) -> Result<Option<JournalValue>, String> {
        let t: String = text
            .trim()
            .to_lowercase()
            .replace('ё', "е")
            .chars()
            .map(|c| match c {
                // Latin look-alikes typed in place of Cyrillic.
                'a' => 'а',
                'h' => 'н',
                'o' => 'о',
                'c' => 'с',
                '\\' => '/',
                c => c,
            })
            .filter(|c| !c.is_whitespace() && *c != '.')
            .collect();
        let value = match t.as_str() {
            "" => return Ok(None),
            "1" | "2" | "3" | "4" | "5" => JournalValue::Mark(t.parse().unwrap_or(0)),
            "н/а" | "на" | "неаттестован" | "неаттестована" | "н/атт" => {
                JournalValue::NotAttested
            }
            "осв" | "освобожден" | "освобождена" | "освоб" => {
                JournalValue::Exempt
            }
            "зач" | "зачет" | "зачтено" => JournalValue::Pass,
            "незач" | "незачет" | "незачтено" => JournalValue::Fail,
            _ => {
                return Err(format!(
                    "«{}» — не отметка журнала (1–5, «н/а», «осв», «зач», «незач»).",
                    text.trim()
                ))
            }
        };
        Ok(Some(value))
    }

    /// As Mera writes it.
    pub fn text(&self) -> String {
        match self {
            JournalValue::Mark(m) => m.to_string(),
            JournalValue::NotAttested => "н/а".into(),
            JournalValue::Exempt => "осв".into(),
            JournalValue::Pass => "зач".into(),
            JournalValue::Fail => "незач".into(),
        }
    }

    /// The mark, for what counts marks.
    pub fn mark(&self) -> Option<i16> {
        match self {
            JournalValue::Mark(m) => Some(*m),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_journal_value() {
        let read = |t: &str| JournalValue::parse(t).unwrap();
        assert_eq!(read(" 4 "), Some(JournalValue::Mark(4)));
        for na in ["н/а", "Н/А", "н\\а", "н/a", "на", "н. а.", "не аттестован"]
        {
            assert_eq!(read(na), Some(JournalValue::NotAttested), "{na}");
        }
        for exempt in ["осв", "ОСВ", "освобождён", "Освобождена", "oсв"]
        {
            assert_eq!(read(exempt), Some(JournalValue::Exempt), "{exempt}");
        }
        assert_eq!(read("зачёт"), Some(JournalValue::Pass));
        assert_eq!(read("не зач"), Some(JournalValue::Fail));
        assert_eq!(read("  "), None);
        for wrong in ["6", "0", "4+", "отл", "4/5"] {
            assert!(JournalValue::parse(wrong).is_err(), "{wrong}");
        }
        assert_eq!(JournalValue::NotAttested.text(), "н/а");
        assert_eq!(JournalValue::Mark(3).mark(), Some(3));
        assert_eq!(JournalValue::Exempt.mark(), None);
    }
}
