//! Objectivity as the school sees and sets it: the table downloads as XLSX with the screen's
//! numbers, and the deputy's thresholds change what is flagged, on SQLite and PostgreSQL.

mod common;

use axum::http::StatusCode;
use sea_orm::DatabaseConnection;
use serde_json::json;

use backend::dashboard::objectivity;
use common::api::{app, call, call_json, download, login};
use common::results::{main_school, sheet_rows};

/// The deputy sets the school's thresholds; bad values are refused in Russian and change
/// nothing; a teacher may not; the defaults come back on request.
async fn thresholds_are_the_schools(db: &DatabaseConnection, app: &axum::Router) {
    let school_id = main_school(db).await.id;
    let flagged = |t: domain::indicators::objectivity::Thresholds| async move {
        objectivity::report(db, school_id, &t)
            .await
            .unwrap()
            .iter()
            .filter(|p| p.flagged())
            .count()
    };
    let by_default = flagged(Default::default()).await;
    let deputy = login(app, "deputy", "demo").await;
    let set = |l: f64, r: f64| json!({"draft": {"lowered_over": l, "raised_over": r}});
    let (status, text) = call_json(app, "dashboard/thresholds", &set(0.0, 15.0), &deputy).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("от 1 до 99"), "{text}");
    assert_eq!(
        objectivity::own_thresholds(db, school_id).await.unwrap(),
        None
    );

    let (status, text) = call_json(app, "dashboard/thresholds", &set(60.0, 40.0), &deputy).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let own = objectivity::thresholds(db, school_id).await.unwrap();
    assert_eq!((own.lowered_over, own.raised_over), (60.0, 40.0));
    let (_, _, text) = call(app, "dashboard/objectivity", "", Some(&deputy)).await;
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(report["own_thresholds"], true);
    assert_eq!(report["may_set"], true);
    let flagged_now = report["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            !p["school"]["flags"].as_array().unwrap().is_empty()
                || p["classes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|c| !c["flags"].as_array().unwrap().is_empty())
        })
        .count();
    assert!(
        flagged_now < by_default,
        "looser thresholds flag fewer: {flagged_now} < {by_default}"
    );

    let teacher = login(app, "teacher", "demo").await;
    let (status, _) = call_json(app, "dashboard/thresholds", &set(20.0, 10.0), &teacher).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let council = login(app, "council", "demo").await;
    let (_, _, text) = call(app, "dashboard/objectivity", "", Some(&council)).await;
    assert!(text.contains("\"may_set\":false"), "{text}");

    let back = json!({"draft": {"lowered_over": null, "raised_over": null}});
    let (status, _) = call_json(app, "dashboard/thresholds", &back, &deputy).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        objectivity::own_thresholds(db, school_id).await.unwrap(),
        None
    );
    assert_eq!(flagged(Default::default()).await, by_default);
}

/// The objectivity table downloaded as XLSX and read back: the same rows and numbers as the
/// answer the screen draws, percentages as numbers.
async fn xlsx_matches_the_screen(app: &axum::Router, cookie: &str) {
    let (status, _, text) = call(app, "dashboard/objectivity", "", Some(cookie)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let screen: serde_json::Value = serde_json::from_str(&text).unwrap();
    let (status, kind, bytes) = download(app, "/api/table-export/objectivity", Some(cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.contains("spreadsheetml"), "{kind}");
    let rows = sheet_rows(bytes, "Таблица");
    assert_eq!(rows[0][0].to_string(), "Объективность оценивания");
    assert_eq!(rows[2][5].to_string(), "Понизили");
    let number = |c: &calamine::Data| match c {
        calamine::Data::Float(f) => *f,
        calamine::Data::Int(i) => *i as f64,
        other => panic!("a number, not {other:?}"),
    };
    let mut expected = Vec::new();
    for p in screen["procedures"].as_array().unwrap() {
        expected.push((p["title"].clone(), p["school"].clone()));
        for c in p["classes"].as_array().unwrap() {
            expected.push((p["title"].clone(), c.clone()));
        }
    }
    let body = &rows[3..];
    assert_eq!(body.len(), expected.len());
    for (row, (title, on_screen)) in body.iter().zip(&expected) {
        assert_eq!(row[0].to_string(), title.as_str().unwrap());
        assert_eq!(row[3].to_string(), on_screen["name"].as_str().unwrap());
        let c = &on_screen["comparison"];
        let (lowered, confirmed, raised) = (
            c["lowered"].as_f64().unwrap(),
            c["confirmed"].as_f64().unwrap(),
            c["raised"].as_f64().unwrap(),
        );
        assert_eq!(number(&row[4]), lowered + confirmed + raised);
        assert_eq!(number(&row[5]), lowered);
        assert!((number(&row[6]) - lowered * 100.0 / (lowered + confirmed + raised)).abs() < 1e-9);
        assert_eq!(number(&row[9]), raised);
    }
}
async fn objectivity_of_the_demo(db: &DatabaseConnection) {
    server::demo::load(db, Default::default()).await.unwrap();
    let app = app(db);
    let director = login(&app, "director", "demo").await;
    xlsx_matches_the_screen(&app, &director).await;
    thresholds_are_the_schools(db, &app).await;
}
both_engines!(objectivity_is_the_schools_to_set, objectivity_of_the_demo);
