//! «Выводы» of the analytical report, drafted from its figures for the deputy to edit: what fell
//! short (tasks, elements of the кодификатор), which classes lag, how objective the marks look,
//! and the dynamics. Only what the figures say; the reasons are the deputy's to write.

use crate::format::{self, decimal};
use crate::indicators::percent;
use crate::wire::report::AnalyticalReport;

/// A class lags when its success rate or quality is this many points under the school's.
pub const LAG_POINTS: f64 = 10.0;

pub fn draft(r: &AnalyticalReport) -> String {
    let s = &r.school;
    let n = s.total();
    if n == 0 {
        return String::new();
    }
    let mut out = Vec::new();
    out.push(format!(
        "{} ({}): успеваемость {}, качество знаний {}, средний балл {} (N = {n}).",
        r.title,
        format::date(&r.held_on),
        percent(s.success_rate()),
        percent(s.quality()),
        s.mean().map(decimal).unwrap_or_else(|| "—".into()),
    ));
    if let Some(w) = r.completeness.warning() {
        out.push(w);
    }
    let gaps: Vec<String> = r
        .tasks
        .iter()
        .filter(|t| t.gap)
        .map(|t| match &t.topic {
            Some(topic) => format!("№ {} ({topic}, {})", t.label, percent(t.rate)),
            None => format!("№ {} ({})", t.label, percent(t.rate)),
        })
        .collect();
    out.push(if gaps.is_empty() {
        "Все задания решены на достаточном уровне.".into()
    } else {
        format!(
            "Недостаточный уровень решаемости (базовые задания ниже 57 %, повышенные ниже 28,5 %): {}.",
            gaps.join("; ")
        )
    });
    let elements: Vec<String> = r
        .elements
        .iter()
        .filter(|e| e.gap)
        .map(|e| format!("{} ({})", e.code, percent(e.rate)))
        .collect();
    if !elements.is_empty() {
        out.push(format!(
            "Не освоены на достаточном уровне элементы кодификатора: {}.",
            elements.join(", ")
        ));
    }
    let lagging: Vec<String> = r
        .by_class
        .iter()
        .filter(|c| c.counts.total() > 0)
        .filter(|c| {
            let under = |class: Option<f64>, school: Option<f64>| {
                matches!((class, school), (Some(c), Some(s)) if s - c >= LAG_POINTS)
            };
            under(c.counts.success_rate(), s.success_rate())
                || under(c.counts.quality(), s.quality())
        })
        .map(|c| {
            format!(
                "{} (успеваемость {}, качество {})",
                c.name,
                percent(c.counts.success_rate()),
                percent(c.counts.quality())
            )
        })
        .collect();
    if !lagging.is_empty() {
        out.push(format!(
            "Ниже школьного уровня на {LAG_POINTS} п.п. и больше: {}.",
            lagging.join("; ")
        ));
    }
    if let Some(o) = &r.objectivity {
        let flagged: Vec<String> = std::iter::once(&o.school)
            .chain(&o.classes)
            .filter(|row| !row.flags.is_empty())
            .map(|row| format!("{}: {}", row.name, row.flags.join("; ")))
            .collect();
        out.push(if flagged.is_empty() {
            format!(
                "Отметки согласуются с отметками за {}: подтвердили {}.",
                o.against,
                percent(o.school.comparison.confirmed_share())
            )
        } else {
            format!(
                "Признаки необъективности против отметок за {}: {}.",
                o.against,
                flagged.join(" ")
            )
        });
    }
    if r.wide_gap_count > 0 {
        out.push(format!(
            "Расхождение с журналом на две отметки и больше: {}.",
            format::count(r.wide_gap_count, "ученик", "ученика", "учеников")
        ));
    }
    if !r.peaks.is_empty() {
        let peaks: Vec<String> = r.peaks.iter().map(i16::to_string).collect();
        out.push(format!(
            "Скопление первичных баллов на границе отметки: {} б.",
            peaks.join(", ")
        ));
    }
    if let Some(e) = &r.earlier {
        let d = &e.dynamics;
        let pp = |v: Option<f64>| match v {
            Some(v) => format!(
                "{}{} п.п.",
                if v >= 0.0 { "+" } else { "−" },
                decimal(v.abs())
            ),
            None => "—".into(),
        };
        out.push(format!(
            "Против «{}»: успеваемость {}, качество {}{}",
            e.title,
            pp(d.success_rate),
            pp(d.quality),
            if d.is_negative() {
                "; отрицательная динамика: доля «2» выросла на 10 п.п. и больше."
            } else {
                "."
            }
        ));
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::completeness::Completeness;
    use crate::indicators::MarkCounts;
    use crate::wire::report::{ClassCounts, TaskRate};

    fn report() -> AnalyticalReport {
        let counts = |m: [u32; 5]| MarkCounts {
            marks: m,
            not_attested: 0,
        };
        AnalyticalReport {
            procedure_id: 1,
            title: "ВПР. Математика, 5 класс".into(),
            kind: "ВПР".into(),
            subject: "Математика".into(),
            grade: 5,
            held_on: "2026-04-15".into(),
            source: None,
            classes: vec!["5А".into(), "5Б".into()],
            listed: 40,
            absent: 0,
            completeness: Completeness {
                entered: 40,
                roster: 40,
            },
            // 5А: 20 of 20 pass, 10 «4»/«5»; 5Б: 14 of 20 pass, 4 «4»/«5».
            school: counts([0, 6, 20, 10, 4]),
            by_class: vec![
                ClassCounts {
                    name: "5А".into(),
                    counts: counts([0, 0, 10, 7, 3]),
                    completeness: Completeness::default(),
                },
                ClassCounts {
                    name: "5Б".into(),
                    counts: counts([0, 6, 10, 3, 1]),
                    completeness: Completeness::default(),
                },
            ],
            tasks: vec![
                TaskRate {
                    label: "1".into(),
                    topic: Some("Натуральные числа".into()),
                    max_score: 1,
                    advanced: false,
                    rate: Some(80.0),
                    gap: false,
                    skill_code: None,
                },
                TaskRate {
                    label: "7".into(),
                    topic: Some("Дроби".into()),
                    max_score: 2,
                    advanced: false,
                    rate: Some(42.5),
                    gap: true,
                    skill_code: None,
                },
            ],
            elements: Vec::new(),
            objectivity: None,
            wide_gaps: Vec::new(),
            wide_gap_count: 3,
            peaks: Vec::new(),
            earlier: None,
            earlier_choices: Vec::new(),
            low: Vec::new(),
            high: Vec::new(),
            low_count: 6,
            high_count: 4,
            conclusions: String::new(),
            decisions: Vec::new(),
            may_edit: true,
        }
    }

    #[test]
    fn the_draft_names_the_gaps_the_lagging_class_and_the_journal() {
        let text = draft(&report());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "ВПР. Математика, 5 класс (15.04.2026): успеваемость 85,0 %, качество знаний 35,0 %, средний балл 3,3 (N = 40)."
        );
        assert_eq!(
            lines[1],
            "Недостаточный уровень решаемости (базовые задания ниже 57 %, повышенные ниже 28,5 %): № 7 (Дроби, 42,5 %)."
        );
        // 5Б: 70 % against the school's 85 %; 5А is above.
        assert_eq!(
            lines[2],
            "Ниже школьного уровня на 10 п.п. и больше: 5Б (успеваемость 70,0 %, качество 20,0 %)."
        );
        assert_eq!(
            lines[3],
            "Расхождение с журналом на две отметки и больше: 3 ученика."
        );
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn a_partial_work_is_said_first_and_nothing_is_drafted_from_nothing() {
        let mut r = report();
        r.completeness.entered = 30;
        assert!(draft(&r)
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("Работа внесена не полностью (внесено 30 из 40)"));
        r.school = MarkCounts::default();
        assert_eq!(draft(&r), "");
    }
}
