//! Evidence files: uploaded by those who report on a measure, served only to those who may see it,
//! whatever URL a stranger tries.

use base64::Engine;
use sea_orm::{DatabaseConnection, EntityTrait, TransactionTrait};

use super::measure_edit::{add_file, may_view};
use crate::error::AppError;
use crate::ssr::audit;
use crate::ssr::entity::measure_evidence;
use crate::ssr::request::Request;
use crate::ssr::sync::result_edit::Edit;
use crate::ssr::sync::Origin;
use crate::sync::Outcome;

pub async fn upload(
    measure_id: i32,
    name: String,
    content_base64: String,
) -> Result<String, AppError> {
    let req = Request::current()?;
    let who = req.principal().await?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(content_base64.trim())
        .map_err(|_| AppError::Invalid("Файл пришёл повреждённым: приложите его снова.".into()))?;
    let origin = Origin {
        address: Some(req.address.clone()),
        user_agent: req.user_agent.clone(),
    };
    let id = uuid::Uuid::new_v4().to_string();
    let edit = Edit {
        who: &who,
        origin: &origin,
        device_id: "web",
        mutation_id: &id,
        base: None,
        approved: false,
    };
    let txn = req.db.begin().await?;
    let outcome = add_file(&txn, &edit, &id, measure_id, &name, bytes).await?;
    txn.commit().await?;
    match outcome {
        Outcome::Applied(_) => Ok(id),
        Outcome::Rejected(reason) | Outcome::Held(reason) => Err(AppError::Invalid(reason)),
    }
}

/// A stored file for `GET /api/evidence/{id}`: its type, name and bytes.
pub struct EvidenceFile {
    pub content_type: String,
    pub name: String,
    pub bytes: Vec<u8>,
}

pub async fn fetch(
    db: &DatabaseConnection,
    token: Option<&str>,
    evidence_id: &str,
) -> Result<EvidenceFile, AppError> {
    let who = super::signed_in(db, token).await?;
    let account_id = who.account_id;
    let row = measure_evidence::Entity::find_by_id(evidence_id.to_string())
        .one(db)
        .await?;
    let allowed = match &row {
        Some(e) => may_view(db, &who, e.measure_id).await?,
        None => false,
    };
    match row {
        Some(e) if allowed => match (e.content, e.content_type) {
            (Some(bytes), Some(content_type)) => Ok(EvidenceFile {
                content_type,
                name: e.title,
                bytes,
            }),
            _ => Err(AppError::Invalid("Это ссылка, а не файл.".into())),
        },
        // Unknown and forbidden look the same to the asker; the refusal is recorded.
        _ => {
            audit::denied(
                db,
                audit::Entry {
                    account_id: Some(account_id),
                    address: None,
                    device: None,
                    action: "view",
                    entity: "evidence",
                    entity_id: Some(evidence_id.chars().take(64).collect()),
                    old_value: None,
                    new_value: None,
                },
            )
            .await?;
            Err(AppError::Forbidden)
        }
    }
}
