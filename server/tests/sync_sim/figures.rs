//! Figures: what a run did, summed over its cases and printed as a table.

use std::collections::BTreeMap;
use std::fmt::{Display, Write as _};
use std::time::Duration;

#[derive(Default, Clone)]
pub struct Figures {
    pub cases: u64,
    pub devices: u64,
    pub orphan_devices: u64,
    pub made: u64,
    pub applied: u64,
    pub no_ops: u64,
    pub rejected: BTreeMap<&'static str, u64>,
    pub held: u64,
    pub duplicates: u64,
    pub copies: u64,
    pub conflicts: u64,
    pub history: u64,
    pub syncs: u64,
    pub requests_lost: u64,
    pub responses_lost: u64,
    pub duplicated: u64,
    pub delayed: u64,
    pub server_stops: u64,
    pub offline_periods: u64,
    pub wipes: u64,
    pub closed: u64,
    pub lost: u64,
    pub diverged: u64,
}

impl Figures {
    pub fn add(&mut self, o: &Figures) {
        for (k, v) in &o.rejected {
            *self.rejected.entry(k).or_default() += v;
        }
        let pairs: [(&mut u64, u64); 22] = [
            (&mut self.cases, o.cases),
            (&mut self.devices, o.devices),
            (&mut self.orphan_devices, o.orphan_devices),
            (&mut self.made, o.made),
            (&mut self.applied, o.applied),
            (&mut self.no_ops, o.no_ops),
            (&mut self.held, o.held),
            (&mut self.duplicates, o.duplicates),
            (&mut self.copies, o.copies),
            (&mut self.conflicts, o.conflicts),
            (&mut self.history, o.history),
            (&mut self.syncs, o.syncs),
            (&mut self.requests_lost, o.requests_lost),
            (&mut self.responses_lost, o.responses_lost),
            (&mut self.duplicated, o.duplicated),
            (&mut self.delayed, o.delayed),
            (&mut self.server_stops, o.server_stops),
            (&mut self.offline_periods, o.offline_periods),
            (&mut self.wipes, o.wipes),
            (&mut self.closed, o.closed),
            (&mut self.lost, o.lost),
            (&mut self.diverged, o.diverged),
        ];
        for (mine, theirs) in pairs {
            *mine += theirs;
        }
    }

    pub fn table(&self, engine: &str, seeds: &str, took: Duration) -> String {
        let rejected: u64 = self.rejected.values().sum();
        let mut t = String::new();
        let mut row = |k: &str, v: &dyn Display| {
            let _ = writeln!(t, "  {k:<48} {v:>10}");
        };
        row("engine", &engine);
        row("seeds", &seeds);
        for (k, v) in [
            ("cases", self.cases),
            ("devices", self.devices),
            (
                "  + orphaned by lost registrations and wipes",
                self.orphan_devices,
            ),
            ("sync requests reaching the server", self.syncs),
            ("mutations made", self.made),
            ("  applied", self.applied),
            ("    of which changed nothing", self.no_ops),
            ("  rejected", rejected),
        ] {
            row(k, &v);
        }
        for (reason, n) in &self.rejected {
            row(&format!("    {reason}"), n);
        }
        for (k, v) in [
            ("  held (procedure closed)", self.held),
            (
                "duplicates suppressed (first outcome repeated)",
                self.duplicates,
            ),
            ("restored copies answered, not applied again", self.copies),
            ("conflicts (= model)", self.conflicts),
            ("overwritten values in history (= model)", self.history),
            ("requests lost", self.requests_lost),
            ("responses lost after commit", self.responses_lost),
            ("requests duplicated", self.duplicated),
            ("requests delayed and delivered out of order", self.delayed),
            ("server stopped mid-batch", self.server_stops),
            ("offline periods", self.offline_periods),
            ("devices wiped, outbox restored from a file", self.wipes),
            ("procedures closed mid-case", self.closed),
            ("lost", self.lost),
            ("diverged", self.diverged),
        ] {
            row(k, &v);
        }
        row("time", &format!("{:.1} s", took.as_secs_f64()));
        t
    }
}
