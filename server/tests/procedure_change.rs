//! A paper changed after results came in, from an empty school: results entered through
//! `/api/sync`; the change previewed («у 1 ученика изменится отметка»), nothing written until
//! confirmed; then the marks recomputed, the change audited and pulled by the tablet, and an
//! offline edit of the removed task rejected with its reason. A procedure with results is
//! cancelled, never deleted; one without is deleted.

mod common;

use axum::http::StatusCode;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{json, Value};

use backend::entity::{audit_log, procedure, procedure_task, student, task_score};
use common::api::{app, call, call_json, form, login};
use common::school::{class_4a_with_its_teacher, school_with_staff, subject_id};
use common::sync::new_mutation;
use domain::sync::{AbsenceSet, ScoreSet, SyncResponse};

async fn sync(app: &axum::Router, cookie: &str, body: Value) -> SyncResponse {
    let (status, text) = call_json(app, "sync", &body, cookie).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap()
}

fn score(seq: i64, procedure_id: i32, student_id: i32, task_id: i32, score: i16) -> Value {
    let set = ScoreSet {
        procedure_id,
        student_id,
        task_id,
        score: Some(score),
    };
    json!(new_mutation(
        uuid::Uuid::new_v4().to_string(),
        seq,
        ScoreSet::KIND,
        &set,
        None
    ))
}

fn task(id: Option<i64>, label: &str, max: i16) -> Value {
    json!({ "id": id, "label": label, "max_score": max, "advanced": false, "topic": "", "skill_code": "" })
}

/// The class page's marks of the контрольная: how many «2», «3», «4», «5».
async fn marks(app: &axum::Router, teacher: &str, class_id: i32) -> Value {
    let class = form(&[("class_id", &class_id.to_string())]);
    let (code, _, text) = call(app, "class/procedures", &class, Some(teacher)).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let all: Value = serde_json::from_str(&text).unwrap();
    all.as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "Контрольная работа")
        .map(|p| p["marks"].clone())
        .unwrap_or(Value::Null)
}

