//! The languages UK community services offer, with their ISO 639 codes: one
//! table read both ways, so a language the feed publishes under a code is
//! the language an import reads back.

/// (name people read, ISO 639-1 code or "" where there is none, other codes
/// and names feeds use for it). Where two names share a 639-1 code, the
/// first one is the name a bare code reads as.
const LANGUAGES: &[(&str, &str, &[&str])] = &[
    ("English", "en", &["eng"]),
    ("Welsh", "cy", &["cym", "wel"]),
    ("Scottish Gaelic", "gd", &["gla"]),
    ("Irish", "ga", &["gle"]),
    ("Polish", "pl", &["pol"]),
    ("Punjabi", "pa", &["pan"]),
    ("Urdu", "ur", &["urd"]),
    ("Bengali", "bn", &["ben"]),
    ("Gujarati", "gu", &["guj"]),
    ("Arabic", "ar", &["ara"]),
    ("French", "fr", &["fra", "fre"]),
    ("Spanish", "es", &["spa"]),
    ("Portuguese", "pt", &["por"]),
    ("Italian", "it", &["ita"]),
    ("German", "de", &["deu", "ger"]),
    ("Romanian", "ro", &["ron", "rum"]),
    ("Lithuanian", "lt", &["lit"]),
    ("Latvian", "lv", &["lav"]),
    ("Russian", "ru", &["rus"]),
    ("Ukrainian", "uk", &["ukr"]),
    ("Turkish", "tr", &["tur"]),
    ("Kurdish", "ku", &["kur"]),
    ("Persian", "fa", &["fas", "per"]),
    ("Farsi", "fa", &[]),
    ("Pashto", "ps", &["pus"]),
    ("Somali", "so", &["som"]),
    ("Tigrinya", "ti", &["tir"]),
    ("Amharic", "am", &["amh"]),
    ("Chinese", "zh", &["zho", "chi"]),
    ("Cantonese", "zh", &["yue"]),
    ("Mandarin", "zh", &["cmn"]),
    ("Hindi", "hi", &["hin"]),
    ("Tamil", "ta", &["tam"]),
    ("Nepali", "ne", &["nep"]),
    ("Albanian", "sq", &["sqi", "alb"]),
    ("Bulgarian", "bg", &["bul"]),
    ("Czech", "cs", &["ces", "cze"]),
    ("Slovak", "sk", &["slk", "slo"]),
    ("Hungarian", "hu", &["hun"]),
    ("Greek", "el", &["ell", "gre"]),
    ("Vietnamese", "vi", &["vie"]),
    ("British Sign Language", "", &["bfi", "bsl", "BSL"]),
];

/// The ISO 639-1 code of a language name, where it has one.
pub fn code_of(name: &str) -> Option<&'static str> {
    let name = name.trim();
    LANGUAGES
        .iter()
        .find(|(n, _, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, code, _)| *code)
        .filter(|code| !code.is_empty())
}

/// A language's name: codes such as `en`, `eng` or `en-GB` (and names
/// written in another case) become `English`; anything else stays as written.
pub fn name_of(text: &str) -> String {
    let text = text.trim();
    let primary = text.split(['-', '_']).next().unwrap_or_default();
    let matches = |(name, code, others): &&(&str, &str, &[&str])| {
        name.eq_ignore_ascii_case(text)
            || (text.len() <= 6
                && (code.eq_ignore_ascii_case(primary) && !code.is_empty()
                    || others.iter().any(|o| o.eq_ignore_ascii_case(primary))))
    };
    LANGUAGES.iter().find(matches).map_or_else(|| text.to_string(), |(name, _, _)| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_get_iso_codes_where_they_have_one() {
        assert_eq!(code_of("Polish"), Some("pl"));
        assert_eq!(code_of(" mandarin "), Some("zh"));
        assert_eq!(code_of("British Sign Language"), None);
        assert_eq!(code_of("Klingon"), None);
    }

    #[test]
    fn codes_read_as_names() {
        assert_eq!(name_of("en"), "English");
        assert_eq!(name_of("en-GB"), "English");
        assert_eq!(name_of("cym"), "Welsh");
        assert_eq!(name_of("zh"), "Chinese");
        assert_eq!(name_of("BSL"), "British Sign Language");
        assert_eq!(name_of("polish"), "Polish");
        assert_eq!(name_of("xx"), "xx");
    }

    #[test]
    fn every_published_code_reads_back_as_a_name_with_that_code() {
        for (name, _, _) in LANGUAGES {
            if let Some(code) = code_of(name) {
                assert_eq!(code_of(&name_of(code)), Some(code), "{name}");
            }
        }
    }
}
