//! The pages of `editor_new.rs`: plain forms that work without
//! JavaScript, labelled from the parser's own field definitions where the
//! parser has one (`service::NAME`, `guideline::TITLE`, …). Every value
//! from a file or a request is escaped.

use super::editor;
use crate::content::guideline::{self, FieldKind, OneValueField};
use crate::content::service;
use crate::edit::{FieldText, ServiceFields};
use crate::render::templates::escape_html as esc;
use std::collections::HashMap;
use std::fmt::Write;

/// What the request did, shown above the form.
pub enum Outcome {
    /// A GET: the form, empty.
    Ask,
    /// Removing needs a second, explicit yes.
    Confirm,
    Created(String),
    Added(String),
    Duplicated(String),
    /// The removed service's name.
    Removed(String),
    Refused(String),
}

pub struct Context<'a> {
    pub action: &'a str,
    pub token: &'a str,
    /// What the author sent, kept in the form after a refusal.
    pub form: &'a HashMap<String, String>,
    pub outcome: Outcome,
}

/// A directory file, and the service in it a page is about.
pub struct ServiceForm<'a> {
    pub rel: &'a str,
    pub text: &'a str,
    pub id: Option<&'a str>,
}

const ID: OneValueField = OneValueField {
    key: "id",
    label: "Id",
    kind: FieldKind::Text,
    hint: "Required. Lower-case letters, digits and - only, unique across the site: the service's address is /services/ID/.",
};
const CATEGORY: OneValueField = OneValueField {
    key: "category",
    label: "Category",
    kind: FieldKind::Text,
    hint: "Required. More can be added in the file.",
};
const GUIDELINE_PATH: OneValueField = OneValueField {
    key: "path",
    label: "File name",
    kind: FieldKind::Text,
    hint: "Under content/guidelines/: lower-case letters, digits and -, with / between folders, for example asthma/children. It becomes the address: /guidelines/asthma/children/.",
};
const FIRST_AUTHOR: OneValueField = OneValueField {
    key: "author",
    label: "First author",
    kind: FieldKind::Text,
    hint: "Required. The name as it should appear, for example Dr A Example. More authors can be added later.",
};
const DIRECTORY_TITLE: OneValueField = OneValueField {
    key: "title",
    label: "Directory title",
    kind: FieldKind::Text,
    hint: "Required, for example Housing and warmth support.",
};
const DIRECTORY_PATH: OneValueField = OneValueField {
    key: "path",
    label: "File name",
    kind: FieldKind::Text,
    hint: "Under content/: lower-case letters, digits and -, with / between folders, for example services/housing. The directory's address is /directories/housing/.",
};

pub fn new_guideline(ctx: &Context) -> String {
    if let Outcome::Created(rel) = &ctx.outcome {
        let body = format!(
            "{}<p><a href=\"{}\">Edit the new guideline</a>. It is a draft: the preview shows drafts when \
             <code>signpost serve</code> runs with <code>--drafts</code>.</p>",
            notice("status", &format!("Created {rel} as a draft guideline.")),
            esc(&editor::edit_url(rel)),
        );
        return shell("New guideline", "New guideline", "/guidelines/", &body);
    }
    let mut body = refusal(ctx);
    body.push_str(&form_start(ctx, None));
    for field in [&guideline::TITLE, &GUIDELINE_PATH, &FIRST_AUTHOR] {
        text_control(&mut body, field, value(ctx, field.key, ""));
    }
    body.push_str("<p><button type=\"submit\">Create the guideline</button></p></form>");
    shell("New guideline", "New guideline", "/guidelines/", &body)
}

pub fn new_directory(ctx: &Context, categories: &[(String, String)]) -> String {
    if let Outcome::Created(rel) = &ctx.outcome {
        let slug = crate::content::service::slug_of(rel);
        let body = format!(
            "{}<p><a href=\"/{}\">See the directory in the preview</a> (it appears after the next rebuild).</p>",
            notice("status", &format!("Created {rel}.")),
            esc(&crate::urls::directory(&slug)),
        );
        return shell("New directory", "New directory", "/services/", &body);
    }
    let mut body = refusal(ctx);
    body.push_str(&form_start(ctx, None));
    text_control(&mut body, &DIRECTORY_TITLE, value(ctx, "title", ""));
    text_control(&mut body, &DIRECTORY_PATH, value(ctx, "path", "services/"));
    body.push_str("<fieldset><legend>Its first service</legend>");
    service_controls(&mut body, ctx, categories);
    body.push_str("</fieldset><p><button type=\"submit\">Create the directory</button></p></form>");
    shell("New directory", "New directory", "/services/", &body)
}

