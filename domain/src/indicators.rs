//! The indicators of docs/design.md §3 as pure functions, compiled to wasm (a teacher sees her class's
//! figures offline as she types) and to the server (dashboards), so both show the same numbers.

pub mod completeness;
pub mod disclosure;
pub mod dynamics;
pub mod elements;
pub mod objectivity;
pub mod pairing;

use serde::{Deserialize, Serialize};

/// How many students got each mark, and how many were not attested («н/а»), among the N who
/// count: for a procedure, those who wrote it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkCounts {
    /// Index 0 is the mark 1, index 4 the mark 5.
    pub marks: [u32; 5],
    pub not_attested: u32,
}

impl MarkCounts {
    pub fn from_marks(marks: impl IntoIterator<Item = i16>) -> MarkCounts {
        let mut counts = MarkCounts::default();
        for mark in marks {
            counts.add(mark);
        }
        counts
    }

    /// Adds another group's counts to these.
    pub fn merge(&mut self, other: &MarkCounts) {
        for (a, b) in self.marks.iter_mut().zip(other.marks) {
            *a += b;
        }
        self.not_attested += other.not_attested;
    }

    /// A mark 1–5, or «н/а» as the journal store keeps it (`journal::NOT_ATTESTED`).
    pub fn add(&mut self, mark: i16) {
        self.add_n(mark, 1);
    }

    /// `n` students with this mark (or «н/а»), as a `GROUP BY mark` counts them.
    pub fn add_n(&mut self, mark: i16, n: u32) {
        if (1..=5).contains(&mark) {
            self.marks[(mark - 1) as usize] += n;
        } else if mark == crate::journal::NOT_ATTESTED {
            self.not_attested += n;
        }
    }

    fn n(&self, mark: usize) -> u32 {
        self.marks[mark - 1]
    }

    /// N: every counted student, «н/а» included.
    pub fn total(&self) -> u32 {
        self.marks.iter().sum::<u32>() + self.not_attested
    }

    fn share(&self, part: u32) -> Option<f64> {
        let n = self.total();
        (n > 0).then(|| f64::from(part) * 100.0 / f64::from(n))
    }

    /// успеваемость: (n5 + n4 + n3) / N · 100 %.
    pub fn success_rate(&self) -> Option<f64> {
        self.share(self.n(5) + self.n(4) + self.n(3))
    }

    /// качество знаний: (n5 + n4) / N · 100 %.
    pub fn quality(&self) -> Option<f64> {
        self.share(self.n(5) + self.n(4))
    }

    /// средний балл over marks only («н/а» is not a mark).
    pub fn mean(&self) -> Option<f64> {
        let marks: u32 = self.marks.iter().sum();
        let sum: u32 = (1..=5).map(|m| m as u32 * self.n(m)).sum();
        (marks > 0).then(|| f64::from(sum) / f64::from(marks))
    }

    /// СОУ (Симонов): (100·n5 + 64·n4 + 36·n3 + 16·n2 + 7·(n1 + n_на)) / N %.
    pub fn sou(&self) -> Option<f64> {
        let n = self.total();
        let weighted = 100 * self.n(5)
            + 64 * self.n(4)
            + 36 * self.n(3)
            + 16 * self.n(2)
            + 7 * (self.n(1) + self.not_attested);
        (n > 0).then(|| f64::from(weighted) / f64::from(n))
    }
}

/// A class's (or school's) term results counted by students: each student counts once, by their
/// lowest term mark across subjects, so n5 are the отличники, n4 the хорошисты, n2 those with a
/// «2» in some subject. успеваемость and качество then read as schools report them (share with no
/// «2», share of отличники and хорошисты); средний балл is over all term marks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TermSummary {
    pub students: MarkCounts,
    pub marks_sum: i64,
    pub marks_count: i64,
}

impl TermSummary {
    /// From every term mark, `(student, mark)`; a «н/а» (0) is the student's lowest and no
    /// mark for the mean.
    pub fn from_marks(marks: &[(i32, i16)]) -> TermSummary {
        let mut lowest = std::collections::BTreeMap::new();
        let mut summary = TermSummary::default();
        for &(student, mark) in marks {
            let low = lowest.entry(student).or_insert(mark);
            *low = (*low).min(mark);
            if mark != crate::journal::NOT_ATTESTED {
                summary.marks_sum += i64::from(mark);
                summary.marks_count += 1;
            }
        }
        for low in lowest.into_values() {
            summary.students.add(low);
        }
        summary
    }

    /// From per-student aggregates `(lowest mark, sum of marks, number of marks)`, as SQL gives
    /// them: the sum and number over marks 1–5, the lowest over «н/а» (0) too.
    pub fn from_students(rows: &[(i16, i64, i64)]) -> TermSummary {
        let mut summary = TermSummary::default();
        for &(lowest, sum, count) in rows {
            summary.students.add(lowest);
            summary.marks_sum += sum;
            summary.marks_count += count;
        }
        summary
    }

