//! What a Russian school teaches: subjects by grade level (ФГОС 2023 names) and the МО they
//! belong to, which a new school starts with; and, for the demo, how subject teachers share the
//! classes.

use std::collections::BTreeMap;

use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

use backend::entity::{subject, subject_group};

/// The school's methodical associations (МО), in the order they are created.
pub const GROUPS: [&str; 7] = [
    "МО учителей начальных классов",
    "МО учителей русского языка и литературы",
    "МО учителей математики, физики и информатики",
    "МО учителей естественных наук",
    "МО учителей истории и обществознания",
    "МО учителей иностранных языков",
    "МО учителей физической культуры, искусства и технологии",
];

/// Index into [`GROUPS`] of the mathematics МО, which the demo `mo_head` leads.
pub const MATH_GROUP: usize = 2;

pub struct SubjectSpec {
    pub name: &'static str,
    pub group: usize,
    pub grades: (i16, i16),
}

const fn subject(name: &'static str, group: usize, from: i16, to: i16) -> SubjectSpec {
    SubjectSpec {
        name,
        group,
        grades: (from, to),
    }
}

pub const SUBJECTS: [SubjectSpec; 21] = [
    subject("Русский язык", 1, 1, 11),
    subject("Литературное чтение", 0, 1, 4),
    subject("Литература", 1, 5, 11),
    subject("Математика", 2, 1, 6),
    subject("Алгебра", 2, 7, 11),
    subject("Геометрия", 2, 7, 11),
    subject("Вероятность и статистика", 2, 7, 11),
    subject("Информатика", 2, 7, 11),
    subject("Физика", 2, 7, 11),
    subject("Окружающий мир", 0, 1, 4),
    subject("Биология", 3, 5, 11),
    subject("География", 3, 5, 11),
    subject("Химия", 3, 8, 11),
    subject("История", 4, 5, 11),
    subject("Обществознание", 4, 6, 11),
    subject("Английский язык", 5, 2, 11),
    subject("Физическая культура", 6, 1, 11),
    subject("Музыка", 6, 1, 8),
    subject("Изобразительное искусство", 6, 1, 7),
    subject("Труд (технология)", 6, 1, 9),
    subject("Основы безопасности и защиты Родины", 6, 8, 11),
];

pub fn taught_in(name: &str, grade: i16) -> bool {
    SUBJECTS
        .iter()
        .any(|s| s.name == name && (s.grades.0..=s.grades.1).contains(&grade))
}

/// In grades 1–4 the class's own teacher teaches these; specialists teach the rest.
pub const PRIMARY_TEACHER_SUBJECTS: [&str; 6] = [
    "Русский язык",
    "Литературное чтение",
    "Математика",
    "Окружающий мир",
    "Изобразительное искусство",
    "Труд (технология)",
];

/// Subjects one subject teacher takes together in a class, the grades where a specialist
/// teaches them, and how many classes one teacher carries.
pub struct Discipline {
    pub subjects: &'static [&'static str],
    pub grades: (i16, i16),
    pub classes_per_teacher: usize,
    /// Out of ten: most teachers in Russian schools are women.
    pub women_in_ten: u8,
}

const fn discipline(
    subjects: &'static [&'static str],
    from: i16,
    to: i16,
    classes_per_teacher: usize,
    women_in_ten: u8,
) -> Discipline {
    Discipline {
        subjects,
        grades: (from, to),
        classes_per_teacher,
        women_in_ten,
    }
}

/// Index into [`DISCIPLINES`] of Russian and literature; its first teacher is the demo
/// `class_teacher` of 5А.
pub const RUSSIAN: usize = 0;
/// Index into [`DISCIPLINES`] of mathematics: `teacher`, `teacher2`, …, `mo_head` last.
pub const MATHEMATICS: usize = 1;

pub const DISCIPLINES: [Discipline; 14] = [
    discipline(&["Русский язык", "Литература"], 5, 11, 4, 10),
    discipline(
        &[
            "Математика",
            "Алгебра",
            "Геометрия",
            "Вероятность и статистика",
        ],
        5,
        11,
        3,
        8,
    ),
    discipline(&["Информатика"], 7, 11, 9, 5),
    discipline(&["Физика"], 7, 11, 9, 6),
    discipline(&["Химия"], 8, 11, 6, 9),
    discipline(&["Биология"], 5, 11, 7, 9),
    discipline(&["География"], 5, 11, 14, 8),
    discipline(&["История", "Обществознание"], 5, 11, 5, 7),
    discipline(&["Английский язык"], 2, 11, 6, 10),
    discipline(&["Физическая культура"], 1, 11, 13, 3),
    discipline(&["Музыка"], 1, 8, 21, 9),
    discipline(&["Изобразительное искусство"], 5, 7, 8, 9),
    discipline(&["Труд (технология)"], 5, 9, 12, 5),
    discipline(&["Основы безопасности и защиты Родины"], 8, 11, 6, 2),
];

/// Grade levels and their class letters in the main demo school: 25 classes.
pub const MAIN_CLASSES: [(i16, &str); 11] = [
    (1, "АБВ"),
    (2, "АБВ"),
    (3, "АБ"),
    (4, "АБВ"),
    (5, "АБВ"),
    (6, "АБ"),
    (7, "АБВ"),
    (8, "АБ"),
    (9, "АБ"),
    (10, "А"),
    (11, "А"),
];

/// The school's subjects and МО by name.
pub struct Catalog {
    pub groups: Vec<i32>,
    pub subjects: BTreeMap<&'static str, i32>,
}

/// Creates the standard МО and subjects for a school.
pub async fn insert_catalog(db: &impl ConnectionTrait, school_id: i32) -> Result<Catalog, DbErr> {
    let mut groups = Vec::new();
    for name in GROUPS {
        let group = subject_group::ActiveModel {
            school_id: Set(school_id),
            name: Set(name.into()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        groups.push(group.id);
    }
    let mut subjects = BTreeMap::new();
    for spec in &SUBJECTS {
        let row = subject::ActiveModel {
            school_id: Set(school_id),
            subject_group_id: Set(Some(groups[spec.group])),
            name: Set(spec.name.into()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        subjects.insert(spec.name, row.id);
    }
    Ok(Catalog { groups, subjects })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_discipline_subject_is_in_the_curriculum() {
        for d in &DISCIPLINES {
            for name in d.subjects {
                assert!(SUBJECTS.iter().any(|s| s.name == *name), "{name}");
            }
        }
        for name in PRIMARY_TEACHER_SUBJECTS {
            assert!(taught_in(name, 1), "{name}");
        }
    }

    #[test]
    fn every_subject_of_every_grade_has_a_teacher() {
        for grade in 1..=11 {
            for s in SUBJECTS.iter().filter(|s| taught_in(s.name, grade)) {
                let primary = grade <= 4 && PRIMARY_TEACHER_SUBJECTS.contains(&s.name);
                let specialist = DISCIPLINES.iter().any(|d| {
                    d.subjects.contains(&s.name) && (d.grades.0..=d.grades.1).contains(&grade)
                });
                assert!(primary ^ specialist, "{} in grade {grade}", s.name);
            }
        }
    }

    #[test]
    fn main_school_has_25_classes() {
        let n: usize = MAIN_CLASSES.iter().map(|(_, l)| l.chars().count()).sum();
        assert_eq!(n, 25);
    }
}
