//! Who may give whom access: nobody gives himself a role (the admin, who sees no children's
//! data, least of all), and every role given, account made and password set anew is shown to
//! the director.

mod common;

use axum::http::StatusCode;
use sea_orm::DatabaseConnection;
use serde_json::Value;

use common::api::{form, login};
use common::people::{account_id, status, this_years_class};
use common::results::main_school;

async fn self_grants(db: &DatabaseConnection) {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let app = common::api::app(db);
    let school = main_school(db).await;
    let c5a = this_years_class(db, school.id, 5, "А").await;
    let admin = login(&app, "admin", "demo").await;
    let director = login(&app, "director", "demo").await;
    let own = account_id(db, "admin").await.to_string();
    let roster = form(&[("class_id", &c5a.id.to_string())]);

    for role in ["Deputy", "Director", "Psychologist", "Teacher", "Council"] {
        let body = form(&[("account_id", &own), ("role", role)]);
        let (code, text) = status(&app, "accounts/grant", &body, &admin).await;
        assert_eq!(code, StatusCode::BAD_REQUEST, "{role}: {text}");
        assert!(text.contains("самому себе"), "{text}");
    }
    let body = form(&[
        ("account_id", &own),
        ("role", "ClassTeacher"),
        ("class_id", &c5a.id.to_string()),
    ]);
    assert_eq!(
        status(&app, "accounts/grant", &body, &admin).await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        status(&app, "class", &roster, &admin).await.0,
        StatusCode::FORBIDDEN,
        "the admin still sees no child"
    );
    let (_, list) = status(&app, "dashboard/access", "", &director).await;
    let list: Value = serde_json::from_str(&list).unwrap();
    assert_eq!(
        list["events"].as_array().unwrap().len(),
        0,
        "refused grants give nothing"
    );

    // The admin gives a colleague a role and a password: the director reads both.
    let teacher2 = account_id(db, "teacher2").await.to_string();
    let body = form(&[
        ("account_id", &teacher2),
        ("role", "Deputy"),
        ("grade", "5"),
    ]);
    let (code, text) = status(&app, "accounts/grant", &body, &admin).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let body = form(&[("account_id", &teacher2), ("password", "сирень в мае")]);
    assert_eq!(
        status(&app, "accounts/password", &body, &admin).await.0,
        StatusCode::OK
    );

    let (code, text) = status(&app, "dashboard/access", "", &director).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let review: Value = serde_json::from_str(&text).unwrap();
    let events = review["events"].as_array().unwrap();
    assert_eq!(events.len(), 2, "{text}");
    for event in events {
        assert!(!event["by"].as_str().unwrap().is_empty(), "{event}");
        assert_eq!(event["sees_children"], true, "{event}");
    }
    assert!(
        events[1]["what"]
            .as_str()
            .unwrap()
            .contains("Заместитель директора по УВР (5-е классы)"),
        "{text}"
    );
    assert!(
        events[0]["what"].as_str().unwrap().contains("пароль"),
        "{text}"
    );
    assert_eq!(events[0]["person"], events[1]["person"]);

    let (_, dashboard) = status(&app, "dashboard/director", "", &director).await;
    let dashboard: Value = serde_json::from_str(&dashboard).unwrap();
    let item = dashboard["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "Access")
        .expect("the director's dashboard names the access given");
    assert_eq!(item["count"], 2);
    assert_eq!(item["href"], "/dashboard/access");

    for who in ["deputy", "admin", "council", "mo_head", "municipal"] {
        let cookie = login(&app, who, "demo").await;
        assert_eq!(
            status(&app, "dashboard/access", "", &cookie).await.0,
            StatusCode::FORBIDDEN,
            "{who} does not read the access log"
        );
        let (_, board) = status(&app, "dashboard/director", "", &cookie).await;
        assert!(!board.contains("\"Access\""), "{who}: {board}");
    }
}
both_engines!(
    nobody_grants_himself_and_the_director_sees_every_grant,
    self_grants
);
