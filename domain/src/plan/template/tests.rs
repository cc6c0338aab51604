//! The template against the regulation itself (seeds 001, kept in `docs/seeds/`): every section,
//! measure and document of the seed's plan is in the template, word for word, and nothing of the
//! seed's table is left over once they are taken out.

use crate::plan::template::*;

const SEED: &str = include_str!("../../../../docs/seeds/001_vsoko_regulation.txt");

/// Lower-case words of letters and digits: the seed's markup, page breaks, list dashes and line
/// wrapping do not count, the wording does.
fn words(text: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if in_tag => {}
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => out.push(' '),
        }
    }
    format!(" {} ", out.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn seed_plan() -> String {
    let start = SEED
        .find("План мероприятий по инновационному")
        .expect("the seed has the plan");
    words(&SEED[start..])
}

/// Takes the first occurrence of `part` out of `text`; false when it is not there.
fn take(text: &mut String, part: &str) -> bool {
    let part = words(part);
    match text.find(&part) {
        Some(at) => {
            text.replace_range(at..at + part.len(), " ");
            true
        }
        None => false,
    }
}

#[test]
fn every_section_measure_and_document_of_the_seed_plan_is_in_the_template() {
    let mut rest = seed_plan();
    assert!(take(
        &mut rest,
        "План мероприятий по инновационному совершенствованию и повышению эффективности \
         применения внутренней системы оценки качества образования"
    ));
    assert_eq!(INNOVATION.len(), 6, "sections I–VI");
    // Documents first: where a measure runs over a page break, its documents cell sits between
    // the two halves of its wording.
    let mut documents: Vec<&str> = INNOVATION
        .iter()
        .flat_map(|s| s.measures)
        .flat_map(|m| m.documents.iter().copied())
        .collect();
    // Longest first, so «Положение о мониторинге» is not eaten by «Положение».
    documents.sort_by_key(|d| std::cmp::Reverse(d.len()));
    for document in documents {
        assert!(take(&mut rest, document), "document {document}");
    }
    for section in INNOVATION {
        assert!(take(&mut rest, section.title), "section {}", section.title);
        for measure in section.measures {
            assert!(take(&mut rest, measure.title), "measure {}", measure.title);
        }
    }
    let numerals = ["i", "ii", "iii", "iv", "v", "vi"];
    let header = [
        "п",
        "мероприятия",
        "сроки",
        "ответствен",
        "ные",
        "документы",
    ];
    let left: Vec<&str> = rest
        .split_whitespace()
        .filter(|w| !header.contains(w) && !numerals.contains(w))
        .collect();
    assert!(left.is_empty(), "the seed's plan has more: {left:?}");
}

#[test]
fn the_seed_plan_has_thirty_one_measures_in_six_sections() {
    let counts: Vec<usize> = INNOVATION.iter().map(|s| s.measures.len()).collect();
    assert_eq!(counts, [3, 4, 14, 7, 1, 2]);
    assert!(INNOVATION
        .iter()
        .flat_map(|s| s.measures)
        .all(|m| !m.documents.is_empty()));
}

#[test]
fn every_kind_has_a_template_with_documents() {
    for kind in PlanKind::ALL {
        let sections = sections(kind);
        assert!(sections.len() >= 3, "{kind:?}");
        for s in sections {
            assert!(!s.measures.is_empty(), "{kind:?} {}", s.title);
            assert!(s.measures.iter().all(|m| !m.documents.is_empty()));
        }
    }
}
