//! The link that downloads a table the screen shows as an XLSX workbook.

use leptos::prelude::*;

use domain::table::Export;

#[component]
pub fn XlsxLink(export: Export) -> impl IntoView {
    view! {
        <p class="no-print">
            <a class="button secondary" href=export.href() download data-testid="xlsx">"Скачать XLSX"</a>
        </p>
    }
}
