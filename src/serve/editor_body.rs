//! The body of a guideline's edit page: the Markdown text area, its
//! toolbar and pickers, the problems in the text, and the preview beside it
//! (`editor_preview.rs` answers it).
//!
//! Without JavaScript the text area and a "Preview" button that posts the
//! form into the preview frame are all there is; the toolbar and pickers
//! need the script (`editor.js`), so they start `hidden` and it shows them.
//! The pickers' controls have no `name`, so a save never sends them.

use crate::render::templates::escape_html as esc;
use crate::serve::editor::EDIT_PREFIX;
use crate::serve::editor::preview::{CHECK_PART, PREVIEW_PART, TARGETS_PATH};
use std::fmt::Write;

/// The name of the preview frame, which the "Preview" button targets.
const PREVIEW_FRAME: &str = "signpost-preview";

/// The alert kinds of GitHub's syntax that the renderer draws as boxes.
const ALERT_KINDS: [(&str, &str); 5] =
    [("NOTE", "Note"), ("TIP", "Tip"), ("IMPORTANT", "Important"), ("WARNING", "Warning"), ("CAUTION", "Caution")];

/// The body's section, for the form whose address is `action`, with the
/// form's Save button under the text area: it must come before Preview, as
/// Enter in a field presses the form's first submit button.
pub fn section(out: &mut String, action: &str, body: &str) {
    let page = action.strip_prefix(EDIT_PREFIX).unwrap_or_default();
    let _ = write!(
        out,
        "<section class=\"body-editor\" aria-labelledby=\"body-heading\" data-check=\"{check}\" data-targets=\"{targets}\">\
         <h2 id=\"body-heading\">Text</h2>\
         <p id=\"check-status\" class=\"check-status\" role=\"status\" aria-live=\"polite\"></p>\
         <div class=\"body-columns\"><div class=\"body-write\">",
        check = esc(&format!("{EDIT_PREFIX}{CHECK_PART}{page}")),
        targets = TARGETS_PATH,
    );
    toolbar(out);
    // The newline after <textarea> is dropped by the HTML parser, so one is
    // added: a body that starts with a blank line keeps it.
    let _ = write!(
        out,
        "<div class=\"field\"><label for=\"f-body\">Text (Markdown)</label>\
         <p class=\"hint\" id=\"f-body-hint\">Everything after the front matter: headings, lists, links.</p>\
         <textarea id=\"f-body\" name=\"body\" rows=\"24\" aria-describedby=\"f-body-hint\">\n{}</textarea></div>\
         <div id=\"body-problems\" class=\"body-problems\" hidden></div>\
         <p><button type=\"submit\">Save</button></p></div>",
        esc(body)
    );
    let _ = write!(
        out,
        "<div class=\"body-preview\"><h3 id=\"preview-heading\">Preview</h3>\
         <p class=\"hint\" id=\"preview-hint\">The page as it will look once saved, drawn by the site's own templates. \
         It follows your typing when JavaScript is on; otherwise press Preview.</p>\
         <p><button type=\"submit\" class=\"secondary\" id=\"preview-button\" formaction=\"{preview}\" formtarget=\"{PREVIEW_FRAME}\" formnovalidate>Preview</button></p>\
         <iframe name=\"{PREVIEW_FRAME}\" id=\"preview-frame\" title=\"Preview of the page\" sandbox=\"allow-same-origin\"></iframe></div></div>",
        preview = esc(&format!("{EDIT_PREFIX}{PREVIEW_PART}{page}")),
    );
    link_picker(out);
    image_picker(out);
    out.push_str("</section>");
}

