//! The director's dashboard and its details. The figures are aggregated in SQL (a year of a
//! school's marks never comes into memory); `server/tests/dashboard.rs` proves them equal to the
//! pure functions of [`domain::indicators`] on the demo data.

pub mod access;
pub mod objectivity;
pub mod period;
pub mod risk;
pub mod thresholds;

use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::entity::{class, school, subject};
use crate::plan::view::summaries;
use crate::platform::request::Request;
use crate::platform::sql::{int, rows};
use crate::school::current_year;
use crate::term_results::per_student;
use domain::error::AppError;
use domain::format::count;
use domain::policy::{Action, Resource};
use domain::wire::dashboard::{
    ClassBelowMinimum, Decision, DecisionKind, DirectorDashboard, MinimumReport, ObjectivityReport,
    ProcedureObjectivity, RiskGroup,
};
use period::{figures, marked_terms, Period};

fn results(school_id: i32) -> Resource {
    Resource::SchoolResults { school_id }
}

pub async fn director() -> Result<DirectorDashboard, AppError> {
    let (req, who, school_id) = Request::school_access(Action::View, results).await?;
    let mut dashboard = director_for(&req.db, school_id).await?;
    if !domain::policy::may(&who, Action::View, Resource::SchoolStudents { school_id }) {
        // A narrowed reader counts only the procedures she may open.
        let narrowed = objectivity_of(&req.db, &who, school_id).await?;
        let at = dashboard
            .decisions
            .iter()
            .position(|d| d.kind == DecisionKind::Objectivity);
        dashboard
            .decisions
            .retain(|d| d.kind != DecisionKind::Objectivity);
        if let Some(item) = objectivity_decision(&narrowed.procedures) {
            dashboard.decisions.insert(at.unwrap_or(0), item);
        }
    }
    if domain::policy::may(&who, Action::View, Resource::AccessLog { school_id }) {
        let recent = access::events(&req.db, school_id, access::RECENT_DAYS).await?;
        let to_children = recent.iter().filter(|e| e.sees_children).count() as u32;
        if to_children > 0 {
            dashboard.decisions.push(Decision {
                kind: DecisionKind::Access,
                count: to_children,
                title: "Выданный доступ к данным учеников".into(),
                detail: format!(
                    "за {} дней: роли, новые учётные записи и пароли, заданные администратором",
                    access::RECENT_DAYS
                ),
                href: "/dashboard/access".into(),
            });
        }
    }
    Ok(dashboard)
}

/// The dashboard of one school: what `dashboard/director` answers, without the request.
pub async fn director_for(
    db: &impl ConnectionTrait,
    school_id: i32,
) -> Result<DirectorDashboard, DbErr> {
    let name = school::Entity::find_by_id(school_id)
        .one(db)
        .await?
        .map(|s| s.short_name)
        .unwrap_or_default();
    let terms = marked_terms(db, school_id).await?;
    let now = match terms.first() {
        Some(t) => Some(figures(db, t).await?),
        None => None,
    };
    let before = match terms.get(1) {
        Some(t) => Some(figures(db, t).await?),
        None => None,
    };
    let mut decisions = Vec::new();

    let thresholds = objectivity::thresholds(db, school_id).await?;
    let procedures = objectivity::report(db, school_id, &thresholds).await?;
    decisions.extend(objectivity_decision(&procedures));

    if let Some(term) = terms.first() {
        let below = below_minimum(db, term).await?;
        if !below.is_empty() {
            let students: u32 = below.iter().map(|c| c.below).sum();
            decisions.push(Decision {
                kind: DecisionKind::BelowMinimum,
                count: below.len() as u32,
                title: "Классы ниже обязательного минимума".into(),
                detail: format!(
                    "{} с «2» за {}",
                    count(students, "ученик", "ученика", "учеников"),
                    term.title
                ),
                href: "/dashboard/minimum".into(),
            });
        }
    }

    if let Some(year) = current_year(db, school_id).await? {
        let group = risk::members(db, &year, terms.first()).await?;
        if !group.students.is_empty() {
            decisions.push(Decision {
                kind: DecisionKind::RiskGroup,
                count: group.students.len() as u32,
                title: "Группа риска".into(),
                detail: count(group.students.len() as u32, "ученик", "ученика", "учеников"),
                href: "/dashboard/risk".into(),
            });
        }
    }

    for plan in summaries(db, school_id).await? {
        if plan.late > 0 {
            decisions.push(Decision {
                kind: DecisionKind::LateMeasures,
                count: plan.late as u32,
                title: "Просроченные мероприятия плана".into(),
                detail: format!(
                    "{}: {}",
                    plan.title,
                    count(
                        plan.late as u32,
                        "мероприятие",
                        "мероприятия",
                        "мероприятий"
                    )
                ),
                href: format!("/plans/{}?late", plan.id),
            });
        }
    }
    Ok(DirectorDashboard {
        school: name,
        now,
        before,
        decisions,
        journal: crate::journal_import::provenance(db, school_id).await?,
        without_marks: match terms.first() {
            Some(t) => period::without_marks(db, school_id, t).await?,
            None => Vec::new(),
        },
    })
}

