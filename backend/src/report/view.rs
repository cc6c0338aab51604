//! The analytical report as the screen and the export read it: the figures computed from the
//! results, the conclusions and decisions as stored.

use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::completeness;
use crate::dashboard::objectivity;
use crate::entity::{
    analytical_report, class, measure, procedure, procedure_class, procedure_result,
    report_decision, student, subject,
};
use crate::report::analysis;
use domain::assessment::ProcedureKind;
use domain::error::AppError;
use domain::indicators::MarkCounts;
use domain::policy::{may, Action, Principal, Resource};
use domain::wire::report::{AnalyticalReport, ClassCounts, DecisionLine};

/// The report of `p` as `who` may read it (the caller has checked that they may).
pub async fn build(
    db: &impl ConnectionTrait,
    who: &Principal,
    p: procedure::Model,
) -> Result<AnalyticalReport, AppError> {
    let class_ids: Vec<i32> = procedure_class::Entity::find()
        .filter(procedure_class::Column::ProcedureId.eq(p.id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.class_id)
        .collect();
    let classes: BTreeMap<i32, class::Model> = class::Entity::find()
        .filter(class::Column::Id.is_in(class_ids))
        .order_by_asc(class::Column::Letter)
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let results = procedure_result::Entity::find()
        .filter(procedure_result::Column::ProcedureId.eq(p.id))
        .all(db)
        .await?;
    let per_class = analysis::class_counts(db, p.id).await?;
    let entered = completeness::of_procedure(db, p.id).await?;
    let mut school = MarkCounts::default();
    for c in per_class.values() {
        school.merge(c);
    }
    // Every class of the work, those with nothing entered yet too: the table says how far each is.
    let by_class = classes
        .iter()
        .map(|(id, c)| ClassCounts {
            name: c.name(),
            counts: per_class.get(id).copied().unwrap_or_default(),
            completeness: entered.get(&(p.id, *id)).copied().unwrap_or_default(),
        })
        .collect();
    let (low, high) = analysis::groups(db, p.id).await?;
    let names_allowed = may(
        who,
        Action::View,
        Resource::SchoolStudents {
            school_id: p.school_id,
        },
    );
    let names = |ids: &[i32]| {
        let ids = ids.to_vec();
        async move {
            if !names_allowed {
                return Ok::<_, AppError>(Vec::new());
            }
            let mut found: Vec<String> = student::Entity::find()
                .filter(student::Column::Id.is_in(ids))
                .all(db)
                .await?
                .iter()
                .map(student::Model::full_name)
                .collect();
            found.sort();
            Ok(found)
        }
    };
    let thresholds = objectivity::thresholds(db, p.school_id).await?;
    let objectivity = objectivity::report(db, p.school_id, &thresholds)
        .await?
        .into_iter()
        .find(|o| o.procedure_id == p.id);
    let pairs = analysis::against_journal(db, &p).await?;
    let gaps = domain::indicators::objectivity::wide_gaps(&pairs);
    let mut gap_names = Vec::new();
    if names_allowed {
        let marks: BTreeMap<i32, (i16, i16)> =
            pairs.iter().map(|(s, m, j)| (*s, (*m, *j))).collect();
        for s in student::Entity::find()
            .filter(student::Column::Id.is_in(gaps.clone()))
            .all(db)
            .await?
        {
            let (mark, journal) = marks[&s.id];
            gap_names.push(format!(
                "{}: «{mark}», в журнале «{journal}»",
                s.full_name()
            ));
        }
        gap_names.sort();
    }
    let peaks = domain::indicators::objectivity::boundary_peaks(
        &analysis::totals(db, p.id).await?,
        [p.mark3_from, p.mark4_from, p.mark5_from],
        &thresholds,
    );
    let stored = analytical_report::Entity::find()
        .filter(analytical_report::Column::ProcedureId.eq(p.id))
        .one(db)
        .await?;
    let decisions = match &stored {
        Some(r) => decisions(db, r.id).await?,
        None => Vec::new(),
    };
    let (tasks, elements) = analysis::task_rates(db, p.id).await?;
    let (earlier, earlier_choices) = super::pairing::earlier(db, &p, &school).await?;
    Ok(AnalyticalReport {
        procedure_id: p.id,
        kind: ProcedureKind::from_code(&p.kind)
            .map(|k| k.title().to_string())
            .unwrap_or_else(|| p.kind.clone()),
        subject: subject::Entity::find_by_id(p.subject_id)
            .one(db)
            .await?
            .map(|s| s.name)
            .unwrap_or_default(),
        grade: p.grade,
        held_on: p.held_on.to_string(),
        classes: classes.values().map(class::Model::name).collect(),
        listed: results.len() as u32,
        absent: results.iter().filter(|r| r.absent).count() as u32,
        completeness: completeness::total(&entered, p.id),
        tasks,
        elements,
        earlier,
        earlier_choices,
        low: names(&low).await?,
        high: names(&high).await?,
        low_count: low.len() as u32,
        high_count: high.len() as u32,
        school,
        by_class,
        objectivity,
        wide_gap_count: gaps.len() as u32,
        wide_gaps: gap_names,
        peaks,
        conclusions: stored.map(|r| r.conclusions).unwrap_or_default(),
        decisions,
        may_edit: may(
            who,
            Action::Edit,
            Resource::SchoolResults {
                school_id: p.school_id,
            },
        ),
        source: p.source,
        title: p.title,
    })
}

async fn decisions(
    db: &impl ConnectionTrait,
    report_id: i32,
) -> Result<Vec<DecisionLine>, AppError> {
    let rows = report_decision::Entity::find()
        .filter(report_decision::Column::ReportId.eq(report_id))
        .order_by_asc(report_decision::Column::Position)
        .all(db)
        .await?;
    let measures: BTreeMap<i32, measure::Model> = measure::Entity::find()
        .filter(measure::Column::Id.is_in(rows.iter().filter_map(|r| r.measure_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| DecisionLine {
            id: r.id,
            measure: r
                .measure_id
                .and_then(|id| measures.get(&id))
                .map(|m| (m.plan_id, m.title.clone())),
            text: r.text,
        })
        .collect())
}
