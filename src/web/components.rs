//! One component per file; props are plain data plus `on_*` callbacks.

pub mod candidate_picker;
pub mod claims_table;
pub mod copy_button;
pub mod paste_area;
pub mod token_view;
