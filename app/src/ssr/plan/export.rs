//! `GET /api/plan-export/{id}`: the plan as an XLSX workbook in the layout of the seed's table
//! (№, Мероприятия, Сроки, Ответственные, Документы) plus status, deadline as a date cell and
//! lateness, for those who may read the school's plans.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use sea_orm::{DatabaseConnection, EntityTrait};

use super::signed_in;
use crate::error::AppError;
use crate::plan::PlanView;
use crate::policy::{may, Action, Resource};
use crate::ssr::entity::plan;

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
    let who = signed_in(db, token).await?;
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
    let view = super::view::plan_view(db, &who, p).await?;
    let bytes = workbook(&view).map_err(|e| {
        tracing::error!(error = %e, "plan export");
        AppError::Server
    })?;
    Ok(Export {
        file_name: format!("План мероприятий {}.xlsx", view.today().russian()),
        bytes,
    })
}

fn workbook(plan: &PlanView) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("План")?;
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    sheet.write_string_with_format(0, 0, &plan.title, &bold)?;
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &bold)?;
    }
    for (c, width) in [8, 60, 22, 14, 28, 30, 14, 12].into_iter().enumerate() {
        sheet.set_column_width(c as u16, width)?;
    }
    let today = plan.today();
    let mut row = 3u32;
    for s in &plan.sections {
        sheet.write_string_with_format(row, 0, &s.number, &bold)?;
        sheet.write_string_with_format(row, 1, &s.title, &bold)?;
        row += 1;
        for m in &s.measures {
            sheet.write_string(row, 0, &m.number)?;
            sheet.write_string_with_format(row, 1, &m.title, &wrap)?;
            sheet.write_string(row, 2, m.term_text())?;
            if let Some(due) = m.due() {
                let (y, mo, d) = due.ymd();
                let cell = ExcelDateTime::from_ymd(y as u16, mo as u8, d as u8)?;
                sheet.write_datetime_with_format(row, 3, &cell, &date)?;
            }
            let names: Vec<&str> = m.responsible.iter().map(|p| p.name.as_str()).collect();
            sheet.write_string_with_format(row, 4, names.join(", "), &wrap)?;
            sheet.write_string_with_format(row, 5, m.documents.join("; "), &wrap)?;
            sheet.write_string(row, 6, m.status.title())?;
            if let crate::plan::Urgency::Late(days) = m.urgency(today) {
                sheet.write_number(row, 7, days as f64)?;
            }
            row += 1;
        }
    }
    book.save_to_buffer()
}
