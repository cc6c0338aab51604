//! `GET /api/table-export/{name}`: a dashboard table as an XLSX workbook, for those who may see
//! it on the screen. Built from the same answer the screen shows ([`crate::table`]).

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use sea_orm::{DatabaseConnection, EntityTrait};

use crate::error::AppError;
use crate::policy::{may, Action, Principal, Resource};
use crate::ssr::analysis::school_for;
use crate::ssr::class::class_ref;
use crate::ssr::entity::{class, procedure};
use crate::ssr::municipality::overview_of;
use crate::ssr::plan::export::Export as File;
use crate::ssr::plan::signed_in;
use crate::ssr::{class_term, report};
use crate::table::{self, Cell, Export, Table};

pub async fn xlsx(
    db: &DatabaseConnection,
    token: Option<&str>,
    name: &str,
) -> Result<File, AppError> {
    let who = signed_in(db, token).await?;
    let export = Export::from_name(name).ok_or(AppError::Forbidden)?;
    let t = table_for(db, &who, export).await?;
    let bytes = workbook(&t).map_err(|e| {
        tracing::error!(error = %e, "table export");
        AppError::Server
    })?;
    Ok(File {
        file_name: format!("{}.xlsx", t.title),
        bytes,
    })
}

/// The table, if `who` may see what it shows; anything else is `Forbidden`, alike for what does
/// not exist, so a guessed URL tells nothing.
async fn table_for(
    db: &DatabaseConnection,
    who: &Principal,
    export: Export,
) -> Result<Table, AppError> {
    let allowed = |resource| {
        if may(who, Action::View, resource) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    };
    if export == Export::Municipality {
        let municipality_id = who.municipality_id().ok_or(AppError::Forbidden)?;
        allowed(Resource::MunicipalAggregates { municipality_id })?;
        return Ok(table::municipality(
            &overview_of(db, municipality_id).await?,
        ));
    }
    if let Export::ClassTerm(id) = export {
        let c = class::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::Forbidden)?;
        allowed(Resource::ClassRoster(class_ref(&c)))?;
        return Ok(table::class_term(
            &c.name(),
            &class_term::build(db, who, &c).await?,
        ));
    }
    if let Export::ReportClasses(id) | Export::ReportTasks(id) = export {
        let p = procedure::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::Forbidden)?;
        allowed(report::resource_of(db, &p).await?)?;
        let r = report::view::build(db, who, p).await?;
        return Ok(match export {
            Export::ReportClasses(_) => table::report_classes(&r),
            _ => table::report_tasks(&r),
        });
    }
    let school_id = who.school_id().ok_or(AppError::Forbidden)?;
    allowed(match export {
        Export::RiskGroup => Resource::SchoolStudents { school_id },
        _ => Resource::SchoolResults { school_id },
    })?;
    Ok(match export {
        Export::Objectivity => {
            table::objectivity(&super::objectivity_of(db, who, school_id).await?)
        }
        Export::Minimum => table::minimum(&super::minimum_for(db, school_id).await?),
        Export::RiskGroup => table::risk_group(&super::risk_group_for(db, school_id).await?),
        Export::Subjects(term) => table::subjects(&school_for(db, who, school_id, term).await?),
        Export::Teachers(term) => table::teachers(&school_for(db, who, school_id, term).await?),
        _ => table::procedures(&school_for(db, who, school_id, None).await?),
    })
}

fn workbook(t: &Table) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Таблица")?;
    let bold = Format::new().set_bold().set_text_wrap();
    let percent = Format::new().set_num_format("0.0");
    let two = Format::new().set_num_format("0.00");
    sheet.write_string_with_format(0, 0, &t.title, &bold)?;
    for (c, h) in t.headers.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &bold)?;
        sheet.set_column_width(c as u16, if c == 0 { 32 } else { 14 })?;
    }
    for (r, row) in t.rows.iter().enumerate() {
        let r = r as u32 + 3;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => sheet.write_string(r, c, s)?,
                Cell::Count(n) => sheet.write_number(r, c, f64::from(*n))?,
                Cell::Percent(Some(p)) => sheet.write_number_with_format(r, c, *p, &percent)?,
                Cell::Number(Some(x)) => sheet.write_number_with_format(r, c, *x, &two)?,
                Cell::Percent(None) | Cell::Number(None) => sheet,
            };
        }
    }
    book.save_to_buffer()
}
