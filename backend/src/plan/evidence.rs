//! Evidence files: uploaded by those who report on a measure, served only to those who may see it,
//! whatever URL a stranger tries.

use base64::Engine;
use sea_orm::{DatabaseConnection, EntityTrait, TransactionTrait};

use crate::edits::measure::{add_file, may_view};
use crate::edits::Edit;
use crate::entity::measure_evidence;
use crate::platform::audit;
use crate::platform::request::Request;
use crate::sync::Origin;
use domain::error::AppError;
use domain::sync::Outcome;

pub async fn upload(
    measure_id: i32,
    name: String,
    content_base64: String,
) -> Result<String, AppError> {
    let (req, who) = Request::signed_in().await?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(content_base64.trim())
        .map_err(|_| AppError::invalid("Файл пришёл повреждённым: приложите его снова."))?;
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
        imported: false,
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
    let who = crate::platform::principal::from_token(db, token).await?;
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
            _ => Err(AppError::invalid("Это ссылка, а не файл.")),
        },
        // Unknown and forbidden look the same to the asker; the refusal is recorded.
        _ => {
            audit::denied(
                db,
                audit::Entry {
                    entity_id: Some(evidence_id.chars().take(64).collect()),
                    ..audit::Entry::new(Some(account_id), None, None, "view", "evidence")
                },
            )
            .await?;
            Err(AppError::Forbidden)
        }
    }
}
