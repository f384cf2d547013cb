//! Whole-index tests: what the writer hands the query script.

use super::*;
use crate::files::FileData;
use crate::search::{DocKind, MatchOnly};
use base64::Engine as _;

fn doc(url: &str, kind: DocKind, title: &str, body: &str) -> Arc<SearchDoc> {
    Arc::new(SearchDoc {
        url: url.into(),
        kind,
        title: title.into(),
        key_terms: vec![],
        summary: String::new(),
        body_html: format!("<p>{body}</p>").into(),
        match_only: Default::default(),
        filters: vec![("area", "Weymouth".into())],
        meta: vec![],
        filter_labels: Vec::new(),
        demoted: false,
    })
}

fn site() -> Vec<Arc<SearchDoc>> {
    vec![
        doc("/services/warm/", DocKind::Service, "Warm homes", "Help with heating and damp."),
        doc("/guidelines/copd/", DocKind::Guideline, "COPD", "Check inhaler technique at every review."),
        doc("/guidelines/asthma/", DocKind::Guideline, "Asthma", "Inhalers and spacers."),
    ]
}

fn index(docs: &[Arc<SearchDoc>]) -> BTreeMap<String, Vec<u8>> {
    write_index(docs, &Synonyms::new(&Default::default()))
        .into_iter()
        .map(|f| match f.data {
            FileData::Bytes(b) => (f.path, b.to_vec()),
            _ => panic!("the index is made in memory"),
        })
        .collect()
}

