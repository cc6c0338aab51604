//! A school sets its own objectivity thresholds (docs/design.md §3); the deputy or the director does,
//! and the audit log keeps the old and new values.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set, TransactionTrait};

use crate::entity::objectivity_threshold;
use crate::platform::audit;
use crate::platform::request::Request;
use domain::error::AppError;
use domain::policy::{Action, Resource};
use domain::wire::dashboard::ThresholdsDraft;

/// A share threshold must leave room on both sides: 0 flags everything, 100 nothing.
fn check(value: f64, what: &str) -> Result<f64, AppError> {
    if value.is_finite() && (1.0..=99.0).contains(&value) {
        Ok((value * 10.0).round() / 10.0)
    } else {
        Err(AppError::invalid(format!(
            "Порог «{what}» должен быть числом от 1 до 99 %."
        )))
    }
}

pub async fn save(draft: ThresholdsDraft) -> Result<(), AppError> {
    let (req, who, school_id) = Request::school_access(Action::Edit, |school_id| {
        Resource::SchoolResults { school_id }
    })
    .await?;
    let values = match (draft.lowered_over, draft.raised_over) {
        (Some(lowered), Some(raised)) => {
            Some((check(lowered, "понизили")?, check(raised, "повысили")?))
        }
        (None, None) => None,
        _ => {
            return Err(AppError::invalid(
                "Укажите оба порога или верните значения по умолчанию.",
            ))
        }
    };
    let txn = req.db.begin().await?;
    let old = objectivity_threshold::Entity::find_by_id(school_id)
        .one(&txn)
        .await?;
    let describe = |v: Option<(f64, f64)>| match v {
        Some((l, r)) => format!("понизили > {l} %, повысили > {r} %"),
        None => "по умолчанию".into(),
    };
    let old_text = describe(old.as_ref().map(|o| (o.lowered_over, o.raised_over)));
    match (old, values) {
        (Some(row), None) => {
            objectivity_threshold::Entity::delete_by_id(row.school_id)
                .exec(&txn)
                .await?;
        }
        (Some(row), Some((lowered, raised))) => {
            let mut row = row.into_active_model();
            row.lowered_over = Set(lowered);
            row.raised_over = Set(raised);
            row.updated_by = Set(Some(who.account_id));
            row.updated_at = Set(Utc::now());
            row.update(&txn).await?;
        }
        (None, Some((lowered, raised))) => {
            objectivity_threshold::ActiveModel {
                school_id: Set(school_id),
                lowered_over: Set(lowered),
                raised_over: Set(raised),
                updated_by: Set(Some(who.account_id)),
                updated_at: Set(Utc::now()),
            }
            .insert(&txn)
            .await?;
        }
        (None, None) => {}
    }
    audit::changed(
        &txn,
        audit::Entry {
            entity_id: Some(school_id.to_string()),
            old_value: Some(old_text),
            new_value: Some(describe(values)),
            ..req.entry(who.account_id, "edit", "objectivity_threshold")
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn thresholds_stay_between_one_and_ninety_nine() {
        assert_eq!(check(25.04, "x").unwrap(), 25.0);
        for bad in [0.0, 100.0, -5.0, f64::NAN] {
            assert!(check(bad, "понизили").is_err(), "{bad}");
        }
    }
}
