//! Who and what a journal file means: its pupils matched by full name within their class, its
//! subjects matched to the school's by name, the usual abbreviations and what the deputy told
//! Mera once. A name the file shares with two pupils of a class is a question, never a guess.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::participant_code::key;

/// A pupil of the school, as the roster has her.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pupil {
    pub id: i32,
    pub class: String,
    pub last_name: String,
    pub first_name: String,
    pub middle_name: Option<String>,
}

/// How a name in the file found its pupil.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    Pupil(i32),
    /// No pupil of that name in that class.
    Nobody,
    /// Several pupils answer to it: the deputy must say which.
    Several(usize),
    /// No class of that name.
    NoClass,
}

/// The school's pupils, indexed by class and by full and short name.
pub struct Roster {
    /// class key → name key → pupils.
    full: BTreeMap<String, BTreeMap<String, Vec<i32>>>,
    /// class key → «фамилия имя» → pupils.
    short: BTreeMap<String, BTreeMap<String, Vec<i32>>>,
}

fn words(name: &str) -> Vec<String> {
    name.split_whitespace()
        .map(key)
        .filter(|w| !w.is_empty())
        .collect()
}

impl Roster {
    pub fn new(pupils: &[Pupil]) -> Roster {
        let mut roster = Roster {
            full: BTreeMap::new(),
            short: BTreeMap::new(),
        };
        for p in pupils {
            let class = key(&p.class);
            let short = format!("{} {}", key(&p.last_name), key(&p.first_name));
            let full = match &p.middle_name {
                Some(m) if !m.trim().is_empty() => format!("{short} {}", key(m)),
                _ => short.clone(),
            };
            for (index, name) in [(&mut roster.full, full), (&mut roster.short, short)] {
                index
                    .entry(class.clone())
                    .or_default()
                    .entry(name)
                    .or_default()
                    .push(p.id);
            }
        }
        roster
    }

    /// The pupil the file's «Фамилия Имя Отчество» (or «Фамилия Имя») in `class` means: the full
    /// name first; a name with no middle name on one side by surname and first name.
    pub fn find(&self, name: &str, class: &str) -> Found {
        let class = key(class);
        let (Some(full), Some(short)) = (self.full.get(&class), self.short.get(&class)) else {
            return Found::NoClass;
        };
        let w = words(name);
        if w.len() < 2 {
            return Found::Nobody;
        }
        let answer = |ids: &Vec<i32>| match ids.as_slice() {
            [id] => Found::Pupil(*id),
            more => Found::Several(more.len()),
        };
        if let Some(ids) = full.get(&w.join(" ")) {
            return answer(ids);
        }
        let brief = format!("{} {}", w[0], w[1]);
        match short.get(&brief) {
            // The file has a middle name the roster lacks, or none where it has one; a different
            // middle name on both sides is someone else.
            Some(ids) => {
                let fits: Vec<i32> = ids
                    .iter()
                    .copied()
                    .filter(|id| w.len() == 2 || full.get(&brief).is_some_and(|b| b.contains(id)))
                    .collect();
                if fits.is_empty() {
                    Found::Nobody
                } else {
                    answer(&fits)
                }
            }
            None => Found::Nobody,
        }
    }
}

/// A subject of the school.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subject {
    pub id: i32,
    pub name: String,
}

/// Abbreviations journals print, each with the full name it stands for.
const USUAL: [(&str, &str); 30] = [
    ("рус яз", "русский язык"),
    ("русский", "русский язык"),
    ("лит ра", "литература"),
    ("литер", "литература"),
    ("лит чтение", "литературное чтение"),
    (
        "литературное чтение на родном языке",
        "литературное чтение на родном языке",
    ),
    ("матем", "математика"),
    ("мат", "математика"),
    ("алгебра", "математика"),
    ("геометрия", "математика"),
    ("алгебра и начала анализа", "математика"),
    ("алгебра и начала математического анализа", "математика"),
    ("вероятность и статистика", "математика"),
    ("англ яз", "английский язык"),
    ("иностранный язык английский", "английский язык"),
    ("иностранный язык (английский)", "английский язык"),
    ("нем яз", "немецкий язык"),
    ("окр мир", "окружающий мир"),
    ("физ ра", "физическая культура"),
    ("физкультура", "физическая культура"),
    ("изо", "изобразительное искусство"),
    ("информатика и икт", "информатика"),
    ("обж", "основы безопасности и защиты родины"),
    ("обзр", "основы безопасности и защиты родины"),
    ("общество", "обществознание"),
    ("технология (труд)", "труд (технология)"),
    ("технология", "труд (технология)"),
    ("всеобщая история", "история"),
    ("история россии", "история"),
    ("история россии всеобщая история", "история"),
];

