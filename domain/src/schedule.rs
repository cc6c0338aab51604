//! The year's schedule of procedures (график оценочных процедур, seeds 001 table 2) and the load
//! check schools are held to by the joint recommendations of Минпросвещения and Рособрнадзор
//! (letter of 06.08.2021 № СК-228/03, № 01-169/08-01): at most one procedure per class per
//! day, and in each subject no more procedures than 10 % of the subject's lessons in the class
//! over the year. Breaches are marked, never forbidden. An olympiad is not an assessment of the
//! class and is shown but not counted.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::assessment::ProcedureKind;
use crate::plan::deadline::Day;

/// Where the rule comes from, said beside it.
pub const RULE_SOURCE: &str = "Рекомендации Минпросвещения России и Рособрнадзора по формированию графика оценочных процедур (письмо от 06.08.2021 № СК-228/03, № 01-169/08-01): не более одной оценочной процедуры в классе в день; по каждому предмету — не более 10 % учебного времени на предмет в классе за год.";

/// The share of a subject's lessons procedures may take, in percent.
pub const LOAD_PERCENT: i32 = 10;

/// One class writing one procedure on its day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sitting {
    pub procedure_id: i32,
    pub title: String,
    pub kind: ProcedureKind,
    pub subject_id: i32,
    pub subject: String,
    pub grade: i16,
    pub class_id: i32,
    pub class: String,
    /// ISO date.
    pub held_on: String,
}

/// The lessons of a subject in a grade over the year, as the deputy set them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lessons {
    pub subject_id: i32,
    pub grade: i16,
    pub lessons: i16,
}

/// A sitting on the grid, with what is wrong with its day or its subject's load.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub sitting: Sitting,
    /// «Две работы в один день», «Больше 10 % уроков»; empty when fine.
    pub breaches: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassRow {
    pub class_id: i32,
    pub class: String,
    /// One list per week of the year, in the order of [`Schedule::weeks`].
    pub weeks: Vec<Vec<Entry>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeBlock {
    pub grade: i16,
    pub classes: Vec<ClassRow>,
}

/// A subject's load in one class: its procedures against its lessons.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Load {
    pub grade: i16,
    pub class: String,
    pub subject_id: i32,
    pub subject: String,
    pub procedures: u32,
    /// `None` until the deputy sets the lessons of the subject in the grade.
    pub lessons: Option<i16>,
    pub over: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    /// «2026/2027».
    pub year: String,
    /// The Monday of each week, ISO.
    pub weeks: Vec<String>,
    pub grades: Vec<GradeBlock>,
    pub loads: Vec<Load>,
    /// Every breach, as a sentence with the class and the date.
    pub breaches: Vec<String>,
    /// The deputy may set the lessons.
    pub can_set_lessons: bool,
}

/// The Monday of the week of `day` (1970-01-01 was a Thursday).
pub fn monday(day: Day) -> Day {
    Day(day.0 - (day.0 + 3).rem_euclid(7))
}

/// Whether a sitting counts toward the load check.
fn counted(s: &Sitting) -> bool {
    s.kind != ProcedureKind::Olympiad
}

/// The largest number of procedures `lessons` allow: 10 % of them, rounded down.
pub fn limit(lessons: i16) -> u32 {
    (i32::from(lessons.max(0)) * LOAD_PERCENT / 100) as u32
}

