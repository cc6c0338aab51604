//! What an e-journal holds for a pupil, kept as the journal wrote it (issue 18): a mark 1–5,
//! «н/а» (не аттестован), «осв» (освобождён), «зач» / «незач», or nothing. DESIGN.md §3 counts
//! them apart: «н/а» is in N as a failing result, «осв» is out of N, «зач» / «незач» are no
//! marks at all. Read from any spelling journals export; written back in one.

use serde::{Deserialize, Serialize};

pub mod html;
pub mod matching;
pub mod netcity;
pub mod table;
pub mod template;

pub use template::{Period, When};

/// One value a journal file gives: a pupil's mark (or «н/а», «осв»…) in a subject for a period or
/// on a day, with the row (or the file's own position) it came from. Every reader gives these.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub row: u32,
    pub name: String,
    pub class: String,
    pub subject: String,
    pub when: When,
    pub value: JournalValue,
}

/// Lessons a pupil missed in a period or on a day, and of them why: the journal's УП
/// (уважительная), Б (болезнь), НП (неуважительная); what is missed with no reason given
/// (ОТ, or a total larger than its parts) is `unspecified`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Absence {
    pub row: u32,
    pub name: String,
    pub class: String,
    pub when: Option<When>,
    pub excused: i16,
    pub illness: i16,
    pub unexcused: i16,
    pub unspecified: i16,
}

impl Absence {
    pub fn missed(&self) -> i16 {
        self.excused + self.illness + self.unexcused + self.unspecified
    }
}

/// What one file holds, whatever its layout.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Batch {
    pub entries: Vec<Entry>,
    pub absences: Vec<Absence>,
}

impl Batch {
    /// What a reader gives: the batch when no row had a problem; a file with nothing under its
    /// header is a problem of its own.
    pub fn or_problems(
        self,
        mut problems: Vec<crate::paper::table::RowProblem>,
    ) -> Result<Batch, Vec<crate::paper::table::RowProblem>> {
        if self.entries.is_empty() && self.absences.is_empty() && problems.is_empty() {
            problems.push(crate::paper::table::RowProblem {
                row: 0,
                message: "Под заголовком нет ни одной отметки: пустой файл не загружается.".into(),
            });
        }
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(problems)
        }
    }
}

/// «н/а» as `journal_mark.mark` holds it: a row in N that fails and is no mark for the mean.
pub const NOT_ATTESTED: i16 = 0;

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

    /// How it is stored: the mark, 0 for «н/а» (in N, failing, no mark for the mean), or the word
    /// of a value that is out of N (`exempt`, `pass`, `fail`).
    pub fn stored(&self) -> Result<i16, &'static str> {
        match self {
            JournalValue::Mark(m) => Ok(*m),
            JournalValue::NotAttested => Ok(NOT_ATTESTED),
            JournalValue::Exempt => Err("exempt"),
            JournalValue::Pass => Err("pass"),
            JournalValue::Fail => Err("fail"),
        }
    }

    /// Back from what [`JournalValue::stored`] gave.
    pub fn from_stored(mark: Option<i16>, word: &str) -> Option<JournalValue> {
        match (mark, word) {
            (Some(NOT_ATTESTED), _) => Some(JournalValue::NotAttested),
            (Some(m @ 1..=5), _) => Some(JournalValue::Mark(m)),
            (None, "exempt") => Some(JournalValue::Exempt),
            (None, "pass") => Some(JournalValue::Pass),
            (None, "fail") => Some(JournalValue::Fail),
            _ => None,
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
