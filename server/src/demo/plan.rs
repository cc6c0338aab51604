//! The main demo school's innovation improvement plan (seeds 001, every measure of sections
//! I–VI), approved by the director in September and run since: deadlines spread over the year,
//! responsible staff, most early measures done with notes, a few late, one cancelled. The
//! `teacher` account answers for three measures, one of them due the week after the demo's today.

use chrono::{NaiveDate, TimeZone, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, Set,
};

use super::date;
use backend::entity::{account, audit_log, measure, measure_note, measure_responsible};
use backend::plan::manage::create_from_template;
use domain::plan::{MeasureStatus, PlanKind};

/// Who answers for each measure, in plan order (31 measures); `teacher` holds three.
const RESPONSIBLE: [&str; 31] = [
    "director", "deputy", "deputy", // I
    "council", "mo_head", "council", "deputy", // II
    "council", "deputy", "deputy", "council", "deputy", "mo_head", "deputy", "council", "director",
    "deputy", "teacher", "mo_head", "director", "deputy", // III (14)
    "deputy", "director", "teacher", "council", "mo_head", "teacher", "council", // IV
    "deputy",  // V
    "council", "deputy", // VI
];

/// Deadlines over the school year, in plan order.
fn deadline(index: usize) -> NaiveDate {
    const DAYS: [(i32, u32, u32); 31] = [
        (2026, 9, 15),
        (2026, 9, 30),
        (2026, 10, 15),
        (2026, 10, 1),
        (2026, 11, 13),
        (2027, 2, 26),
        (2027, 4, 30),
        (2026, 10, 20),
        (2026, 10, 30),
        (2026, 11, 16),
        (2026, 12, 18),
        (2027, 1, 29),
        (2027, 2, 12),
        (2026, 12, 25),
        (2027, 3, 19),
        (2027, 1, 22),
        (2027, 3, 31),
        (2026, 11, 27),
        (2027, 4, 16),
        (2027, 2, 19),
        (2027, 4, 23),
        (2026, 11, 10),
        (2026, 10, 9),
        (2027, 3, 12),
        (2027, 3, 26),
        (2026, 11, 18),
        (2026, 12, 11),
        (2027, 5, 14),
        (2027, 1, 15),
        (2027, 5, 21),
        (2027, 5, 28),
    ];
    let (y, m, d) = DAYS[index];
    date(y, m, d)
}

/// Demo measures (by plan order) left late: due before the demo's today and not done.
const LATE: [usize; 3] = [4, 9, 25];
const CANCELLED: usize = 16;

pub async fn insert(
    db: &impl ConnectionTrait,
    school_id: i32,
    today: NaiveDate,
) -> Result<(), DbErr> {
    let by_name = |name: &'static str| async move {
        account::Entity::find()
            .filter(account::Column::Username.eq(name))
            .one(db)
            .await?
            .map(|a| a.id)
            .ok_or_else(|| DbErr::Custom(format!("demo account {name}")))
    };
    let director = by_name("director").await?;
    let deputy = by_name("deputy").await?;
    let plan = create_from_template(db, school_id, PlanKind::Innovation, Some(deputy)).await?;
    let mut row = plan.clone().into_active_model();
    row.created_at = Set(at(date(2026, 8, 28)));
    row.approved_at = Set(Some(at(date(2026, 9, 1))));
    row.approved_by = Set(Some(director));
    row.update(db).await?;
    let measures = measure::Entity::find()
        .filter(measure::Column::PlanId.eq(plan.id))
        .order_by_asc(measure::Column::SectionId)
        .order_by_asc(measure::Column::Position)
        .all(db)
        .await?;
    for (i, m) in measures.into_iter().enumerate() {
        let due = deadline(i);
        let who = by_name(RESPONSIBLE[i]).await?;
        measure_responsible::ActiveModel {
            measure_id: Set(m.id),
            account_id: Set(who),
        }
        .insert(db)
        .await?;
        let status = if i == CANCELLED {
            MeasureStatus::Cancelled
        } else if LATE.contains(&i) {
            MeasureStatus::InWork
        } else if due < today {
            MeasureStatus::Done
        } else if (due - today).num_days() < 45 {
            MeasureStatus::InWork
        } else {
            MeasureStatus::Planned
        };
        let id = m.id;
        let mut row = m.into_active_model();
        row.starts_on = Set(Some(date(2026, 9, 1)));
        row.due_on = Set(Some(due));
        row.status = Set(status.code().to_string());
        row.version = Set(i64::from(status != MeasureStatus::Planned));
        if status == MeasureStatus::Cancelled {
            row.cancel_reason = Set(Some(
                "Аудит рабочих программ перенесён на следующий год решением педагогического \
                 совета (протокол № 2)."
                    .into(),
            ));
        }
        row.update(db).await?;
        let note = match status {
            MeasureStatus::Done => Some("Выполнено, документ утверждён и размещён на сайте."),
            MeasureStatus::InWork if LATE.contains(&i) => {
                Some("Проект документа готов, ждёт обсуждения на методическом совете.")
            }
            MeasureStatus::InWork => Some("Начата работа, собрана рабочая группа."),
            _ => None,
        };
        let written = if status == MeasureStatus::Done {
            due
        } else {
            date(2026, 11, 2)
        };
        // The measure's history says what the responsible did, as the app's audit would.
        if status != MeasureStatus::Planned {
            history(
                db,
                id,
                who,
                written,
                "status",
                Some(MeasureStatus::Planned.title()),
                status.title(),
            )
            .await?;
        }
        if let Some(text) = note {
            history(db, id, who, written, "note", None, text).await?;
            measure_note::ActiveModel {
                id: Set(format!("demo-note-{id}")),
                measure_id: Set(id),
                account_id: Set(who),
                written_at: Set(format!("{written}T15:00:00+03:00")),
                received_at: Set(at(written)),
                text: Set(text.into()),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

async fn history(
    db: &impl ConnectionTrait,
    measure_id: i32,
    who: i32,
    day: NaiveDate,
    action: &str,
    old: Option<&str>,
    new: &str,
) -> Result<(), DbErr> {
    audit_log::ActiveModel {
        at: Set(at(day)),
        account_id: Set(Some(who)),
        device: Set(None),
        address: Set(None),
        action: Set(action.into()),
        entity: Set("measure".into()),
        entity_id: Set(Some(measure_id.to_string())),
        old_value: Set(old.map(str::to_string)),
        new_value: Set(Some(new.to_string())),
        outcome: Set("ok".into()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

fn at(day: NaiveDate) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(12, 0, 0).expect("noon"))
}