/// A subject's name as compared: lower case, ё = е, punctuation as spaces, spaces collapsed.
pub fn subject_key(name: &str) -> String {
    let t = name.to_lowercase().replace('ё', "е");
    let t: String = t
        .chars()
        .map(|c| {
            if matches!(c, '.' | '-' | ',' | '/' | '\u{a0}') {
                ' '
            } else {
                c
            }
        })
        .collect();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The school's subject the file's name means: one the deputy mapped (`remembered`, by
/// [`subject_key`]), the same name, or a usual abbreviation of one the school keeps. «Алгебра»
/// is the school's own «Алгебра» where it keeps one, else its mathematics.
pub fn find_subject(
    name: &str,
    subjects: &[Subject],
    remembered: &BTreeMap<String, i32>,
) -> Option<i32> {
    let k = subject_key(name);
    if let Some(id) = remembered.get(&k) {
        return Some(*id);
    }
    let by_name = |wanted: &str| {
        subjects
            .iter()
            .find(|s| subject_key(&s.name) == wanted)
            .map(|s| s.id)
    };
    by_name(&k).or_else(|| {
        USUAL
            .iter()
            .filter(|(short, _)| subject_key(short) == k)
            .find_map(|(_, full)| by_name(full))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pupil(id: i32, class: &str, name: &str) -> Pupil {
        let w: Vec<&str> = name.split(' ').collect();
        Pupil {
            id,
            class: class.into(),
            last_name: w[0].into(),
            first_name: w[1].into(),
            middle_name: w.get(2).map(|m| m.to_string()),
        }
    }

    #[test]
    fn names_match_as_people_write_them() {
        let roster = Roster::new(&[
            pupil(1, "5А", "Ёлкина Алёна Петровна"),
            pupil(2, "5А", "Белов Борис"),
            pupil(3, "5Б", "Белов Борис Ильич"),
            pupil(4, "5А", "Иванов Иван Иванович"),
            pupil(5, "5А", "Иванов Иван Петрович"),
        ]);
        assert_eq!(
            roster.find("ЕЛКИНА  алена петровна", "5 а"),
            Found::Pupil(1)
        );
        assert_eq!(
            roster.find("Ёлкина Алёна", "5A"),
            Found::Pupil(1),
            "no middle name in the file, Latin A"
        );
        assert_eq!(
            roster.find("Белов Борис Олегович", "5А"),
            Found::Pupil(2),
            "none in the roster"
        );
        assert_eq!(roster.find("Белов Борис", "5Б"), Found::Pupil(3));
        assert_eq!(
            roster.find("Ёлкина Алёна Ивановна", "5А"),
            Found::Nobody,
            "another middle name"
        );
        assert_eq!(roster.find("Иванов Иван", "5А"), Found::Several(2));
        assert_eq!(roster.find("Иванов Иван Петрович", "5А"), Found::Pupil(5));
        assert_eq!(roster.find("Петров Пётр", "5А"), Found::Nobody);
        assert_eq!(roster.find("Белов Борис", "7В"), Found::NoClass);
    }

    #[test]
    fn subjects_by_name_abbreviation_or_what_was_mapped() {
        let subjects = [
            Subject {
                id: 1,
                name: "Русский язык".into(),
            },
            Subject {
                id: 2,
                name: "Математика".into(),
            },
            Subject {
                id: 3,
                name: "Геометрия".into(),
            },
            Subject {
                id: 4,
                name: "Физическая культура".into(),
            },
        ];
        let none = BTreeMap::new();
        let find = |n: &str| find_subject(n, &subjects, &none);
        assert_eq!(find("Рус. яз."), Some(1));
        assert_eq!(find("русский  язык"), Some(1));
        assert_eq!(find("Алгебра"), Some(2), "under mathematics");
        assert_eq!(find("Геометрия"), Some(3), "the school keeps it apart");
        assert_eq!(find("Физ-ра"), Some(4));
        assert_eq!(find("Разговоры о важном"), None);
        let remembered = BTreeMap::from([(subject_key("Разговоры о важном"), 4)]);
        assert_eq!(
            find_subject("Разговоры о важном", &subjects, &remembered),
            Some(4)
        );
    }
}
