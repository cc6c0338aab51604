//! Dynamics (входной → промежуточный → итоговый, year over year), the weight of a sample, the
//! low- and high-results groups of seeds 001 table 2 («достижение обязательного минимума»,
//! «развитие таланта») and attendance (docs/design.md §3).

use serde::{Deserialize, Serialize};

use crate::indicators::MarkCounts;

/// A share of «2» up by this many points or more is negative dynamics.
pub const NEGATIVE_TWOS_POINTS: u32 = 10;

/// How one result set moved against an earlier one of the same codifier.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dynamics {
    /// Percentage points (or, for the mean, marks); `None` where either side has N = 0.
    pub success_rate: Option<f64>,
    pub quality: Option<f64>,
    pub mean: Option<f64>,
    pub twos_share: Option<f64>,
    /// The share of «2» rose by [`NEGATIVE_TWOS_POINTS`] or more, decided on the counts so an
    /// exact rise of 10 points counts (4 → 7 of 30 is 9.999… in floating point).
    #[serde(default)]
    pub negative: bool,
}

pub fn twos_share(c: &MarkCounts) -> Option<f64> {
    let n = c.total();
    (n > 0).then(|| f64::from(c.marks[1] + c.marks[0] + c.not_attested) * 100.0 / f64::from(n))
}

impl Dynamics {
    pub fn between(earlier: &MarkCounts, later: &MarkCounts) -> Dynamics {
        let diff = |a: Option<f64>, b: Option<f64>| Some(b? - a?);
        Dynamics {
            success_rate: diff(earlier.success_rate(), later.success_rate()),
            quality: diff(earlier.quality(), later.quality()),
            mean: diff(earlier.mean(), later.mean()),
            twos_share: diff(twos_share(earlier), twos_share(later)),
            negative: twos_rose(earlier, later),
        }
    }

    pub fn is_negative(&self) -> bool {
        self.negative
    }
}

/// later/ln − earlier/en ≥ 10 % ⟺ 100·(later·en − earlier·ln) ≥ 10·ln·en, in integers.
fn twos_rose(earlier: &MarkCounts, later: &MarkCounts) -> bool {
    let twos = |c: &MarkCounts| i64::from(c.marks[1] + c.marks[0] + c.not_attested);
    let (en, ln) = (i64::from(earlier.total()), i64::from(later.total()));
    if en == 0 || ln == 0 {
        return false;
    }
    100 * (twos(later) * en - twos(earlier) * ln) >= i64::from(NEGATIVE_TWOS_POINTS) * ln * en
}

/// How much a figure over N students may be read into (docs/design.md §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Weight {
    /// N ≥ 50.
    Informative,
    /// 20–49.
    Indicative,
    /// 10–19.
    Limited,
    /// Under 10: no group analysis.
    TooSmall,
}

impl Weight {
    pub fn of(n: u32) -> Weight {
        match n {
            50.. => Weight::Informative,
            20..=49 => Weight::Indicative,
            10..=19 => Weight::Limited,
            _ => Weight::TooSmall,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Weight::Informative => "информативная выборка",
            Weight::Indicative => "ориентировочно",
            Weight::Limited => "малая выборка",
            Weight::TooSmall => "слишком мало для анализа",
        }
    }
}

/// The low-results group (mark 2: the obligatory minimum not reached) and the high-results
/// group (mark 5) of a procedure or subject, by student.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Groups<T> {
    pub low: Vec<T>,
    pub high: Vec<T>,
    pub n: u32,
}

impl<T: Clone> Groups<T> {
    pub fn from_marks(rows: &[(T, i16)]) -> Groups<T> {
        let pick = |f: fn(i16) -> bool| {
            rows.iter()
                .filter(|(_, m)| f(*m))
                .map(|(w, _)| w.clone())
                .collect()
        };
        Groups {
            low: pick(|m| m <= 2),
            high: pick(|m| m == 5),
            n: rows.len() as u32,
        }
    }

    pub fn low_share(&self) -> Option<f64> {
        (self.n > 0).then(|| self.low.len() as f64 * 100.0 / f64::from(self.n))
    }

    pub fn high_share(&self) -> Option<f64> {
        (self.n > 0).then(|| self.high.len() as f64 * 100.0 / f64::from(self.n))
    }
}

/// Lessons missed over a period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    /// Lessons the students were due to attend.
    pub lessons: u32,
    pub missed: u32,
    pub unexcused: u32,
}

impl Attendance {
    /// Share of lessons missed.
    pub fn missed_share(&self) -> Option<f64> {
        (self.lessons > 0).then(|| f64::from(self.missed) * 100.0 / f64::from(self.lessons))
    }

