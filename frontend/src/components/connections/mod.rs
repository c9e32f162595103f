//! Apps a person has authorized ("Connected apps").

pub mod row;
