//! APIs (resource servers): the register form, what registering gives back, a row of the
//! list, the scopes and RFC 9728 document of one API, and deleting it.

pub mod created;
pub mod delete;
pub mod form;
pub mod metadata;
pub mod row;
pub mod scopes;
