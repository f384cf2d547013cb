//! Front matter and service fields that hold a list or a mapping (authors,
//! tags, contact, opening hours, …), described once so that the parser
//! reads each by its `key` here and the preview's editor draws and reads
//! its form from the same description (`LIST_FIELDS` of guidelines and of
//! services). A field the parser does not read cannot appear on the form,
//! and the two cannot name a part differently.

/// What a field holds, which decides both how the form shows it and how a
/// save writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One text value (`superseded_by`, `contact.email`).
    Text,
    /// A whole number written plain (`minimum_age: 18`).
    Whole,
    /// A list of text values (`tags: [a, b]`). The parser also takes one
    /// value as a list of one.
    Strings,
    /// A list of mappings, each with these parts (`authors`, `changes`).
    Rows(&'static [ListField]),
    /// One mapping with these parts (`contact`, `address`).
    Group(&'static [ListField]),
}

/// Where a field's suggested values come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choices {
    /// Free text, nothing offered.
    None,
    /// Free text, with the values other guidelines or services use offered.
    UsedInSite,
    /// A service id, offered with each service's name and area.
    ServiceIds,
    /// A guideline's key (`guidelines/copd`).
    GuidelineKeys,
    /// Ticked from `site.yaml`'s category labels.
    Categories,
    /// Ticked from the `areas` tree of `site.yaml` (free text without one).
    Areas,
    /// Ticked from the referral routes.
    ReferralRoutes,
    /// Ticked from the days of the week and bank holidays.
    Days,
    /// A date (`YYYY-MM-DD`).
    Date,
    /// A 24-hour time (`09:00`).
    Time,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListField {
    pub key: &'static str,
    pub label: &'static str,
    pub shape: Shape,
    pub choices: Choices,
    /// What to write, shown under the label.
    pub hint: &'static str,
}

impl ListField {
    pub const fn text(key: &'static str, label: &'static str, hint: &'static str) -> ListField {
        ListField { key, label, shape: Shape::Text, choices: Choices::None, hint }
    }

    pub const fn with(self, choices: Choices) -> ListField {
        ListField { choices, ..self }
    }

    pub const fn strings(key: &'static str, label: &'static str, hint: &'static str) -> ListField {
        ListField { key, label, shape: Shape::Strings, choices: Choices::None, hint }
    }
}
