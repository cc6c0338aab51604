//! Progress on a measure: a status change, a note, a link. The same checks whether it comes from a
//! tablet's outbox through the sync or from the council's screen: the measure exists, the user
//! is responsible for it or manages the plan, the move is allowed from the status the user saw.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, Set,
};

use super::{entry, rejected, Edit};
use crate::entity::{measure, measure_evidence, measure_note, measure_responsible, plan};
use crate::platform::audit;
use domain::plan::evidence_file::{content_type, safe_name};
use domain::plan::{check_move, evidence_link, note_text, MeasureStatus, Mover, MAX_TEXT};
use domain::policy::{may, Action, Resource};
use domain::sync::measure_edit::{LinkAdd, NoteAdd, PhotoAdd, StatusSet};
use domain::sync::Outcome;

/// The measure, and how the user stands to it; or the refusal to send back.
struct Target {
    measure: measure::Model,
    mover: Mover,
}

impl Target {
    async fn check(
        db: &impl ConnectionTrait,
        edit: &Edit<'_>,
        measure_id: i32,
    ) -> Result<Result<Target, Outcome>, DbErr> {
        let found = match measure::Entity::find_by_id(measure_id).one(db).await? {
            Some(m) => plan::Entity::find_by_id(m.plan_id)
                .one(db)
                .await?
                .map(|p| (m, p)),
            None => None,
        };
        let Some((measure, plan)) = found else {
            return Ok(Err(rejected(
                "Такого мероприятия нет: его удалили из плана.",
            )));
        };
        let responsible =
            measure_responsible::Entity::find_by_id((measure_id, edit.who.account_id))
                .one(db)
                .await?
                .is_some();
        let school_id = plan.school_id;
        if !may(
            edit.who,
            Action::Edit,
            Resource::Measure {
                school_id,
                responsible,
            },
        ) {
            audit::denied(db, entry(edit, "measure", Some(measure_id.to_string()))).await?;
            return Ok(Err(rejected(
                "Вы не отвечаете за это мероприятие: отметить его ход может ответственный, \
                 заместитель директора или методический совет.",
            )));
        }
        let mover = if may(edit.who, Action::Edit, Resource::Plan { school_id }) {
            Mover::Manager
        } else {
            Mover::Responsible
        };
        Ok(Ok(Target { measure, mover }))
    }
}

pub async fn set_status(
    txn: &impl ConnectionTrait,
    edit: &Edit<'_>,
    set: StatusSet,
) -> Result<Outcome, DbErr> {
    let target = match Target::check(txn, edit, set.measure_id).await? {
        Ok(target) => target,
        Err(outcome) => return Ok(outcome),
    };
    let current = target.measure.status();
    if current != set.from {
        if current == set.to {
            // Someone made the same move first: nothing is lost.
            return Ok(Outcome::Applied(None));
        }
        return Ok(rejected(&format!(
            "Статус мероприятия уже изменили: сейчас «{}». Посмотрите его и отметьте снова, если \
             нужно.",
            current.title()
        )));
    }
    if let Err(reason) = check_move(current, set.to, target.mover, set.reason.as_deref()) {
        return Ok(rejected(&reason));
    }
    let version = target.measure.version;
    let mut row = target.measure.into_active_model();
    row.status = Set(set.to.code().to_string());
    row.cancel_reason = Set(if set.to == MeasureStatus::Cancelled {
        set.reason.map(|r| r.trim().to_string())
    } else {
        None
    });
    row.version = Set(version + 1);
    row.updated_at = Set(Utc::now());
    row.update(txn).await?;
    let (old, new) = (current.title().to_string(), set.to.title().to_string());
    logged(txn, edit, set.measure_id, "status", Some(old), new).await
}

/// Notes are append-only: a note with an id already kept is the same note sent again.
pub async fn add_note(
    txn: &impl ConnectionTrait,
    edit: &Edit<'_>,
    add: NoteAdd,
    written_at: &str,
) -> Result<Outcome, DbErr> {
    if let Err(outcome) = Target::check(txn, edit, add.measure_id).await? {
        return Ok(outcome);
    }
    let text = match note_text(&add.text) {
        Ok(text) => text,
        Err(reason) => return Ok(rejected(&reason)),
    };
    if measure_note::Entity::find_by_id(add.note_id.clone())
        .one(txn)
        .await?
        .is_some()
    {
        return Ok(Outcome::Applied(None));
    }
    measure_note::ActiveModel {
        id: Set(add.note_id.clone()),
        measure_id: Set(add.measure_id),
        account_id: Set(edit.who.account_id),
        written_at: Set(written_at.chars().take(40).collect()),
        received_at: Set(Utc::now()),
        text: Set(text.clone()),
    }
    .insert(txn)
    .await?;
    logged(txn, edit, add.measure_id, "note", None, text).await
}

