//! Where a screen's journal figures come from: the latest load of the e-journal's files.

use leptos::prelude::*;

use api::journal_import::journal_provenance;

/// «Отметки из журнала: файл …, загружен …, …», for a screen that shows journal figures. Says
/// nothing to someone who may not see the school's results.
#[component]
pub fn JournalSource() -> impl IntoView {
    let source = LocalResource::new(journal_provenance);
    view! {
        <Suspense fallback=|| ()>
            {move || source.get().and_then(Result::ok).map(|p| view! {
                <p class="muted small" data-testid="journal-source">{match p {
                    Some(p) => p.sentence(),
                    None => "Отметки из журнала: файлы журнала ещё не загружались.".to_string(),
                }}</p>
            })}
        </Suspense>
    }
}
