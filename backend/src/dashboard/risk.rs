//! The risk group (seeds 003 §4) from what Mera holds: systematic failure (a «2» for the
//! term), frequent unexcused absence, and serious gaps (a «2» in this year's diagnostics). The
//! other signs of §4.1 (meta-subject skills, maladjustment) come from people, not from data, so
//! the screen says the list is where the work group starts, not where it ends.

use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::dashboard::objectivity::result_marks;
use crate::dashboard::period::Period;
use crate::entity::{academic_year, class, student};
use crate::platform::sql::{int, rows};
use domain::wire::dashboard::{RiskGroup, RiskStudent};

/// Unexcused lessons since the year began from which a student is in the risk group: about two
/// full school days. Mera's starting value; seeds 003 names the criterion, not a number.
pub const UNEXCUSED_LESSONS: i64 = 12;

/// Works failed this year from which a student is in the risk group: one «2» may be a bad day,
/// two are a gap. Mera's starting value.
pub const FAILED_WORKS: i64 = 2;

pub fn criteria(term: Option<&Period>) -> Vec<String> {
    vec![
        match term {
            Some(t) => format!("систематическая неуспеваемость: «2» за {}", t.title),
            None => "систематическая неуспеваемость: «2» или «н/а» за четверть".into(),
        },
        format!(
            "пропуски без уважительной причины: {UNEXCUSED_LESSONS} уроков и больше с начала учебного года"
        ),
        format!(
            "пробелы в знаниях: «2» за {FAILED_WORKS} работы и больше (диагностики, контрольные) в этом учебном году"
        ),
    ]
}

/// The current students of `year` who meet a criterion, with their reasons.
pub async fn members(
    db: &impl ConnectionTrait,
    year: &academic_year::Model,
    term: Option<&Period>,
) -> Result<RiskGroup, DbErr> {
    let mut reasons: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    if let Some(term) = term {
        for row in rows(
            db,
            "SELECT j.student_id, COUNT(*) FROM journal_mark j
             WHERE j.term_id = $1 AND j.kind = 'term' AND j.mark <= 2
             GROUP BY j.student_id",
            vec![term.term_id.into()],
        )
        .await?
        {
            let student_id: i32 = row.try_get_by_index(0)?;
            reasons.entry(student_id).or_default().push(format!(
                "«2» или «н/а» за четверть: {}",
                subjects(int(&row, 1)?)
            ));
        }
    }
    for row in rows(
        db,
        "SELECT a.student_id, SUM(a.lessons_missed) FROM attendance a
         JOIN class c ON c.id = a.class_id
         WHERE c.academic_year_id = $1 AND a.reason = 'unexcused'
         GROUP BY a.student_id HAVING SUM(a.lessons_missed) >= $2",
        vec![year.id.into(), UNEXCUSED_LESSONS.into()],
    )
    .await?
    {
        let student_id: i32 = row.try_get_by_index(0)?;
        reasons.entry(student_id).or_default().push(format!(
            "без уважительной причины пропущено уроков: {}",
            int(&row, 1)?
        ));
    }
    let sql = format!(
        "SELECT x.student_id, COUNT(*) FROM ({}) x WHERE x.mark = 2
         GROUP BY x.student_id HAVING COUNT(*) >= $2",
        result_marks("p.academic_year_id = $1")
    );
    for row in rows(db, &sql, vec![year.id.into(), FAILED_WORKS.into()]).await? {
        let student_id: i32 = row.try_get_by_index(0)?;
        reasons
            .entry(student_id)
            .or_default()
            .push(format!("«2» за работу: {}", works(int(&row, 1)?)));
    }
    let classes: BTreeMap<i32, class::Model> = class::Entity::find()
        .filter(class::Column::AcademicYearId.eq(year.id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let mut students: Vec<RiskStudent> = student::Entity::find()
        .filter(student::Column::Id.is_in(reasons.keys().copied()))
        .filter(student::Column::ClassId.is_in(classes.keys().copied()))
        .filter(student::Column::LeftOn.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|s| RiskStudent {
            student_id: s.id,
            name: s.full_name(),
            class_id: s.class_id,
            class: classes[&s.class_id].name(),
            reasons: reasons.remove(&s.id).unwrap_or_default(),
        })
        .collect();
    students.sort_by_key(|s| {
        let c = &classes[&s.class_id];
        (c.grade, c.letter.clone(), s.name.clone())
    });
    Ok(RiskGroup {
        criteria: criteria(term),
        students,
    })
}

/// «1 предмет», «2 предмета», «5 предметов».
fn subjects(n: u32) -> String {
    domain::format::count(n, "предмет", "предмета", "предметов")
}

fn works(n: u32) -> String {
    domain::format::count(n, "работа", "работы", "работ")
}
