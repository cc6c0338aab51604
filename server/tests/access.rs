//! The access matrix (docs/design.md §5): every demo role against every server function, through
//! the real router, on SQLite and PostgreSQL.

mod common;

use axum::http::StatusCode;
use axum::Router;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use backend::entity::{account, audit_log, class, measure, plan, role_assignment, school, student};
use common::api::{app, call, form, login};
use common::people::ROLES;

async fn class_id(db: &DatabaseConnection, school: &str, name: (i16, &str)) -> i32 {
    let school = school::Entity::find()
        .filter(school::Column::ShortName.eq(school))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    class::Entity::find()
        .filter(class::Column::SchoolId.eq(school.id))
        .filter(class::Column::Grade.eq(name.0))
        .filter(class::Column::Letter.eq(name.1))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id
}

struct Case {
    what: &'static str,
    endpoint: &'static str,
    body: String,
    allowed: &'static [&'static str],
}

async fn cases(db: &DatabaseConnection) -> Vec<Case> {
    let c5a = class_id(db, "Школа № 17", (5, "А")).await;
    let c11a = class_id(db, "Школа № 17", (11, "А")).await;
    let foreign = class_id(db, "Школа № 3", (5, "А")).await;
    let plan_id = plan::Entity::find().one(db).await.unwrap().unwrap().id;
    let measure_id = measure::Entity::find().one(db).await.unwrap().unwrap().id;
    let plan_readers = &["director", "deputy", "mo_head", "council", "psychologist"];
    vec![
        Case {
            what: "the school's plans",
            endpoint: "plans",
            body: String::new(),
            allowed: plan_readers,
        },
        Case {
            what: "the innovation improvement plan",
            endpoint: "plan",
            body: format!("plan_id={plan_id}"),
            allowed: plan_readers,
        },
        Case {
            what: "a measure's history",
            endpoint: "measure/history",
            body: format!("measure_id={measure_id}"),
            allowed: plan_readers,
        },
        Case {
            what: "what one may make a procedure for",
            endpoint: "procedures/setup",
            body: String::new(),
            allowed: &["deputy", "teacher", "teacher2", "class_teacher", "mo_head"],
        },
        Case {
            what: "the year's schedule of procedures",
            endpoint: "schedule",
            body: String::new(),
            allowed: &[
                "director",
                "deputy",
                "teacher",
                "teacher2",
                "class_teacher",
                "mo_head",
                "council",
                "psychologist",
            ],
        },
        Case {
            what: "one's own measures",
            endpoint: "measures/mine",
            body: String::new(),
            allowed: &ROLES,
        },
        Case {
            what: "the school's structure",
            endpoint: "school",
            body: String::new(),
            allowed: &[
                "director",
                "deputy",
                "mo_head",
                "council",
                "psychologist",
                "admin",
            ],
        },
        Case {
            what: "the roster of 5А",
            endpoint: "class",
            body: format!("class_id={c5a}"),
            allowed: &[
                "director",
                "deputy",
                "teacher",
                "teacher2",
                "class_teacher",
                "council",
                "psychologist",
            ],
        },
        Case {
            what: "the procedures of 5А",
            endpoint: "class/procedures",
            body: format!("class_id={c5a}"),
            allowed: &[
                "director",
                "deputy",
                "teacher",
                "teacher2",
                "class_teacher",
                "council",
                "psychologist",
            ],
        },
        Case {
            what: "the term marks of 5А by subject",
            endpoint: "class/term-marks",
            body: format!("class_id={c5a}"),
            allowed: &[
                "director",
                "deputy",
                "teacher",
                "teacher2",
                "class_teacher",
                "council",
                "psychologist",
            ],
        },
        Case {
            what: "the term marks of another school's 5А",
            endpoint: "class/term-marks",
            body: format!("class_id={foreign}"),
            allowed: &[],
        },
        Case {
            what: "the roster of 11А",
            endpoint: "class",
            body: format!("class_id={c11a}"),
            allowed: &["director", "deputy", "mo_head", "council", "psychologist"],
        },
        Case {
            what: "a roster of another school",
            endpoint: "class",
            body: format!("class_id={foreign}"),
            allowed: &[],
        },
        Case {
            what: "a class that does not exist",
            endpoint: "class",
            body: "class_id=999999".into(),
            allowed: &[],
        },
        Case {
            what: "the municipal figures",
            endpoint: "municipality",
            body: String::new(),
            allowed: &["municipal"],
        },
        Case {
            what: "the account list",
            endpoint: "accounts",
            body: String::new(),
            allowed: &["admin"],
        },
        Case {
            what: "the subjects and МО to edit",
            endpoint: "subjects",
            body: String::new(),
            allowed: &["deputy", "admin"],
        },
        Case {
            what: "the teaching load to edit",
            endpoint: "staffing",
            body: String::new(),
            allowed: &["deputy", "admin"],
        },
        Case {
            what: "what moving to the next year would do",
            endpoint: "year/preview",
            body: String::new(),
            allowed: &["deputy", "admin"],
        },
        Case {
            what: "the school's term results",
            endpoint: "school/term-results",
            body: String::new(),
            allowed: &["director", "deputy", "mo_head", "council", "psychologist"],
        },
        Case {
            what: "the analysis by subject and procedure",
            endpoint: "analysis/school",
            body: String::new(),
            allowed: &["director", "deputy", "mo_head", "council", "psychologist"],
        },
        Case {
            what: "the director's dashboard",
            endpoint: "dashboard/director",
            body: String::new(),
            allowed: &["director", "deputy", "mo_head", "council", "psychologist"],
        },
        Case {
            what: "objectivity by procedure and class",
            endpoint: "dashboard/objectivity",
            body: String::new(),
            allowed: &["director", "deputy", "mo_head", "council", "psychologist"],
        },
        Case {
            what: "the classes below the obligatory minimum",
            endpoint: "dashboard/minimum",
            body: String::new(),
            allowed: &["director", "deputy", "mo_head", "council", "psychologist"],
        },
        Case {
            what: "the risk group, with names",
            endpoint: "dashboard/risk-group",
            body: String::new(),
            allowed: &["director", "deputy", "council", "psychologist"],
        },
        Case {
            what: "who was given access, and by whom",
            endpoint: "dashboard/access",
            body: String::new(),
            allowed: &["director"],
        },
        Case {
            what: "the late edits waiting for a decision",
            endpoint: "held",
            body: String::new(),
            allowed: &["director", "deputy"],
        },
        Case {
            what: "the devices whose edits never arrived",
            endpoint: "devices/lost",
            body: String::new(),
            allowed: &["director", "deputy"],
        },
        Case {
            what: "one's procedures",
            endpoint: "procedures/mine",
            body: String::new(),
            allowed: &ROLES,
        },
        Case {
            what: "one's own classes",
            endpoint: "my-classes",
            body: String::new(),
            allowed: &ROLES,
        },
    ]
}

