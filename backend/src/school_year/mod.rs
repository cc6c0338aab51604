//! Creating a school year with its four четверти, as schools usually have them (autumn, winter
//! and spring holidays between). The deputy adjusts the dates if the school's calendar differs.

pub mod transition;

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

use crate::entity::{academic_year, term};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a calendar date")
}

/// The year that starts on 1 September of `start` and its terms, in order.
pub async fn create(
    db: &impl ConnectionTrait,
    school_id: i32,
    start: i32,
    archived: bool,
) -> Result<(academic_year::Model, Vec<term::Model>), DbErr> {
    let year = academic_year::ActiveModel {
        school_id: Set(school_id),
        name: Set(format!("{start}/{}", start + 1)),
        starts_on: Set(date(start, 9, 1)),
        ends_on: Set(date(start + 1, 5, 31)),
        archived: Set(archived),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let spans = [
        (date(start, 9, 1), date(start, 10, 25)),
        (date(start, 11, 5), date(start, 12, 28)),
        (date(start + 1, 1, 11), date(start + 1, 3, 21)),
        (date(start + 1, 3, 31), date(start + 1, 5, 31)),
    ];
    let mut terms = Vec::new();
    for (number, (starts_on, ends_on)) in (1..).zip(spans) {
        let row = term::ActiveModel {
            academic_year_id: Set(year.id),
            number: Set(number),
            name: Set(format!("{number} четверть")),
            starts_on: Set(starts_on),
            ends_on: Set(ends_on),
            ..Default::default()
        }
        .insert(db)
        .await?;
        terms.push(row);
    }
    Ok((year, terms))
}

/// The calendar year the school year running on `today` started in: from August on, this one.
pub fn start_of(today: NaiveDate) -> i32 {
    use chrono::Datelike;
    if today.month() >= 8 {
        today.year()
    } else {
        today.year() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_school_year_turns_in_august() {
        assert_eq!(start_of(date(2026, 11, 25)), 2026);
        assert_eq!(start_of(date(2027, 5, 31)), 2026);
        assert_eq!(start_of(date(2027, 8, 1)), 2027);
    }
}
