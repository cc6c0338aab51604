//! Ids outside a person's scope: every endpoint that takes one answers only as far as the
//! person's own screens reach (an МО head her МО's subjects, a grade-level deputy her grade, a
//! teacher her classes, everyone her school), on both engines.

mod common;

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::Value;

use backend::entity::{procedure, school, subject};
use common::api::{app, download, form, login};
use common::people::{account_id, status};
use common::results::main_school;

async fn procedure_of(db: &DatabaseConnection, school_id: i32, subject: &str, grade: i16) -> i32 {
    let subject = subject::Entity::find()
        .filter(subject::Column::SchoolId.eq(school_id))
        .filter(subject::Column::Name.eq(subject))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    procedure::Entity::find()
        .filter(procedure::Column::SchoolId.eq(school_id))
        .filter(procedure::Column::SubjectId.eq(subject.id))
        .filter(procedure::Column::Grade.eq(grade))
        .one(db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("a procedure in {} for grade {grade}", subject.name))
        .id
}

async fn out_of_scope(db: &DatabaseConnection) {
    server::demo::load(db, Default::default()).await.unwrap();
    let app = app(db);
    let main = main_school(db).await;
    let maths_5 = procedure_of(db, main.id, "Математика", 5).await;
    let russian_5 = procedure_of(db, main.id, "Русский язык", 5).await;
    let russian_9 = procedure_of(db, main.id, "Русский язык", 9).await;
    let other = school::Entity::find()
        .filter(school::Column::ShortName.ne("Школа № 17"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let foreign = procedure_of(db, other.id, "Математика", 5).await;
    let report = |id: i32| form(&[("procedure_id", &id.to_string())]);

    // The МО head of mathematics: mathematics only, on the screen and by id.
    let head = login(&app, "mo_head", "demo").await;
    assert_eq!(
        status(&app, "report", &report(maths_5), &head).await.0,
        StatusCode::OK
    );
    for id in [russian_5, russian_9, foreign] {
        let (code, text) = status(&app, "report", &report(id), &head).await;
        assert_eq!(code, StatusCode::FORBIDDEN, "report {id}: {text}");
        for table in ["report-tasks", "report-classes"] {
            let (code, _, _) = download(
                &app,
                &format!("/api/table-export/{table}-{id}"),
                Some(&head),
            )
            .await;
            assert_eq!(code, StatusCode::FORBIDDEN, "{table}-{id}");
        }
    }
    let (code, _, _) = download(
        &app,
        &format!("/api/table-export/report-tasks-{maths_5}"),
        Some(&head),
    )
    .await;
    assert_eq!(code, StatusCode::OK);
    let (_, text) = status(&app, "dashboard/objectivity", "", &head).await;
    let listed: Value = serde_json::from_str(&text).unwrap();
    let listed = listed["procedures"].as_array().unwrap();
    assert!(!listed.is_empty(), "her МО's procedures are listed");
    for p in listed {
        let id = p["procedure_id"].as_i64().unwrap() as i32;
        assert_eq!(
            status(&app, "report", &report(id), &head).await.0,
            StatusCode::OK,
            "every procedure on her objectivity screen opens: {}",
            p["title"]
        );
    }
    let russian = subject::Entity::find()
        .filter(subject::Column::SchoolId.eq(main.id))
        .filter(subject::Column::Name.eq("Русский язык"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let body = form(&[("subject_id", &russian.id.to_string())]);
    assert_eq!(
        status(&app, "analysis/subject", &body, &head).await.0,
        StatusCode::FORBIDDEN
    );

    // A deputy for grade 5 only.
    let admin = login(&app, "admin", "demo").await;
    let teacher2 = account_id(db, "teacher2").await.to_string();
    let grant = form(&[
        ("account_id", &teacher2),
        ("role", "Deputy"),
        ("grade", "5"),
    ]);
    assert_eq!(
        status(&app, "accounts/grant", &grant, &admin).await.0,
        StatusCode::OK
    );
    let deputy_5 = login(&app, "teacher2", "demo").await;
    assert_eq!(
        status(&app, "report", &report(russian_5), &deputy_5)
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        status(&app, "report", &report(russian_9), &deputy_5)
            .await
            .0,
        StatusCode::FORBIDDEN,
        "another grade's report"
    );
    let save = serde_json::json!({"draft": {"procedure_id": russian_5, "conclusions": "x", "decisions": []}});
    let (code, _) = common::api::call_json(&app, "report/save", &save, &deputy_5).await;
    assert_eq!(
        code,
        StatusCode::FORBIDDEN,
        "the school's deputy writes the report"
    );

    // Teachers read no report; the school's deputy reads none of another school.
    let teacher = login(&app, "teacher", "demo").await;
    assert_eq!(
        status(&app, "report", &report(maths_5), &teacher).await.0,
        StatusCode::FORBIDDEN
    );
    let deputy = login(&app, "deputy", "demo").await;
    assert_eq!(
        status(&app, "report", &report(russian_9), &deputy).await.0,
        StatusCode::OK
    );
    assert_eq!(
        status(&app, "report", &report(foreign), &deputy).await.0,
        StatusCode::FORBIDDEN
    );
    let (code, _, _) = download(
        &app,
        &format!("/api/table-export/report-classes-{foreign}"),
        Some(&deputy),
    )
    .await;
    assert_eq!(code, StatusCode::FORBIDDEN);
}
both_engines!(ids_outside_a_person_s_scope_are_refused, out_of_scope);
