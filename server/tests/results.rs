//! Procedure results on the class page: marks derived from task scores and the scale, and each
//! person sees only the subjects the policy gives them.

mod common;

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::Value;

use backend::entity::{class, school};
use common::api::{app, call, login};

async fn class_5a(db: &DatabaseConnection) -> i32 {
    let main = school::Entity::find()
        .filter(school::Column::ShortName.eq("Школа № 17"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    // This year's 5А is created first; last year's comes later, with last spring's ВПР.
    let mut ids = Vec::new();
    for c in class::Entity::find()
        .filter(class::Column::SchoolId.eq(main.id))
        .filter(class::Column::Grade.eq(5))
        .filter(class::Column::Letter.eq("А"))
        .all(db)
        .await
        .unwrap()
    {
        ids.push(c.id);
    }
    *ids.iter().min().unwrap()
}

async fn procedures(db: &DatabaseConnection) {
    server::demo::load(db, Default::default()).await.unwrap();
    let app = app(db);
    let c5a = class_5a(db).await;
    let body = format!("class_id={c5a}");
    let list = |text: &str| -> Vec<Value> {
        serde_json::from_str::<Value>(text)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    };

    let teacher = login(&app, "teacher", "demo").await;
    let (status, _, text) = call(&app, "class/procedures", &body, Some(&teacher)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let mine = list(&text);
    assert!(!mine.is_empty());
    assert!(
        mine.iter().all(|p| p["subject"] == "Математика"),
        "a mathematics teacher sees mathematics only: {text}"
    );

    let class_teacher = login(&app, "class_teacher", "demo").await;
    let (_, _, text) = call(&app, "class/procedures", &body, Some(&class_teacher)).await;
    let all = list(&text);
    let vpr = all
        .iter()
        .find(|p| p["title"] == "ВПР. Русский язык, 4 класс")
        .expect("last spring's ВПР of today's 5А");
    let marks: u64 = vpr["marks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_u64().unwrap())
        .sum();
    assert_eq!(
        marks + vpr["absent"].as_u64().unwrap(),
        vpr["listed"].as_u64().unwrap()
    );
    assert!(all.iter().any(|p| p["subject"] == "Русский язык"));
    assert!(all.iter().any(|p| p["subject"] == "Математика"));
    assert!(all.len() > mine.len());
}
both_engines!(class_results_follow_the_policy, procedures);
