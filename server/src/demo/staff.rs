//! The main demo school's staff: leadership, a teacher for every class of grades 1–4, subject
//! teachers sharing the classes of grades 5–11, class teachers, the methodical council, and the
//! published demo accounts placed where docs/design.md §6 puts them.

use std::collections::BTreeSet;

use chrono::{TimeZone, Utc};
use rand::seq::SliceRandom;
use rand::Rng;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, Set};

use super::names::{self, PersonName};
use super::ClassRow;
use crate::curriculum::Catalog;
use crate::curriculum::{self, DISCIPLINES, MATHEMATICS, MATH_GROUP, RUSSIAN};
use backend::entity::{account, role_assignment, teaching_assignment};
use domain::policy::{Grant, Role};

/// The published demo accounts (password [`super::DEMO_PASSWORD`]) and who each one is.
pub const DEMO_ACCOUNTS: [(&str, &str); 10] = [
    ("director", "директор школы № 17"),
    ("deputy", "заместитель директора по УВР"),
    ("teacher", "учитель математики 5А, 5Б, 5В"),
    (
        "teacher2",
        "учитель математики, ведёт математику в 5А вместе с teacher",
    ),
    (
        "class_teacher",
        "классный руководитель 5А, учитель русского языка",
    ),
    ("mo_head", "руководитель МО учителей математики"),
    ("council", "член методического совета"),
    ("psychologist", "педагог-психолог"),
    ("municipal", "специалист управления образования округа"),
    ("admin", "администратор"),
];

pub(crate) struct School<'a> {
    pub municipality_id: i32,
    pub school_id: i32,
    pub classes: &'a [ClassRow],
    pub catalog: &'a Catalog,
}

struct Person {
    username: Option<&'static str>,
    name: PersonName,
    grants: Vec<Grant>,
    /// (class id, subject id)
    teaching: BTreeSet<(i32, i32)>,
}

impl Person {
    fn new(rng: &mut impl Rng, women_in_ten: u8, username: Option<&'static str>) -> Person {
        let female = rng.gen_range(0..10) < women_in_ten;
        Person {
            username,
            name: names::person(rng, female),
            grants: Vec::new(),
            teaching: BTreeSet::new(),
        }
    }

    fn grant(&mut self, school: &School, role: Role) -> &mut Grant {
        self.grants.push(Grant {
            role,
            municipality_id: None,
            school_id: Some(school.school_id),
            grade: None,
            subject_group_id: None,
            class_id: None,
        });
        self.grants.last_mut().expect("just pushed")
    }

    fn is_class_teacher(&self) -> bool {
        self.grants.iter().any(|g| g.role == Role::ClassTeacher)
    }
}

fn plan(rng: &mut impl Rng, school: &School) -> Vec<Person> {
    let subject = |name: &str| school.catalog.subjects[name];
    let mut people = Vec::new();

    let mut director = Person::new(rng, 6, Some("director"));
    director.grant(school, Role::Director);
    people.push(director);
    let mut deputy = Person::new(rng, 9, Some("deputy"));
    deputy.grant(school, Role::Deputy);
    people.push(deputy);
    // The deputy for the primary school sees grades 1–4 only.
    let mut primary_deputy = Person::new(rng, 10, None);
    for grade in 1..=4 {
        primary_deputy.grant(school, Role::Deputy).grade = Some(grade);
    }
    people.push(primary_deputy);
    for username in [Some("psychologist"), None] {
        let mut p = Person::new(rng, 9, username);
        p.grant(school, Role::Psychologist);
        people.push(p);
    }
    let mut council = Person::new(rng, 9, Some("council"));
    council.grant(school, Role::Council);
    people.push(council);
    let mut admin = Person::new(rng, 4, Some("admin"));
    admin.grant(school, Role::Admin);
    people.push(admin);
    let mut municipal = Person::new(rng, 8, Some("municipal"));
    municipal.grants.push(Grant {
        role: Role::Municipal,
        municipality_id: Some(school.municipality_id),
        school_id: None,
        grade: None,
        subject_group_id: None,
        class_id: None,
    });
    people.push(municipal);

    for class in school.classes.iter().filter(|c| c.grade <= 4) {
        let mut p = Person::new(rng, 10, None);
        p.grant(school, Role::Teacher);
        p.grant(school, Role::ClassTeacher).class_id = Some(class.id);
        for name in curriculum::PRIMARY_TEACHER_SUBJECTS {
            if curriculum::taught_in(name, class.grade) {
                p.teaching.insert((class.id, subject(name)));
            }
        }
        people.push(p);
    }

    for (index, discipline) in DISCIPLINES.iter().enumerate() {
        let (from, to) = discipline.grades;
        let classes: Vec<&ClassRow> = school
            .classes
            .iter()
            .filter(|c| (from..=to).contains(&c.grade))
            .collect();
        let chunks: Vec<_> = classes.chunks(discipline.classes_per_teacher).collect();
        for (n, chunk) in chunks.iter().enumerate() {
            let username = match (index, n) {
                (MATHEMATICS, 0) => Some("teacher"),
                (MATHEMATICS, 1) => Some("teacher2"),
                (MATHEMATICS, n) if n + 1 == chunks.len() => Some("mo_head"),
                (RUSSIAN, 0) => Some("class_teacher"),
                _ => None,
            };
            let mut p = Person::new(rng, discipline.women_in_ten, username);
            p.grant(school, Role::Teacher);
            for class in *chunk {
                for name in discipline.subjects {
                    if curriculum::taught_in(name, class.grade) {
                        p.teaching.insert((class.id, subject(name)));
                    }
                }
            }
            match username {
                Some("class_teacher") => {
                    p.grant(school, Role::ClassTeacher).class_id = Some(chunk[0].id);
                }
                // Mathematics in 5А is taught in two groups: teacher and teacher2 share it.
                Some("teacher2") => {
                    p.teaching.insert((classes[0].id, subject("Математика")));
                }
                Some("mo_head") => {
                    p.grant(school, Role::MoHead).subject_group_id =
                        Some(school.catalog.groups[MATH_GROUP]);
                }
                _ => {}
            }
            people.push(p);
        }
    }

    assign_class_teachers(rng, school, &mut people);
    // Three teachers sit on the methodical council beside its demo member.
    let mut candidates: Vec<usize> = (0..people.len())
        .filter(|&i| people[i].username.is_none() && !people[i].teaching.is_empty())
        .collect();
    candidates.shuffle(rng);
    for &i in candidates.iter().take(3) {
        people[i].grant(school, Role::Council);
    }
    people
}

