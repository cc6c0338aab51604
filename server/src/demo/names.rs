//! Invented Russian names for the demo: common surnames, first names and patronymics, so lists
//! look like a real school's. Any likeness to a real person is chance.

use rand::seq::SliceRandom;
use rand::Rng;

/// Surnames in the masculine form; the feminine adds «а» (or «ая» for «-ий»).
const SURNAMES: [&str; 60] = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
    "Сергеев",
    "Кузьмин",
    "Фролов",
    "Александров",
    "Дмитриев",
    "Королёв",
    "Гусев",
    "Киселёв",
    "Ильин",
    "Максимов",
    "Поляков",
    "Сорокин",
    "Виноградов",
    "Ковалёв",
    "Белов",
    "Медведев",
    "Антонов",
    "Тарасов",
    "Жуков",
    "Баранов",
    "Филиппов",
    "Комаров",
    "Давыдов",
    "Беляев",
    "Герасимов",
    "Богданов",
    "Осипов",
    "Сидоров",
];

const BOYS: [&str; 30] = [
    "Александр",
    "Максим",
    "Михаил",
    "Артём",
    "Иван",
    "Дмитрий",
    "Кирилл",
    "Матвей",
    "Тимофей",
    "Егор",
    "Роман",
    "Лев",
    "Марк",
    "Никита",
    "Андрей",
    "Илья",
    "Даниил",
    "Алексей",
    "Сергей",
    "Владимир",
    "Ярослав",
    "Фёдор",
    "Георгий",
    "Степан",
    "Константин",
    "Павел",
    "Глеб",
    "Денис",
    "Арсений",
    "Николай",
];

const GIRLS: [&str; 30] = [
    "Анна",
    "Мария",
    "Софья",
    "Алиса",
    "Виктория",
    "Полина",
    "Елизавета",
    "Александра",
    "Дарья",
    "Варвара",
    "Ксения",
    "Екатерина",
    "Вероника",
    "Арина",
    "Василиса",
    "Милана",
    "Ульяна",
    "Таисия",
    "Алёна",
    "Ева",
    "Кира",
    "Валерия",
    "Надежда",
    "Ольга",
    "Татьяна",
    "Юлия",
    "Маргарита",
    "Евгения",
    "Злата",
    "Ирина",
];

/// Fathers' names and the patronymics they give (masculine, feminine).
const FATHERS: [(&str, &str); 20] = [
    ("Александрович", "Александровна"),
    ("Сергеевич", "Сергеевна"),
    ("Дмитриевич", "Дмитриевна"),
    ("Андреевич", "Андреевна"),
    ("Алексеевич", "Алексеевна"),
    ("Владимирович", "Владимировна"),
    ("Михайлович", "Михайловна"),
    ("Иванович", "Ивановна"),
    ("Николаевич", "Николаевна"),
    ("Евгеньевич", "Евгеньевна"),
    ("Олегович", "Олеговна"),
    ("Викторович", "Викторовна"),
    ("Юрьевич", "Юрьевна"),
    ("Павлович", "Павловна"),
    ("Игоревич", "Игоревна"),
    ("Романович", "Романовна"),
    ("Денисович", "Денисовна"),
    ("Максимович", "Максимовна"),
    ("Артёмович", "Артёмовна"),
    ("Васильевич", "Васильевна"),
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonName {
    pub last: String,
    pub first: String,
    pub patronymic: String,
}

impl PersonName {
    pub fn full(&self) -> String {
        format!("{} {} {}", self.last, self.first, self.patronymic)
    }
}

fn feminine(surname: &str) -> String {
    match surname.strip_suffix("ий") {
        Some(stem) => format!("{stem}ая"),
        None => format!("{surname}а"),
    }
}

pub fn person(rng: &mut impl Rng, female: bool) -> PersonName {
    let surname = *SURNAMES.choose(rng).expect("surnames");
    let (patronymic_m, patronymic_f) = *FATHERS.choose(rng).expect("fathers");
    if female {
        PersonName {
            last: feminine(surname),
            first: GIRLS.choose(rng).expect("girls").to_string(),
            patronymic: patronymic_f.to_string(),
        }
    } else {
        PersonName {
            last: surname.to_string(),
            first: BOYS.choose(rng).expect("boys").to_string(),
            patronymic: patronymic_m.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn feminine_surnames_agree() {
        assert_eq!(feminine("Иванов"), "Иванова");
        assert_eq!(feminine("Никитин"), "Никитина");
    }

    #[test]
    fn names_agree_in_gender() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        for _ in 0..50 {
            let girl = person(&mut rng, true);
            assert!(girl.patronymic.ends_with("на"), "{girl:?}");
            assert!(GIRLS.contains(&girl.first.as_str()));
            let boy = person(&mut rng, false);
            assert!(boy.patronymic.ends_with("ич"), "{boy:?}");
        }
    }
}
