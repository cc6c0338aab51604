//! «Загрузка из журнала» (issue 18): the e-journal's marks and attendance brought in by file, so
//! nobody types them twice. Every file is read by its content (`read`), every value placed in
//! the school (`place`): a pupil by name in her class, a subject by name or the deputy's choice,
//! a period a term of the current year. The preview says per file what was read and every row
//! that cannot be placed, and what a load would change (`diff`); the load then writes all of it
//! or nothing (`write`), replacing what a corrected file changes and leaving the rest, so the
//! same file twice changes nothing.

mod batch;
mod diff;
mod place;
mod provenance;
mod read;
pub mod sample;
mod scope;
mod write;

use std::collections::{BTreeMap, BTreeSet};

use domain::error::AppError;
use domain::journal::matching::subject_key;
use domain::journal::When;
use domain::policy::Principal;
use domain::wire::journal_import::{
    FileReport, ImportOutcome, JournalFile, Provenance, SubjectChoice, SubjectOption,
    UnknownSubject,
};

use crate::platform::request::Request;
use crate::platform::upload::{self, Limits};
use crate::school::this_year;
use place::{problem, AbsenceKey, MarkKey, Placed, School};

pub use batch::{job, stage, start, Batches, Progress};
pub use provenance::provenance;

/// A file's values placed, with the scope it replaces.
pub(crate) struct FilePlaced {
    pub marks: Vec<Placed>,
    pub absences: Vec<(AbsenceKey, i16, i32)>,
    pub per_pupil: bool,
    pub span: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
}

/// Previews (`write` false) or loads the files. A file's own mistakes, a row it cannot place, a
/// subject nobody mapped: any of them and nothing is written.
pub async fn run(
    files: Vec<JournalFile>,
    choices: Vec<SubjectChoice>,
    write: bool,
) -> Result<ImportOutcome, AppError> {
    let req = Request::current()?;
    let (who, school_id) = req.structure_editor().await?;
    let files = files
        .into_iter()
        .map(|f| Ok((f.name, upload::decoded(&f.data)?)))
        .collect::<Result<Vec<_>, AppError>>()?;
    process(
        &req,
        &who,
        school_id,
        &files,
        &choices,
        write,
        &Progress::default(),
    )
    .await
}