async fn sessions(app: &Router) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for role in ROLES {
        out.push((role, login(app, role, "demo").await));
    }
    out
}

async fn matrix(db: &DatabaseConnection) {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let app = app(db);
    let sessions = sessions(&app).await;
    for case in cases(db).await {
        let (status, _, _) = call(&app, case.endpoint, &case.body, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "anonymous: {}", case.what);
        for (role, cookie) in &sessions {
            let (status, _, body) = call(&app, case.endpoint, &case.body, Some(cookie)).await;
            if case.allowed.contains(role) {
                assert_eq!(
                    status,
                    StatusCode::OK,
                    "{role} may see {}: {body}",
                    case.what
                );
            } else {
                assert_eq!(
                    status,
                    StatusCode::FORBIDDEN,
                    "{role} may not see {}",
                    case.what
                );
                assert!(body.contains("нет доступа"), "{body}");
            }
        }
    }
    let refusals = audit_log::Entity::find()
        .filter(audit_log::Column::Outcome.eq("denied"))
        .all(db)
        .await
        .unwrap();
    assert!(
        refusals.len() >= 20,
        "every refused access is in the audit log ({} found)",
        refusals.len()
    );
}
both_engines!(every_role_against_every_server_function, matrix);

async fn creating_accounts(db: &DatabaseConnection) {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let app = app(db);
    let body = |username: &str| {
        form(&[
            ("username", username),
            ("full_name", "Новикова Анна Сергеевна"),
            ("password", "длинный пароль"),
            ("role", "Teacher"),
        ])
    };
    for role in ROLES.iter().filter(|r| **r != "admin") {
        let cookie = login(&app, role, "demo").await;
        let (status, _, _) = call(&app, "accounts/create", &body(role), Some(&cookie)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{role} creates no accounts");
    }
    let admin = login(&app, "admin", "demo").await;
    let (status, _, text) = call(&app, "accounts/create", &body("novikova.as"), Some(&admin)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let (status, _, text) = call(&app, "accounts/create", &body("novikova.as"), Some(&admin)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("уже есть"), "{text}");
    let new_teacher = login(&app, "novikova.as", "длинный пароль").await;
    let (status, _, text) = call(&app, "my-classes", "", Some(&new_teacher)).await;
    assert_eq!(
        (status, text.as_str()),
        (StatusCode::OK, "[]"),
        "no classes yet"
    );
    let (_, _, list) = call(&app, "accounts", "", Some(&admin)).await;
    assert!(list.contains("Новикова Анна Сергеевна"));
}
both_engines!(only_the_admin_creates_accounts, creating_accounts);

async fn what_each_role_sees(db: &DatabaseConnection) {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let app = app(db);
    let names: Vec<String> = student::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| format!("{} {}", s.last_name, s.first_name))
        .collect();
    assert!(names.len() > 500);

    let municipal = login(&app, "municipal", "demo").await;
    for endpoint in ["municipality", "my-classes", "school", "me"] {
        let (_, _, body) = call(&app, endpoint, "", Some(&municipal)).await;
        assert!(
            !names.iter().any(|n| body.contains(n.as_str())),
            "the municipal account got a child's name from {endpoint}"
        );
    }
    let (_, _, body) = call(&app, "municipality", "", Some(&municipal)).await;
    for n in [17, 3, 8, 20, 42, 50] {
        assert!(body.contains(&format!("Школа № {n}")), "{body}");
    }

    let teacher = login(&app, "teacher", "demo").await;
    let (_, _, body) = call(&app, "my-classes", "", Some(&teacher)).await;
    let mine: serde_json::Value = serde_json::from_str(&body).unwrap();
    let classes: Vec<&str> = mine
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["class"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(classes, ["5А", "5Б", "5В"]);
    assert_eq!(mine[0]["subjects"], serde_json::json!(["Математика"]));

    for (role, setup) in [
        ("deputy", true),
        ("admin", true),
        ("director", false),
        ("teacher", false),
    ] {
        let cookie = login(&app, role, "demo").await;
        let (_, _, body) = call(&app, "me", "", Some(&cookie)).await;
        let me: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(me["can_set_up"], setup, "{role} and «Настройка»");
    }
    // The deputy for grades 1–4 changes no school-wide structure.
    let grade_deputy = role_assignment::Entity::find()
        .filter(role_assignment::Column::Role.eq("deputy"))
        .filter(role_assignment::Column::Grade.is_not_null())
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let username = account::Entity::find_by_id(grade_deputy.account_id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .username;
    let cookie = login(&app, &username, "demo").await;
    let (_, _, body) = call(&app, "me", "", Some(&cookie)).await;
    assert!(body.contains(r#""can_set_up":false"#), "{body}");

    let class_teacher = login(&app, "class_teacher", "demo").await;
    let (_, _, body) = call(&app, "me", "", Some(&class_teacher)).await;
    let me: serde_json::Value = serde_json::from_str(&body).unwrap();
    let c5a = class_id(db, "Школа № 17", (5, "А")).await;
    assert_eq!(me["class_id"], c5a, "her start screen is her class");
    let (_, _, body) = call(
        &app,
        "class",
        &format!("class_id={c5a}"),
        Some(&class_teacher),
    )
    .await;
    let roster: serde_json::Value = serde_json::from_str(&body).unwrap();
    let students = roster["students"].as_array().unwrap();
    assert!((21..=27).contains(&students.len()), "{}", students.len());
    let subjects: Vec<&str> = roster["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["subject"].as_str().unwrap())
        .collect();
    assert!(subjects.contains(&"Математика") && subjects.contains(&"Русский язык"));
}
both_engines!(
    each_role_sees_its_own_and_the_municipality_no_names,
    what_each_role_sees
);