fn json(files: &BTreeMap<String, Vec<u8>>, path: &str) -> serde_json::Value {
    serde_json::from_slice(&files[&format!("{ROOT}{path}")]).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A filter file read back: value → documents.
fn filter(files: &BTreeMap<String, Vec<u8>>, path: &str) -> BTreeMap<String, Vec<u32>> {
    let bytes = &files[&format!("{ROOT}{path}")];
    let read = |at: &mut usize| -> usize {
        let (mut value, mut shift) = (0usize, 0);
        loop {
            let byte = bytes[*at];
            *at += 1;
            value |= usize::from(byte & 0x7f) << shift;
            shift += 7;
            if byte & 0x80 == 0 {
                return value;
            }
        }
    };
    let mut at = 0;
    let count = read(&mut at);
    (0..count)
        .map(|_| {
            let name_len = read(&mut at);
            let name = String::from_utf8(bytes[at..at + name_len].to_vec()).unwrap();
            at += name_len;
            let set_len = read(&mut at);
            let docs = postings::decode_doc_set(&bytes[at..at + set_len]).unwrap();
            at += set_len;
            (name, docs)
        })
        .collect()
}

/// The URLs of the documents a surface form finds, as the script looks it up.
fn find(files: &BTreeMap<String, Vec<u8>>, form: &str) -> Vec<String> {
    let meta = json(files, json(files, "entry.json")["meta"].as_str().unwrap());
    let shards = meta["shards"].as_array().unwrap();
    let shard = shards.iter().rev().find(|s| s[0].as_str().unwrap() <= form).unwrap_or(&shards[0]);
    let shard = json(files, shard[1].as_str().unwrap());
    let Some(entry) = shard["forms"].as_array().unwrap().iter().find(|f| f[0] == form) else { return vec![] };
    let term = &shard["terms"][entry[1].as_u64().unwrap() as usize];
    let bytes = match &term[2] {
        serde_json::Value::String(b64) => base64::engine::general_purpose::STANDARD.decode(b64).unwrap(),
        files_of_term => files[&format!("{ROOT}{}", files_of_term["head"].as_str().unwrap())].clone(),
    };
    let group = meta["fragment_group"].as_u64().unwrap();
    postings::decode(&bytes)
        .unwrap()
        .iter()
        .map(|p| {
            let hash = meta["fragments"][(u64::from(p.doc) / group) as usize].as_str().unwrap();
            json(files, &format!("fragments/{hash}/{}.json", p.doc))["url"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn every_surface_form_finds_the_documents_of_its_stem() {
    let files = index(&site());
    assert_eq!(find(&files, "inhalers"), ["/guidelines/asthma/", "/guidelines/copd/"], "docs in URL order");
    assert_eq!(find(&files, "inhaler"), find(&files, "inhalers"));
    assert_eq!(find(&files, "copd"), ["/guidelines/copd/"]);
    assert!(find(&files, "salbutamol").is_empty());
}

#[test]
fn the_same_documents_give_the_same_bytes_in_any_order() {
    let mut reversed = site();
    reversed.reverse();
    assert_eq!(index(&site()), index(&reversed));
}

#[test]
fn a_changed_document_changes_the_names_of_what_it_touches_only() {
    let before = index(&site());
    let mut changed = site();
    changed[0] = doc("/services/warm/", DocKind::Service, "Warm homes", "Help with heating and mould.");
    let after = index(&changed);
    assert_ne!(json(&before, "entry.json")["meta"], json(&after, "entry.json")["meta"]);
    // entry.json is the one file with a fixed name: it points at the new meta.
    let unchanged: Vec<&String> =
        before.keys().filter(|path| after.contains_key(*path) && !path.ends_with("entry.json")).collect();
    assert!(unchanged.iter().any(|p| p.contains("/filters/")), "filters did not change: {unchanged:?}");
    for path in unchanged {
        assert_eq!(before[path], after[path], "{path} kept its name, so it must keep its bytes");
    }
}

#[test]
fn filters_synonyms_and_vocabulary_are_written_and_named_in_meta() {
    let files = index(&site());
    let meta = json(&files, json(&files, "entry.json")["meta"].as_str().unwrap());
    assert_eq!(meta["docs"], 3);
    let types = filter(&files, meta["filters"]["type"].as_str().unwrap());
    assert_eq!(types["Guideline"], [0, 1], "asthma and copd, numbered by URL");
    let area = filter(&files, meta["filters"]["area"].as_str().unwrap());
    assert!(area.contains_key("Weymouth"));
    let synonyms = json(&files, meta["synonyms"].as_str().unwrap());
    let copd = synonyms["groups"].as_array().unwrap().iter().find(|g| g[0] == serde_json::json!(["copd"])).unwrap();
    assert!(copd.as_array().unwrap().contains(&serde_json::json!(["chronic", "obstructive", "pulmonary", "disease"])));
    let bucket = |letter: &str| -> Vec<String> {
        let words = json(&files, meta["vocabulary"][letter].as_str().unwrap());
        words["words"].as_array().unwrap().iter().map(|w| w.as_str().unwrap().to_string()).collect()
    };
    let i = bucket("i");
    assert!(i.contains(&"inhalers".to_string()) && i.iter().all(|w| w.starts_with('i')), "{i:?}");
    assert!(bucket("s").contains(&"salbutamol".to_string()), "synonym words are corrected towards");
    assert!(!bucket("c").contains(&"copd".to_string()), "short words are not corrected towards");
}

#[test]
fn a_large_site_splits_common_words_and_stays_byte_identical_across_chunks() {
    // More documents than one analysis chunk and than a term's head.
    let n = dictionary::HEAD_POSTINGS + 100;
    let docs: Vec<Arc<SearchDoc>> = (0..n)
        .map(|i| {
            let body = if i % 7 == 0 { "Common advice, repeated: common." } else { "Common advice." };
            doc(&format!("/services/s{i:05}/"), DocKind::Service, &format!("Service {i}"), body)
        })
        .collect();
    let files = index(&docs);
    let mut reversed = docs.clone();
    reversed.reverse();
    assert!(files == index(&reversed), "same documents, same bytes, whatever the order");

    let meta = json(&files, json(&files, "entry.json")["meta"].as_str().unwrap());
    assert_eq!(meta["fragments"].as_array().unwrap().len(), n.div_ceil(FRAGMENT_GROUP));
    let shard = meta["shards"].as_array().unwrap().iter().rev().find(|s| s[0].as_str().unwrap() <= "common").unwrap();
    let shard = json(&files, shard[1].as_str().unwrap());
    let entry = shard["forms"].as_array().unwrap().iter().find(|f| f[0] == "common").unwrap();
    let term = &shard["terms"][entry[1].as_u64().unwrap() as usize];
    assert_eq!(term[1], n);
    let head = postings::decode(&files[&format!("{ROOT}{}", term[2]["head"].as_str().unwrap())]).unwrap();
    let tail = postings::decode(&files[&format!("{ROOT}{}", term[2]["tail"].as_str().unwrap())]).unwrap();
    assert_eq!((head.len(), tail.len()), (dictionary::HEAD_POSTINGS, 100));
    assert!(
        head.iter().filter(|p| p.doc % 7 == 0).count() == n.div_ceil(7),
        "documents saying it twice are all in the head"
    );
    assert!(head.iter().all(|p| u64::from(p.impact) >= term[2]["tail_max"].as_u64().unwrap()));
}

fn as_map(files: Vec<OutputFile>) -> BTreeMap<String, Vec<u8>> {
    files
        .into_iter()
        .map(|f| match f.data {
            FileData::Bytes(b) => (f.path, b.to_vec()),
            _ => panic!("the index is made in memory"),
        })
        .collect()
}

/// Enough documents that common words get postings files and fragments
/// fill more than one group.
fn larger_site() -> Vec<Arc<SearchDoc>> {
    let mut docs = site();
    docs.extend((0..300).map(|i| {
        let body = format!("Common advice for clinic {i}, repeated{}.", " common".repeat(i % 4));
        doc(&format!("/services/s{i:03}/"), DocKind::Service, &format!("Service {i}"), &body)
    }));
    docs
}

#[test]
fn an_incremental_index_writes_the_same_bytes_as_a_first_write_after_every_change() {
    let synonyms = Synonyms::new(&Default::default());
    let mut kept = IncrementalIndex::default();
    let mut docs = larger_site();
    type Change = fn(&mut Vec<Arc<SearchDoc>>);
    let changes: [(&str, Change, usize); 9] = [
        ("the first write", |_| {}, 303),
        ("nothing changed", |_| {}, 0),
        (
            "a body changed",
            |d| d[1] = doc("/guidelines/copd/", DocKind::Guideline, "COPD", "Confirm with spirometry."),
            1,
        ),
        ("an equal document in a new Arc", |d| d[2] = Arc::new(SearchDoc::clone(&d[2])), 0),
        (
            "a document was added",
            |d| d.push(doc("/guidelines/bronchiectasis/", DocKind::Guideline, "Bronchiectasis", "Airway clearance.")),
            1,
        ),
        ("a document was removed", |d| drop(d.remove(0)), 0),
        ("a document was demoted", |d| d[1] = Arc::new(SearchDoc { demoted: true, ..SearchDoc::clone(&d[1]) }), 1),
        (
            "a filter changed and the only document with a word lost it",
            |d| {
                let last = d.len() - 1;
                d[last] = Arc::new(SearchDoc {
                    filters: vec![("area", "Dorchester".into())],
                    body_html: "<p>Sputum clearance.</p>".into(),
                    ..SearchDoc::clone(&d[last])
                })
            },
            1,
        ),
        (
            "common words changed in many documents",
            |d| {
                for (i, doc) in d.iter_mut().enumerate().filter(|(i, _)| i % 3 == 0) {
                    *doc = Arc::new(SearchDoc {
                        body_html: format!("<p>Common again {i}.</p>").into(),
                        ..SearchDoc::clone(doc)
                    });
                }
            },
            101,
        ),
    ];
    for (what, change, analysed) in changes {
        change(&mut docs);
        let incremental = as_map(kept.write(&docs, &synonyms));
        assert!(incremental == index(&docs), "{what}: the files differ from a first write of the same documents");
        assert_eq!(kept.analysed_in_last_write(), analysed, "{what}: documents analysed");
    }
}

/// The impact of `form` in each document that has it, by URL.
fn impacts(files: &BTreeMap<String, Vec<u8>>, form: &str) -> BTreeMap<String, u8> {
    let meta = json(files, json(files, "entry.json")["meta"].as_str().unwrap());
    let shard = json(files, meta["shards"][0][1].as_str().unwrap());
    let entry = shard["forms"].as_array().unwrap().iter().find(|f| f[0] == form).unwrap();
    let term = &shard["terms"][entry[1].as_u64().unwrap() as usize];
    let bytes = base64::engine::general_purpose::STANDARD.decode(term[2].as_str().unwrap()).unwrap();
    find(files, form).into_iter().zip(postings::decode(&bytes).unwrap()).map(|(url, p)| (url, p.impact)).collect()
}

#[test]
fn matching_only_text_finds_a_page_but_never_reaches_its_fragment() {
    let mut service = SearchDoc::clone(&doc("/services/warm/", DocKind::Service, "Warm homes", "Help with heating."));
    service.summary = "Anyone in Dorset.".into();
    service.match_only = MatchOnly { summary: "Example Council".into(), body: "Serves every area: Weymouth.".into() };
    let files = index(&[Arc::new(service)]);
    assert_eq!(find(&files, "weymouth"), ["/services/warm/"]);
    assert_eq!(find(&files, "council"), ["/services/warm/"]);
    let fragment = files.iter().find(|(path, _)| path.contains("/fragments/")).unwrap().1;
    let fragment = String::from_utf8_lossy(fragment);
    assert!(!fragment.contains("Weymouth") && !fragment.contains("Council"), "{fragment}");
    assert!(fragment.contains("Anyone in Dorset.") && fragment.contains("Help with heating."), "{fragment}");
}

#[test]
fn a_guideline_outranks_a_service_that_matches_a_clinical_term_as_well() {
    // "Breathlessness" titles both; it is a clinical term as a guideline's
    // title holds it. "Dorset" titles neither guideline: no prior.
    let docs = [
        doc("/guidelines/breathlessness/", DocKind::Guideline, "Breathlessness", "Assess. Dorset."),
        doc("/services/clinic/", DocKind::Service, "Breathlessness clinic", "Assess. Dorset."),
        doc("/services/dorset/", DocKind::Service, "Dorset advice", "Assess."),
    ];
    let files = index(&docs);
    let breathless = impacts(&files, "breathlessness");
    assert!(breathless["/guidelines/breathlessness/"] > breathless["/services/clinic/"], "{breathless:?}");
    let assess = impacts(&files, "assess");
    assert_eq!(assess["/guidelines/breathlessness/"], assess["/services/clinic/"], "a body word in no guideline title");
}
