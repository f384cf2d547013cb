//! The edit page of a guideline or of one service: a plain HTML form,
//! drawn from the field list the parser reads (`ONE_VALUE_FIELDS` of
//! guidelines or of services), that works without JavaScript. Every value
//! from the file or the request is escaped.

use crate::content::guideline::{self, FieldKind, OneValueField, Status};
use crate::content::service::{self, ServiceStatus};
use crate::diagnostics::Diagnostic;
use crate::edit::directory::DirectoryFields;
use crate::edit::{EditError, FieldText, MarkdownFields, ServiceFields};
use crate::render::templates::escape_html as esc;
use std::collections::HashMap;
use std::fmt::Write;

/// The body's text area, toolbar, pickers and preview.
#[path = "editor_body.rs"]
mod body;

/// What the last request did, shown above the form.
pub enum Notice<'a> {
    None,
    Saved,
    NothingChanged,
    Undone,
    NotSaved(String),
    NotUndone(String),
    /// The file changed on disk since the form was made: `yours` is the file
    /// with the author's changes applied to it as it is now.
    Conflict {
        yours: String,
        form: &'a HashMap<String, String>,
    },
}

/// What the form edits: a guideline's front matter and body, or one
/// service's one-value fields in a directory file.
pub enum Fields {
    Guideline(MarkdownFields),
    Service(ServiceFields),
    /// A plain page: its front matter and body.
    Page(MarkdownFields),
    /// A directory file's title and description.
    Directory(DirectoryFields),
}

impl Fields {
    fn list(&self) -> &'static [OneValueField] {
        match self {
            Fields::Guideline(_) => &guideline::ONE_VALUE_FIELDS,
            Fields::Service(_) => &service::ONE_VALUE_FIELDS,
            Fields::Page(_) => &crate::content::page::ONE_VALUE_FIELDS,
            Fields::Directory(_) => &service::DIRECTORY_FIELDS,
        }
    }

    fn value(&self, key: &str) -> FieldText {
        match self {
            Fields::Guideline(f) => f.value(key),
            Fields::Service(f) => f.value(key),
            Fields::Page(f) => f.value(key),
            Fields::Directory(f) => f.value(key),
        }
    }
}

pub struct PageData<'a> {
    pub rel: &'a str,
    /// The id of the service the form edits, for a directory file.
    pub service: Option<&'a str>,
    /// Today's date as the build sees it (`SIGNPOST_TODAY`), for "Checked today".
    pub today: &'a str,
    /// The file as it is on disk now.
    pub text: &'a str,
    pub action: &'a str,
    pub token: &'a str,
    /// The version of the file as the page shows it.
    pub version: &'a str,
    pub fields: Result<Fields, EditError>,
    pub notice: Notice<'a>,
    pub diagnostics: &'a [Diagnostic],
    pub can_undo: bool,
    pub page_url: &'a str,
    /// The list and mapping fields' controls (`editor_lists.rs`).
    pub lists: &'a super::editor_lists::ListSection,
}

pub fn html(data: &PageData) -> String {
    let mut out = String::new();
    let (title, heading) = match data.service {
        Some(id) => (
            format!("Edit service {} in {}", esc(id), esc(data.rel)),
            format!("Edit service <code>{}</code> <small>in <code>{}</code></small>", esc(id), esc(data.rel)),
        ),
        None => (format!("Edit {}", esc(data.rel)), format!("Edit <code>{}</code>", esc(data.rel))),
    };
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} – signpost preview</title>\
         <link rel=\"stylesheet\" href=\"{css}\"><script src=\"{js}\" defer></script></head>\
         <body><main id=\"main\"><h1>{heading}</h1>\
         <p><a href=\"{page}\">Back to the page</a> (it reloads after each save)</p>",
        css = super::editor::STYLE_PATH,
        js = super::editor::SCRIPT_PATH,
        page = esc(data.page_url),
    );
    notice(&mut out, data);
    diagnostics(&mut out, data.diagnostics);
    match &data.fields {
        Ok(fields) => form(&mut out, data, fields),
        Err(e) => {
            let _ = write!(out, "<p class=\"problem\">This file cannot be edited here: {}.</p>", esc(&e.to_string()));
        }
    }
    if data.can_undo {
        let _ = write!(
            out,
            "<form method=\"post\" action=\"{action}\" class=\"undo\">{hidden}\
             <input type=\"hidden\" name=\"action\" value=\"undo\">\
             <button type=\"submit\">Undo last save</button> <span>puts back the file as it was before your last save</span></form>",
            action = esc(data.action),
            hidden = hidden("token", data.token),
        );
    }
    out.push_str("</main></body></html>");
    out
}

