//! The index writer, keeping what it worked out between writes, so the
//! preview can re-index on every save (issue 9): a document that did not
//! change is not analysed again, and a term whose postings did not change
//! keeps its encoded entry and postings files. What is left to do on every
//! write is cheap arithmetic over numbers (impacts, which move with the
//! average field lengths) and assembling bytes already made (shards,
//! fragment groups, meta).
//!
//! The output is the same, byte for byte, as a first write of the same
//! documents: [`super::write_index`] is exactly that.

use super::dictionary::{self, TermEntry};
use super::documents;
use super::files::Files;
use super::lexicon::Lexicon;
use super::postings::{self, Posting};
use super::{ROOT, ranking, words};
use crate::files::{FileData, OutputFile};
use crate::search::{DocKind, FilterLabel, MatchOnly, SearchDoc, Synonyms};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;
use std::time::Instant;
use xxhash_rust::xxh3::Xxh3;

/// A search index kept in memory between writes. Call [`Self::write`] with
/// the whole set of documents each time; it finds what changed itself.
#[derive(Default)]
pub struct IncrementalIndex {
    lexicon: Lexicon,
    /// By URL: the document last indexed there and its analysis.
    docs: HashMap<String, DocRecord>,
    /// By stem id: the postings last written and their encoded entry; `None`
    /// for a stem no document holds any more.
    terms: Vec<Option<KeptTerm>>,
    analysed_in_last_write: usize,
}

/// One document as last indexed.
#[derive(Clone)]
struct DocRecord {
    /// Held, not only compared: while the record keeps the `Arc` alive, no
    /// other document can be allocated at its address, so pointer equality
    /// means "the same document".
    doc: Arc<SearchDoc>,
    content: u64,
    analysis: Arc<DocAnalysis>,
}

/// What indexing needs of one document, in ids packed as varints: a term
/// takes about 6 bytes rather than 20 as plain numbers, tens of megabytes
/// less at 15,000 documents, kept for as long as the preview runs.
struct DocAnalysis {
    lengths: [u32; 4],
    /// By stem id: the gap from the last stem id, then the frequency in
    /// each field.
    terms: Box<[u8]>,
    /// Form ids, sorted, as gaps.
    forms: Box<[u8]>,
    fragment: Arc<[u8]>,
}

impl DocAnalysis {
    fn new(lengths: [u32; 4], mut terms: Vec<(u32, [u32; 4])>, mut forms: Vec<u32>, fragment: Arc<[u8]>) -> Self {
        terms.sort_unstable_by_key(|(stem, _)| *stem);
        let mut packed = Vec::with_capacity(terms.len() * 6);
        let mut previous = 0;
        for (stem, tf) in terms {
            postings::push_varint(&mut packed, stem - previous);
            previous = stem;
            tf.into_iter().for_each(|f| postings::push_varint(&mut packed, f));
        }
        forms.sort_unstable();
        DocAnalysis { lengths, terms: packed.into(), forms: postings::encode_docs(&forms).into(), fragment }
    }

    /// Each stem id with its frequency per field.
    fn terms(&self) -> impl Iterator<Item = (u32, [u32; 4])> + '_ {
        let mut values = postings::varints(&self.terms);
        let mut stem = 0;
        std::iter::from_fn(move || {
            stem += values.next()?;
            let mut tf = [0; 4];
            tf.iter_mut().for_each(|f| *f = values.next().expect("four frequencies follow each stem"));
            Some((stem, tf))
        })
    }

    fn forms(&self) -> impl Iterator<Item = u32> + '_ {
        postings::varints(&self.forms).scan(0, |form, gap| {
            *form += gap;
            Some(*form)
        })
    }
}

struct KeptTerm {
    postings: Vec<Posting>,
    entry: TermEntry,
}

