//! The deputy's subjects and МО through the real router.

mod common;

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use backend::entity::{subject, subject_group};
use common::api::{app, form, login};
use common::people::status;
use common::results::main_school;

async fn subjects(db: &DatabaseConnection) {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let app = app(db);
    let school = main_school(db).await;
    let deputy = login(&app, "deputy", "demo").await;
    let teacher = login(&app, "teacher", "demo").await;
    let create_group = form(&[("name", "  МО учителей  технологии ")]);
    assert_eq!(
        status(&app, "subjects/group", &create_group, &teacher)
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        status(&app, "subjects", "", &teacher).await.0,
        StatusCode::FORBIDDEN
    );
    let (code, text) = status(&app, "subjects/group", &create_group, &deputy).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let group = subject_group::Entity::find()
        .filter(subject_group::Column::Name.eq("МО учителей технологии"))
        .one(db)
        .await
        .unwrap()
        .expect("the name is tidied");
    let (code, text) = status(
        &app,
        "subjects/group",
        &form(&[("name", "мо учителей технологии")]),
        &deputy,
    )
    .await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(text.contains("уже есть"), "{text}");

    let drawing = form(&[
        ("name", "Черчение"),
        ("subject_group_id", &group.id.to_string()),
    ]);
    let (code, text) = status(&app, "subjects/create", &drawing, &deputy).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let (code, text) = status(
        &app,
        "subjects/create",
        &form(&[("name", "черчение")]),
        &deputy,
    )
    .await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(text.contains("Предмет «черчение» уже есть"), "{text}");
    let (code, _) = status(&app, "subjects/create", &form(&[("name", "   ")]), &deputy).await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    let added = subject::Entity::find()
        .filter(subject::Column::Name.eq("Черчение"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (added.school_id, added.subject_group_id),
        (school.id, Some(group.id))
    );

    // Moved out of its МО, and refused an МО of another school.
    let (code, text) = status(
        &app,
        "subjects/move",
        &format!("subject_id={}", added.id),
        &deputy,
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let foreign = subject_group::Entity::find()
        .filter(subject_group::Column::SchoolId.ne(school.id))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let body = format!("subject_id={}&subject_group_id={}", added.id, foreign.id);
    assert_eq!(
        status(&app, "subjects/move", &body, &deputy).await.0,
        StatusCode::BAD_REQUEST
    );
    let now = subject::Entity::find_by_id(added.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(now.subject_group_id, None, "a refused move changes nothing");

    let (_, list) = status(&app, "subjects", "", &deputy).await;
    assert!(
        list.contains("Черчение") && list.contains("МО учителей технологии"),
        "{list}"
    );
    let (_, overview) = status(&app, "school", "", &deputy).await;
    assert!(overview.contains("МО учителей технологии"), "{overview}");
}
both_engines!(subjects_and_their_mo_are_set_up_by_the_deputy, subjects);
