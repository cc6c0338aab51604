//! What may leave a school for the municipality (docs/design.md §3, §5): no group of fewer than five
//! children, not directly and not by subtraction. A count of 1 to 4 is hidden (primary
//! suppression); where the hidden cells could be got back from the row's total and the cells
//! shown, more cells are hidden until what is hidden adds up to five or more (complementary
//! suppression). A zero is shown: it is nobody, and hiding it would hide nothing.

use serde::{Deserialize, Serialize};

use crate::indicators::TermSummary;

/// Groups smaller than this are not shown to the municipality: a figure about three children
/// points at the children.
pub const SMALLEST_GROUP: u32 = 5;

/// The cells of one row that may be shown, `None` for each hidden one. The row's total is
/// taken to be known (it is shown beside the cells).
pub fn suppress(cells: &[u32]) -> Vec<Option<u32>> {
    let small = |n: u32| n > 0 && n < SMALLEST_GROUP;
    if small(cells.iter().sum()) {
        // The whole row is a small group.
        return vec![None; cells.len()];
    }
    let mut hidden: Vec<bool> = cells.iter().map(|&n| small(n)).collect();
    loop {
        let hidden_sum: u32 = cells
            .iter()
            .zip(&hidden)
            .filter(|(_, h)| **h)
            .map(|(n, _)| n)
            .sum();
        if hidden_sum == 0 || hidden_sum >= SMALLEST_GROUP {
            break;
        }
        // The hidden cells add up to a small group: hide the smallest cell still shown.
        let next = cells
            .iter()
            .enumerate()
            .filter(|(i, n)| !hidden[*i] && **n > 0)
            .min_by_key(|(_, n)| **n)
            .map(|(i, _)| i);
        match next {
            Some(i) => hidden[i] = true,
            None => break,
        }
    }
    cells
        .iter()
        .zip(hidden)
        .map(|(&n, h)| (!h).then_some(n))
        .collect()
}

/// A school's latest term as the municipality sees it: students by their lowest term mark,
/// each group shown only when it hides no child, and the shares computed from shown cells only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MunicipalTerm {
    /// «1 четверть 2026/2027»
    pub title: String,
    /// Students with term marks (at least [`SMALLEST_GROUP`]; a smaller school shows no term).
    pub students: u32,
    /// Students whose lowest mark is 5, 4, 3, and 2 or lower; `None` where hidden.
    pub by_lowest: [Option<u32>; 4],
    /// Успеваемость, %: shown only when the group with a «2» is.
    pub success: Option<f64>,
    /// Качество, %: shown only when it can be had from the groups shown.
    pub quality: Option<f64>,
    /// The mean of all term marks.
    pub mean_mark: Option<f64>,
}

impl MunicipalTerm {
    /// `None` for a school with fewer than [`SMALLEST_GROUP`] students counted.
    pub fn of(title: String, summary: &TermSummary) -> Option<MunicipalTerm> {
        let n = summary.students.total();
        if n < SMALLEST_GROUP {
            return None;
        }
        let m = &summary.students.marks;
        let cells = [m[4], m[3], m[2], m[1] + m[0]];
        let shown = suppress(&cells);
        let by_lowest = [shown[0], shown[1], shown[2], shown[3]];
        let share = |part: u32| f64::from(part) * 100.0 / f64::from(n);
        let good = match by_lowest {
            [Some(five), Some(four), _, _] => Some(five + four),
            [_, _, Some(three), Some(two)] => Some(n - three - two),
            _ => None,
        };
        Some(MunicipalTerm {
            title,
            students: n,
            by_lowest,
            success: by_lowest[3].map(|two| share(n - two)),
            quality: good.map(share),
            mean_mark: summary.mean_mark(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::MarkCounts;

    /// No hidden cell can be had back: what is hidden adds up to five or more, or to nothing.
    fn safe(cells: &[u32], shown: &[Option<u32>]) -> bool {
        let hidden: u32 = cells
            .iter()
            .zip(shown)
            .filter(|(_, s)| s.is_none())
            .map(|(n, _)| n)
            .sum();
        let none_small = shown
            .iter()
            .flatten()
            .all(|&n| n == 0 || n >= SMALLEST_GROUP);
        let total: u32 = cells.iter().sum();
        if total > 0 && total < SMALLEST_GROUP {
            return shown.iter().all(Option::is_none);
        }
        none_small && (hidden == 0 || hidden >= SMALLEST_GROUP)
    }

    #[test]
    fn the_probe_s_row_hides_the_small_groups_and_one_more() {
        // The municipality was sent [0, 80, 141, 14, 1]: one child with a «1».
        let cells = [80, 141, 14, 1];
        let shown = suppress(&cells);
        assert_eq!(shown, [Some(80), Some(141), None, None]);
        assert!(safe(&cells, &shown));
    }

    #[test]
    fn a_single_small_cell_gets_a_partner_and_zeros_stay() {
        assert_eq!(suppress(&[20, 0, 3, 40]), [None, Some(0), None, Some(40)]);
        assert_eq!(
            suppress(&[20, 30, 40, 50]),
            [Some(20), Some(30), Some(40), Some(50)]
        );
        assert_eq!(suppress(&[2, 2, 50, 0]), [None, None, None, Some(0)]);
        assert_eq!(
            suppress(&[0, 0, 7, 0]),
            [Some(0), Some(0), Some(7), Some(0)]
        );
    }

    #[test]
    fn every_row_up_to_twelve_is_safe() {
        for a in 0..12 {
            for b in 0..12 {
                for c in 0..12 {
                    for d in 0..12 {
                        let cells = [a, b, c, d];
                        assert!(safe(&cells, &suppress(&cells)), "{cells:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn shares_come_only_from_the_cells_shown() {
        // 80 with lowest 5, 141 with 4, 14 with 3, 1 with 2.
        let mut students = MarkCounts {
            marks: [0, 1, 14, 141, 80],
            ..MarkCounts::default()
        };
        let summary = TermSummary {
            students,
            marks_sum: 0,
            marks_count: 0,
        };
        let term = MunicipalTerm::of("1 четверть".into(), &summary).unwrap();
        assert_eq!(term.students, 236);
        assert_eq!(term.by_lowest, [Some(80), Some(141), None, None]);
        assert_eq!(term.success, None, "it would tell the one child with a «2»");
        assert!((term.quality.unwrap() - 221.0 * 100.0 / 236.0).abs() < 1e-9);
        students.marks = [0, 0, 0, 3, 1];
        let tiny = TermSummary {
            students,
            ..summary
        };
        assert_eq!(MunicipalTerm::of("x".into(), &tiny), None);
    }
}
