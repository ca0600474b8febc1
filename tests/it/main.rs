//! hyoka's integration tests: one binary, one module per area.

mod annotate;
mod audit;
mod common;
mod config;
mod corpus;
mod docs;
mod export;
mod files;
mod gyokaku;
mod hostile;
mod keikaku;
mod layouts;
mod model;
mod mutations;
mod official;
mod outputs;
mod registry;
mod rules;
mod samples;
mod scale;
mod seed_figures;
mod serve;
mod shisaku;
mod spec;
mod tassei;
mod xml_book;
