//! A work entered only in part says so on every figure, and the objectivity alert waits for the
//! whole class, on SQLite and PostgreSQL.

mod common;

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use backend::completeness;
use backend::dashboard::objectivity;
use backend::entity::{class, procedure_result, task_score};
use common::api::{app, call, login};
use common::results::main_school;

async fn half_entered(db: &DatabaseConnection) {
    server::demo::load(db, Default::default()).await.unwrap();
    let school_id = main_school(db).await.id;
    let thresholds = objectivity::thresholds(db, school_id).await.unwrap();
    let before = objectivity::report(db, school_id, &thresholds)
        .await
        .unwrap();
    let (p, class) = before
        .iter()
        .find_map(|p| {
            p.classes
                .iter()
                .find(|c| !c.flags.is_empty())
                .map(|c| (p.clone(), c.clone()))
        })
        .expect("the demo has a flagged class");
    assert!(
        class.completeness.is_complete(),
        "the demo's works are whole: {:?}",
        class.completeness
    );
    assert!(class.completeness.roster >= 10);
    let by_class = completeness::of_procedure(db, p.procedure_id)
        .await
        .unwrap();
    let whole = completeness::total(&by_class, p.procedure_id);
    assert!(whole.is_complete() && whole.entered > class.completeness.roster);

    // Half the class's papers lose a task's score, as if the teacher stopped halfway.
    let results: Vec<procedure_result::Model> = procedure_result::Entity::find()
        .filter(procedure_result::Column::ProcedureId.eq(p.procedure_id))
        .filter(procedure_result::Column::Absent.eq(false))
        .all(db)
        .await
        .unwrap();
    let mut class_id = None;
    for (_, id) in by_class.keys() {
        let c = class::Entity::find_by_id(*id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        if c.name() == class.name {
            class_id = Some(c.id);
        }
    }
    let class_results: Vec<i32> = results
        .iter()
        .filter(|r| Some(r.class_id) == class_id)
        .map(|r| r.id)
        .collect();
    let cut: Vec<i32> = class_results.iter().step_by(2).copied().collect();
    for id in &cut {
        let one = task_score::Entity::find()
            .filter(task_score::Column::ResultId.eq(*id))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        task_score::Entity::delete_many()
            .filter(task_score::Column::ResultId.eq(*id))
            .filter(task_score::Column::TaskId.eq(one.task_id))
            .exec(db)
            .await
            .unwrap();
    }

    let after = objectivity::report(db, school_id, &thresholds)
        .await
        .unwrap();
    let same = after
        .iter()
        .find(|x| x.procedure_id == p.procedure_id)
        .and_then(|x| x.classes.iter().find(|c| c.name == class.name))
        .expect("still compared: the written ones have marks");
    assert_eq!(
        same.completeness.entered,
        class.completeness.entered - cut.len() as u32
    );
    assert!(
        same.flags.is_empty(),
        "the alert waits for the whole class: {:?}",
        same.flags
    );

    // The report says how much is entered, over the work and per class.
    let app = app(db);
    let deputy = login(&app, "deputy", "demo").await;
    let (status, _, text) = call(
        &app,
        "report",
        &format!("procedure_id={}", p.procedure_id),
        Some(&deputy),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        report["completeness"]["entered"].as_u64().unwrap() as u32,
        whole.entered - cut.len() as u32
    );
    assert_eq!(
        report["completeness"]["roster"].as_u64().unwrap() as u32,
        whole.roster
    );
    let row = report["by_class"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == class.name.as_str())
        .unwrap();
    assert_eq!(
        row["completeness"]["entered"].as_u64().unwrap() as u32,
        same.completeness.entered
    );
}
both_engines!(a_half_entered_work_is_marked_and_waits, half_entered);