fn notice(out: &mut String, data: &PageData) {
    let has_errors = data.diagnostics.iter().any(Diagnostic::is_error);
    let text = match &data.notice {
        Notice::None => return,
        Notice::Saved if has_errors => "Saved. Your changes are on disk, but the site does not pass check: \
             build will refuse until the errors below are fixed."
            .to_string(),
        Notice::Saved => "Saved.".to_string(),
        Notice::NothingChanged => "Nothing changed, so nothing was written.".to_string(),
        Notice::Undone => "Undone: the file is back as it was before your last save.".to_string(),
        Notice::NotSaved(why) => format!("Not saved: {why}."),
        Notice::NotUndone(why) => format!("Not undone: {why}."),
        Notice::Conflict { yours, .. } => {
            conflict(out, data, yours);
            return;
        }
    };
    let role = if matches!(data.notice, Notice::NotSaved(_) | Notice::NotUndone(_)) { "alert" } else { "status" };
    let _ = write!(out, "<p id=\"notice\" class=\"notice\" role=\"{role}\" tabindex=\"-1\">{}</p>", esc(&text));
}

/// Both versions side by side; the form below keeps the author's values
/// and carries the version on disk, so saving it again overwrites.
fn conflict(out: &mut String, data: &PageData, yours: &str) {
    let _ = write!(
        out,
        "<div id=\"notice\" class=\"notice conflict\" role=\"alert\" tabindex=\"-1\">\
         <p>Not saved: <code>{rel}</code> changed on disk after this page was opened (another editor, or a git pull).</p>\
         <p>Choose: <a href=\"{action}\">reload the file as it is now</a> (your changes here are dropped), \
         or save the form below again to overwrite it with yours.</p></div>\
         <div class=\"versions\"><section><h2>On disk now</h2><pre>{disk}</pre></section>\
         <section><h2>Yours</h2><pre>{yours}</pre></section></div>",
        rel = esc(data.rel),
        action = esc(data.action),
        disk = esc(data.text),
        yours = esc(yours),
    );
}

fn diagnostics(out: &mut String, list: &[Diagnostic]) {
    if list.is_empty() {
        out.push_str("<section aria-labelledby=\"problems\"><h2 id=\"problems\">Problems in this file</h2><p>None: this file passes check.</p></section>");
        return;
    }
    let _ = write!(
        out,
        "<section aria-labelledby=\"problems\"><h2 id=\"problems\">Problems in this file ({})</h2><ul class=\"problems\">",
        list.len()
    );
    for d in list {
        let kind = if d.is_error() { "Error" } else { "Warning" };
        let place = match (d.line, d.col) {
            (Some(line), Some(col)) => format!("line {line}, column {col}"),
            (Some(line), None) => format!("line {line}"),
            _ => "the file".to_string(),
        };
        let field = d.field.as_deref().map(|f| format!("{f}: ")).unwrap_or_default();
        let _ = write!(
            out,
            "<li class=\"{class}\"><strong>{kind}</strong> at {place}: {field}{message}</li>",
            class = kind.to_ascii_lowercase(),
            place = esc(&place),
            field = esc(&field),
            message = esc(&d.message),
        );
    }
    out.push_str("</ul></section>");
}

fn form(out: &mut String, data: &PageData, fields: &Fields) {
    let submitted = match &data.notice {
        Notice::Conflict { form, .. } => Some(*form),
        _ => None,
    };
    // After a conflict the form shows what the author sent, not the disk.
    let value_of = |key: &str| -> FieldText {
        if key == service::LAST_VERIFIED.key && submitted.is_some_and(|f| f.contains_key("checked_today")) {
            return FieldText::Text(data.today.to_string());
        }
        match submitted.and_then(|f| f.get(key)) {
            Some(v) => FieldText::Text(v.clone()),
            None => fields.value(key),
        }
    };
    let _ = write!(
        out,
        "<form method=\"post\" action=\"{action}\" class=\"editor\">{token}{version}\
         <input type=\"hidden\" name=\"action\" value=\"save\"><h2>{part}</h2>",
        action = esc(data.action),
        token = hidden("token", data.token),
        version = hidden("file_version", data.version),
        part = match fields {
            Fields::Directory(_) => "Directory",
            _ if data.service.is_some() => "Service",
            _ => "Front matter",
        },
    );
    for field in fields.list() {
        control(out, field, &value_of(field.key));
        if field.key == guideline::REVIEW_DUE.key && data.service.is_none() {
            out.push_str(&data.lists.review_hint);
        }
    }
    out.push_str(&data.lists.controls);
    if let Fields::Directory(_) = fields {
        out.push_str("<p><button type=\"submit\">Save</button></p></form>");
        return;
    }
    let (Fields::Guideline(markdown) | Fields::Page(markdown)) = fields else {
        // "Checked today" sends the form with last_verified set to today.
        let _ = write!(
            out,
            "<p><button type=\"submit\">Save</button> \
             <button type=\"submit\" name=\"checked_today\" value=\"yes\" aria-describedby=\"checked-hint\">Checked today</button> \
             <span class=\"hint\" id=\"checked-hint\">Saves with last verified set to today, {}: the details were checked and are right.</span></p></form>",
            esc(data.today)
        );
        return;
    };
    let body = submitted.and_then(|f| f.get("body")).unwrap_or(&markdown.body);
    body::section(out, data.action, body);
    out.push_str("</form>");
}

