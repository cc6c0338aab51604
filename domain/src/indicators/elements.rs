//! Solve rates per element of the кодификатор: what the tasks checking one element scored,
//! together, over what they could have scored; and the gaps of docs/design.md §3.3 per element.
//! A task names its elements in its code, «2.1» or several, «1.1; 2.3».

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::indicators::is_gap;

/// What one task brings to its elements.
#[derive(Clone, Copy, Debug)]
pub struct TaskScores<'a> {
    pub label: &'a str,
    pub skill_code: &'a str,
    pub advanced: bool,
    pub max_score: i16,
    /// The scores' sum and how many students were scored, among those who wrote.
    pub sum: i64,
    pub scored: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ElementRate {
    pub code: String,
    /// The labels of the tasks that check it, «3, 7».
    pub tasks: Vec<String>,
    /// Percent; `None` before anything is scored.
    pub rate: Option<f64>,
    /// Below the basic threshold (the advanced one when only advanced tasks check it).
    pub gap: bool,
}

/// The element codes a task's code names.
pub fn codes(skill_code: &str) -> impl Iterator<Item = &str> {
    skill_code
        .split([',', ';', ' '])
        .map(str::trim)
        .filter(|c| !c.is_empty())
}

/// Orders «1.2» before «1.10», as a кодификатор is read.
fn key(code: &str) -> Vec<(u64, String)> {
    code.split('.')
        .map(|part| (part.parse().unwrap_or(u64::MAX), part.to_string()))
        .collect()
}

pub fn element_rates(tasks: &[TaskScores]) -> Vec<ElementRate> {
    struct Acc {
        code: String,
        tasks: Vec<String>,
        got: i64,
        possible: i64,
        all_advanced: bool,
    }
    let mut by: BTreeMap<Vec<(u64, String)>, Acc> = BTreeMap::new();
    for t in tasks {
        for code in codes(t.skill_code) {
            let acc = by.entry(key(code)).or_insert_with(|| Acc {
                code: code.to_string(),
                tasks: Vec::new(),
                got: 0,
                possible: 0,
                all_advanced: true,
            });
            acc.tasks.push(t.label.to_string());
            acc.got += t.sum;
            acc.possible += t.scored * i64::from(t.max_score.max(0));
            acc.all_advanced &= t.advanced;
        }
    }
    by.into_values()
        .map(|a| {
            let rate = (a.possible > 0).then(|| a.got as f64 * 100.0 / a.possible as f64);
            ElementRate {
                code: a.code,
                tasks: a.tasks,
                gap: rate.is_some_and(|r| is_gap(r, a.all_advanced)),
                rate,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t<'a>(label: &'a str, code: &'a str, max: i16, sum: i64, scored: i64) -> TaskScores<'a> {
        TaskScores {
            label,
            skill_code: code,
            advanced: false,
            max_score: max,
            sum,
            scored,
        }
    }

    #[test]
    fn an_element_pools_the_tasks_that_check_it() {
        // Task 1 (max 1): 8 of 10; task 4 (max 2): 6 of 20 → element 2.1 is 14 of 30.
        let rates = element_rates(&[
            t("1", "2.1", 1, 8, 10),
            t("2", "1.10", 1, 9, 10),
            t("3", "1.2; 2.1x", 1, 3, 10),
            t("4", "2.1", 2, 6, 10),
            t("5", "", 1, 10, 10),
        ]);
        let codes: Vec<&str> = rates.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["1.2", "1.10", "2.1", "2.1x"]);
        let e = &rates[2];
        assert_eq!(e.tasks, ["1", "4"]);
        assert!((e.rate.unwrap() - 14.0 * 100.0 / 30.0).abs() < 1e-9);
        assert!(e.gap, "46.7 % is under the basic 57 %");
        assert!(!rates[1].gap);
    }

    #[test]
    fn nothing_scored_is_no_rate_and_no_gap() {
        let rates = element_rates(&[t("1", "3.1", 2, 0, 0)]);
        assert_eq!(rates[0].rate, None);
        assert!(!rates[0].gap);
    }

    #[test]
    fn an_element_of_advanced_tasks_only_has_the_advanced_threshold() {
        let hard = TaskScores {
            advanced: true,
            ..t("9", "4.2", 2, 6, 10)
        };
        assert!(!element_rates(&[hard])[0].gap, "30 % is above 28.5 %");
    }
}
