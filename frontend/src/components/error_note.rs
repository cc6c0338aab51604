use leptos::prelude::*;

use domain::error::AppError;

/// A failed request, said plainly; a lost session links to the login page.
#[component]
pub fn ErrorNote(error: AppError) -> impl IntoView {
    let signed_out = error == AppError::NotSignedIn;
    view! {
        <div class="error-note" role="alert" data-testid="error">
            <p>{error.to_string()}</p>
            <Show when=move || signed_out>
                <p><a href="/login">"Войти"</a></p>
            </Show>
        </div>
    }
}
