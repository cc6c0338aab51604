//! Objectivity of marks (seeds 001, table 2 «Объективность оценки образовательных результатов»):
//! each student's mark for a procedure against their last journal (term) mark — понизили,
//! подтвердили, повысили — and the peaks of the primary-score histogram just above a mark
//! boundary, the usual sign of scores pulled over the line.

use serde::{Deserialize, Serialize};

/// When a procedure's marks are flagged. The school sets its own; the defaults below are Mera's
/// starting values, stated on screen beside the figures: they mirror how ФИС ОКО's table
/// «Соответствие отметок за выполненную работу и отметок по журналу» is read in ВПР analyses
/// (many students scoring below their journal mark suggests inflated journal marks; many scoring
/// above it, an inflated procedure), and are not a federal norm.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Flag when more than this share (%) got a lower mark than in the journal.
    pub lowered_over: f64,
    /// Flag when more than this share (%) got a higher mark than in the journal.
    pub raised_over: f64,
    /// A histogram peak: the count at a boundary score at least this many times the count one
    /// point below it…
    pub peak_ratio: f64,
    /// …and at least this many students at the boundary.
    pub peak_min_students: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            lowered_over: 30.0,
            raised_over: 15.0,
            peak_ratio: 2.0,
            peak_min_students: 3,
        }
    }
}

/// Procedure mark against journal mark, for the students who have both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    pub lowered: u32,
    pub confirmed: u32,
    pub raised: u32,
}

impl Comparison {
    /// `pairs` are (procedure mark, journal mark).
    pub fn from_pairs(pairs: impl IntoIterator<Item = (i16, i16)>) -> Comparison {
        let mut c = Comparison::default();
        for (procedure, journal) in pairs {
            match procedure.cmp(&journal) {
                std::cmp::Ordering::Less => c.lowered += 1,
                std::cmp::Ordering::Equal => c.confirmed += 1,
                std::cmp::Ordering::Greater => c.raised += 1,
            }
        }
        c
    }

    pub fn total(&self) -> u32 {
        self.lowered + self.confirmed + self.raised
    }

    fn share(&self, part: u32) -> Option<f64> {
        let n = self.total();
        (n > 0).then(|| f64::from(part) * 100.0 / f64::from(n))
    }

    pub fn lowered_share(&self) -> Option<f64> {
        self.share(self.lowered)
    }

    pub fn confirmed_share(&self) -> Option<f64> {
        self.share(self.confirmed)
    }

    pub fn raised_share(&self) -> Option<f64> {
        self.share(self.raised)
    }

    /// The reasons to look closer, in Russian; empty when none. A share is flagged only when it
    /// is over the threshold with 90 % confidence (the lower Wilson bound is over it): in a class
    /// of twenty one or two students move a share by five to ten points, and a flag that chance
    /// alone raises would teach the school to ignore flags.
    pub fn flags(&self, t: &Thresholds) -> Vec<String> {
        let mut out = Vec::new();
        let n = self.total();
        let mut check = |part: u32, threshold: f64, what: &str| {
            let over = wilson_lower(part, n).is_some_and(|low| low > threshold);
            if let (true, Some(s)) = (over, self.share(part)) {
                out.push(format!(
                    "{what} отметку {} % (порог {} %)",
                    crate::format::decimal(s),
                    crate::format::decimal(threshold)
                ));
            }
        };
        check(self.lowered, t.lowered_over, "понизили");
        check(self.raised, t.raised_over, "повысили");
        out
    }
}

/// The lower bound, in percent, of the one-sided 90 % Wilson interval of `part` out of `n`.
pub fn wilson_lower(part: u32, n: u32) -> Option<f64> {
    if n == 0 {
        return None;
    }
    const Z: f64 = 1.2816;
    let (p, n) = (f64::from(part) / f64::from(n), f64::from(n));
    let z2 = Z * Z;
    let centre = p + z2 / (2.0 * n);
    let spread = Z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some(((centre - spread) / (1.0 + z2 / n)).max(0.0) * 100.0)
}

/// Students whose procedure mark differs from the journal mark by two or more: listed by name.
pub fn wide_gaps<T: Clone>(rows: &[(T, i16, i16)]) -> Vec<T> {
    rows.iter()
        .filter(|(_, procedure, journal)| (procedure - journal).abs() >= 2)
        .map(|(who, _, _)| who.clone())
        .collect()
}