pub async fn add_link(
    txn: &impl ConnectionTrait,
    edit: &Edit<'_>,
    add: LinkAdd,
) -> Result<Outcome, DbErr> {
    if let Err(outcome) = Target::check(txn, edit, add.measure_id).await? {
        return Ok(outcome);
    }
    let url = match evidence_link(&add.url) {
        Ok(url) => url,
        Err(reason) => return Ok(rejected(&reason)),
    };
    let title: String = match add.title.trim() {
        "" => url.clone(),
        title => title.chars().take(MAX_TEXT).collect(),
    };
    if measure_evidence::Entity::find_by_id(add.evidence_id.clone())
        .one(txn)
        .await?
        .is_some()
    {
        return Ok(Outcome::Applied(None));
    }
    let evidence = Evidence {
        id: add.evidence_id,
        measure_id: add.measure_id,
        title,
        url: Some(url.clone()),
        file: None,
    };
    evidence.insert(txn, edit).await?;
    logged(txn, edit, add.measure_id, "evidence", None, url).await
}

/// Writes the change to the audit log, the measure's history, and answers «applied».
async fn logged(
    txn: &impl ConnectionTrait,
    edit: &Edit<'_>,
    measure_id: i32,
    action: &str,
    old: Option<String>,
    new: String,
) -> Result<Outcome, DbErr> {
    audit::changed(
        txn,
        audit::Entry {
            action,
            old_value: old,
            new_value: Some(new),
            ..entry(edit, "measure", Some(measure_id.to_string()))
        },
    )
    .await?;
    Ok(Outcome::Applied(None))
}

/// A link or a file given as evidence.
struct Evidence {
    id: String,
    measure_id: i32,
    title: String,
    url: Option<String>,
    /// Content type and bytes.
    file: Option<(&'static str, Vec<u8>)>,
}

impl Evidence {
    async fn insert(self, txn: &impl ConnectionTrait, edit: &Edit<'_>) -> Result<(), DbErr> {
        let (content_type, content) = self.file.unzip();
        measure_evidence::ActiveModel {
            id: Set(self.id),
            measure_id: Set(self.measure_id),
            account_id: Set(edit.who.account_id),
            added_at: Set(Utc::now()),
            title: Set(self.title),
            url: Set(self.url),
            content_type: Set(content_type.map(str::to_string)),
            size: Set(content.as_ref().map(|c| c.len() as i64)),
            content: Set(content),
        }
        .insert(txn)
        .await?;
        Ok(())
    }
}

/// The people responsible for each of `measure_ids`.
pub async fn responsible(
    db: &impl ConnectionTrait,
    measure_ids: Vec<i32>,
) -> Result<Vec<measure_responsible::Model>, DbErr> {
    measure_responsible::Entity::find()
        .filter(measure_responsible::Column::MeasureId.is_in(measure_ids))
        .all(db)
        .await
}

/// An uploaded file as evidence; the caller has decoded it.
pub async fn add_file(
    txn: &impl ConnectionTrait,
    edit: &Edit<'_>,
    evidence_id: &str,
    measure_id: i32,
    name: &str,
    bytes: Vec<u8>,
) -> Result<Outcome, DbErr> {
    if let Err(outcome) = Target::check(txn, edit, measure_id).await? {
        return Ok(outcome);
    }
    if measure_evidence::Entity::find_by_id(evidence_id.to_string())
        .one(txn)
        .await?
        .is_some()
    {
        return Ok(Outcome::Applied(None));
    }
    let content_type = match content_type(name, &bytes) {
        Ok(kind) => kind,
        Err(reason) => return Ok(rejected(&reason)),
    };
    let title = safe_name(name);
    let evidence = Evidence {
        id: evidence_id.to_string(),
        measure_id,
        title: title.clone(),
        url: None,
        file: Some((content_type, bytes)),
    };
    evidence.insert(txn, edit).await?;
    logged(txn, edit, measure_id, "evidence", None, title).await
}

/// A photo from a device's outbox.
pub async fn add_photo(
    txn: &impl ConnectionTrait,
    edit: &Edit<'_>,
    add: PhotoAdd,
) -> Result<Outcome, DbErr> {
    use base64::Engine;
    match base64::engine::general_purpose::STANDARD.decode(add.content_base64.trim()) {
        Ok(bytes) => {
            add_file(
                txn,
                edit,
                &add.evidence_id,
                add.measure_id,
                &add.name,
                bytes,
            )
            .await
        }
        Err(_) => Ok(rejected("Фото пришло повреждённым: приложите его снова.")),
    }
}

/// May the user see the measure: responsible for it, or a reader of the school's plans.
pub async fn may_view(
    db: &impl ConnectionTrait,
    who: &domain::policy::Principal,
    measure_id: i32,
) -> Result<bool, DbErr> {
    let Some(m) = measure::Entity::find_by_id(measure_id).one(db).await? else {
        return Ok(false);
    };
    let Some(p) = plan::Entity::find_by_id(m.plan_id).one(db).await? else {
        return Ok(false);
    };
    let responsible = measure_responsible::Entity::find_by_id((measure_id, who.account_id))
        .one(db)
        .await?
        .is_some();
    Ok(may(
        who,
        Action::View,
        Resource::Measure {
            school_id: p.school_id,
            responsible,
        },
    ))
}