/// The preview or the load of files already decoded, for the asker (already authorized) and
/// her school, saying how far it has got.
pub(crate) async fn process(
    req: &Request,
    who: &Principal,
    school_id: i32,
    files: &[(String, Vec<u8>)],
    choices: &[SubjectChoice],
    write: bool,
    progress: &Progress,
) -> Result<ImportOutcome, AppError> {
    if files.is_empty() {
        return Err(AppError::invalid("Выберите хотя бы один файл журнала."));
    }
    let db = &req.db;
    let year = this_year(db, school_id).await?;
    let school = School::load(db, school_id, year).await?;
    if school.terms.is_empty() {
        return Err(AppError::invalid(
            "В учебном году не заданы четверти (триместры): задайте их в «Учебный год», затем загрузите журнал.",
        ));
    }
    let choices: BTreeMap<String, Option<i32>> = choices
        .iter()
        .map(|c| (subject_key(&c.name), c.subject_id))
        .collect();
    if choices
        .values()
        .flatten()
        .any(|id| !school.subjects.iter().any(|s| s.id == *id))
    {
        return Err(AppError::invalid("Выбран предмет не из списка школы."));
    }
    let mut outcome = ImportOutcome {
        subjects: school
            .subjects
            .iter()
            .map(|s| SubjectOption {
                id: s.id,
                name: s.name.clone(),
            })
            .collect(),
        ..ImportOutcome::default()
    };
    let mut unknown: BTreeMap<String, (String, u32)> = BTreeMap::new();
    let mut placed = Vec::new();
    let mut classes = BTreeSet::new();
    // A term mark given twice across files: the first file keeps it, the second is wrong.
    let mut once: BTreeMap<MarkKey, String> = BTreeMap::new();
    for (at, (name, bytes)) in files.iter().enumerate() {
        progress.stage("Чтение файлов", at, files.len());
        let read = read::read(name, bytes, &Limits::RESULTS);
        // A file that is not a journal file at all is the client's mistake: said as one.
        if let Some(whole) = read.problems.iter().find(|p| p.row == 0) {
            return Err(AppError::invalid(format!("«{name}»: {}", whole.message)));
        }
        let mut report = FileReport {
            name: name.clone(),
            format: read.format.to_string(),
            rows: (read.batch.entries.len() + read.batch.absences.len()) as u32,
            problems: read.problems,
            ..FileReport::default()
        };
        let mut this = FilePlaced {
            marks: Vec::new(),
            absences: Vec::new(),
            per_pupil: read.per_pupil,
            span: read.span.map(|(a, b)| (place::date(a), place::date(b))),
        };
        let mut pupils = BTreeSet::new();
        for e in &read.batch.entries {
            let student_id = match school.pupil(&e.name, &e.class) {
                Ok(id) => id,
                Err(m) => {
                    report.problems.push(problem(e.row, m));
                    continue;
                }
            };
            let subject_id = match school.subject(&e.subject, &choices) {
                Ok(Some(id)) => id,
                Ok(None) => continue,
                Err(()) => {
                    let entry = unknown
                        .entry(subject_key(&e.subject))
                        .or_insert((e.subject.clone(), 0));
                    entry.1 += 1;
                    continue;
                }
            };
            let (kind, term_id, on_date) = match school.period(e.when) {
                Ok(p) => p,
                Err(m) => {
                    report.problems.push(problem(e.row, m));
                    continue;
                }
            };
            let class_id = school.class_of[&student_id];
            let key = MarkKey {
                student_id,
                subject_id,
                kind,
                term_id,
                on_date,
            };
            if !matches!(e.when, When::Day(_)) {
                if let Some(first) = once.get(&key) {
                    report.problems.push(problem(
                        e.row,
                        format!(
                            "отметка {} за этот период уже есть в файле «{first}».",
                            e.name
                        ),
                    ));
                    continue;
                }
                once.insert(key, name.clone());
            }
            pupils.insert(student_id);
            classes.insert(class_id);
            report.marks += 1;
            this.marks.push(Placed {
                key,
                value: e.value,
                class_id,
            });
        }
        for a in &read.batch.absences {
            let student_id = match school.pupil(&a.name, &a.class) {
                Ok(id) => id,
                Err(m) => {
                    report.problems.push(problem(a.row, m));
                    continue;
                }
            };
            let (term_id, on_date) = match a.when.map(|w| school.period(w)) {
                Some(Ok(("current", _, on))) => (None, on),
                Some(Ok((_, Some(term), on))) => (Some(term), on),
                Some(Ok(_)) | None => {
                    report.problems.push(problem(
                        a.row,
                        "пропуски указывают за четверть (триместр) или за день.".into(),
                    ));
                    continue;
                }
                Some(Err(m)) => {
                    report.problems.push(problem(a.row, m));
                    continue;
                }
            };
            let class_id = school.class_of[&student_id];
            pupils.insert(student_id);
            classes.insert(class_id);
            report.absences += 1;
            for (reason, n) in [
                ("excused", a.excused),
                ("illness", a.illness),
                ("unexcused", a.unexcused),
                ("unspecified", a.unspecified),
            ] {
                if n > 0 {
                    let key = AbsenceKey {
                        student_id,
                        on_date,
                        term_id,
                        reason,
                    };
                    this.absences.push((key, n, class_id));
                }
            }
        }
        report.pupils = pupils.len() as u32;
        outcome.files.push(report);
        placed.push(this);
    }
    outcome.unknown_subjects = unknown
        .into_values()
        .map(|(name, values)| UnknownSubject { name, values })
        .collect();
    outcome.classes = classes
        .iter()
        .filter_map(|c| school.classes.get(c).cloned())
        .collect();
    progress.stage("Сравнение с тем, что уже есть в Mera", 0, 0);
    let plan = diff::plan(db, &school, &placed).await?;
    outcome.added = plan.added;
    outcome.changed = plan.changed;
    outcome.removed = plan.removed;
    outcome.same = plan.same;
    if write && outcome.ready() {
        let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
        write::apply(req, who, school_id, plan, &names, &choices, progress).await?;
        outcome.written = true;
    }
    Ok(outcome)
}

/// The latest load's provenance for the asker's school, when she may see its results.
pub async fn latest() -> Result<Option<Provenance>, AppError> {
    let (req, _, school_id) = Request::school_access(domain::policy::Action::View, |school_id| {
        domain::policy::Resource::SchoolResults { school_id }
    })
    .await?;
    Ok(provenance(&req.db, school_id).await?)
}
