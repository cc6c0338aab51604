//! Roles with their scope on the administrator's screen, through the real router: given, used
//! at once, taken back, and what would lock someone out refused.

mod common;

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use backend::entity::{audit_log, class, role_assignment, subject_group};
use common::api::{app, form, login};
use common::people::{account_id, status, this_years_class};
use common::results::main_school;

async fn roles(db: &DatabaseConnection) {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let app = app(db);
    let school = main_school(db).await;
    let admin = login(&app, "admin", "demo").await;
    let deputy = login(&app, "deputy", "demo").await;
    let teacher2 = login(&app, "teacher2", "demo").await;
    let who = account_id(db, "teacher2").await.to_string();
    let groups = subject_group::Entity::find()
        .filter(subject_group::Column::SchoolId.eq(school.id))
        .all(db)
        .await
        .unwrap();
    let heads = role_assignment::Entity::find()
        .filter(role_assignment::Column::Role.eq("mo_head"))
        .all(db)
        .await
        .unwrap();
    let led = |g: &&subject_group::Model| heads.iter().any(|h| h.subject_group_id == Some(g.id));
    let headless = groups
        .iter()
        .find(|g| !led(g))
        .expect("an МО without a head");
    let with_head = groups.iter().find(led).expect("an МО with its head");
    let foreign_group = subject_group::Entity::find()
        .filter(subject_group::Column::SchoolId.ne(school.id))
        .one(db)
        .await
        .unwrap();

    let grant = |role: &str, extra: Vec<(&'static str, String)>| {
        let mut fields = vec![("account_id", who.clone()), ("role", role.to_string())];
        fields.extend(extra);
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        form(&fields)
    };
    let body = grant(
        "MoHead",
        vec![("subject_group_id", headless.id.to_string())],
    );
    assert_eq!(
        status(&app, "accounts/grant", &body, &deputy).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        status(&app, "accounts/grant", &body, &teacher2).await.0,
        StatusCode::FORBIDDEN
    );

    let (code, text) = status(&app, "accounts/grant", &grant("MoHead", vec![]), &admin).await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(text.contains("Выберите МО"), "{text}");
    if let Some(foreign) = &foreign_group {
        let other = grant("MoHead", vec![("subject_group_id", foreign.id.to_string())]);
        let (code, text) = status(&app, "accounts/grant", &other, &admin).await;
        assert_eq!(code, StatusCode::BAD_REQUEST);
        assert!(text.contains("Такого МО в школе нет"), "{text}");
    }
    let second_head = grant(
        "MoHead",
        vec![("subject_group_id", with_head.id.to_string())],
    );
    let (code, text) = status(&app, "accounts/grant", &second_head, &admin).await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(text.contains("уже есть руководитель"), "{text}");
    let (code, text) = status(&app, "accounts/grant", &grant("Municipal", vec![]), &admin).await;
    assert_eq!(code, StatusCode::BAD_REQUEST, "{text}");

    // An МО head sees the school's analysis; a plain teacher does not.
    assert_eq!(
        status(&app, "analysis/school", "", &teacher2).await.0,
        StatusCode::FORBIDDEN
    );
    let (code, text) = status(&app, "accounts/grant", &body, &admin).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    assert_eq!(
        status(&app, "analysis/school", "", &teacher2).await.0,
        StatusCode::OK
    );
    let (code, text) = status(&app, "accounts/grant", &body, &admin).await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(text.contains("уже есть эта роль"), "{text}");
    let (_, list) = status(&app, "accounts", "", &admin).await;
    assert!(
        list.contains(&format!("Руководитель МО ({})", headless.name)),
        "{list}"
    );
    let head = role_assignment::Entity::find()
        .filter(role_assignment::Column::SubjectGroupId.eq(headless.id))
        .filter(role_assignment::Column::AccountId.eq(account_id(db, "teacher2").await))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let (code, text) = status(
        &app,
        "accounts/revoke",
        &format!("grant_id={}", head.id),
        &admin,
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{text}");
    assert_eq!(
        status(&app, "analysis/school", "", &teacher2).await.0,
        StatusCode::FORBIDDEN
    );

    // A deputy for the first grade level sees 1А's roster, not 2А's.
    let first = this_years_class(db, school.id, 1, "А").await;
    let second = this_years_class(db, school.id, 2, "А").await;
    let roster = |c: &class::Model| format!("class_id={}", c.id);
    assert_eq!(
        status(&app, "class", &roster(&first), &teacher2).await.0,
        StatusCode::FORBIDDEN
    );
    let (code, text) = status(
        &app,
        "accounts/grant",
        &grant("Deputy", vec![("grade", "12".into())]),
        &admin,
    )
    .await;
    assert_eq!(code, StatusCode::BAD_REQUEST, "{text}");
    let (code, text) = status(
        &app,
        "accounts/grant",
        &grant("Deputy", vec![("grade", "1".into())]),
        &admin,
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{text}");
    assert_eq!(
        status(&app, "class", &roster(&first), &teacher2).await.0,
        StatusCode::OK
    );
    assert_eq!(
        status(&app, "class", &roster(&second), &teacher2).await.0,
        StatusCode::FORBIDDEN
    );

    // 1А has its class teacher already: a second one is refused, by name.
    let (code, text) = status(
        &app,
        "accounts/grant",
        &grant("ClassTeacher", vec![("class_id", first.id.to_string())]),
        &admin,
    )
    .await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(text.contains("уже есть классный руководитель"), "{text}");

    let (_, list) = status(&app, "accounts", "", &admin).await;
    assert!(
        list.contains("Заместитель директора по УВР (1-е классы)"),
        "{list}"
    );

    // Taking the grade-level role back closes 1А again, at once.
    let scoped = role_assignment::Entity::find()
        .filter(role_assignment::Column::Grade.eq(1))
        .filter(role_assignment::Column::AccountId.eq(account_id(db, "teacher2").await))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let revoke = |id: i32| format!("grant_id={id}");
    assert_eq!(
        status(&app, "accounts/revoke", &revoke(scoped.id), &deputy)
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let (code, text) = status(&app, "accounts/revoke", &revoke(scoped.id), &admin).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    assert_eq!(
        status(&app, "class", &roster(&first), &teacher2).await.0,
        StatusCode::FORBIDDEN
    );
    let (code, _) = status(&app, "accounts/revoke", &revoke(scoped.id), &admin).await;
    assert_eq!(code, StatusCode::BAD_REQUEST, "a role taken back twice");

    // What would lock the school or a person out is refused.
    let of = |username: &'static str, role: &'static str| async move {
        let id = account_id(db, username).await;
        role_assignment::Entity::find()
            .filter(role_assignment::Column::AccountId.eq(id))
            .filter(role_assignment::Column::Role.eq(role))
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let (code, text) = status(
        &app,
        "accounts/revoke",
        &revoke(of("admin", "admin").await),
        &admin,
    )
    .await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(text.contains("единственный администратор"), "{text}");
    let (code, text) = status(
        &app,
        "accounts/revoke",
        &revoke(of("teacher", "teacher").await),
        &admin,
    )
    .await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(text.contains("Учебная нагрузка"), "{text}");
    let (code, text) = status(
        &app,
        "accounts/revoke",
        &revoke(of("council", "council").await),
        &admin,
    )
    .await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(text.contains("единственная роль"), "{text}");

    let logged = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("role_assignment"))
        .all(db)
        .await
        .unwrap();
    assert_eq!(
        logged.iter().filter(|e| e.action == "grant").count(),
        2,
        "each grant is in the audit log"
    );
    assert_eq!(logged.iter().filter(|e| e.action == "revoke").count(), 2);
}
both_engines!(roles_are_given_with_their_scope_and_taken_back, roles);

async fn passwords(db: &DatabaseConnection) {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let app = app(db);
    let admin = login(&app, "admin", "demo").await;
    let deputy = login(&app, "deputy", "demo").await;
    let teacher2 = login(&app, "teacher2", "demo").await;
    let body = |account: i32, password: &str| {
        form(&[("account_id", &account.to_string()), ("password", password)])
    };
    let id = account_id(db, "teacher2").await;
    let endpoint = "accounts/password";
    assert_eq!(
        status(&app, endpoint, &body(id, "сирень в мае"), &deputy)
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let (code, text) = status(&app, endpoint, &body(id, "короткий"), &admin).await;
    assert_eq!(code, StatusCode::OK, "8 characters are enough: {text}");
    let (code, text) = status(&app, endpoint, &body(id, "корот"), &admin).await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(text.contains("слишком короткий"), "{text}");
    let own = account_id(db, "admin").await;
    let (code, text) = status(&app, endpoint, &body(own, "сирень в мае"), &admin).await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(text.contains("профиля"), "{text}");
    let municipal = account_id(db, "municipal").await;
    let (code, _) = status(&app, endpoint, &body(municipal, "сирень в мае"), &admin).await;
    assert_eq!(
        code,
        StatusCode::BAD_REQUEST,
        "the municipal account is not the school's"
    );

    let (code, text) = status(&app, endpoint, &body(id, "сирень в мае"), &admin).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    // Signed out everywhere; the old password no longer opens, the new one does.
    assert_eq!(
        status(&app, "my-classes", "", &teacher2).await.0,
        StatusCode::UNAUTHORIZED
    );
    let old = form(&[("username", "teacher2"), ("password", "demo")]);
    let (code, _, _) = common::api::call(&app, "login", &old, None).await;
    assert_eq!(code, StatusCode::UNAUTHORIZED);
    let again = login(&app, "teacher2", "сирень в мае").await;
    assert_eq!(
        status(&app, "my-classes", "", &again).await.0,
        StatusCode::OK
    );
    let logged = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("set_password"))
        .all(db)
        .await
        .unwrap();
    assert_eq!(logged.len(), 2, "each new password is in the audit log");
}
both_engines!(the_admin_gives_a_forgotten_password_anew, passwords);
