//! The files of a load held by the server between choosing and loading, and the load running in
//! the background: a school's year is dozens of files and seconds of writing, so the browser
//! sends the files one by one (and can say how many are sent), the preview and the load run
//! apart from the request, and the screen asks how far they have got — also after it was left
//! and opened again. One batch per school: new files replace the idle batch, never a running
//! one. Held in memory: a restart loses the batch (and rolls back an unfinished load, which is
//! one transaction), and the deputy chooses the files again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use domain::error::AppError;
use domain::wire::journal_import::{JobProgress, JournalFile, JournalJob, SubjectChoice};
use leptos::prelude::use_context;

use super::provenance::signature;
use crate::platform::request::Request;
use crate::platform::upload::{self, Limits};

/// Files in one batch: a school's classes for a year, with room to spare.
const MAX_FILES: usize = 300;
/// One batch's files together.
const MAX_BATCH_BYTES: usize = 96 * 1024 * 1024;
/// All schools' batches together, so an installation's memory stays bounded.
const MAX_HELD_BYTES: usize = 384 * 1024 * 1024;
/// An idle batch is forgotten after this.
const KEEP: Duration = Duration::from_secs(3 * 60 * 60);

/// How far a job has got, updated from inside it and read by whoever asks.
#[derive(Default)]
pub struct Progress(Mutex<JobProgress>);

impl Progress {
    pub fn stage(&self, stage: &str, done: usize, total: usize) {
        let mut p = lock(&self.0);
        p.stage = stage.into();
        p.done = done as u32;
        p.total = total as u32;
    }

    pub fn advance(&self, by: usize) {
        let mut p = lock(&self.0);
        p.done = p.done.saturating_add(by as u32);
    }