/// Lays the sittings on weeks from `first` to `last` (ISO dates of the school year) and checks
/// them. Sittings outside the year are left out.
pub fn build(
    year: &str,
    first: &str,
    last: &str,
    classes: &[(i16, i32, String)],
    sittings: Vec<Sitting>,
    lessons: &[Lessons],
) -> Schedule {
    let (Some(first), Some(last)) = (Day::parse(first), Day::parse(last)) else {
        return Schedule {
            year: year.to_string(),
            weeks: Vec::new(),
            grades: Vec::new(),
            loads: Vec::new(),
            breaches: Vec::new(),
            can_set_lessons: false,
        };
    };
    let start = monday(first);
    let weeks: Vec<Day> = (0..)
        .map(|w| Day(start.0 + 7 * w))
        .take_while(|d| *d <= last)
        .collect();
    let dated: Vec<(Day, Sitting)> = sittings
        .into_iter()
        .filter_map(|s| Day::parse(&s.held_on).map(|d| (d, s)))
        .filter(|(d, _)| (first..=last).contains(d))
        .collect();

    let mut breaches = Vec::new();
    // One a day per class.
    let mut by_day: BTreeMap<(i32, Day), Vec<usize>> = BTreeMap::new();
    for (i, (d, s)) in dated.iter().enumerate() {
        if counted(s) {
            by_day.entry((s.class_id, *d)).or_default().push(i);
        }
    }
    let mut notes: Vec<Vec<String>> = vec![Vec::new(); dated.len()];
    for ((_, day), same) in &by_day {
        if same.len() > 1 {
            let s = &dated[same[0]].1;
            let titles: Vec<&str> = same.iter().map(|i| dated[*i].1.title.as_str()).collect();
            breaches.push(format!(
                "{}, {}: {} работы в один день ({}).",
                s.class,
                day.russian(),
                same.len(),
                titles.join("; ")
            ));
            for i in same {
                notes[*i].push("Больше одной работы в день".into());
            }
        }
    }
    // Ten percent of the subject's lessons per class.
    let set: BTreeMap<(i32, i16), i16> = lessons
        .iter()
        .map(|l| ((l.subject_id, l.grade), l.lessons))
        .collect();
    let mut per_subject: BTreeMap<(i16, String, i32, String), Vec<usize>> = BTreeMap::new();
    for (i, (_, s)) in dated.iter().enumerate() {
        if counted(s) {
            per_subject
                .entry((s.grade, s.class.clone(), s.subject_id, s.subject.clone()))
                .or_default()
                .push(i);
        }
    }
    let mut loads = Vec::new();
    for ((grade, class, subject_id, subject), list) in per_subject {
        let lessons = set.get(&(subject_id, grade)).copied();
        let over = lessons.is_some_and(|l| list.len() as u32 > limit(l));
        if over {
            breaches.push(format!(
                "{class}, {subject}: {} при {} уроках в год — больше {LOAD_PERCENT} % (не больше {}).",
                crate::format::count(list.len() as u32, "работа", "работы", "работ"),
                lessons.unwrap_or(0),
                limit(lessons.unwrap_or(0))
            ));
            for i in &list {
                notes[*i].push(format!("Больше {LOAD_PERCENT} % уроков предмета"));
            }
        }
        loads.push(Load {
            grade,
            class,
            subject_id,
            subject,
            procedures: list.len() as u32,
            lessons,
            over,
        });
    }

    let mut rows: BTreeMap<i32, ClassRow> = classes
        .iter()
        .map(|(_, id, name)| {
            (
                *id,
                ClassRow {
                    class_id: *id,
                    class: name.clone(),
                    weeks: vec![Vec::new(); weeks.len()],
                },
            )
        })
        .collect();
    for ((day, sitting), breaches) in dated.into_iter().zip(notes) {
        let week = ((monday(day).0 - start.0) / 7) as usize;
        if let Some(row) = rows.get_mut(&sitting.class_id) {
            if let Some(cell) = row.weeks.get_mut(week) {
                cell.push(Entry { sitting, breaches });
            }
        }
    }
    let mut grades: BTreeMap<i16, GradeBlock> = BTreeMap::new();
    for (grade, id, _) in classes {
        if let Some(row) = rows.remove(id) {
            grades
                .entry(*grade)
                .or_insert_with(|| GradeBlock {
                    grade: *grade,
                    classes: Vec::new(),
                })
                .classes
                .push(row);
        }
    }
    for block in grades.values_mut() {
        for row in &mut block.classes {
            for cell in &mut row.weeks {
                cell.sort_by(|a, b| a.sitting.held_on.cmp(&b.sitting.held_on));
            }
        }
    }
    Schedule {
        year: year.to_string(),
        weeks: weeks.into_iter().map(Day::iso).collect(),
        grades: grades.into_values().collect(),
        loads,
        breaches,
        can_set_lessons: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sitting(
        id: i32,
        kind: ProcedureKind,
        subject: (i32, &str),
        class: (i32, &str),
        on: &str,
    ) -> Sitting {
        Sitting {
            procedure_id: id,
            title: format!("Работа {id}"),
            kind,
            subject_id: subject.0,
            subject: subject.1.into(),
            grade: 5,
            class_id: class.0,
            class: class.1.into(),
            held_on: on.into(),
        }
    }

    const MATHS: (i32, &str) = (1, "Математика");
    const RUSSIAN: (i32, &str) = (2, "Русский язык");
    const A: (i32, &str) = (10, "5А");
    const B: (i32, &str) = (11, "5Б");

    fn classes() -> Vec<(i16, i32, String)> {
        vec![(5, A.0, A.1.into()), (5, B.0, B.1.into())]
    }

    #[test]
    fn weeks_start_on_monday_and_sittings_land_in_theirs() {
        // 2026-09-01 is a Tuesday; its week starts on Monday 31 August.
        assert_eq!(
            monday(Day::parse("2026-09-01").unwrap()).iso(),
            "2026-08-31"
        );
        assert_eq!(
            monday(Day::parse("2026-09-06").unwrap()).iso(),
            "2026-08-31"
        );
        assert_eq!(
            monday(Day::parse("2026-09-07").unwrap()).iso(),
            "2026-09-07"
        );
        let s = build(
            "2026/2027",
            "2026-09-01",
            "2027-05-31",
            &classes(),
            vec![sitting(1, ProcedureKind::Control, MATHS, A, "2026-09-09")],
            &[],
        );
        assert_eq!(s.weeks[0], "2026-08-31");
        assert_eq!(s.weeks.len(), 40);
        let a = &s.grades[0].classes[0];
        assert_eq!(a.class, "5А");
        assert_eq!(a.weeks[1].len(), 1, "the 9th is in the second week");
        assert!(s.breaches.is_empty());
    }

    #[test]
    fn two_procedures_in_a_class_on_one_day_are_marked_not_refused() {
        let s = build(
            "2026/2027",
            "2026-09-01",
            "2027-05-31",
            &classes(),
            vec![
                sitting(1, ProcedureKind::Control, MATHS, A, "2026-10-14"),
                sitting(2, ProcedureKind::Vpr, RUSSIAN, A, "2026-10-14"),
                sitting(3, ProcedureKind::Vpr, RUSSIAN, B, "2026-10-14"),
                sitting(4, ProcedureKind::Olympiad, MATHS, B, "2026-10-14"),
            ],
            &[],
        );
        assert_eq!(
            s.breaches,
            vec!["5А, 14.10.2026: 2 работы в один день (Работа 1; Работа 2)."]
        );
        let week = &s.grades[0].classes[0].weeks[6];
        assert_eq!(week.len(), 2);
        assert!(week.iter().all(|e| !e.breaches.is_empty()));
        assert!(s.grades[0].classes[1].weeks[6]
            .iter()
            .all(|e| e.breaches.is_empty()));
    }

    #[test]
    fn more_than_ten_percent_of_a_subjects_lessons_is_marked() {
        // 34 lessons a year allow 3 procedures; a fourth is over.
        assert_eq!(limit(34), 3);
        assert_eq!(limit(170), 17);
        let four: Vec<Sitting> = ["2026-09-15", "2026-10-15", "2026-12-15", "2027-03-15"]
            .iter()
            .enumerate()
            .map(|(i, d)| sitting(i as i32, ProcedureKind::Control, RUSSIAN, A, d))
            .collect();
        let lessons = [Lessons {
            subject_id: RUSSIAN.0,
            grade: 5,
            lessons: 34,
        }];
        let s = build(
            "2026/2027",
            "2026-09-01",
            "2027-05-31",
            &classes(),
            four.clone(),
            &lessons,
        );
        assert_eq!(s.loads.len(), 1);
        assert!(s.loads[0].over);
        assert!(
            s.breaches[0].contains("4 работы при 34 уроках"),
            "{:?}",
            s.breaches
        );
        let three = build(
            "2026/2027",
            "2026-09-01",
            "2027-05-31",
            &classes(),
            four[..3].to_vec(),
            &lessons,
        );
        assert!(!three.loads[0].over);
        let unset = build(
            "2026/2027",
            "2026-09-01",
            "2027-05-31",
            &classes(),
            four,
            &[],
        );
        assert_eq!(unset.loads[0].lessons, None);
        assert!(
            unset.breaches.is_empty(),
            "no lessons set, nothing to check against"
        );
    }
}
