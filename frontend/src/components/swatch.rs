//! A legend's colour square. Drawn as SVG with a `fill` attribute: the Content-Security-Policy
//! forbids inline `style` attributes, which would leave the square without its colour.

use leptos::prelude::*;

#[component]
pub fn Swatch(colour: &'static str) -> impl IntoView {
    view! {
        <svg class="swatch" width="12" height="12" aria-hidden="true" data-colour=colour>
            <rect width="12" height="12" rx="2" fill=colour></rect>
        </svg>
    }
}
