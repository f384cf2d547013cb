//! Changing a source file by editing its text in place, for the editor in
//! the preview (`docs/editing.md`).
//!
//! A save must change only the values the author changed: comments, key
//! order, quoting and blank lines elsewhere stay byte for byte. So nothing
//! here serialises YAML. The parser's [`Node`](crate::yaml::Node) tree
//! gives where each value starts; [`scalar`] finds where it ends, writes
//! the new value in place (quoted when plain text would read differently),
//! and every edit is checked by parsing the result again.
//!
//! [`files`] holds the rest of what a save needs: which paths may be
//! written, the file's version as the form saw it, and the atomic write.

pub mod block;
pub mod create;
pub mod directory;
pub mod files;
pub mod items;
pub mod scalar;
pub mod tree;

pub use block::{ListEdit, edit_markdown_lists, edit_service_lists, read_lists};
pub use directory::edit_directory;
pub use files::{WriteRefusal, version_of, writable_path, write_atomically};
pub use scalar::{EditError, FieldText, MarkdownEdit, MarkdownFields, ServiceFields, edit_markdown, edit_service};
