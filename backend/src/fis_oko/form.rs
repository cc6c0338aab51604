//! The ФИС ОКО «Форма сбора результатов» filled from what teachers entered: the deputy gives the
//! empty form ФИС ОКО issued for the paper, Mera reads its header through the upload guard,
//! decides every cell (`domain::fis_oko::form`) and writes them into that same workbook
//! (`platform::xlsx_patch`), so its drop-downs and formulas stay ФИС ОКО's. Nothing is stored.

use std::collections::BTreeMap;

use base64::Engine as _;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::{codes_of, tasks_of, typed_of};
use crate::entity::{journal_mark, participant_code, procedure, term};
use crate::participant_codes::vpr;
use crate::platform::request::Request;
use crate::platform::upload::{self, Kind, Limits, Sheet};
use crate::platform::xlsx_patch::{self, Put, Puts};
use domain::error::AppError;
use domain::fis_oko::form::{fill, layout, Layout, Participant, Sitting, Value};
use domain::fis_oko::plan::same_tasks;
use domain::wire::fis_oko::FormFilled;

/// The sheet the form keeps its participants on.
const SHEET: &str = "протокол";

pub async fn filled(
    procedure_id: i32,
    file_name: String,
    data: String,
) -> Result<FormFilled, AppError> {
    let (req, who) = Request::signed_in().await?;
    let p = vpr(&req, &who, procedure_id).await?;
    let bytes = upload::decoded(&data)?;
    let sheets = upload::sheets(&file_name, &bytes, &Limits::RESULTS).map_err(AppError::invalid)?;
    if upload::kind(&bytes) != Kind::Zip {
        return Err(AppError::invalid(
            "Форма сбора результатов ФИС ОКО — файл .xlsx: загрузите её такой, какой её выдала ФИС ОКО.",
        ));
    }
    let (sheet, form) = protocol(&sheets).map_err(AppError::invalid)?;
    let tasks = tasks_of(&req.db, &p).await?;
    same_tasks(&form.task_list(), &tasks, ("формы", "в форме")).map_err(AppError::invalid)?;
    let people = participants(&req.db, &p, &tasks).await?;
    if people.is_empty() {
        return Err(AppError::invalid(
            "У этой работы ещё нет кодов участников: выдайте или загрузите их, затем заполните форму.",
        ));
    }
    let (cells, summary) = fill(&form, &people);
    let (top, left) = sheet.origin;
    let puts: Puts = cells
        .into_iter()
        .map(|(row, column, value)| {
            let at = (top + row as u32, left + column as u32);
            let put = match value {
                Value::Number(n) => Put::Number(n as f64),
                Value::Text(t) => Put::Text(t),
                Value::Blank => Put::Blank,
            };
            (at, put)
        })
        .collect();
    let written = xlsx_patch::fill(&bytes, &sheet.name, &puts).map_err(AppError::invalid)?;
    Ok(FormFilled {
        file_name,
        data: base64::engine::general_purpose::STANDARD.encode(written),
        summary,
    })
}

/// The sheet «Протокол» and its columns; failing it, the first sheet that reads as a form.
fn protocol(sheets: &[Sheet]) -> Result<(&Sheet, Layout), String> {
    let named = sheets
        .iter()
        .find(|s| s.name.trim().to_lowercase() == SHEET);
    if let Some(sheet) = named {
        return layout(&sheet.rows).map(|l| (sheet, l));
    }
    let mut first_error = None;
    for sheet in sheets {
        match layout(&sheet.rows) {
            Ok(l) => return Ok((sheet, l)),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| "В файле нет ни одного листа.".into()))
}

/// Every coded pupil: her class ordinal, variant, what was entered and her last term's mark.
async fn participants(
    db: &impl ConnectionTrait,
    p: &procedure::Model,
    tasks: &[domain::fis_oko::plan::PaperTask],
) -> Result<Vec<Participant>, DbErr> {
    let coded = codes_of(db, p).await?;
    let typed = typed_of(db, p).await?;
    let marks = last_term_marks(db, p).await?;
    let variants: BTreeMap<i32, Option<i16>> = participant_code::Entity::find()
        .filter(participant_code::Column::ProcedureId.eq(p.id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.student_id, c.variant))
        .collect();
    Ok(coded
        .into_iter()
        .map(|(code, pupil)| {
            let sitting = match typed.get(&pupil.student_id) {
                Some(t) if t.absent => Sitting::Absent,
                Some(t) if !t.scores.is_empty() => Sitting::Wrote(
                    tasks
                        .iter()
                        .map(|task| t.scores.get(&task.id).copied())
                        .collect(),
                ),
                _ => Sitting::NotEntered,
            };
            Participant {
                code,
                ordinal: pupil.ordinal,
                variant: variants.get(&pupil.student_id).copied().flatten(),
                sitting,
                mark: marks.get(&pupil.student_id).copied(),
            }
        })
        .collect())
}

/// The journal's marks in the paper's subject for the last term that ended before the paper
/// («Отметка за предыдущий триместр/четверть/полугодие»).
async fn last_term_marks(
    db: &impl ConnectionTrait,
    p: &procedure::Model,
) -> Result<BTreeMap<i32, i16>, DbErr> {
    let before = term::Entity::find()
        .filter(term::Column::AcademicYearId.eq(p.academic_year_id))
        .filter(term::Column::EndsOn.lt(p.held_on))
        .all(db)
        .await?
        .into_iter()
        .max_by_key(|t| t.ends_on);
    let Some(last) = before else {
        return Ok(BTreeMap::new());
    };
    Ok(journal_mark::Entity::find()
        .filter(journal_mark::Column::TermId.eq(last.id))
        .filter(journal_mark::Column::Kind.eq("term"))
        .filter(journal_mark::Column::SubjectId.eq(p.subject_id))
        // «н/а» is no mark: the form gets «нет отметки».
        .filter(journal_mark::Column::Mark.gt(0))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.student_id, m.mark))
        .collect())
}