/// Every class of grades 5–11 gets a class teacher from among those who teach it.
fn assign_class_teachers(rng: &mut impl Rng, school: &School, people: &mut [Person]) {
    let led: BTreeSet<i32> = people
        .iter()
        .flat_map(|p| p.grants.iter().filter_map(|g| g.class_id))
        .collect();
    for class in school.classes.iter().filter(|c| !led.contains(&c.id)) {
        let mut candidates: Vec<usize> = (0..people.len())
            .filter(|&i| {
                let p = &people[i];
                p.username.is_none()
                    && !p.is_class_teacher()
                    && p.teaching.iter().any(|(c, _)| *c == class.id)
            })
            .collect();
        candidates.shuffle(rng);
        if let Some(&i) = candidates.first() {
            people[i].grant(school, Role::ClassTeacher).class_id = Some(class.id);
        }
    }
}

pub(crate) async fn insert(
    db: &impl ConnectionTrait,
    rng: &mut impl Rng,
    school: &School<'_>,
    password_hash: &str,
) -> Result<(), DbErr> {
    let people = plan(rng, school);
    let created_at = Utc
        .with_ymd_and_hms(2026, 8, 25, 9, 0, 0)
        .single()
        .expect("a valid time");
    let mut taken = BTreeSet::new();
    let mut grants = Vec::new();
    let mut teaching = Vec::new();
    for person in people {
        let username = match person.username {
            Some(name) => name.to_string(),
            None => unique_username(&person.name, &mut taken),
        };
        let row = account::ActiveModel {
            username: Set(username),
            full_name: Set(person.name.full()),
            password_hash: Set(password_hash.to_string()),
            created_at: Set(created_at),
            ..Default::default()
        }
        .insert(db)
        .await?;
        grants.extend(
            person
                .grants
                .into_iter()
                .map(|g| role_assignment::ActiveModel {
                    account_id: Set(row.id),
                    role: Set(g.role.code().into()),
                    municipality_id: Set(g.municipality_id),
                    school_id: Set(g.school_id),
                    grade: Set(g.grade),
                    subject_group_id: Set(g.subject_group_id),
                    class_id: Set(g.class_id),
                    ..Default::default()
                }),
        );
        teaching.extend(person.teaching.into_iter().map(|(class_id, subject_id)| {
            teaching_assignment::ActiveModel {
                account_id: Set(row.id),
                class_id: Set(class_id),
                subject_id: Set(subject_id),
                ..Default::default()
            }
        }));
    }
    role_assignment::Entity::insert_many(grants)
        .exec(db)
        .await?;
    for chunk in teaching.chunks(200) {
        teaching_assignment::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(())
}

/// `ivanova.mp` for Иванова Мария Петровна; a digit is added when the name is taken.
fn unique_username(name: &PersonName, taken: &mut BTreeSet<String>) -> String {
    let initial = |s: &str| {
        s.chars()
            .next()
            .map(|c| translit(&c.to_string()))
            .unwrap_or_default()
    };
    let base = format!(
        "{}.{}{}",
        translit(&name.last),
        initial(&name.first),
        initial(&name.patronymic)
    );
    let mut candidate = base.clone();
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{base}{n}");
        n += 1;
    }
    candidate
}

/// Russian to Latin letters as in a Russian passport (ГОСТ-like, lower case).
fn translit(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' | 'й' => "i",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' => "ie",
            'ы' => "y",
            'ю' => "iu",
            'я' => "ia",
            _ => "",
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_latin_and_unique() {
        let name = PersonName {
            last: "Соловьёва".into(),
            first: "Юлия".into(),
            patronymic: "Игоревна".into(),
        };
        let mut taken = BTreeSet::new();
        assert_eq!(unique_username(&name, &mut taken), "soloveva.iui");
        assert_eq!(unique_username(&name, &mut taken), "soloveva.iui2");
    }
}
