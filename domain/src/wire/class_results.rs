//! Results of assessment procedures as the class page shows them.

use serde::{Deserialize, Serialize};

/// One procedure written by a class's students: how many wrote it and the marks they got.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcedureSummary {
    pub title: String,
    /// «ВПР», «Диагностика»…
    pub kind: String,
    pub held_on: String,
    pub subject: String,
    /// Students of the class with a result: written or absent.
    pub listed: u32,
    pub absent: u32,
    /// Counts of the marks 2, 3, 4, 5 among those who wrote and have every task scored.
    pub marks: [u32; 4],
    pub source: Option<String>,
}

impl ProcedureSummary {
    pub fn wrote(&self) -> u32 {
        self.marks.iter().sum()
    }

    /// The mean mark, `None` when nobody wrote.
    pub fn mean_mark(&self) -> Option<f64> {
        let n = self.wrote();
        (n > 0).then(|| {
            let total: u32 = self.marks.iter().zip(2..).map(|(c, m)| c * m).sum();
            f64::from(total) / f64::from(n)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mean_mark_counts_only_those_who_wrote() {
        let summary = ProcedureSummary {
            title: String::new(),
            kind: String::new(),
            held_on: String::new(),
            subject: String::new(),
            listed: 6,
            absent: 1,
            // one 2, two 4s, two 5s: (2 + 8 + 10) / 5 = 4.0
            marks: [1, 0, 2, 2],
            source: None,
        };
        assert_eq!(summary.wrote(), 5);
        assert_eq!(summary.mean_mark(), Some(4.0));
        let nobody = ProcedureSummary {
            marks: [0; 4],
            ..summary
        };
        assert_eq!(nobody.mean_mark(), None);
    }
}
