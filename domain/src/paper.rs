//! A paper's structure: its tasks (the labels the paper prints, maximum scores, levels, topics,
//! the кодификатор element each checks) and the scale from total primary score to mark. Every
//! way a school fills a structure (the catalogue, a copy, a spreadsheet, typing) ends in a
//! [`Paper`], and [`Paper::problems`] says in Russian what keeps it from being saved.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::assessment::{ProcedureKind, Scale};

pub mod catalogue;
pub mod change;
pub mod table;

/// The largest maximum score of one task any paper we know gives (ЕГЭ essays reach 22).
pub const MAX_TASK_SCORE: i16 = 60;
/// More tasks than any school paper has; a bound for what a form or a file may send.
pub const MAX_TASKS: usize = 200;
const MAX_LABEL: usize = 16;
const MAX_TEXT: usize = 300;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    /// The saved task this row edits; `None` for a new one. A change after results keeps the
    /// scores of every task that keeps its id, whatever its label becomes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// As the paper prints it: `1`, `9.1`, `4К1`.
    pub label: String,
    pub max_score: i16,
    /// Повышенный уровень (П); otherwise базовый (Б).
    pub advanced: bool,
    pub topic: String,
    /// The element of the кодификатор the task checks, e.g. `2.1`.
    pub skill_code: String,
}

impl Task {
    /// The level as the database and the report keep it.
    pub fn level_code(&self) -> &'static str {
        if self.advanced {
            "advanced"
        } else {
            "base"
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paper {
    pub tasks: Vec<Task>,
    pub scale: Scale,
    /// The primary → test score table of an ОГЭ or ЕГЭ (entry `p` is the test score for a
    /// primary score of `p`); empty where the paper has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub test_scores: Vec<i16>,
}

/// The highest test score any table gives (ЕГЭ: 100).
pub const MAX_TEST_SCORE: i16 = 100;

impl Paper {
    pub fn max_primary(&self) -> i16 {
        self.tasks.iter().map(|t| t.max_score.max(0)).sum()
    }

    /// Each thing wrong with the structure, as a sentence a deputy can act on; empty when it
    /// may be saved.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.tasks.is_empty() {
            out.push("Добавьте хотя бы одно задание.".into());
        }
        if self.tasks.len() > MAX_TASKS {
            out.push(format!(
                "Заданий больше {MAX_TASKS}: так много в работе не бывает."
            ));
        }
        let mut seen = BTreeSet::new();
        for (i, t) in self.tasks.iter().enumerate().take(MAX_TASKS) {
            let row = i + 1;
            let label = t.label.trim();
            if label.is_empty() {
                out.push(format!(
                    "Задание в строке {row}: укажите номер, как в работе."
                ));
            } else if label.chars().count() > MAX_LABEL {
                out.push(format!(
                    "Задание в строке {row}: номер длиннее {MAX_LABEL} знаков."
                ));
            } else if !seen.insert(label.to_lowercase()) {
                out.push(format!(
                    "Задание «{label}» указано дважды: номера не повторяются."
                ));
            }
            if t.max_score < 1 {
                out.push(format!(
                    "Задание «{label}»: максимальный балл — не меньше 1."
                ));
            } else if t.max_score > MAX_TASK_SCORE {
                out.push(format!(
                    "Задание «{label}»: максимальный балл больше {MAX_TASK_SCORE}, проверьте его."
                ));
            }
            if t.topic.chars().count() > MAX_TEXT || t.skill_code.chars().count() > MAX_LABEL * 2 {
                out.push(format!("Задание «{label}»: тема или код слишком длинные."));
            }
        }
        let s = self.scale;
        let max = self.max_primary();
        if !(s.mark3_from >= 1 && s.mark3_from < s.mark4_from && s.mark4_from < s.mark5_from) {
            out.push(
                "Шкала: пороги «3», «4» и «5» должны строго возрастать, «3» — не меньше 1 балла."
                    .into(),
            );
        }
        if s.mark5_from > max && !self.tasks.is_empty() {
            out.push(format!(
                "Шкала: порог «5» ({}) больше максимума работы ({max}).",
                s.mark5_from
            ));
        }
        out.extend(self.test_score_problem());
        out
    }

    fn test_score_problem(&self) -> Option<String> {
        let table = &self.test_scores;
        if table.is_empty() {
            return None;
        }
        let rows = self.max_primary() as usize + 1;
        if table.len() != rows {
            return Some(format!(
                "Таблица перевода: нужен тестовый балл для каждого первичного от 0 до {}, а указано чисел: {}.",
                rows - 1,
                table.len()
            ));
        }
        if table.iter().any(|t| !(0..=MAX_TEST_SCORE).contains(t)) {
            return Some(format!(
                "Таблица перевода: тестовый балл — от 0 до {MAX_TEST_SCORE}."
            ));
        }
        table.windows(2).position(|w| w[1] < w[0]).map(|p| {
            format!(
                "Таблица перевода: тестовый балл за первичный {} ({}) меньше, чем за {} ({}).",
                p + 1,
                table[p + 1],
                p,
                table[p]
            )
        })
    }

    /// The test score of a total, where the paper has a table.
    pub fn test_score(&self, total: i16) -> Option<i16> {
        usize::try_from(total)
            .ok()
            .and_then(|t| self.test_scores.get(t))
            .copied()
    }

    /// The paper as a copy starts from: the same tasks, none of them saved yet.
    pub fn copied(mut self) -> Paper {
        for t in &mut self.tasks {
            t.id = None;
        }
        self
    }

    /// The tasks tidied for saving: labels and texts trimmed.
    pub fn tidied(mut self) -> Paper {
        for t in &mut self.tasks {
            t.label = t.label.trim().to_string();
            t.topic = t.topic.trim().to_string();
            t.skill_code = t.skill_code.trim().to_string();
        }
        self
    }
}

/// A title proposed from the rest, as schools name their papers: «ВПР. Русский язык, 4 класс»,
/// «Входная диагностика. Математика, 5 класс».
pub fn proposed_title(
    kind: ProcedureKind,
    stage: Option<crate::assessment::Stage>,
    subject: &str,
    grade: i16,
) -> String {
    let head = match (kind, stage) {
        (ProcedureKind::Diagnostic, Some(stage)) => {
            let s = stage.title();
            let mut c = s.chars();
            match c.next() {
                Some(first) => format!("{}{} диагностика", first.to_uppercase(), c.as_str()),
                None => kind.title().to_string(),
            }
        }
        (ProcedureKind::Olympiad, Some(stage)) => format!("Олимпиада, {}", stage.title()),
        _ => kind.title().to_string(),
    };
    format!("{head}. {subject}, {grade} класс")
}

#[cfg(test)]
mod tests;