    fn get(&self) -> JobProgress {
        lock(&self.0).clone()
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere does not make the progress unreadable.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The installation's batches, one per school; given to the server functions by the server.
#[derive(Clone, Default)]
pub struct Batches(Arc<Mutex<HashMap<i32, Batch>>>);

struct Batch {
    id: String,
    by: String,
    touched: Instant,
    files: Arc<Vec<(String, Vec<u8>)>>,
    choices: Vec<SubjectChoice>,
    write: bool,
    running: Option<Arc<Progress>>,
    outcome: Option<domain::wire::journal_import::ImportOutcome>,
    failure: Option<String>,
}

impl Batch {
    fn bytes(&self) -> usize {
        self.files.iter().map(|(_, b)| b.len()).sum()
    }

    fn job(&self) -> JournalJob {
        JournalJob {
            batch: self.id.clone(),
            files: self.files.iter().map(|(n, _)| n.clone()).collect(),
            by: self.by.clone(),
            choices: self.choices.clone(),
            write: self.write,
            running: self.running.as_ref().map(|p| p.get()),
            outcome: self.outcome.clone(),
            failure: self.failure.clone(),
        }
    }

    fn busy(&self) -> AppError {
        AppError::invalid(format!(
            "Идёт загрузка журнала, которую начал(а) {}: дождитесь, пока она закончится.",
            self.by
        ))
    }
}

fn replaced() -> AppError {
    AppError::invalid("Этот набор файлов уже заменён другим: выберите файлы снова.")
}

fn held() -> Result<Batches, AppError> {
    use_context::<Batches>().ok_or_else(|| {
        tracing::error!("no journal batches in the server function context");
        AppError::Server
    })
}

impl Batches {
    fn map(&self) -> MutexGuard<'_, HashMap<i32, Batch>> {
        let mut map = lock(&self.0);
        map.retain(|_, b| b.running.is_some() || b.touched.elapsed() < KEEP);
        map
    }
}

/// Adds a file to the school's batch (`batch` given) or starts a new batch with it.
pub async fn stage(batch: Option<String>, file: JournalFile) -> Result<String, AppError> {
    let req = Request::current()?;
    let (who, school_id) = req.structure_editor().await?;
    let bytes = upload::decoded(&file.data)?;
    upload::check_size(&bytes, &Limits::RESULTS)
        .map_err(|m| AppError::invalid(format!("«{}»: {m}", file.name)))?;
    let by = signature(&req.db, who.account_id).await?;
    let all = held()?;
    let mut map = all.map();
    let others: usize = map
        .iter()
        .filter(|(school, _)| **school != school_id)
        .map(|(_, b)| b.bytes())
        .sum();
    let too_many = || {
        AppError::invalid(format!(
            "Слишком много файлов за один раз (больше {MAX_FILES} или {} МБ): загрузите их в несколько приёмов.",
            MAX_BATCH_BYTES / 1024 / 1024
        ))
    };
    let busy_server = || {
        AppError::invalid(
            "Сервер сейчас принимает файлы журнала других школ: повторите через несколько минут.",
        )
    };
    match (batch, map.get_mut(&school_id)) {
        (Some(id), Some(b)) if b.id == id => {
            if b.running.is_some() {
                return Err(b.busy());
            }
            let total = b.bytes() + bytes.len();
            if b.files.len() >= MAX_FILES || total > MAX_BATCH_BYTES {
                return Err(too_many());
            }
            if others + total > MAX_HELD_BYTES {
                return Err(busy_server());
            }
            Arc::make_mut(&mut b.files).push((file.name, bytes));
            b.outcome = None;
            b.failure = None;
            b.touched = Instant::now();
            Ok(id)
        }
        (Some(_), _) => Err(replaced()),
        (None, Some(b)) if b.running.is_some() => Err(b.busy()),
        (None, _) => {
            if others + bytes.len() > MAX_HELD_BYTES {
                return Err(busy_server());
            }
            let id = uuid::Uuid::new_v4().to_string();
            map.insert(
                school_id,
                Batch {
                    id: id.clone(),
                    by,
                    touched: Instant::now(),
                    files: Arc::new(vec![(file.name, bytes)]),
                    choices: Vec::new(),
                    write: false,
                    running: None,
                    outcome: None,
                    failure: None,
                },
            );
            Ok(id)
        }
    }
}

/// Starts the preview (`write` false) or the load of the batch in the background.
pub async fn start(
    batch: String,
    choices: Vec<SubjectChoice>,
    write: bool,
) -> Result<JournalJob, AppError> {
    let req = Request::current()?;
    let (who, school_id) = req.structure_editor().await?;
    let all = held()?;
    let (files, progress, job) = {
        let mut map = all.map();
        let b = map
            .get_mut(&school_id)
            .filter(|b| b.id == batch)
            .ok_or_else(replaced)?;
        if b.running.is_some() {
            return Err(b.busy());
        }
        let progress = Arc::new(Progress::default());
        progress.stage("Чтение файлов", 0, b.files.len());
        b.running = Some(progress.clone());
        b.write = write;
        b.choices = choices.clone();
        b.touched = Instant::now();
        (b.files.clone(), progress, b.job())
    };
    let work = tokio::spawn(async move {
        super::process(&req, &who, school_id, &files, &choices, write, &progress).await
    });
    tokio::spawn(async move {
        let result = work.await;
        let mut map = all.map();
        let Some(b) = map.get_mut(&school_id).filter(|b| b.id == batch) else {
            return;
        };
        b.running = None;
        b.touched = Instant::now();
        (b.outcome, b.failure) = match result {
            Ok(Ok(outcome)) => (Some(outcome), None),
            Ok(Err(e)) => (None, Some(e.to_string())),
            Err(e) => {
                tracing::error!(error = %e, "journal import task failed");
                (None, Some(AppError::Server.to_string()))
            }
        };
    });
    Ok(job)
}

/// The school's batch and how far its job has got; `batch` names the one the screen holds.
pub async fn job(batch: Option<String>) -> Result<Option<JournalJob>, AppError> {
    let req = Request::current()?;
    let (_, school_id) = req.structure_editor().await?;
    let all = held()?;
    let map = all.map();
    Ok(map
        .get(&school_id)
        .filter(|b| batch.as_ref().is_none_or(|id| *id == b.id))
        .map(Batch::job))
}
