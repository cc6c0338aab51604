//! The plan tracker through the HTTP surface, on both engines: the council makes a plan from its
//! template and assigns a measure; the responsible teacher reports through the sync (status
//! rules, stale moves, notes and photos sent twice); others are refused; the director approves;
//! the demo school's plan and its XLSX export. Evidence files: `plan_files.rs`.

mod common;

use axum::http::StatusCode;
use base64::Engine;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};

use backend::entity::{audit_log, measure, measure_evidence, measure_note};
use common::api::{app, call, call_json, download, login};
use common::results::sheet_rows;
use common::sync::{account, new_mutation};
use domain::plan::{template, Day, MeasureStatus, PlanKind, PlanView};
use domain::sync::measure_edit::{NoteAdd, PhotoAdd, StatusSet};
use domain::sync::SyncResponse;

async fn plan_view(app: &axum::Router, cookie: &str, plan_id: i32) -> PlanView {
    let (status, _, text) = call(app, "plan", &format!("plan_id={plan_id}"), Some(cookie)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn sync(app: &axum::Router, cookie: &str, body: Value) -> SyncResponse {
    let (status, text) = call_json(app, "sync", &body, cookie).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap()
}

fn status_set(seq: i64, measure_id: i32, from: MeasureStatus, to: MeasureStatus) -> Value {
    let set = StatusSet {
        measure_id,
        from,
        to,
        reason: Some("нет ресурсов".into()),
    };
    json!(new_mutation(
        uuid::Uuid::new_v4().to_string(),
        seq,
        StatusSet::KIND,
        &set,
        None
    ))
}

async fn council_plans_and_the_teacher_reports(db: &DatabaseConnection) {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let app = app(db);
    let council = login(&app, "council", "demo").await;
    let (status, text) = call_json(
        &app,
        "plan/create",
        &json!({"kind": "ExamRoadmap"}),
        &council,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let plan_id: i32 = serde_json::from_str(&text).unwrap();
    let plan = plan_view(&app, &council, plan_id).await;
    assert_eq!(plan.kind, PlanKind::ExamRoadmap);
    let expected: usize = template::EXAM_ROADMAP
        .iter()
        .map(|s| s.measures.len())
        .sum();
    assert_eq!(plan.measures().count(), expected);
    assert!(plan.may_edit && !plan.may_approve);
    assert!(plan.measures().all(|m| m.status == MeasureStatus::Planned));

    // The council assigns the first measure to the teacher, due on 15 December.
    let teacher_id = account(db, "teacher").await.id;
    let first = plan.sections[0].measures[0].clone();
    let draft = json!({"draft": {
        "measure_id": first.id, "section_id": first.section_id, "title": first.title,
        "period": null, "starts_on": "2026-11-01", "due_on": "2026-12-15",
        "responsible": [teacher_id], "documents": "Список «группы риска»\nПротокол заседания Штаба"
    }});
    let (status, text) = call_json(&app, "measure/save", &draft, &council).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    // Dates out of order, a stranger as responsible: refused, nothing changed.
    let mut bad = draft.clone();
    bad["draft"]["starts_on"] = json!("2027-01-01");
    let (status, text) = call_json(&app, "measure/save", &bad, &council).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("Начало позже срока"), "{text}");
    let municipal_id = account(db, "municipal").await.id;
    let mut bad = draft.clone();
    bad["draft"]["responsible"] = json!([municipal_id]);
    let (status, text) = call_json(&app, "measure/save", &bad, &council).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("сотрудника этой школы"), "{text}");
    let saved = plan_view(&app, &council, plan_id).await.sections[0].measures[0].clone();
    assert_eq!(saved.due_on.as_deref(), Some("2026-12-15"));
    assert_eq!(saved.responsible.len(), 1);
    assert_eq!(saved.documents.len(), 2);

    // The teacher sees it among her measures and reports from her tablet.
    let teacher = login(&app, "teacher", "demo").await;
    let (status, _, text) = call(&app, "measures/mine", "", Some(&teacher)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let mine: Value = serde_json::from_str(&text).unwrap();
    let ids: Vec<i64> = mine["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_i64().unwrap())
        .collect();
    assert!(ids.contains(&i64::from(first.id)), "{ids:?}");
    assert!(Day::parse(mine["today"].as_str().unwrap()).is_some());

    let device = sync(
        &app,
        &teacher,
        json!({"device": null, "cursor": 0, "last_seq_made": 0, "mutations": []}),
    )
    .await
    .device;
    let start = status_set(1, first.id, MeasureStatus::Planned, MeasureStatus::InWork);
    let note = NoteAdd {
        measure_id: first.id,
        note_id: uuid::Uuid::new_v4().to_string(),
        text: "Составлен список: 6 обучающихся 9Б.".into(),
    };
    let note = json!(new_mutation(
        uuid::Uuid::new_v4().to_string(),
        2,
        NoteAdd::KIND,
        &note,
        None
    ));
    let stale = status_set(3, first.id, MeasureStatus::Planned, MeasureStatus::Done);
    let cancel = status_set(4, first.id, MeasureStatus::InWork, MeasureStatus::Cancelled);
    // A photo taken in class, scaled to a JPEG on the tablet, waits in the outbox like the rest.
    let photo = PhotoAdd {
        measure_id: first.id,
        evidence_id: uuid::Uuid::new_v4().to_string(),
        name: "доска.jpg".into(),
        content_base64: base64::engine::general_purpose::STANDARD
            .encode(b"\xFF\xD8\xFF\xE0 a jpeg"),
    };
    let photo = json!(new_mutation(
        uuid::Uuid::new_v4().to_string(),
        5,
        PhotoAdd::KIND,
        &photo,
        None
    ));
    let body = json!({"device": device, "cursor": 0, "last_seq_made": 5,
        "mutations": [start, note, stale, cancel, photo]});
    let r = sync(&app, &teacher, body.clone()).await;
    assert_eq!(r.acked_seq, 5);
    assert_eq!(r.applied.len(), 3, "{r:?}");
    assert_eq!(r.rejected.len(), 2, "{r:?}");
    assert!(
        r.rejected[0].reason.contains("сейчас «в работе»"),
        "{:?}",
        r.rejected
    );
    assert!(
        r.rejected[1].reason.contains("Отменить"),
        "{:?}",
        r.rejected
    );
    // The same batch again (its answer was lost): the same outcomes, one note.
    let again = sync(&app, &teacher, body).await;
    assert_eq!((again.applied, again.rejected), (r.applied, r.rejected));
    let notes = measure_note::Entity::find()
        .filter(measure_note::Column::MeasureId.eq(first.id))
        .count(db)
        .await
        .unwrap();
    assert_eq!(notes, 1);
    let photos = measure_evidence::Entity::find()
        .filter(measure_evidence::Column::MeasureId.eq(first.id))
        .all(db)
        .await
        .unwrap();
    assert_eq!(photos.len(), 1, "the photo sent twice is kept once");
    assert_eq!(photos[0].content_type.as_deref(), Some("image/jpeg"));

    // teacher2 is not responsible: refused, and the refusal is in the audit log.
    let teacher2 = login(&app, "teacher2", "demo").await;
    let device2 = sync(
        &app,
        &teacher2,
        json!({"device": null, "cursor": 0, "last_seq_made": 0, "mutations": []}),
    )
    .await
    .device;
    let done = status_set(1, first.id, MeasureStatus::InWork, MeasureStatus::Done);
    let r = sync(
        &app,
        &teacher2,
        json!({"device": device2, "cursor": 0, "last_seq_made": 1, "mutations": [done]}),
    )
    .await;
    assert_eq!(r.rejected.len(), 1);
    assert!(r.rejected[0].reason.contains("не отвечаете"));
    let denied = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("measure"))
        .filter(audit_log::Column::Outcome.eq("denied"))
        .count(db)
        .await
        .unwrap();
    assert_eq!(denied, 1);
    let (status, _, _) = call(&app, "plans", "", Some(&teacher2)).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "a teacher does not read the school's plans"
    );

    // The council sees the progress and the history; the council cancels with a reason.
    let seen = plan_view(&app, &council, plan_id).await.sections[0].measures[0].clone();
    assert_eq!(seen.status, MeasureStatus::InWork);
    assert_eq!(seen.notes.len(), 1);
    assert!(!seen.notes[0].author.is_empty());
    let (status, _, text) = call(
        &app,
        "measure/history",
        &format!("measure_id={}", first.id),
        Some(&council),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert!(
        text.contains("«запланировано» → «в работе»") && text.contains("Составлен список"),
        "{text}"
    );
    let progress = |reason: Option<&str>| {
        json!({"change": {"Status": {
        "measure_id": first.id, "from": "InWork", "to": "Cancelled", "reason": reason}}})
    };
    let (status, text) = call_json(&app, "measure/progress", &progress(None), &council).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text.contains("Укажите причину отмены"), "{text}");
    let (status, text) = call_json(
        &app,
        "measure/progress",
        &progress(Some("перенесено")),
        &council,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let m = measure::Entity::find_by_id(first.id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (m.status.as_str(), m.cancel_reason.as_deref()),
        ("cancelled", Some("перенесено"))
    );

    // Only the director approves.
    let (status, _, _) = call(
        &app,
        "plan/approve",
        &format!("plan_id={plan_id}"),
        Some(&council),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let director = login(&app, "director", "demo").await;
    let (status, _, text) = call(
        &app,
        "plan/approve",
        &format!("plan_id={plan_id}"),
        Some(&director),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let approved = plan_view(&app, &director, plan_id).await;
    assert!(approved.approved.unwrap().starts_with("утверждён"));
    // The printed «Утверждаю» names the school, the director and the day.
    assert!(!approved.school.is_empty());
    assert!(approved.approved_by.is_some_and(|n| !n.is_empty()));
    assert!(approved
        .approved_on
        .is_some_and(|d| Day::parse(&d).is_some()));
    for who in ["municipal", "admin"] {
        let cookie = login(&app, who, "demo").await;
        let (status, _, _) = call(&app, "plan", &format!("plan_id={plan_id}"), Some(&cookie)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{who}");
    }
}
both_engines!(
    council_plans_and_the_teacher_reports_through_the_sync,
    council_plans_and_the_teacher_reports
);

async fn demo_plan(db: &DatabaseConnection) {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let app = app(db);
    let deputy = login(&app, "deputy", "demo").await;
    let (status, _, text) = call(&app, "plans", "", Some(&deputy)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let plans: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(plans.as_array().unwrap().len(), 1);
    let plan = plan_view(&app, &deputy, plans[0]["id"].as_i64().unwrap() as i32).await;
    assert_eq!(plan.kind, PlanKind::Innovation);
    assert!(plan.approved.is_some(), "approved by the director");
    // A measure the demo's staff finished has its history, as one finished in the app would.
    let done = plan
        .measures()
        .find(|m| m.status == MeasureStatus::Done)
        .expect("a done measure");
    let (status, _, text) = call(
        &app,
        "measure/history",
        &format!("measure_id={}", done.id),
        Some(&deputy),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert!(text.contains("«запланировано» → «выполнено»"), "{text}");
    let counts: Vec<usize> = plan.sections.iter().map(|s| s.measures.len()).collect();
    assert_eq!(counts, [3, 4, 14, 7, 1, 2], "every measure of seeds 001");
    assert!(plan
        .measures()
        .all(|m| !m.responsible.is_empty() && m.due_on.is_some()));
    // On the demo's today three measures are late and one is cancelled with its reason.
    let today = Day::from_ymd(2026, 11, 20);
    let late = plan
        .measures()
        .filter(|m| m.urgency(today).is_late())
        .count();
    assert_eq!(late, 3);
    let cancelled: Vec<_> = plan
        .measures()
        .filter(|m| m.status == MeasureStatus::Cancelled)
        .collect();
    assert_eq!(cancelled.len(), 1);
    assert!(cancelled[0].cancel_reason.is_some());
    assert!(
        plan.measures()
            .filter(|m| m.status == MeasureStatus::Done)
            .count()
            >= 5
    );
    let teacher_id = account(db, "teacher").await.id;
    assert_eq!(
        plan.measures()
            .filter(|m| m.is_responsible(teacher_id))
            .count(),
        3
    );

    // The XLSX export holds the same plan: the seed's columns, every measure, statuses as on
    // screen, deadlines as dates; a teacher cannot download it.
    let path = format!("/api/plan-export/{}", plan.id);
    let (status, kind, bytes) = download(&app, &path, Some(&deputy)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.contains("spreadsheetml"), "{kind}");
    let rows = sheet_rows(bytes, "План");
    let text = |c: &calamine::Data| c.to_string();
    let header: Vec<String> = rows[2].iter().map(text).collect();
    assert_eq!(&header[..3], ["№ п/п", "Мероприятия", "Сроки"]);
    let measures: Vec<&Vec<calamine::Data>> = rows[3..]
        .iter()
        .filter(|r| text(&r[0]).contains('.'))
        .collect();
    assert_eq!(measures.len(), 31);
    for (row, m) in measures.iter().zip(plan.measures()) {
        assert_eq!(text(&row[0]), m.number);
        assert_eq!(text(&row[1]), m.title);
        assert_eq!(text(&row[6]), m.status.title());
        assert!(
            matches!(row[3], calamine::Data::DateTime(_)),
            "{:?}",
            row[3]
        );
    }
    let teacher = login(&app, "teacher", "demo").await;
    assert_eq!(
        download(&app, &path, Some(&teacher)).await.0,
        StatusCode::FORBIDDEN
    );
}
both_engines!(the_demo_school_runs_the_seed_plan, demo_plan);