pub fn add_service(ctx: &Context, target: &ServiceForm, categories: &[(String, String)]) -> String {
    let title = directory_title(target.text, target.rel);
    let heading = format!("Add a service to {}", esc(&title));
    let back = directory_url(target.rel);
    if let Outcome::Added(id) = &ctx.outcome {
        let body = format!(
            "{}<p><a href=\"{}\">Edit the new service</a> · <a href=\"{}\">Back to the directory</a></p>",
            notice("status", &format!("Added {id} to {title}.")),
            esc(&editor::service_edit_url(id)),
            esc(&back),
        );
        return shell(&heading, &heading, &back, &body);
    }
    let mut body = refusal(ctx);
    body.push_str(&form_start(ctx, Some(target.text)));
    service_controls(&mut body, ctx, categories);
    body.push_str("<p><button type=\"submit\">Add the service</button></p></form>");
    shell(&heading, &heading, &back, &body)
}

pub fn duplicate(ctx: &Context, target: &ServiceForm) -> String {
    let id = target.id.unwrap_or_default();
    let name = service_name(target.text, id);
    let heading = format!("Duplicate {}", esc(&name));
    let back = format!("/{}", crate::urls::service(id));
    if let Outcome::Duplicated(new_id) = &ctx.outcome {
        let body = format!(
            "{}<p><a href=\"{}\">Edit the copy</a></p>",
            notice("status", &format!("Copied {name} as {new_id}, just after it in {}.", target.rel)),
            esc(&editor::service_edit_url(new_id)),
        );
        return shell(&heading, &heading, &back, &body);
    }
    let mut body = refusal(ctx);
    body.push_str(&form_start(ctx, Some(target.text)));
    let new_id = OneValueField { key: "new_id", label: "Id of the copy", ..ID };
    text_control(&mut body, &new_id, value(ctx, "new_id", &format!("{id}-copy")));
    body.push_str("<p><button type=\"submit\">Duplicate the service</button></p></form>");
    shell(&heading, &heading, &back, &body)
}

pub fn remove(ctx: &Context, target: &ServiceForm) -> String {
    let id = target.id.unwrap_or_default();
    let title = directory_title(target.text, target.rel);
    let back = directory_url(target.rel);
    if let Outcome::Removed(name) = &ctx.outcome {
        let heading = format!("Removed {}", esc(name));
        let body = format!(
            "{}<p><a href=\"{}\">Back to the directory</a> · \"Undo last save\" on any edit page of the directory puts it back.</p>",
            notice("status", &format!("Removed {name} from {title}.")),
            esc(&back),
        );
        return shell(&heading, &heading, &back, &body);
    }
    let name = service_name(target.text, id);
    let question = format!("Remove {name} from {title}?");
    let mut body = refusal(ctx);
    let _ = write!(
        body,
        "<p>This deletes the service's lines from <code>{rel}</code>; its page and its links go with it.</p>{form}\
         <input type=\"hidden\" name=\"confirm\" value=\"yes\">\
         <p><button type=\"submit\">Remove {name}</button> <a href=\"/{page}\">No, keep it</a></p></form>",
        rel = esc(target.rel),
        form = form_start(ctx, Some(target.text)),
        name = esc(&name),
        page = esc(&crate::urls::service(id)),
    );
    shell(&question, &esc(&question), &back, &body)
}

/// The service's name as the file gives it, or its id.
pub fn service_name(text: &str, id: &str) -> String {
    match ServiceFields::read(text, id).map(|f| f.value(service::NAME.key)) {
        Ok(FieldText::Text(name)) => name,
        _ => id.to_string(),
    }
}

fn directory_title(text: &str, rel: &str) -> String {
    let title = crate::yaml::parse(text).ok().and_then(|n| n.to_json()["title"].as_str().map(str::to_string));
    title.unwrap_or_else(|| rel.to_string())
}