/// One labelled control. A value the form cannot show faithfully (a list,
/// a date that is not YYYY-MM-DD) is not offered for editing, so saving
/// cannot lose it.
fn control(out: &mut String, field: &OneValueField, value: &FieldText) {
    let id = format!("f-{}", field.key);
    let hint = if field.hint.is_empty() {
        String::new()
    } else {
        format!("<p class=\"hint\" id=\"{id}-hint\">{}</p>", esc(field.hint))
    };
    let described = if field.hint.is_empty() { String::new() } else { format!(" aria-describedby=\"{id}-hint\"") };
    let text = match value {
        FieldText::NotOneValue => {
            let _ = write!(
                out,
                "<div class=\"field\"><p><strong>{}</strong>: written as a list in the file; edit it in a text editor.</p></div>",
                esc(field.label)
            );
            return;
        }
        FieldText::Absent => "",
        FieldText::Text(t) => t.as_str(),
    };
    let name = field.key;
    let input = match field.kind {
        FieldKind::Status => {
            let choices = Status::ALL.map(|s| (s.id(), s.label(), s.meaning()));
            return status_choice(out, &choices, text);
        }
        FieldKind::ServiceStatus => {
            let choices = ServiceStatus::ALL.map(|s| (s.id(), s.label(), s.meaning()));
            return status_choice(out, &choices, text);
        }
        FieldKind::LongText => {
            format!("<textarea id=\"{id}\" name=\"{name}\" rows=\"3\"{described}>\n{}</textarea>", esc(text))
        }
        FieldKind::Date if text.is_empty() || crate::date::Date::parse(text).is_some() => {
            format!("<input type=\"date\" id=\"{id}\" name=\"{name}\" value=\"{}\"{described}>", esc(text))
        }
        FieldKind::Date | FieldKind::Text => {
            format!("<input type=\"text\" id=\"{id}\" name=\"{name}\" value=\"{}\"{described}>", esc(text))
        }
    };
    let _ = write!(out, "<div class=\"field\"><label for=\"{id}\">{}</label>{hint}{input}</div>", esc(field.label));
}

/// The status as a choice, each with what it means. A value that is none
/// of them leaves every choice unticked, so the file's value is kept until
/// the author picks one.
fn status_choice(out: &mut String, choices: &[(&str, &str, &str)], current: &str) {
    out.push_str("<fieldset class=\"field\"><legend>Status</legend>");
    for &(value, label, meaning) in choices {
        let id = format!("f-status-{value}");
        let checked = if value == current { " checked" } else { "" };
        let _ = write!(
            out,
            "<div class=\"choice\"><input type=\"radio\" id=\"{id}\" name=\"status\" value=\"{value}\"{checked} aria-describedby=\"{id}-hint\">\
             <label for=\"{id}\">{label}</label> <span class=\"hint\" id=\"{id}-hint\">{meaning}</span></div>",
            label = esc(label),
            meaning = esc(meaning),
        );
    }
    if !current.is_empty() && !choices.iter().any(|(value, _, _)| *value == current) {
        let _ = write!(
            out,
            "<p class=\"problem\">The file says <code>{}</code>, which is none of these.</p>",
            esc(current)
        );
    }
    out.push_str("</fieldset>");
}

fn hidden(name: &str, value: &str) -> String {
    format!("<input type=\"hidden\" name=\"{name}\" value=\"{}\">", esc(value))
}