/// Buttons that write Markdown at the cursor. Each has its words on it.
fn toolbar(out: &mut String) {
    out.push_str(
        "<div class=\"toolbar\" role=\"group\" aria-label=\"Add to the text\" hidden>\
         <button type=\"button\" data-insert=\"h2\">Heading</button>\
         <button type=\"button\" data-insert=\"h3\">Subheading</button>\
         <button type=\"button\" data-insert=\"ul\">Bulleted list</button>\
         <button type=\"button\" data-insert=\"ol\">Numbered list</button>\
         <button type=\"button\" data-insert=\"table\">Table</button>\
         <button type=\"button\" data-open=\"link-picker\">Link…</button>\
         <button type=\"button\" data-open=\"image-picker\">Image…</button>\
         <span class=\"alert-tool\"><label for=\"alert-kind\">Alert</label> <select id=\"alert-kind\">",
    );
    for (kind, label) in ALERT_KINDS {
        let _ = write!(out, "<option value=\"{kind}\">{label}</option>");
    }
    out.push_str(
        "</select> <button type=\"button\" data-insert=\"alert\">Add alert</button></span>\
         <button type=\"button\" data-insert=\"pathway\">Pathway</button></div>",
    );
}

/// Links only to what exists: a guideline, a heading in one, a service (all
/// from `targets.json`), or a web page address, checked before it goes in.
fn link_picker(out: &mut String) {
    out.push_str(
        "<dialog id=\"link-picker\" class=\"picker\" aria-labelledby=\"link-picker-title\">\
         <h2 id=\"link-picker-title\">Add a link</h2>\
         <div class=\"field\"><label for=\"link-kind\">Link to</label><select id=\"link-kind\">\
         <option value=\"service\">A service</option><option value=\"guideline\">A guideline</option>\
         <option value=\"heading\">A heading in a guideline</option><option value=\"web\">A web page</option></select></div>\
         <div class=\"field\" data-for=\"list\"><label for=\"link-filter\">Find</label>\
         <p class=\"hint\" id=\"link-filter-hint\">Type part of a name to shorten the list.</p>\
         <input type=\"search\" id=\"link-filter\" aria-describedby=\"link-filter-hint\" autocomplete=\"off\"></div>\
         <div class=\"field\" data-for=\"list\"><label for=\"link-target\">Choose</label>\
         <select id=\"link-target\" size=\"8\"></select></div>\
         <div class=\"field\" data-for=\"web\" hidden><label for=\"link-url\">Web address</label>\
         <p class=\"hint\" id=\"link-url-hint\">Starting https://</p>\
         <input type=\"text\" inputmode=\"url\" id=\"link-url\" aria-describedby=\"link-url-hint\"></div>\
         <div class=\"field\"><label for=\"link-text\">Link text</label>\
         <p class=\"hint\" id=\"link-text-hint\">The words to click; they should say where the link goes.</p>\
         <input type=\"text\" id=\"link-text\" aria-describedby=\"link-text-hint\"></div>\
         <p class=\"problem\" id=\"link-error\" role=\"alert\" hidden></p>\
         <p><button type=\"button\" id=\"link-insert\">Add link</button> \
         <button type=\"button\" class=\"secondary\" data-close>Cancel</button></p></dialog>",
    );
}

/// An image goes in only with a text alternative, or marked as decoration
/// (then as `<img alt="">`, the form the accessibility check accepts).
fn image_picker(out: &mut String) {
    out.push_str(
        "<dialog id=\"image-picker\" class=\"picker\" aria-labelledby=\"image-picker-title\">\
         <h2 id=\"image-picker-title\">Add an image</h2>\
         <div class=\"field\"><label for=\"image-src\">Image</label>\
         <p class=\"hint\" id=\"image-src-hint\">Images in the site (content/ and static/). To add a new one, put the file beside the guideline first.</p>\
         <select id=\"image-src\" aria-describedby=\"image-src-hint\"></select></div>\
         <div class=\"field\"><label for=\"image-alt\">Text alternative</label>\
         <p class=\"hint\" id=\"image-alt-hint\">What the image shows, for people who cannot see it. Required unless it is only decoration.</p>\
         <input type=\"text\" id=\"image-alt\" aria-describedby=\"image-alt-hint\"></div>\
         <div class=\"field choice\"><input type=\"checkbox\" id=\"image-decorative\">\
         <label for=\"image-decorative\">Only decoration: it tells the reader nothing (screen readers skip it)</label></div>\
         <p class=\"problem\" id=\"image-error\" role=\"alert\" hidden></p>\
         <p><button type=\"button\" id=\"image-insert\">Add image</button> \
         <button type=\"button\" class=\"secondary\" data-close>Cancel</button></p></dialog>",
    );
}
