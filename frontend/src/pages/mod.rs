pub mod app_detail;
pub mod app_edit;
pub mod app_new;
pub mod apps_list;
pub mod home;
pub mod not_found;
pub mod sign_in;
pub mod sign_up;
