//! What every area of the server uses: the request and its answer, the audit log, sessions and
//! login throttling, who the signed-in person is, staff names, SQL helpers, the XLSX
//! writer and the file guard.

pub mod audit;
pub mod people;
pub mod principal;
pub mod request;
pub mod session;
pub mod sql;
pub mod throttle;
pub mod upload;
pub mod xlsx;
pub mod xlsx_patch;
