//! Plans of measures on the server: reading, managing, and progress from the responsible people
//! (through the sync, or online from the council's screen).

pub mod evidence;
pub mod export;
pub mod manage;
pub mod view;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, TransactionTrait};

use crate::edits::Edit;
use crate::entity::{measure, measure_responsible, plan};
use crate::platform::request::Request;
use crate::sync::Origin;
use domain::error::AppError;
use domain::plan::{PlanSummary, PlanView};
use domain::policy::{may, Action, Resource};
use domain::sync::Outcome;
use domain::wire::plan::{MyMeasures, Progress};

pub async fn list() -> Result<Vec<PlanSummary>, AppError> {
    let (req, _, school_id) =
        Request::school_access(Action::View, |school_id| Resource::Plan { school_id }).await?;
    Ok(view::summaries(&req.db, school_id).await?)
}

pub async fn load(plan_id: i32) -> Result<PlanView, AppError> {
    let (req, who) = Request::signed_in().await?;
    let p = manage::plan_for(&req, &who, plan_id, Action::View).await?;
    Ok(view::plan_view(&req.db, &who, p).await?)
}

/// The measures the user is responsible for, in every plan of her school, with the school's date.
/// The device keeps this list for «Мои мероприятия» offline.
pub async fn mine() -> Result<MyMeasures, AppError> {
    let (req, who) = Request::signed_in().await?;
    let Some(school_id) = who.school_id() else {
        return Ok(MyMeasures::default());
    };
    let ids: Vec<i32> = measure_responsible::Entity::find()
        .filter(measure_responsible::Column::AccountId.eq(who.account_id))
        .all(&req.db)
        .await?
        .into_iter()
        .map(|r| r.measure_id)
        .collect();
    let plans: Vec<i32> = plan::Entity::find()
        .filter(plan::Column::SchoolId.eq(school_id))
        .all(&req.db)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let measures = measure::Entity::find()
        .filter(measure::Column::Id.is_in(ids))
        .filter(measure::Column::PlanId.is_in(plans))
        .order_by_asc(measure::Column::PlanId)
        .order_by_asc(measure::Column::SectionId)
        .order_by_asc(measure::Column::Position)
        .all(&req.db)
        .await?;
    let resource = Resource::Measure {
        school_id,
        responsible: true,
    };
    if !may(&who, Action::View, resource) {
        return Ok(MyMeasures::default());
    }
    Ok(MyMeasures {
        today: view::school_today(&req.db, school_id).await?.iso(),
        measures: view::measure_views(&req.db, measures).await?,
    })
}

/// Progress made online (the council's screen): the same checks as through the sync. A refusal
/// comes back as `Invalid` with its reason and changes nothing.
pub async fn progress(change: Progress) -> Result<(), AppError> {
    let (req, who) = Request::signed_in().await?;
    let origin = Origin {
        address: Some(req.address.clone()),
        user_agent: req.user_agent.clone(),
    };
    let mutation_id = uuid::Uuid::new_v4().to_string();
    let edit = Edit {
        who: &who,
        origin: &origin,
        device_id: "web",
        mutation_id: &mutation_id,
        base: None,
        approved: false,
        imported: false,
    };
    let txn = req.db.begin().await?;
    let outcome = match change {
        Progress::Status(set) => crate::edits::measure::set_status(&txn, &edit, set).await?,
        Progress::Note(add) => {
            let now = chrono::Utc::now().to_rfc3339();
            crate::edits::measure::add_note(&txn, &edit, add, &now).await?
        }
        Progress::Link(add) => crate::edits::measure::add_link(&txn, &edit, add).await?,
        Progress::Photo(add) => crate::edits::measure::add_photo(&txn, &edit, add).await?,
    };
    match outcome {
        Outcome::Applied(_) => {
            txn.commit().await?;
            Ok(())
        }
        // The refusal's audit row stays: refused access is recorded (docs/design.md §5).
        Outcome::Rejected(reason) | Outcome::Held(reason) => {
            txn.commit().await?;
            Err(AppError::Invalid(reason))
        }
    }
}
