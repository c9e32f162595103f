pub mod header;
pub mod status;