async fn changed_after_results(db: &DatabaseConnection) {
    school_with_staff(db).await;
    let app = app(db);
    let deputy = login(&app, "zavuch", "пароль школы").await;
    let teacher = login(&app, "uchitel", "пароль школы").await;
    let class_4a = class_4a_with_its_teacher(db, &app, &deputy).await;
    let russian = subject_id(db, "Русский язык").await;
    common::school::import_students(
        &app,
        &deputy,
        "ФИО;Класс\nАкимова Анна;4А\nБелов Борис;4А\nВолков Вадим;4А\n",
    )
    .await;
    let pupil = |name: &'static str| async move {
        student::Entity::find()
            .filter(student::Column::LastName.eq(name))
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let (anna, boris, vadim) = (
        pupil("Акимова").await,
        pupil("Белов").await,
        pupil("Волков").await,
    );

    // A контрольная of 2 + 2 + 1 points: «3» from 2, «4» from 3, «5» from 5.
    let paper = json!({ "tasks": [task(None, "1", 2), task(None, "2", 2), task(None, "3", 1)],
        "scale": { "mark3_from": 2, "mark4_from": 3, "mark5_from": 5 } });
    let draft = json!({ "draft": {
        "kind": "Control", "stage": "Entry", "subject_id": russian, "grade": 4,
        "class_ids": [class_4a], "held_on": "2026-10-14", "title": "", "paper": paper,
        "source": null }});
    let (code, text) = call_json(&app, "procedures/create", &draft, &deputy).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let id: i32 = text.trim().parse().unwrap();
    let opened = |who: String| {
        let app = app.clone();
        async move {
            let (code, text) = call_json(
                &app,
                "procedures/open",
                &json!({ "procedure_id": id }),
                &who,
            )
            .await;
            assert_eq!(code, StatusCode::OK, "{text}");
            serde_json::from_str::<Value>(&text).unwrap()
        }
    };
    let before = opened(deputy.clone()).await;
    assert_eq!(before["results"], 0);
    let ids: Vec<i64> = before["paper"]["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect();
    let (t1, t2, t3) = (ids[0] as i32, ids[1] as i32, ids[2] as i32);

    // The teacher's tablet: Анна 2+2+1 = 5 («5»), Борис 1+1+1 = 3 («4»), Вадим absent.
    let first = sync(
        &app,
        &teacher,
        json!({"device": null, "cursor": 0, "last_seq_made": 0, "mutations": []}),
    )
    .await;
    assert_eq!(
        first.papers,
        vec![id],
        "a new procedure is announced to the tablet"
    );
    let device = first.device;
    let absent = json!(new_mutation(
        uuid::Uuid::new_v4().to_string(),
        7,
        AbsenceSet::KIND,
        &AbsenceSet {
            procedure_id: id,
            student_id: vadim,
            absent: true
        },
        None
    ));
    let entered = sync(
        &app,
        &teacher,
        json!({"device": device, "cursor": 0, "last_seq_made": 7, "mutations": [
            score(1, id, anna, t1, 2), score(2, id, anna, t2, 2), score(3, id, anna, t3, 1),
            score(4, id, boris, t1, 1), score(5, id, boris, t2, 1), score(6, id, boris, t3, 1),
            absent]}),
    )
    .await;
    assert_eq!(entered.applied.len(), 7, "{entered:?}");
    assert_eq!(marks(&app, &teacher, class_4a).await, json!([0, 0, 1, 1]));

    // Task 3 goes and «5» now starts at 4: Анна keeps her «5», Борис's 2 points are a «3».
    let change = |confirm: bool, tasks: Value| {
        json!({ "change": { "procedure_id": id, "stage": "Entry", "held_on": "2026-10-15",
            "title": "", "confirm": confirm,
            "paper": { "tasks": tasks, "scale": { "mark3_from": 2, "mark4_from": 3, "mark5_from": 4 } } } })
    };
    let two = json!([task(Some(t1.into()), "1", 2), task(Some(t2.into()), "2", 2)]);
    let (code, text) = call_json(
        &app,
        "procedures/change",
        &change(false, two.clone()),
        &deputy,
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let preview: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        preview["Confirm"]["summary"],
        "У 1 ученика изменится отметка; баллы за задание 3 удаляются у 2 учеников."
    );
    assert_eq!(
        preview["Confirm"]["moves"],
        json!([{ "student": "Белов Борис", "class": "4А", "before": "4", "after": "3" }])
    );
    let tasks_now = || async {
        procedure_task::Entity::find()
            .filter(procedure_task::Column::ProcedureId.eq(id))
            .count(db)
            .await
            .unwrap()
    };
    assert_eq!(tasks_now().await, 3, "a preview writes nothing");
    assert_eq!(marks(&app, &teacher, class_4a).await, json!([0, 0, 1, 1]));

    // A maximum lowered under a saved score is refused outright.
    let lowered = json!([
        task(Some(t1.into()), "1", 1),
        task(Some(t2.into()), "2", 2),
        task(None, "4", 1)
    ]);
    let (code, text) = call_json(&app, "procedures/change", &change(true, lowered), &deputy).await;
    assert_eq!(code, StatusCode::BAD_REQUEST, "{text}");
    assert!(
        text.contains("у 1 ученика балл выше нового максимума 1"),
        "{text}"
    );

    // The school's admin makes and changes no papers.
    let admin_login = {
        server::account::add(db, "it", "Администратор", "пароль админа")
            .await
            .unwrap();
        server::setup::grant(db, "it", domain::policy::Role::Admin, Some("Школа № 9"))
            .await
            .unwrap();
        login(&app, "it", "пароль админа").await
    };
    let (code, _) = call_json(
        &app,
        "procedures/change",
        &change(true, two.clone()),
        &admin_login,
    )
    .await;
    assert_eq!(code, StatusCode::FORBIDDEN);

    let (code, text) = call_json(&app, "procedures/change", &change(true, two), &deputy).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    assert_eq!(text.trim(), r#""Saved""#);
    assert_eq!(tasks_now().await, 2);
    assert_eq!(
        task_score::Entity::find()
            .filter(task_score::Column::TaskId.eq(t3))
            .count(db)
            .await
            .unwrap(),
        0,
        "the removed task's scores went with it"
    );
    assert_eq!(marks(&app, &teacher, class_4a).await, json!([0, 1, 0, 1]));
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("procedure"))
        .filter(audit_log::Column::Action.eq("change"))
        .one(db)
        .await
        .unwrap()
        .expect("the change is audited");
    assert!(
        audited.old_value.as_deref().unwrap().contains("3(1)")
            && !audited.new_value.as_deref().unwrap().contains("3(1)"),
        "{audited:?}"
    );
    let moved = procedure::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(moved.held_on.to_string(), "2026-10-15");

    // The tablet's next pull names the changed paper and brings the results it touched; an
    // edit of task 3 made offline before the change is rejected with its reason.
    let pulled = sync(
        &app,
        &teacher,
        json!({"device": device, "cursor": entered.cursor, "last_seq_made": 8,
            "mutations": [score(8, id, boris, t3, 0)]}),
    )
    .await;
    assert_eq!(pulled.papers, vec![id]);
    assert!(
        pulled.rejected[0]
            .reason
            .contains("Этого задания в работе больше нет"),
        "{:?}",
        pulled.rejected
    );
    let anna_now = pulled
        .changes
        .iter()
        .find(|r| r.student_id == anna)
        .expect("Анна's result comes again");
    assert_eq!(anna_now.scores.len(), 2);
    let (code, _, sheet) = call(
        &app,
        "procedure/sheet",
        &form(&[("procedure_id", &id.to_string())]),
        Some(&teacher),
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{sheet}");
    assert!(!sheet.contains(r#""label":"3""#), "{sheet}");
    assert!(sheet.contains(r#""mark5_from":4"#), "{sheet}");

    // With results it is cancelled: gone from the lists, refused on the tablet, kept in the
    // database. Without results it is deleted.
    let (code, text) = call_json(
        &app,
        "procedures/cancel",
        &json!({ "procedure_id": id }),
        &deputy,
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{text}");
    assert_eq!(text.trim(), r#""Cancelled""#);
    let (_, _, mine) = call(&app, "procedures/mine", "", Some(&teacher)).await;
    assert!(
        !mine.contains("Входная диагностика") && !mine.contains(&format!(r#""id":{id},"#)),
        "{mine}"
    );
    assert_eq!(marks(&app, &teacher, class_4a).await, Value::Null);
    let late = sync(
        &app,
        &teacher,
        json!({"device": device, "cursor": pulled.cursor, "last_seq_made": 9,
            "mutations": [score(9, id, boris, t1, 2)]}),
    )
    .await;
    assert_eq!(late.papers, vec![id]);
    assert!(
        late.rejected[0].reason.contains("Работа отменена"),
        "{late:?}"
    );
    assert!(procedure::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .is_some());

    let empty = json!({ "draft": {
        "kind": "Control", "stage": null, "subject_id": russian, "grade": 4,
        "class_ids": [class_4a], "held_on": "2026-11-14", "title": "Лишняя", "source": null,
        "paper": { "tasks": [task(None, "1", 5)],
            "scale": { "mark3_from": 2, "mark4_from": 3, "mark5_from": 5 } } }});
    let (_, text) = call_json(&app, "procedures/create", &empty, &teacher).await;
    let spare: i32 = text.trim().parse().unwrap();
    let (code, text) = call_json(
        &app,
        "procedures/cancel",
        &json!({ "procedure_id": spare }),
        &teacher,
    )
    .await;
    assert_eq!(code, StatusCode::OK, "{text}");
    assert_eq!(text.trim(), r#""Deleted""#);
    assert!(procedure::Entity::find_by_id(spare)
        .one(db)
        .await
        .unwrap()
        .is_none());
}

both_engines!(a_paper_changes_after_results, changed_after_results);

/// Who may open, change and cancel a контрольная of maths in 5А–5В: the deputy, the maths МО
/// head, and the teacher of the three classes; not the teacher of one of them, nor anyone else.
/// A refusal writes nothing.
async fn who_may_change(db: &DatabaseConnection) {
    server::demo::load(db, common::structure_only())
        .await
        .unwrap();
    let app = app(db);
    let deputy = login(&app, "deputy", "demo").await;
    let (_, _, text) = call(&app, "procedures/setup", "", Some(&deputy)).await;
    let setup: Value = serde_json::from_str(&text).unwrap();
    let fifth: Vec<Value> = setup["classes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| ["5А", "5Б", "5В"].contains(&c["name"].as_str().unwrap()))
        .map(|c| c["id"].clone())
        .collect();
    let draft = json!({ "draft": {
        "kind": "Control", "stage": null, "subject_id": subject_id(db, "Математика").await,
        "grade": 5, "class_ids": fifth, "held_on": "2026-12-10", "title": "", "source": null,
        "paper": { "tasks": [task(None, "1", 5)],
            "scale": { "mark3_from": 2, "mark4_from": 3, "mark5_from": 5 } } }});
    let (code, text) = call_json(&app, "procedures/create", &draft, &deputy).await;
    assert_eq!(code, StatusCode::OK, "{text}");
    let made: i32 = text.trim().parse().unwrap();
    let control = procedure::Entity::find_by_id(made)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let body = json!({ "procedure_id": control.id });
    let mut allowed = Vec::new();
    for role in common::people::ROLES {
        let cookie = login(&app, role, "demo").await;
        let (code, text) = call_json(&app, "procedures/open", &body, &cookie).await;
        match code {
            StatusCode::OK => allowed.push(role),
            StatusCode::FORBIDDEN => {
                let (code, _) = call_json(&app, "procedures/cancel", &body, &cookie).await;
                assert_eq!(code, StatusCode::FORBIDDEN, "{role} may not cancel it");
            }
            other => panic!("{role}: {other} {text}"),
        }
    }
    assert_eq!(allowed, ["deputy", "teacher", "mo_head"]);
    assert!(procedure::Entity::find_by_id(control.id)
        .one(db)
        .await
        .unwrap()
        .is_some());
}

both_engines!(only_its_makers_change_a_paper, who_may_change);
