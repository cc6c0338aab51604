use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::header::Header;
use crate::components::update_banner::UpdateBanner;
use crate::routes::{home::Home, not_found::NotFound};

/// The whole single-page app. The server sends the same static page for every URL, so the
/// service worker can open any route offline; this component then takes over the body.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(crate::device::offline_shell::watch());
    view! {
        <Title text=crate::PRODUCT_NAME/>
        <Router>
            <Header/>
            <UpdateBanner/>
            <main class="page" id="main">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=Home/>
                </Routes>
            </main>
        </Router>
    }
}