fn directory_url(rel: &str) -> String {
    format!("/{}", crate::urls::directory(&service::slug_of(rel)))
}

fn service_controls(out: &mut String, ctx: &Context, categories: &[(String, String)]) {
    text_control(out, &ID, value(ctx, "id", ""));
    for field in [&service::NAME, &service::ORGANISATION, &service::DESCRIPTION] {
        text_control(out, field, value(ctx, field.key, ""));
    }
    category_control(out, categories, value(ctx, "category", ""));
}

/// The site's categories as a choice; a site with none in `site.yaml`
/// gets a text box for the category id.
fn category_control(out: &mut String, categories: &[(String, String)], current: &str) {
    if categories.is_empty() {
        return text_control(out, &CATEGORY, current);
    }
    let _ = write!(
        out,
        "<div class=\"field\"><label for=\"f-category\">{}</label><p class=\"hint\" id=\"f-category-hint\">{}</p>\
         <select id=\"f-category\" name=\"category\" aria-describedby=\"f-category-hint\">",
        CATEGORY.label,
        esc(CATEGORY.hint),
    );
    for (id, label) in categories {
        let selected = if id == current { " selected" } else { "" };
        let _ = write!(out, "<option value=\"{}\"{selected}>{}</option>", esc(id), esc(label));
    }
    out.push_str("</select></div>");
}

fn text_control(out: &mut String, field: &OneValueField, value: &str) {
    let id = format!("f-{}", field.key);
    let input = if field.kind == FieldKind::LongText {
        format!(
            "<textarea id=\"{id}\" name=\"{}\" rows=\"3\" aria-describedby=\"{id}-hint\">\n{}</textarea>",
            field.key,
            esc(value)
        )
    } else {
        format!(
            "<input type=\"text\" id=\"{id}\" name=\"{}\" value=\"{}\" aria-describedby=\"{id}-hint\">",
            field.key,
            esc(value)
        )
    };
    let _ = write!(
        out,
        "<div class=\"field\"><label for=\"{id}\">{}</label><p class=\"hint\" id=\"{id}-hint\">{}</p>{input}</div>",
        esc(field.label),
        esc(field.hint),
    );
}

/// What the author sent, or `default` before anything was sent.
fn value<'a>(ctx: &'a Context, key: &str, default: &'a str) -> &'a str {
    ctx.form.get(key).map_or(default, String::as_str)
}

/// The form's opening, with the token and, for a change to an existing
/// file, the version of the file the page was made from.
fn form_start(ctx: &Context, file: Option<&str>) -> String {
    let version = file.map_or(String::new(), |text| {
        format!(
            "<input type=\"hidden\" name=\"file_version\" value=\"{}\">",
            esc(&crate::edit::version_of(text.as_bytes()))
        )
    });
    format!(
        "<form method=\"post\" action=\"{}\" class=\"editor-new\"><input type=\"hidden\" name=\"token\" value=\"{}\">{version}",
        esc(ctx.action),
        esc(ctx.token),
    )
}

fn refusal(ctx: &Context) -> String {
    match &ctx.outcome {
        Outcome::Refused(why) => notice("alert", &format!("Not done: {why}.")),
        _ => String::new(),
    }
}

/// What happened, announced: `alert` for a refusal (shown as a problem), `status` otherwise.
fn notice(role: &str, text: &str) -> String {
    let class = if role == "alert" { "notice problem" } else { "notice" };
    format!("<p id=\"notice\" class=\"{class}\" role=\"{role}\" tabindex=\"-1\">{}</p>", esc(text))
}

/// The page around `body`; `title` is text, `heading` is HTML.
fn shell(title: &str, heading: &str, back: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} – signpost preview</title>\
         <link rel=\"stylesheet\" href=\"{css}\"><script src=\"{js}\" defer></script></head>\
         <body><main id=\"main\"><h1>{heading}</h1><p><a href=\"{back}\">Back to the page</a></p>{body}</main></body></html>",
        title = esc(title),
        css = editor::STYLE_PATH,
        js = editor::SCRIPT_PATH,
        back = esc(back),
    )
}
