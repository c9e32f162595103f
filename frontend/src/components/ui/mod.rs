//! Generic interface pieces, free of any console feature.

pub mod changing_list;
pub mod checked_form;
pub mod choices;
pub mod code_block;
pub mod confirm;
pub mod confirmed_action;
pub mod copy_button;
pub mod field;
pub mod form_state;
pub mod loaded;
pub mod page_card;
pub mod page_heading;
pub mod problems;
pub mod reauthenticate;
pub mod registering;
pub mod setting;
pub mod shown_once;
pub mod status;
pub mod submit;
pub mod text_list;