    pub fn merge(&mut self, other: &TermSummary) {
        self.students.merge(&other.students);
        self.marks_sum += other.marks_sum;
        self.marks_count += other.marks_count;
    }

    pub fn mean_mark(&self) -> Option<f64> {
        (self.marks_count > 0).then(|| self.marks_sum as f64 / self.marks_count as f64)
    }
}

/// The share of the task's maximum the students scored, in percent: mean score / max score.
pub fn solve_rate(scores: &[i16], max_score: i16) -> Option<f64> {
    if scores.is_empty() || max_score <= 0 {
        return None;
    }
    let sum: i64 = scores.iter().map(|&s| i64::from(s)).sum();
    Some(sum as f64 * 100.0 / (scores.len() as f64 * f64::from(max_score)))
}

/// A task solved below these shares is a gap (ФИОКО's recommendations on analysing ВПР).
pub const GAP_BASIC: f64 = 57.0;
pub const GAP_ADVANCED: f64 = 28.5;

/// Whether a solve rate marks a gap for a task of this level («повышенный» or not).
pub fn is_gap(rate: f64, advanced: bool) -> bool {
    rate < if advanced { GAP_ADVANCED } else { GAP_BASIC }
}

/// A percentage as the screens show it: «83,3 %».
pub fn percent(value: Option<f64>) -> String {
    match value {
        Some(v) => format!("{} %", crate::format::decimal(v)),
        None => "—".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn a_class_of_ten_by_hand() {
        // marks: 5 5 4 4 4 3 3 2 2 and one «н/а»: N = 10
        let mut c = MarkCounts::from_marks([5, 5, 4, 4, 4, 3, 3, 2, 2]);
        c.not_attested = 1;
        assert_eq!(c.total(), 10);
        // успеваемость (2 + 3 + 2) / 10 = 70 %; качество (2 + 3) / 10 = 50 %
        assert!(close(c.success_rate(), 70.0));
        assert!(close(c.quality(), 50.0));
        // средний балл (10 + 12 + 6 + 4) / 9 marks = 32 / 9
        assert!(close(c.mean(), 32.0 / 9.0));
        // СОУ (200 + 192 + 72 + 32 + 7) / 10 = 50.3 %
        assert!(close(c.sou(), 50.3));
    }

    #[test]
    fn nobody_counted_gives_no_figures() {
        let c = MarkCounts::default();
        assert_eq!(c.success_rate(), None);
        assert_eq!(c.mean(), None);
        assert_eq!(c.sou(), None);
        assert_eq!(solve_rate(&[], 2), None);
    }

    #[test]
    fn one_student_with_a_five() {
        let c = MarkCounts::from_marks([5]);
        assert!(close(c.success_rate(), 100.0));
        assert!(close(c.sou(), 100.0));
    }

    #[test]
    fn shares_stay_in_range_and_success_covers_quality() {
        // Every distribution of up to 4 students over the marks 1–5 and «н/а».
        for code in 0..6u32.pow(4) {
            let mut c = MarkCounts::default();
            let mut rest = code;
            for _ in 0..4 {
                match rest % 6 {
                    0 => c.not_attested += 1,
                    m => c.add(m as i16),
                }
                rest /= 6;
            }
            let (s, q, sou) = (
                c.success_rate().unwrap(),
                c.quality().unwrap(),
                c.sou().unwrap(),
            );
            assert!((0.0..=100.0).contains(&s) && (0.0..=100.0).contains(&sou));
            assert!(q <= s, "{c:?}");
        }
    }

    #[test]
    fn term_results_count_students_by_their_lowest_mark() {
        // student 1: 5, 5 → отличник; student 2: 5, 4 → хорошист; student 3: 4, 2 → a «2»
        let marks = [(1, 5), (1, 5), (2, 5), (2, 4), (3, 4), (3, 2)];
        let s = TermSummary::from_marks(&marks);
        assert_eq!(s.students.total(), 3);
        // успеваемость 2 / 3; качество 2 / 3; средний балл 25 / 6
        assert!(close(s.students.success_rate(), 200.0 / 3.0));
        assert!(close(s.students.quality(), 200.0 / 3.0));
        assert!(close(s.mean_mark(), 25.0 / 6.0));
        let same = TermSummary::from_students(&[(5, 10, 2), (4, 9, 2), (2, 6, 2)]);
        assert_eq!(s, same);
    }

    #[test]
    fn solve_rates_and_gaps() {
        // scores 2, 1, 0 of a 2-point task: 3 / (3 · 2) = 50 %
        assert!(close(solve_rate(&[2, 1, 0], 2), 50.0));
        assert!(is_gap(50.0, false));
        assert!(!is_gap(50.0, true));
        assert_eq!(percent(Some(83.333)), "83,3 %");
    }
}
