//! The `bounty` CLI end to end against anvil, one module per area. One test binary rather than one per file: each
//! binary links all of alloy, and linking them one by one was most of the workspace's test build time.

mod common;

mod bad_input;
mod books;
mod discourse;
mod ens;
mod failures;
mod flows;
mod governance;
mod intake;
mod monthly;
mod reports;
mod rpc_faults;
mod safe;
mod scale;
mod three_sources;
mod tickets;
mod twap;
