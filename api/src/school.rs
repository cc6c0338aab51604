//! The school as its staff see it: structure, classes, rosters. Each function asks the policy
//! (domain::policy) before it reads anything.

use crate::client::MeraClient;
use domain::error::AppError;
use leptos::prelude::*;

pub use domain::wire::school::*;

/// The name this installation shows before anyone signs in: the school's, when the database
/// holds one school, or the municipality's when it holds several. `None` on an empty database.
#[server(endpoint = "installation", client = MeraClient)]
pub async fn installation_name() -> Result<Option<String>, AppError> {
    let db = backend::db()?;
    Ok(backend::school::installation_name(&db).await?)
}

/// The school of the signed-in person.
#[server(endpoint = "school", client = MeraClient)]
pub async fn school_overview() -> Result<SchoolInfo, AppError> {
    backend::school::overview().await
}

/// The classes of the signed-in teacher or class teacher.
#[server(endpoint = "my-classes", client = MeraClient)]
pub async fn my_classes() -> Result<Vec<MyClass>, AppError> {
    backend::school::classes::mine().await
}

#[server(endpoint = "class", client = MeraClient)]
pub async fn class_roster(class_id: i32) -> Result<ClassDetail, AppError> {
    backend::school::classes::roster(class_id).await
}