/// The boundary scores (the lowest total for a 3, a 4, a 5) where the histogram of totals peaks:
/// many more students exactly at the boundary than one point below it.
pub fn boundary_peaks(totals: &[i16], boundaries: [i16; 3], t: &Thresholds) -> Vec<i16> {
    let count = |score: i16| totals.iter().filter(|s| **s == score).count() as u32;
    boundaries
        .into_iter()
        .filter(|b| *b > 0)
        .filter(|b| {
            let at = count(*b);
            let below = count(b - 1);
            at >= t.peak_min_students && f64::from(at) >= t.peak_ratio * f64::from(below.max(1))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_students_by_hand() {
        // 20 students: 7 wrote lower than their journal mark, 10 the same, 3 higher.
        let mut pairs = vec![(3, 4); 6];
        pairs.push((2, 4));
        pairs.extend(vec![(4, 4); 10]);
        pairs.extend(vec![(5, 4); 3]);
        let c = Comparison::from_pairs(pairs);
        assert_eq!(
            (c.lowered, c.confirmed, c.raised, c.total()),
            (7, 10, 3, 20)
        );
        // 7 / 20 = 35 %, 10 / 20 = 50 %, 3 / 20 = 15 %.
        assert_eq!(c.lowered_share(), Some(35.0));
        assert_eq!(c.confirmed_share(), Some(50.0));
        assert_eq!(c.raised_share(), Some(15.0));
        // 35 % of 20 is over 30 %, but not surely: the lower 90 % Wilson bound is 22,9 %.
        assert!((wilson_lower(7, 20).unwrap() - 22.95).abs() < 0.05);
        assert!(c.flags(&Thresholds::default()).is_empty());
        // 12 of 20 (60 %) is: the bound is 45,7 %. 15 % raised is not over 15 %.
        let c = Comparison {
            lowered: 12,
            confirmed: 5,
            raised: 3,
        };
        assert!((wilson_lower(12, 20).unwrap() - 45.7).abs() < 0.05);
        assert_eq!(
            c.flags(&Thresholds::default()),
            vec!["понизили отметку 60,0 % (порог 30,0 %)"]
        );
        // The same 60 % of 200 is surer still.
        assert!(wilson_lower(120, 200).unwrap() > 54.0);
        assert!(wilson_lower(0, 20).unwrap() < 1e-9 && wilson_lower(3, 0).is_none());
    }

    #[test]
    fn nobody_compared_gives_no_shares_and_no_flags() {
        let c = Comparison::from_pairs([]);
        assert_eq!(c.lowered_share(), None);
        assert!(c.flags(&Thresholds::default()).is_empty());
    }

    #[test]
    fn gaps_of_two_marks_are_listed() {
        let rows = [
            ("Аня", 2, 4),
            ("Боря", 3, 4),
            ("Вера", 5, 3),
            ("Гоша", 4, 4),
        ];
        assert_eq!(wide_gaps(&rows), vec!["Аня", "Вера"]);
    }

    #[test]
    fn a_pile_just_over_a_boundary_is_a_peak() {
        // Scale: 3 from 8, 4 from 13, 5 from 18. Six students at exactly 8, one at 7: a peak
        // (6 ≥ 2·1). At 13: two students, below the minimum of three. At 18: three, and three at
        // 17: not twice as many.
        let mut totals = vec![8; 6];
        totals.push(7);
        totals.extend([13, 13, 12, 18, 18, 18, 17, 17, 17]);
        assert_eq!(
            boundary_peaks(&totals, [8, 13, 18], &Thresholds::default()),
            vec![8]
        );
        assert!(boundary_peaks(&[], [8, 13, 18], &Thresholds::default()).is_empty());
    }

    #[test]
    fn shares_stay_within_bounds_and_add_up() {
        for lowered in 0..6u32 {
            for confirmed in 0..6u32 {
                for raised in 0..6u32 {
                    let c = Comparison {
                        lowered,
                        confirmed,
                        raised,
                    };
                    let shares = [c.lowered_share(), c.confirmed_share(), c.raised_share()];
                    if c.total() == 0 {
                        assert!(shares.iter().all(Option::is_none));
                        continue;
                    }
                    let sum: f64 = shares.iter().map(|s| s.unwrap()).sum();
                    assert!((sum - 100.0).abs() < 1e-9);
                    assert!(shares.iter().all(|s| (0.0..=100.0).contains(&s.unwrap())));
                }
            }
        }
    }

    /// The example the objectivity page gives a director: the same 25 % is chance in a class of
    /// 12 and a signal in 60, against a 15 % threshold.
    #[test]
    fn the_example_on_the_objectivity_page_holds() {
        assert!(wilson_lower(3, 12).unwrap() < 15.0);
        assert!(wilson_lower(15, 60).unwrap() > 15.0);
    }
}
