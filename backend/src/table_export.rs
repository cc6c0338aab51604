//! `GET /api/table-export/{name}`: a dashboard table as an XLSX workbook, for those who may see
//! it on the screen. Built from the same answer the screen shows ([`domain::table`]).

use sea_orm::{DatabaseConnection, EntityTrait};

use crate::analysis::class_term;
use crate::analysis::school_for;
use crate::entity::{class, procedure};
use crate::municipality::overview_of;
use crate::plan::export::Export as File;
use crate::platform::xlsx::{Cell as XCell, Sheet};
use crate::report;
use crate::school::classes::class_ref;
use domain::error::AppError;
use domain::policy::{may, Action, Principal, Resource};
use domain::table::{self, Cell, Export, Table};

pub async fn xlsx(
    db: &DatabaseConnection,
    token: Option<&str>,
    name: &str,
) -> Result<File, AppError> {
    let who = crate::platform::principal::from_token(db, token).await?;
    let export = Export::from_name(name).ok_or(AppError::Forbidden)?;
    let t = table_for(db, &who, export).await?;
    let bytes = workbook(&t)?;
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
    if export == Export::Schedule {
        allowed(Resource::Schedule { school_id })?;
        return Ok(table::schedule(
            &crate::schedule::of_school(db, who, school_id).await?,
        ));
    }
    allowed(match export {
        Export::RiskGroup => Resource::SchoolStudents { school_id },
        _ => Resource::SchoolResults { school_id },
    })?;
    Ok(match export {
        Export::Objectivity => {
            table::objectivity(&crate::dashboard::objectivity_of(db, who, school_id).await?)
        }
        Export::Minimum => table::minimum(&crate::dashboard::minimum_for(db, school_id).await?),
        Export::RiskGroup => {
            table::risk_group(&crate::dashboard::risk_group_for(db, school_id).await?)
        }
        Export::Subjects(term) => table::subjects(&school_for(db, who, school_id, term).await?),
        Export::Teachers(term) => table::teachers(&school_for(db, who, school_id, term).await?),
        _ => table::procedures(&school_for(db, who, school_id, None).await?),
    })
}

fn workbook(t: &Table) -> Result<Vec<u8>, AppError> {
    let mut sheet = Sheet::new("Таблица", &t.title, &t.headers, &[32.0, 14.0])?;
    for row in &t.rows {
        let cells: Vec<XCell> = row
            .iter()
            .map(|cell| match cell {
                Cell::Text(s) => XCell::Text(s),
                Cell::Count(n) => XCell::Count(f64::from(*n)),
                Cell::Percent(Some(p)) => XCell::Percent(*p),
                Cell::Number(Some(x)) => XCell::Decimal(*x),
                Cell::Percent(None) | Cell::Number(None) => XCell::Empty,
            })
            .collect();
        sheet.row(&cells)?;
    }
    sheet.finish()
}
