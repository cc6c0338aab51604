//! `GET /api/plan-export/{id}`: the plan as an XLSX workbook in the layout of the seed's table
//! (№, Мероприятия, Сроки, Ответственные, Документы) plus status, deadline as a date cell and
//! lateness, for those who may read the school's plans.

use sea_orm::{DatabaseConnection, EntityTrait};

use crate::entity::plan;
use crate::platform::xlsx::{Cell, Sheet};
use domain::error::AppError;
use domain::plan::PlanView;
use domain::policy::{may, Action, Resource};

const HEADERS: [&str; 8] = [
    "№ п/п",
    "Мероприятия",
    "Сроки",
    "Срок выполнения",
    "Ответственные",
    "Документы",
    "Статус",
    "Просрочено, дней",
];

pub struct Export {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

pub async fn xlsx(
    db: &DatabaseConnection,
    token: Option<&str>,
    plan_id: i32,
) -> Result<Export, AppError> {
    let who = crate::platform::principal::from_token(db, token).await?;
    let p = plan::Entity::find_by_id(plan_id).one(db).await?;
    let Some(p) = p.filter(|p| {
        may(
            &who,
            Action::View,
            Resource::Plan {
                school_id: p.school_id,
            },
        )
    }) else {
        return Err(AppError::Forbidden);
    };
    let view = crate::plan::view::plan_view(db, &who, p).await?;
    let bytes = workbook(&view)?;
    Ok(Export {
        file_name: format!("План мероприятий {}.xlsx", view.today().russian()),
        bytes,
    })
}

fn workbook(plan: &PlanView) -> Result<Vec<u8>, AppError> {
    let widths = [8.0, 60.0, 22.0, 14.0, 28.0, 30.0, 14.0, 12.0];
    let mut sheet = Sheet::new("План", &plan.title, &HEADERS, &widths)?;
    let today = plan.today();
    for s in &plan.sections {
        sheet.row(&[Cell::Heading(&s.number), Cell::Heading(&s.title)])?;
        for m in &s.measures {
            let due = match m.due().map(|d| d.ymd()) {
                Some((y, mo, d)) => Cell::Date(y, mo, d),
                None => Cell::Empty,
            };
            let names: Vec<&str> = m.responsible.iter().map(|p| p.name.as_str()).collect();
            let names = names.join(", ");
            let documents = m.documents.join("; ");
            let term = m.term_text();
            let late = match m.urgency(today) {
                domain::plan::Urgency::Late(days) => Cell::Count(days as f64),
                _ => Cell::Empty,
            };
            sheet.row(&[
                Cell::Text(&m.number),
                Cell::Wrapped(&m.title),
                Cell::Text(&term),
                due,
                Cell::Wrapped(&names),
                Cell::Wrapped(&documents),
                Cell::Text(m.status.title()),
                late,
            ])?;
        }
    }
    sheet.finish()
}
