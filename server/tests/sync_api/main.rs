//! `POST /api/sync` one rule at a time (docs/design.md §4): registration, push and pull, repeats,
//! rejections with reasons, conflicts, gaps in seq, foreign devices, unknown kinds and closed
//! procedures, what a pull may show, late requests, outboxes restored from a file and long
//! catch-ups in pages, on SQLite and PostgreSQL; and one round trip through the real router.
//! The randomised whole-protocol simulation is `sync_sim/`.

#[path = "../common/mod.rs"]
mod common;

mod devices;
mod endpoint;
mod protocol;
mod pull;
mod push;
mod rejections;
mod world;

both_engines!(a_first_sync_registers_the_device, devices::registration);
both_engines!(b_a_score_is_applied_and_pulled, push::push_and_pull);
both_engines!(c_a_repeated_batch_changes_nothing, push::repeated_batch);
both_engines!(d_a_score_out_of_range_is_rejected, rejections::out_of_range);
both_engines!(
    e_without_the_right_nothing_is_written,
    rejections::without_the_right
);
both_engines!(f_a_conflict_is_applied_reported_and_kept, push::conflict);
both_engines!(g_a_gap_in_seq_stops_the_batch, push::gap);
both_engines!(
    h_a_device_of_another_account_is_refused,
    devices::foreign_device
);
both_engines!(
    i_an_unknown_kind_is_rejected_with_a_reason,
    rejections::unknown_kind
);
both_engines!(j_a_pull_shows_only_what_its_user_may_see, pull::visibility);
both_engines!(k_a_late_request_keeps_last_seq_made, devices::late_request);
both_engines!(l_a_restored_outbox_goes_through, devices::restored_outbox);
both_engines!(m_a_long_catch_up_comes_in_pages, pull::paging);
both_engines!(
    the_endpoint_speaks_json_behind_the_session,
    endpoint::over_http
);
both_engines!(the_endpoint_keeps_its_limits, endpoint::limits);
both_engines!(n_lost_edits_are_told_to_the_deputy, devices::lost_edits);
