use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::guard::Guard;
use crate::components::header::Header;
use crate::components::update_banner::UpdateBanner;
use crate::device::signed_in;
use crate::routes::access_review::AccessPage;
use crate::routes::accounts::Accounts;
use crate::routes::analysis::Analysis;
use crate::routes::class::Class;
use crate::routes::dashboard::Dashboard;
use crate::routes::dashboard_detail::{MinimumPage, ObjectivityPage, RiskPage};
use crate::routes::home::Home;
use crate::routes::login::Login;
use crate::routes::municipality::Municipality;
use crate::routes::my_classes::MyClasses;
use crate::routes::my_measures::MyMeasuresPage;
use crate::routes::not_found::NotFound;
use crate::routes::on_device::OnDevice;
use crate::routes::participant_codes::ParticipantCodesPage;
use crate::routes::plan::{PlanPage, Plans};
use crate::routes::plan_print::PlanPrint;
use crate::routes::procedure_change::ProcedureChangePage;
use crate::routes::procedure_setup::ProcedureSetupPage;
use crate::routes::procedures::Procedures;
use crate::routes::profile::Profile;
use crate::routes::report::ReportPage;
use crate::routes::result_sheet::ResultSheet;
use crate::routes::schedule::SchedulePage;
use crate::routes::school::School;
use crate::routes::setup::Setup;
use api::auth::SCHOOL_ROLES;
use api::schedule::SCHEDULE_READERS;
use domain::policy::Role;

const TEACHING: [Role; 2] = [Role::Teacher, Role::ClassTeacher];

/// The whole single-page app. The server sends the same static page for every URL, so the
/// service worker can open any route offline; this component then takes over the body.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(crate::device::offline_shell::watch());
    signed_in::provide();
    crate::device::sync_engine::provide();
    view! {
        <Title text=domain::PRODUCT_NAME/>
        <Router>
            <Header/>
            <UpdateBanner/>
            <main class="page" id="main">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/login") view=Login/>
                    <Route path=path!("/school") view=|| view! {
                        <Guard roles=&SCHOOL_ROLES><School/></Guard>
                    }/>
                    <Route path=path!("/analysis") view=|| view! {
                        <Guard roles=&SCHOOL_ROLES><Analysis/></Guard>
                    }/>
                    <Route path=path!("/dashboard") view=|| view! {
                        <Guard roles=&SCHOOL_ROLES><Dashboard/></Guard>
                    }/>
                    <Route path=path!("/dashboard/objectivity") view=|| view! {
                        <Guard roles=&SCHOOL_ROLES><ObjectivityPage/></Guard>
                    }/>
                    <Route path=path!("/dashboard/minimum") view=|| view! {
                        <Guard roles=&SCHOOL_ROLES><MinimumPage/></Guard>
                    }/>
                    <Route path=path!("/dashboard/risk") view=|| view! {
                        <Guard roles=&SCHOOL_ROLES><RiskPage/></Guard>
                    }/>
                    <Route path=path!("/dashboard/access") view=|| view! {
                        <Guard roles=&[Role::Director]><AccessPage/></Guard>
                    }/>
                    <Route path=path!("/classes") view=|| view! {
                        <Guard roles=&TEACHING><MyClasses/></Guard>
                    }/>
                    <Route path=path!("/classes/:id") view=|| view! { <Guard><Class/></Guard> }/>
                    <Route path=path!("/municipality") view=|| view! {
                        <Guard roles=&[Role::Municipal]><Municipality/></Guard>
                    }/>
                    <Route path=path!("/accounts") view=|| view! {
                        <Guard roles=&[Role::Admin]><Accounts/></Guard>
                    }/>
                    <Route path=path!("/setup") view=|| view! {
                        <Guard roles=&[Role::Deputy, Role::Admin]><Setup/></Guard>
                    }/>
                    <Route path=path!("/procedures") view=|| view! { <Guard><Procedures/></Guard> }/>
                    <Route path=path!("/procedures/new") view=|| view! { <Guard><ProcedureSetupPage/></Guard> }/>
                    <Route path=path!("/procedures/:id") view=|| view! { <Guard><ResultSheet/></Guard> }/>
                    <Route path=path!("/schedule") view=|| view! {
                        <Guard roles=&SCHEDULE_READERS><SchedulePage/></Guard>
                    }/>
                    <Route path=path!("/procedures/:id/codes") view=|| view! {
                        <Guard roles=&[Role::Deputy, Role::Director]><ParticipantCodesPage/></Guard>
                    }/>
                    <Route path=path!("/procedures/:id/edit") view=|| view! { <Guard><ProcedureChangePage/></Guard> }/>
                    <Route path=path!("/procedures/:id/report") view=|| view! {
                        <Guard roles=&SCHOOL_ROLES><ReportPage/></Guard>
                    }/>
                    <Route path=path!("/plans") view=|| view! {
                        <Guard roles=&SCHOOL_ROLES><Plans/></Guard>
                    }/>
                    <Route path=path!("/plans/:id") view=|| view! {
                        <Guard roles=&SCHOOL_ROLES><PlanPage/></Guard>
                    }/>
                    <Route path=path!("/plans/:id/print") view=|| view! {
                        <Guard roles=&SCHOOL_ROLES><PlanPrint/></Guard>
                    }/>
                    <Route path=path!("/measures") view=|| view! { <Guard><MyMeasuresPage/></Guard> }/>
                    <Route path=path!("/device") view=|| view! { <Guard><OnDevice/></Guard> }/>
                    <Route path=path!("/profile") view=|| view! { <Guard><Profile/></Guard> }/>
                </Routes>
            </main>
        </Router>
    }
}