impl IncrementalIndex {
    /// The index of `docs` as files under [`ROOT`], byte-identical to
    /// [`super::write_index`] of the same documents.
    pub fn write(&mut self, docs: &[Arc<SearchDoc>], synonyms: &Synonyms) -> Vec<OutputFile> {
        let mut timer = PhaseTimer::from_env();
        let mut ordered: Vec<&Arc<SearchDoc>> = docs.iter().collect();
        ordered.sort_by(|a, b| a.url.cmp(&b.url));
        let (records, analysed) = self.records(&ordered);
        timer.lap("analyse");

        let files = Files::default();
        let averages = ranking::Averages::of(records.iter().map(|r| r.analysis.lengths));
        let postings = postings_by_stem(&records, self.lexicon.stem_count(), averages);
        timer.lap("postings");
        self.update_terms(postings);
        for kept in self.terms.iter().flatten() {
            kept.entry.add_files_to(&files);
        }
        timer.lap("terms");

        let forms = self.forms_in(&records);
        let lexicon = &self.lexicon;
        let terms = &self.terms;
        let entry_of = |stem: u32| &terms[stem as usize].as_ref().expect("a form in a document has postings").entry;
        let shards = dictionary::write_shards(
            forms.iter().map(|&form| {
                let stem = lexicon.stem_of(form);
                (lexicon.form(form), lexicon.stem(stem), entry_of(stem))
            }),
            dictionary::SHARD_BYTES,
            &files,
        );
        timer.lap("shards");

        let fragments = super::write_fragments(records.iter().map(|r| &r.analysis.fragment), &files);
        let docs_in_order: Vec<&SearchDoc> = records.iter().map(|r| r.doc.as_ref()).collect();
        let filters = super::write_filters(&docs_in_order, &files);
        let filter_labels = super::filter_labels(&docs_in_order);
        let document_frequency = |stem: u32| terms[stem as usize].as_ref().map_or(0, |t| t.postings.len());
        let words: Vec<(&str, usize)> =
            forms.iter().map(|&form| (lexicon.form(form), document_frequency(lexicon.stem_of(form)))).collect();
        let vocabulary = super::write_vocabulary(words, synonyms, &files);
        let synonyms_file = files.hashed("synonyms.", "json", super::synonyms_json(synonyms).into_bytes());
        let known_words = super::known::write_known_words(&files);
        timer.lap("rest");

        super::write_meta(
            super::Tables {
                docs: records.len(),
                averages,
                shards,
                fragments,
                filters,
                filter_labels,
                synonyms: synonyms_file,
                vocabulary,
                known_words,
                demoted_docs: super::demoted_docs(&docs_in_order),
            },
            &files,
        );
        let out = files
            .take()
            .into_iter()
            .map(|(path, bytes)| OutputFile { path: format!("{ROOT}{path}"), data: FileData::Bytes(bytes) })
            .collect();
        timer.lap("files");
        timer.report(analysed, records.len());
        self.analysed_in_last_write = analysed;
        out
    }

    /// How many documents the last write had to analyse: the rest were kept.
    pub fn analysed_in_last_write(&self) -> usize {
        self.analysed_in_last_write
    }

    /// Each document's record, in the order given, analysing only those not
    /// kept from the last write; keeps these records for the next. Also
    /// says how many were analysed.
    fn records(&mut self, ordered: &[&Arc<SearchDoc>]) -> (Vec<DocRecord>, usize) {
        let found: Vec<(u64, Option<Arc<DocAnalysis>>)> = ordered.par_iter().map(|doc| self.kept(doc)).collect();
        let missing: Vec<&SearchDoc> =
            ordered.iter().zip(&found).filter(|(_, (_, kept))| kept.is_none()).map(|(doc, _)| doc.as_ref()).collect();
        let mut analysed = self.analyse(&missing).into_iter();
        let records: Vec<DocRecord> = ordered
            .iter()
            .zip(found)
            .map(|(doc, (content, kept))| DocRecord {
                doc: Arc::clone(doc),
                content,
                analysis: kept.unwrap_or_else(|| analysed.next().expect("one analysis per missing document")),
            })
            .collect();
        self.docs = records.iter().map(|r| (r.doc.url.clone(), r.clone())).collect();
        (records, missing.len())
    }

    /// `doc`'s content hash, and its kept analysis when it has one: the same
    /// `Arc` as last time, or an equal document rebuilt (the render stage
    /// makes a new one when anything about its page changed, search fields
    /// or not).
    fn kept(&self, doc: &Arc<SearchDoc>) -> (u64, Option<Arc<DocAnalysis>>) {
        match self.docs.get(&doc.url) {
            Some(kept) if Arc::ptr_eq(&kept.doc, doc) => (kept.content, Some(kept.analysis.clone())),
            kept => {
                let content = content_hash(doc);
                (content, kept.filter(|k| k.content == content).map(|k| k.analysis.clone()))
            }
        }
    }

    fn analyse(&mut self, docs: &[&SearchDoc]) -> Vec<Arc<DocAnalysis>> {
        let lexicon = self.lexicon.shared();
        docs.par_iter()
            .map(|doc| {
                let a = words::with_stems(|stems| documents::analyse(doc, stems, &lexicon));
                let fragment = documents::fragment(doc, &a.sections).into();
                Arc::new(DocAnalysis::new(a.lengths, a.terms, a.forms, fragment))
            })
            .collect()
    }

    /// Keeps each stem's new postings; encodes the entries of those that
    /// changed, and only those.
    fn update_terms(&mut self, postings: Vec<Vec<Posting>>) {
        self.terms.resize_with(postings.len(), || None);
        let lexicon = &self.lexicon;
        self.terms.par_iter_mut().zip(postings).enumerate().for_each(|(stem, (kept, list))| {
            if list.is_empty() {
                *kept = None;
            } else if !kept.as_ref().is_some_and(|k| k.postings == list) {
                let entry = dictionary::term_entry(lexicon.stem(stem as u32), &list);
                *kept = Some(KeptTerm { postings: list, entry });
            }
        });
    }

