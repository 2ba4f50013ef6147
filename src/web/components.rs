//! One component per file; props are plain data plus `on_*` callbacks.

pub mod answer_card;
pub mod candidate_picker;
pub mod claims_table;
pub mod compare_view;
pub mod copy_button;
pub mod diagnosis_panel;
pub mod fetch_status;
pub mod finding_list;
pub mod gateway_chooser;
pub mod gateway_form;
pub mod header_urls;
pub mod key_list;
pub mod keys_panel;
pub mod network_log;
pub mod paste_area;
pub mod privacy_bar;
pub mod share_panel;
pub mod theme_switch;
pub mod token_matrix;
pub mod token_strip;
pub mod token_view;
pub mod verdict_panel;
