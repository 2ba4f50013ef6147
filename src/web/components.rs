//! One component per file; props are plain data plus `on_*` callbacks.

pub mod candidate_picker;
pub mod claims_table;
pub mod copy_button;
pub mod diagnosis_panel;
pub mod fetch_status;
pub mod finding_list;
pub mod gateway_form;
pub mod header_urls;
pub mod key_list;
pub mod keys_panel;
pub mod network_log;
pub mod paste_area;
pub mod privacy_bar;
pub mod share_panel;
pub mod token_view;
pub mod verdict_panel;