/// The dashboard's item for the procedures flagged for objectivity, if any.
fn objectivity_decision(procedures: &[ProcedureObjectivity]) -> Option<Decision> {
    let flagged: Vec<&ProcedureObjectivity> = procedures.iter().filter(|p| p.flagged()).collect();
    if flagged.is_empty() {
        return None;
    }
    let classes: usize = flagged
        .iter()
        .map(|p| p.classes.iter().filter(|c| !c.flags.is_empty()).count())
        .sum();
    Some(Decision {
        kind: DecisionKind::Objectivity,
        count: flagged.len() as u32,
        title: "Признаки необъективности оценивания".into(),
        detail: format!(
            "{}, {} с расхождением отметок",
            count(flagged.len() as u32, "процедура", "процедуры", "процедур"),
            count(classes as u32, "класс", "класса", "классов")
        ),
        href: "/dashboard/objectivity".into(),
    })
}

pub async fn objectivity_report() -> Result<ObjectivityReport, AppError> {
    let (req, who, school_id) = Request::school_access(Action::View, results).await?;
    let mut report = objectivity_of(&req.db, &who, school_id).await?;
    report.may_set = domain::policy::may(&who, Action::Edit, results(school_id));
    Ok(report)
}

/// The objectivity report narrowed to the procedures whose reports the person may open (an МО
/// head's МО, a deputy's grade levels), so every procedure listed leads somewhere.
pub async fn objectivity_of(
    db: &impl ConnectionTrait,
    who: &domain::policy::Principal,
    school_id: i32,
) -> Result<ObjectivityReport, DbErr> {
    let mut report = objectivity_for(db, school_id).await?;
    let readable = crate::report::readable(db, who, school_id).await?;
    report
        .procedures
        .retain(|p| readable.contains(&p.procedure_id));
    Ok(report)
}

pub async fn objectivity_for(
    db: &impl ConnectionTrait,
    school_id: i32,
) -> Result<ObjectivityReport, DbErr> {
    let own = objectivity::own_thresholds(db, school_id).await?;
    let thresholds = own.unwrap_or_default();
    Ok(ObjectivityReport {
        procedures: objectivity::report(db, school_id, &thresholds).await?,
        thresholds,
        own_thresholds: own.is_some(),
        may_set: false,
    })
}

pub async fn minimum_report() -> Result<MinimumReport, AppError> {
    let (req, _, school_id) = Request::school_access(Action::View, results).await?;
    Ok(minimum_for(&req.db, school_id).await?)
}

pub async fn minimum_for(
    db: &impl ConnectionTrait,
    school_id: i32,
) -> Result<MinimumReport, DbErr> {
    let terms = marked_terms(db, school_id).await?;
    let Some(term) = terms.first() else {
        return Ok(MinimumReport {
            term: None,
            classes: Vec::new(),
        });
    };
    Ok(MinimumReport {
        term: Some(term.title.clone()),
        classes: below_minimum(db, term).await?,
    })
}

pub async fn risk_group() -> Result<RiskGroup, AppError> {
    let (req, _, school_id) = Request::school_access(Action::View, students).await?;
    Ok(risk_group_for(&req.db, school_id).await?)
}

fn students(school_id: i32) -> Resource {
    Resource::SchoolStudents { school_id }
}

pub async fn risk_group_for(db: &impl ConnectionTrait, school_id: i32) -> Result<RiskGroup, DbErr> {
    let terms = marked_terms(db, school_id).await?;
    let Some(year) = current_year(db, school_id).await? else {
        return Ok(RiskGroup {
            criteria: risk::criteria(None),
            students: Vec::new(),
        });
    };
    risk::members(db, &year, terms.first()).await
}

/// The classes where some students got a «2» for the term, the most such students first.
pub async fn below_minimum(
    db: &impl ConnectionTrait,
    term: &Period,
) -> Result<Vec<ClassBelowMinimum>, DbErr> {
    let by_class = per_student(db, term.term_id).await?;
    let mut twos: BTreeMap<i32, Vec<(i32, u32)>> = BTreeMap::new();
    for row in rows(
        db,
        "SELECT j.class_id, j.subject_id, COUNT(*) FROM journal_mark j
         WHERE j.term_id = $1 AND j.kind = 'term' AND j.mark <= 2
         GROUP BY j.class_id, j.subject_id",
        vec![term.term_id.into()],
    )
    .await?
    {
        let (class_id, subject_id): (i32, i32) =
            (row.try_get_by_index(0)?, row.try_get_by_index(1)?);
        twos.entry(class_id)
            .or_default()
            .push((subject_id, int(&row, 2)?));
    }
    let names: BTreeMap<i32, String> = subject::Entity::find()
        .filter(subject::Column::Id.is_in(twos.values().flatten().map(|(s, _)| *s)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let classes = class::Entity::find()
        .filter(class::Column::Id.is_in(twos.keys().copied()))
        .all(db)
        .await?;
    let mut out: Vec<ClassBelowMinimum> = classes
        .into_iter()
        .map(|c| {
            let students = by_class.get(&c.id).map(Vec::as_slice).unwrap_or_default();
            let mut subjects: Vec<(String, u32)> = twos[&c.id]
                .iter()
                .map(|(s, n)| (names.get(s).cloned().unwrap_or_default(), *n))
                .collect();
            subjects.sort();
            ClassBelowMinimum {
                class_id: c.id,
                name: c.name(),
                students: students.len() as u32,
                below: students
                    .iter()
                    .filter(|(lowest, _, _)| *lowest <= 2)
                    .count() as u32,
                subjects,
            }
        })
        .collect();
    out.sort_by(|a, b| b.below.cmp(&a.below).then_with(|| a.name.cmp(&b.name)));
    Ok(out)
}