    /// Share of the missed lessons that were unexcused.
    pub fn unexcused_share(&self) -> Option<f64> {
        (self.missed > 0).then(|| f64::from(self.unexcused) * 100.0 / f64::from(self.missed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_to_midterm_by_hand() {
        // Входная: 20 students, marks 5,4,4,4,3×10,2×6 → «2» 6/20 = 30 %, успеваемость 70 %.
        let mut entry = vec![5, 4, 4, 4];
        entry.extend([3; 10]);
        entry.extend([2; 6]);
        // Промежуточная: 5×2, 4×6, 3×10, 2×2 → «2» 2/20 = 10 %, успеваемость 90 %.
        let mut midterm = vec![5, 5];
        midterm.extend([4; 6]);
        midterm.extend([3; 10]);
        midterm.extend([2; 2]);
        let d = Dynamics::between(
            &MarkCounts::from_marks(entry),
            &MarkCounts::from_marks(midterm),
        );
        assert_eq!(d.success_rate, Some(20.0));
        // качество 4/20 = 20 % → 8/20 = 40 %.
        assert_eq!(d.quality, Some(20.0));
        // средний балл (5+12+30+12)/20 = 2.95 → (10+24+30+4)/20 = 3.4.
        assert!((d.mean.unwrap() - 0.45).abs() < 1e-9);
        assert_eq!(d.twos_share, Some(-20.0));
        assert!(!d.is_negative());
        // Backwards, the share of «2» rises by 20 points: negative dynamics.
        let back = Dynamics::between(
            &MarkCounts::from_marks([5, 5, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2]),
            &MarkCounts::from_marks([5, 4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2]),
        );
        assert!(back.is_negative());
    }

    #[test]
    fn an_exact_rise_of_ten_points_is_negative_and_just_under_is_not() {
        let class = |twos: usize, of: usize| {
            let mut marks = vec![2; twos];
            marks.extend(vec![4; of - twos]);
            MarkCounts::from_marks(marks)
        };
        // 4 → 7 of 30: 13.33 % → 23.33 %, exactly 10 points.
        assert!(Dynamics::between(&class(4, 30), &class(7, 30)).is_negative());
        assert!(!Dynamics::between(&class(4, 30), &class(6, 30)).is_negative());
        // 1 of 10 → 2 of 10 is +10; 1 of 10 → 6 of 31 is 9.35 points.
        assert!(Dynamics::between(&class(1, 10), &class(2, 10)).is_negative());
        assert!(!Dynamics::between(&class(1, 10), &class(6, 31)).is_negative());
    }

    #[test]
    fn an_empty_side_has_no_dynamics() {
        let d = Dynamics::between(&MarkCounts::default(), &MarkCounts::from_marks([5]));
        assert_eq!(d.success_rate, None);
        assert!(!d.is_negative());
    }

    #[test]
    fn sample_weights_follow_the_design() {
        assert_eq!(Weight::of(50), Weight::Informative);
        assert_eq!(Weight::of(49), Weight::Indicative);
        assert_eq!(Weight::of(20), Weight::Indicative);
        assert_eq!(Weight::of(19), Weight::Limited);
        assert_eq!(Weight::of(10), Weight::Limited);
        assert_eq!(Weight::of(9), Weight::TooSmall);
    }

    #[test]
    fn groups_by_hand() {
        let rows = [("А", 2), ("Б", 5), ("В", 3), ("Г", 5), ("Д", 4)];
        let g = Groups::from_marks(&rows);
        assert_eq!(g.low, vec!["А"]);
        assert_eq!(g.high, vec!["Б", "Г"]);
        // 1/5 = 20 %, 2/5 = 40 %.
        assert_eq!((g.low_share(), g.high_share()), (Some(20.0), Some(40.0)));
        let none: Groups<&str> = Groups::from_marks(&[]);
        assert_eq!(none.low_share(), None);
    }

    #[test]
    fn attendance_by_hand() {
        // 25 students × 120 lessons = 3000; 240 missed (8 %), 60 of them unexcused (25 %).
        let a = Attendance {
            lessons: 3000,
            missed: 240,
            unexcused: 60,
        };
        assert_eq!(a.missed_share(), Some(8.0));
        assert_eq!(a.unexcused_share(), Some(25.0));
        assert_eq!(Attendance::default().missed_share(), None);
        assert_eq!(
            Attendance {
                lessons: 10,
                ..Default::default()
            }
            .unexcused_share(),
            None
        );
    }
}
