//! «Мои мероприятия» on the device: the list last fetched from the server, with what the teacher
//! did since and has not yet synced laid over it, so the screen shows her work at once, offline.

use std::collections::BTreeSet;

use super::measure_edit::{LinkAdd, NoteAdd, PhotoAdd, StatusSet};
use super::Mutation;
use crate::plan::{EvidenceView, MeasureView, NoteView};

/// Lays the unsent `pending` mutations over `measures`; returns the ids of the measures that have
/// something unsent, and the ids of the unsent notes and links (to mark them on screen).
pub fn apply_pending(
    measures: &mut [MeasureView],
    pending: &[Mutation],
    me: &str,
) -> (BTreeSet<i32>, BTreeSet<String>) {
    let mut touched = BTreeSet::new();
    let mut unsent = BTreeSet::new();
    for m in pending {
        match m.kind.as_str() {
            StatusSet::KIND => {
                if let Ok(set) = serde_json::from_value::<StatusSet>(m.payload.clone()) {
                    if let Some(measure) = measures.iter_mut().find(|x| x.id == set.measure_id) {
                        measure.status = set.to;
                        touched.insert(set.measure_id);
                    }
                }
            }
            NoteAdd::KIND => {
                if let Ok(add) = serde_json::from_value::<NoteAdd>(m.payload.clone()) {
                    if let Some(measure) = measures.iter_mut().find(|x| x.id == add.measure_id) {
                        if !measure.notes.iter().any(|n| n.id == add.note_id) {
                            measure.notes.push(NoteView {
                                id: add.note_id.clone(),
                                author: me.to_string(),
                                written_at: m.at.clone(),
                                text: add.text,
                            });
                        }
                        touched.insert(add.measure_id);
                        unsent.insert(add.note_id);
                    }
                }
            }
            LinkAdd::KIND => {
                if let Ok(add) = serde_json::from_value::<LinkAdd>(m.payload.clone()) {
                    let evidence = EvidenceView {
                        id: add.evidence_id,
                        title: add.title,
                        url: Some(add.url),
                        size: None,
                        added_by: me.to_string(),
                        added_at: m.at.clone(),
                    };
                    attach(
                        measures,
                        add.measure_id,
                        evidence,
                        &mut touched,
                        &mut unsent,
                    );
                }
            }
            PhotoAdd::KIND => {
                if let Ok(add) = serde_json::from_value::<PhotoAdd>(m.payload.clone()) {
                    let evidence = EvidenceView {
                        id: add.evidence_id,
                        title: add.name,
                        url: None,
                        size: Some((add.content_base64.len() / 4 * 3) as i64),
                        added_by: me.to_string(),
                        added_at: m.at.clone(),
                    };
                    attach(
                        measures,
                        add.measure_id,
                        evidence,
                        &mut touched,
                        &mut unsent,
                    );
                }
            }
            _ => {}
        }
    }
    (touched, unsent)
}

/// Shows an unsent link or photo under its measure, once.
fn attach(
    measures: &mut [MeasureView],
    measure_id: i32,
    evidence: EvidenceView,
    touched: &mut BTreeSet<i32>,
    unsent: &mut BTreeSet<String>,
) {
    if let Some(measure) = measures.iter_mut().find(|x| x.id == measure_id) {
        if !measure.evidence.iter().any(|e| e.id == evidence.id) {
            unsent.insert(evidence.id.clone());
            measure.evidence.push(evidence);
        } else {
            unsent.insert(evidence.id);
        }
        touched.insert(measure_id);
    }
}

/// What a measure mutation was, for «Требует внимания»; `None` for other kinds.
pub fn describe(m: &Mutation) -> Option<String> {
    match m.kind.as_str() {
        StatusSet::KIND => serde_json::from_value::<StatusSet>(m.payload.clone())
            .ok()
            .map(|s| format!("Мероприятие: «{}» → «{}»", s.from.title(), s.to.title())),
        NoteAdd::KIND => serde_json::from_value::<NoteAdd>(m.payload.clone())
            .ok()
            .map(|n| format!("Заметка к мероприятию: {}", n.text)),
        LinkAdd::KIND => serde_json::from_value::<LinkAdd>(m.payload.clone())
            .ok()
            .map(|l| format!("Ссылка к мероприятию: {}", l.url)),
        PhotoAdd::KIND => serde_json::from_value::<PhotoAdd>(m.payload.clone())
            .ok()
            .map(|p| format!("Фото к мероприятию: {}", p.name)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{MeasureStatus, Person};

    fn measure(id: i32) -> MeasureView {
        MeasureView {
            id,
            plan_id: 1,
            plan_title: String::new(),
            section_id: 1,
            number: format!("I.{id}"),
            section: String::new(),
            title: String::new(),
            period: None,
            starts_on: None,
            due_on: None,
            responsible: vec![Person {
                id: 7,
                name: "Петрова А. С.".into(),
            }],
            documents: vec![],
            status: MeasureStatus::Planned,
            cancel_reason: None,
            version: 0,
            notes: vec![],
            evidence: vec![],
        }
    }

    fn mutation(seq: i64, kind: &str, payload: serde_json::Value) -> Mutation {
        Mutation {
            id: format!("m{seq}"),
            seq,
            kind: kind.into(),
            payload,
            base: None,
            at: "2026-11-25T10:00:00Z".into(),
        }
    }

    #[test]
    fn unsent_moves_and_notes_show_at_once_and_in_order() {
        let mut list = vec![measure(1), measure(2)];
        let status = |seq, from, to| {
            let set = StatusSet {
                measure_id: 1,
                from,
                to,
                reason: None,
            };
            mutation(seq, StatusSet::KIND, serde_json::to_value(set).unwrap())
        };
        let note = NoteAdd {
            measure_id: 1,
            note_id: "n1".into(),
            text: "Провели семинар".into(),
        };
        let pending = vec![
            status(1, MeasureStatus::Planned, MeasureStatus::InWork),
            mutation(2, NoteAdd::KIND, serde_json::to_value(&note).unwrap()),
            status(3, MeasureStatus::InWork, MeasureStatus::Done),
        ];
        let (touched, unsent) = apply_pending(&mut list, &pending, "вы");
        assert_eq!(list[0].status, MeasureStatus::Done);
        assert_eq!(list[0].notes.len(), 1);
        assert_eq!(list[1].status, MeasureStatus::Planned);
        assert_eq!(touched.into_iter().collect::<Vec<_>>(), [1]);
        assert!(unsent.contains("n1"));
        // The note already came back from the server: not shown twice.
        let (_, _) = apply_pending(&mut list, &pending, "вы");
        assert_eq!(list[0].notes.len(), 1);
        assert_eq!(
            describe(&pending[2]).unwrap(),
            "Мероприятие: «в работе» → «выполнено»"
        );
    }
}