    /// The forms the documents hold, sorted by form.
    fn forms_in(&mut self, records: &[DocRecord]) -> Vec<u32> {
        let mut present = vec![false; self.lexicon.form_count()];
        for record in records {
            for form in record.analysis.forms() {
                present[form as usize] = true;
            }
        }
        self.lexicon.sorted_forms().iter().copied().filter(|&form| present[form as usize]).collect()
    }
}

/// Every stem's postings, by stem id, each in document order.
fn postings_by_stem(records: &[DocRecord], stems: usize, averages: ranking::Averages) -> Vec<Vec<Posting>> {
    let clinical = clinical_stems(records, stems);
    let mut lists: Vec<Vec<Posting>> = (0..stems).map(|_| Vec::new()).collect();
    for (n, record) in records.iter().enumerate() {
        let a = &record.analysis;
        let guideline = record.doc.kind == DocKind::Guideline;
        for (stem, tf) in a.terms() {
            let scale = ranking::doc_scale(record.doc.demoted, !guideline && clinical[stem as usize]);
            let impact = ranking::impact(tf, a.lengths, averages, scale);
            lists[stem as usize].push(Posting { doc: n as u32, impact });
        }
    }
    lists
}

/// By stem id: whether the stem is a clinical term, in the title or
/// conditions (key terms) of a current guideline (`ranking::ELSEWHERE_ON_CLINICAL`).
/// Worked out on every write, as impacts are, so an edit that adds or drops
/// a condition moves them.
fn clinical_stems(records: &[DocRecord], stems: usize) -> Vec<bool> {
    let mut clinical = vec![false; stems];
    for record in records.iter().filter(|r| r.doc.kind == DocKind::Guideline && !r.doc.demoted) {
        for (stem, tf) in record.analysis.terms() {
            if tf[0] > 0 || tf[1] > 0 {
                clinical[stem as usize] = true;
            }
        }
    }
    clinical
}

/// A hash of everything in `doc`, to know an unchanged document in a new
/// `Arc`. Every field is named, so a field added to [`SearchDoc`] fails to
/// compile here instead of leaving its changes unindexed. 64 bits: two
/// different versions of one page colliding is not a practical worry.
fn content_hash(doc: &SearchDoc) -> u64 {
    let SearchDoc {
        url,
        kind,
        title,
        key_terms,
        summary,
        body_html,
        match_only,
        filters,
        filter_labels,
        meta,
        demoted,
    } = doc;
    let MatchOnly { summary: hidden_summary, body: hidden_body } = match_only;
    let mut hash = ContentHasher(Xxh3::new());
    for text in [url.as_str(), kind.label(), title, summary, body_html, hidden_summary, hidden_body] {
        hash.text(text);
    }
    hash.count(key_terms.len());
    key_terms.iter().for_each(|term| hash.text(term));
    for pairs in [filters, meta] {
        hash.count(pairs.len());
        for (name, value) in pairs {
            hash.text(name);
            hash.text(value);
        }
    }
    hash.count(filter_labels.len());
    for FilterLabel { name, value, label, order, depth } in filter_labels {
        [*name, value, label].into_iter().for_each(|text| hash.text(text));
        hash.count(*order);
        hash.count(*depth);
    }
    hash.count(usize::from(*demoted));
    hash.0.digest()
}

/// Lengths go in before text, so moving characters between two fields
/// changes the hash.
struct ContentHasher(Xxh3);

impl ContentHasher {
    fn count(&mut self, n: usize) {
        self.0.update(&(n as u64).to_le_bytes());
    }

    fn text(&mut self, text: &str) {
        self.count(text.len());
        self.0.update(text.as_bytes());
    }
}

/// With `SIGNPOST_TIMINGS` set, one line per write: how long it took, how
/// many documents it analysed, and where the time went.
struct PhaseTimer {
    started: Instant,
    last: Instant,
    laps: Option<Vec<(&'static str, f64)>>,
}

impl PhaseTimer {
    fn from_env() -> Self {
        let now = Instant::now();
        PhaseTimer { started: now, last: now, laps: std::env::var_os("SIGNPOST_TIMINGS").map(|_| Vec::new()) }
    }

    fn lap(&mut self, phase: &'static str) {
        if let Some(laps) = &mut self.laps {
            let now = Instant::now();
            laps.push((phase, (now - self.last).as_secs_f64() * 1000.0));
            self.last = now;
        }
    }

    fn report(&self, analysed: usize, docs: usize) {
        let Some(laps) = &self.laps else { return };
        let phases: Vec<String> = laps.iter().map(|(phase, ms)| format!("{phase} {ms:.1}ms")).collect();
        eprintln!(
            "timing: search engine write: {:.1}ms, {analysed} of {docs} documents analysed ({})",
            self.started.elapsed().as_secs_f64() * 1000.0,
            phases.join(", ")
        );
    }
}
