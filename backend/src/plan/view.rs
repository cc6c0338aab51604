//! Reading plans: a plan by section for the council, a user's own measures for «Мои
//! мероприятия», and the reminders of what is late or due soon.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::edits::measure::responsible;
use crate::entity::{
    measure, measure_evidence, measure_note, plan, plan_section, role_assignment, school,
};
use crate::platform::people;
use domain::plan::deadline::urgency;
use domain::plan::{
    completion, roman, Day, EvidenceView, MeasureView, NoteView, Person, PlanKind, PlanSummary,
    PlanView, SectionView,
};
use domain::policy::{may, Action, Principal, Resource};

/// The school's date today, in its own timezone.
pub async fn school_today(db: &impl ConnectionTrait, school_id: i32) -> Result<Day, DbErr> {
    let zone = school::Entity::find_by_id(school_id)
        .one(db)
        .await?
        .map(|s| s.timezone)
        .unwrap_or_default();
    Ok(Day::at(Utc::now().timestamp(), &zone))
}

/// Builds the views of `measures` with their sections, responsible people, notes and evidence.
pub async fn measure_views(
    db: &impl ConnectionTrait,
    measures: Vec<measure::Model>,
) -> Result<Vec<MeasureView>, DbErr> {
    let ids: Vec<i32> = measures.iter().map(|m| m.id).collect();
    let plan_ids: BTreeSet<i32> = measures.iter().map(|m| m.plan_id).collect();
    let plans: BTreeMap<i32, plan::Model> = plan::Entity::find()
        .filter(plan::Column::Id.is_in(plan_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let sections: BTreeMap<i32, plan_section::Model> = plan_section::Entity::find()
        .filter(plan_section::Column::PlanId.is_in(plan_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let leads = responsible(db, ids.clone()).await?;
    let notes = measure_note::Entity::find()
        .filter(measure_note::Column::MeasureId.is_in(ids.clone()))
        .order_by_asc(measure_note::Column::ReceivedAt)
        .all(db)
        .await?;
    let evidence = measure_evidence::Entity::find()
        .filter(measure_evidence::Column::MeasureId.is_in(ids))
        .order_by_asc(measure_evidence::Column::AddedAt)
        .all(db)
        .await?;
    let names = people::names(
        db,
        leads
            .iter()
            .map(|r| r.account_id)
            .chain(notes.iter().map(|n| n.account_id))
            .chain(evidence.iter().map(|e| e.account_id))
            .collect::<BTreeSet<_>>(),
    )
    .await?;
    let name = |id: i32| names.get(&id).cloned().unwrap_or_default();
    let mut out = Vec::with_capacity(measures.len());
    for m in measures {
        let section = sections.get(&m.section_id);
        let status = m.status();
        let mut people: Vec<Person> = leads
            .iter()
            .filter(|r| r.measure_id == m.id)
            .map(|r| Person {
                id: r.account_id,
                name: name(r.account_id),
            })
            .collect();
        people.sort_by(|a, b| a.name.cmp(&b.name));
        out.push(MeasureView {
            id: m.id,
            plan_id: m.plan_id,
            plan_title: plans
                .get(&m.plan_id)
                .map(|p| p.title.clone())
                .unwrap_or_default(),
            section_id: m.section_id,
            number: format!(
                "{}.{}",
                section
                    .map(|s| roman(s.position as usize))
                    .unwrap_or_default(),
                m.position
            ),
            section: section.map(|s| s.title.clone()).unwrap_or_default(),
            title: m.title,
            period: m.period,
            starts_on: m.starts_on.map(|d| d.to_string()),
            due_on: m.due_on.map(|d| d.to_string()),
            responsible: people,
            documents: m.documents.lines().map(str::to_string).collect(),
            status,
            cancel_reason: m.cancel_reason,
            version: m.version,
            notes: notes
                .iter()
                .filter(|n| n.measure_id == m.id)
                .map(|n| NoteView {
                    id: n.id.clone(),
                    author: name(n.account_id),
                    written_at: n.written_at.clone(),
                    text: n.text.clone(),
                })
                .collect(),
            evidence: evidence
                .iter()
                .filter(|e| e.measure_id == m.id)
                .map(|e| EvidenceView {
                    id: e.id.clone(),
                    title: e.title.clone(),
                    url: e.url.clone(),
                    size: e.size,
                    added_by: name(e.account_id),
                    added_at: e.added_at.to_rfc3339(),
                })
                .collect(),
        });
    }
    Ok(out)
}

/// One plan by section, for those who may read the school's plans.
pub async fn plan_view(
    db: &impl ConnectionTrait,
    who: &Principal,
    p: plan::Model,
) -> Result<PlanView, DbErr> {
    let sections = plan_section::Entity::find()
        .filter(plan_section::Column::PlanId.eq(p.id))
        .order_by_asc(plan_section::Column::Position)
        .all(db)
        .await?;
    let measures = measure::Entity::find()
        .filter(measure::Column::PlanId.eq(p.id))
        .order_by_asc(measure::Column::Position)
        .all(db)
        .await?;
    let mut views = measure_views(db, measures).await?;
    let staff_ids: BTreeSet<i32> = role_assignment::Entity::find()
        .filter(role_assignment::Column::SchoolId.eq(p.school_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.account_id)
        .collect();
    let mut staff: Vec<Person> = people::names(db, staff_ids)
        .await?
        .into_iter()
        .map(|(id, name)| Person { id, name })
        .collect();
    staff.sort_by(|a, b| a.name.cmp(&b.name));
    let approved_by = match p.approved_by {
        Some(id) if p.approved_at.is_some() => people::names(db, [id]).await?.remove(&id),
        _ => None,
    };
    let approved_on = p.approved_at.map(|at| at.format("%Y-%m-%d").to_string());
    let approved = p.approved_at.map(|at| {
        format!(
            "утверждён {}{}",
            at.format("%d.%m.%Y"),
            approved_by
                .as_ref()
                .map(|n| format!(", {n}"))
                .unwrap_or_default()
        )
    });
    let school = crate::entity::school::Entity::find_by_id(p.school_id)
        .one(db)
        .await?
        .map(|s| s.name)
        .unwrap_or_default();
    let today = school_today(db, p.school_id).await?;
    let school_id = p.school_id;
    Ok(PlanView {
        id: p.id,
        kind: PlanKind::from_code(&p.kind).unwrap_or(PlanKind::Innovation),
        title: p.title,
        approved,
        school,
        approved_by,
        approved_on,
        sections: sections
            .into_iter()
            .map(|s| SectionView {
                id: s.id,
                number: roman(s.position as usize),
                title: s.title,
                measures: take_section(&mut views, s.id),
            })
            .collect(),
        staff,
        today: today.iso(),
        may_edit: may(who, Action::Edit, Resource::Plan { school_id }),
        may_approve: may(who, Action::Edit, Resource::PlanApproval { school_id }),
    })
}

/// The measures of one section, taken out of `views`.
fn take_section(views: &mut Vec<MeasureView>, section_id: i32) -> Vec<MeasureView> {
    let (mine, rest) = views.drain(..).partition(|m| m.section_id == section_id);
    *views = rest;
    mine
}

/// The plans of the user's school with their completion.
pub async fn summaries(
    db: &impl ConnectionTrait,
    school_id: i32,
) -> Result<Vec<PlanSummary>, DbErr> {
    let plans = plan::Entity::find()
        .filter(plan::Column::SchoolId.eq(school_id))
        .order_by_asc(plan::Column::Id)
        .all(db)
        .await?;
    let today = school_today(db, school_id).await?;
    let mut out = Vec::new();
    for p in plans {
        let measures = measure::Entity::find()
            .filter(measure::Column::PlanId.eq(p.id))
            .all(db)
            .await?;
        let late = measures
            .iter()
            .filter(|m| urgency(m.status(), m.due(), today).is_late())
            .count();
        let (done, total) = completion(measures.iter().map(measure::Model::status));
        out.push(PlanSummary {
            id: p.id,
            kind: PlanKind::from_code(&p.kind).unwrap_or(PlanKind::Innovation),
            title: p.title,
            approved: p.approved_at.is_some(),
            done,
            total,
            late,
        });
    }
    Ok(out)
}
