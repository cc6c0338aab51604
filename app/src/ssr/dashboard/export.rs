//! `GET /api/table-export/{name}`: a dashboard table as an XLSX workbook, for those who may see
//! it on the screen. Built from the same answer the screen shows ([`crate::table`]).

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use sea_orm::DatabaseConnection;

use crate::error::AppError;
use crate::policy::{may, Action, Resource};
use crate::ssr::analysis::school_for;
use crate::ssr::plan::export::Export as File;
use crate::ssr::plan::signed_in;
use crate::table::{self, Cell, Export, Table};

pub async fn xlsx(
    db: &DatabaseConnection,
    token: Option<&str>,
    name: &str,
) -> Result<File, AppError> {
    let who = signed_in(db, token).await?;
    let export = Export::from_name(name).ok_or(AppError::Forbidden)?;
    let school_id = who.school_id().ok_or(AppError::Forbidden)?;
    let resource = match export {
        Export::RiskGroup => Resource::SchoolStudents { school_id },
        _ => Resource::SchoolResults { school_id },
    };
    if !may(&who, Action::View, resource) {
        return Err(AppError::Forbidden);
    }
    let t = match export {
        Export::Objectivity => table::objectivity(&super::objectivity_for(db, school_id).await?),
        Export::Minimum => table::minimum(&super::minimum_for(db, school_id).await?),
        Export::RiskGroup => table::risk_group(&super::risk_group_for(db, school_id).await?),
        Export::Subjects => table::subjects(&school_for(db, &who, school_id).await?),
        Export::Procedures => table::procedures(&school_for(db, &who, school_id).await?),
        Export::Teachers => table::teachers(&school_for(db, &who, school_id).await?),
    };
    let bytes = workbook(&t).map_err(|e| {
        tracing::error!(error = %e, "table export");
        AppError::Server
    })?;
    Ok(File {
        file_name: format!("{}.xlsx", t.title),
        bytes,
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
