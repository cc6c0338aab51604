//! Moving the school to the next school year through the real router: refused mid-year,
//! then the whole school a grade up, last year archived and closed for editing.

mod common;

use axum::http::StatusCode;
use chrono::{Duration, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use backend::entity::{
    academic_year, class, procedure, role_assignment, student, teaching_assignment, term,
};
use common::api::{app, login};
use common::people::{status, this_years_class, ROLES};
use common::results::main_school;
use common::sync::pupils;

/// Sets the end of this year's last term: the move to the next year opens on that day.
async fn last_term_ends(db: &DatabaseConnection, year_id: i32, on: NaiveDate) {
    let last = term::Entity::find()
        .filter(term::Column::AcademicYearId.eq(year_id))
        .filter(term::Column::Number.eq(4))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    term::Entity::update_many()
        .col_expr(term::Column::EndsOn, Expr::value(on))
        .filter(term::Column::Id.eq(last.id))
        .exec(db)
        .await
        .unwrap();
}

async fn school_year(db: &DatabaseConnection) {
    server::demo::load(db, Default::default()).await.unwrap();
    let app = app(db);
    let school = main_school(db).await;
    let deputy = login(&app, "deputy", "demo").await;
    let teacher = login(&app, "teacher", "demo").await;
    let year = backend::school::current_year(db, school.id)
        .await
        .unwrap()
        .unwrap();
    let today = Utc::now().date_naive();
    let c5a = this_years_class(db, school.id, 5, "А").await;
    let c11a = this_years_class(db, school.id, 11, "А").await;
    let in_5a = pupils(db, c5a.id).await;
    let leader_5a = role_assignment::Entity::find()
        .filter(role_assignment::Column::ClassId.eq(c5a.id))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .account_id;
    let taught_5a = teaching_assignment::Entity::find()
        .filter(teaching_assignment::Column::ClassId.eq(c5a.id))
        .all(db)
        .await
        .unwrap()
        .len();

    // In the middle of the year the move is refused and changes nothing.
    last_term_ends(db, year.id, today + Duration::days(10)).await;
    assert_eq!(
        status(&app, "year/preview", "", &teacher).await.0,
        StatusCode::FORBIDDEN
    );
    let (code, preview) = status(&app, "year/preview", "", &deputy).await;
    assert_eq!(code, StatusCode::OK, "{preview}");
    assert!(
        preview.contains("\"open\":false") && preview.contains("2027/2028"),
        "{preview}"
    );
    let (code, text) = status(&app, "year/start", "", &deputy).await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(text.contains("ещё идёт"), "{text}");
    assert_eq!(
        academic_year::Entity::find()
            .filter(academic_year::Column::SchoolId.eq(school.id))
            .all(db)
            .await
            .unwrap()
            .len(),
        2
    );

    last_term_ends(db, year.id, today - Duration::days(1)).await;
    for role in ROLES.iter().filter(|r| !["deputy", "admin"].contains(r)) {
        let cookie = login(&app, role, "demo").await;
        assert_eq!(
            status(&app, "year/start", "", &cookie).await.0,
            StatusCode::FORBIDDEN,
            "{role} does not move the school"
        );
    }
    let (code, text) = status(&app, "year/start", "", &deputy).await;
    assert_eq!(code, StatusCode::OK, "{text}");

    let old = academic_year::Entity::find_by_id(year.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(old.archived, "last year is history");
    let next = backend::school::current_year(db, school.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(next.name, "2027/2028");
    assert_eq!(
        term::Entity::find()
            .filter(term::Column::AcademicYearId.eq(next.id))
            .all(db)
            .await
            .unwrap()
            .len(),
        4
    );
    let c6a = this_years_class(db, school.id, 6, "А").await;
    let now_in_6a = pupils(db, c6a.id).await;
    assert_eq!(now_in_6a, in_5a, "5А went up to 6А whole");
    let graduates = student::Entity::find()
        .filter(student::Column::ClassId.eq(c11a.id))
        .all(db)
        .await
        .unwrap();
    assert!(!graduates.is_empty());
    assert!(
        graduates.iter().all(|s| s.left_on == Some(year.ends_on)),
        "11А left school"
    );
    let led_11a = role_assignment::Entity::find()
        .filter(role_assignment::Column::ClassId.eq(c11a.id))
        .all(db)
        .await
        .unwrap();
    assert!(
        led_11a.is_empty(),
        "the class teacher of a class that left leads no class"
    );
    let new_classes = class::Entity::find()
        .filter(class::Column::AcademicYearId.eq(next.id))
        .all(db)
        .await
        .unwrap();
    assert!(
        new_classes.iter().all(|c| (2..=11).contains(&c.grade)),
        "no first grade until added"
    );
    let leader_6a = role_assignment::Entity::find()
        .filter(role_assignment::Column::ClassId.eq(c6a.id))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .account_id;
    assert_eq!(
        leader_6a, leader_5a,
        "the class teacher stays with the class"
    );
    assert_eq!(
        teaching_assignment::Entity::find()
            .filter(teaching_assignment::Column::ClassId.eq(c6a.id))
            .all(db)
            .await
            .unwrap()
            .len(),
        taught_5a
    );
    let open_last_year = procedure::Entity::find()
        .filter(procedure::Column::AcademicYearId.eq(year.id))
        .filter(procedure::Column::ClosedAt.is_null())
        .all(db)
        .await
        .unwrap();
    assert!(
        open_last_year.is_empty(),
        "last year's works are closed for editing"
    );

    // The teacher goes on with her classes, now a grade up.
    let (code, mine) = status(&app, "my-classes", "", &teacher).await;
    assert_eq!(code, StatusCode::OK);
    assert!(mine.contains("6А") && !mine.contains("5А"), "{mine}");

    // The next move waits for the next year's last term.
    let (code, text) = status(&app, "year/start", "", &deputy).await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(text.contains("2027/2028 ещё идёт"), "{text}");
}
both_engines!(the_school_moves_to_the_next_year, school_year);
